// netkit interfaces: the networks this host is directly on, one row per address.

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import type { HostAddress } from '../../core/routes.js';
import type { InterfaceEntry } from '../render/interfaces.js';

interface Options extends OutputOptions {
  all?: boolean;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('interfaces')
    .description("this host's addresses, one row per address: network, broadcast, MAC, zone, classification")
    .option('-a, --all', 'include loopback and other internal addresses');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit interfaces
  netkit interfaces --all --json | jq -r 'select(.family == 4) | .network'

Exit codes: 0 addresses listed, 1 none to list (without --all: only loopback), 2 usage error.`,
  );
  cmd.action(wrap(run));
};

/** A short word for what kind of address it is, from the registry classification. */
function kindOf(c: import('../../core/special.js').Classification, version: 4 | 6): string {
  if (c.isLoopback) return 'loopback';
  if (c.isLinkLocal) return 'link-local';
  if (c.isMulticast) return 'multicast';
  if (c.isPrivate) return version === 4 ? 'private' : 'unique-local';
  if (c.special?.block === '100.64.0.0/10') return 'shared (CGN)';
  if (c.special && !c.special.globallyReachable) return c.special.name.toLowerCase();
  return c.isGloballyReachable ? 'global' : 'not globally reachable';
}

export async function interfaceEntries(hosts: HostAddress[]): Promise<InterfaceEntry[]> {
  const [{ classify }, { Subnet }] = await Promise.all([import('../../core/special.js'), import('../../core/network.js')]);
  return hosts.map((h) => {
    const s = new Subnet(h.address, h.prefixLength);
    const c = classify(h.address);
    const version = h.address.version;
    return {
      interface: h.interface,
      family: version,
      address: h.address.toString(),
      prefixLength: h.prefixLength,
      netmask: s.netmask.toString(),
      network: s.network.toString(),
      broadcast: s.broadcast?.toString() ?? null,
      mac: h.mac,
      internal: h.internal,
      zone: h.scopeId !== null ? h.interface : null,
      scopeId: h.scopeId,
      special: c.special,
      kind: kindOf(c, version),
      isPrivate: c.isPrivate,
      isLoopback: c.isLoopback,
      isLinkLocal: c.isLinkLocal,
      isGloballyReachable: c.isGloballyReachable,
    };
  });
}

async function run(ctx: Context, opts: Options): Promise<void> {
  const { listHostAddresses } = await import('../../io/interfaces.js');
  const all = await interfaceEntries(listHostAddresses());
  const shown = opts.all ? all : all.filter((e) => !e.internal && !e.isLoopback);
  if (shown.length === 0) {
    throw new CliError(
      opts.all ? 'this host has no addresses' : 'no addresses besides loopback and internal ones (--all lists those)',
      EXIT.NO,
    );
  }
  if (ctx.json) {
    for (const e of shown) ctx.jsonLine(e);
    return;
  }
  const { renderInterfaces } = await import('../render/interfaces.js');
  ctx.out.write(renderInterfaces(shown, ctx.style, ctx.width));
}
