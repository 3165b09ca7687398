// netkit gateway: the default routes of this host, best first, with the address
// and network the host has on each route's interface.

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Route, HostAddress } from '../../core/routes.js';
import type { GatewayEntry } from '../render/gateway.js';

interface Options extends OutputOptions {
  ipv4?: boolean;
  ipv6?: boolean;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('gateway')
    .description("this host's default routes, best first: gateway, interface, metric, and the host's address there")
    .option('-4, --ipv4', 'IPv4 default routes only')
    .option('-6, --ipv6', 'IPv6 default routes only');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Reads the kernel's table (Linux /proc/net/route and /proc/net/ipv6_route), netstat -rn
(macOS, BSD) or Get-NetRoute (Windows). Sends nothing.

Examples:
  netkit gateway
  netkit gateway -4 --json | jq -r 'select(.primary) | .gateway'
  netkit gateway -6                 (IPv6 link-local routers come with their zone: fe80::1%eth0; in --json a separate zone field)

Exit codes: 0 a default route exists, 1 none ("this host reaches only its directly
connected networks"), 2 usage error or an unreadable route table.`,
  );
  cmd.action(wrap(run));
};

/** The default routes as GatewayEntry records. */
export async function gatewayEntries(routes: Route[], hosts: HostAddress[], version?: 4 | 6): Promise<GatewayEntry[]> {
  const { defaultRoutes, hostNetwork, interfaceAddress, ownerOf } = await import('../../core/routes.js');
  const seen = new Set<number>();
  return defaultRoutes(routes, version).map((r) => {
    const family = r.destination.version;
    const iface = ownerOf(hosts, r.interfaceAddress) ?? r.interface;
    const own = interfaceAddress(hosts, iface, family, r.gateway);
    const primary = !seen.has(family);
    seen.add(family);
    return {
      family,
      gateway: r.gateway ? r.gateway.withoutZone().toString() : null,
      zone: r.gateway?.zone || null,
      interface: iface,
      metric: r.metric,
      sourceAddress: own ? own.address.toString() : null,
      network: own ? hostNetwork(own).toString() : null,
      deviceOnly: r.gateway === null,
      primary,
      scoped: Boolean(r.scoped),
    };
  });
}

async function run(ctx: Context, opts: Options): Promise<void> {
  if (opts.ipv4 && opts.ipv6) throw new UsageError('-4 and -6 are alternatives: give one, or neither for both families');
  const version = opts.ipv4 ? 4 : opts.ipv6 ? 6 : undefined;
  const { loadHostTables } = await import('../../io/host-tables.js');
  const { routes, hosts } = await loadHostTables();
  const entries = await gatewayEntries(routes, hosts, version);
  if (entries.length === 0) {
    throw new CliError(
      version
        ? `no IPv${version} default route: this host reaches only its directly connected IPv${version} networks`
        : 'no default route: this host reaches only its directly connected networks',
      EXIT.NO,
    );
  }
  if (ctx.json) {
    for (const e of entries) ctx.jsonLine(e);
    return;
  }
  const { renderGateway } = await import('../render/gateway.js');
  ctx.out.write(renderGateway(entries, ctx.style, ctx.width));
  if (process.platform === 'linux') {
    const { runningUnderWsl } = await import('../../io/routes/linux.js');
    if (await runningUnderWsl()) {
      ctx.warn("note: WSL: this is the WSL virtual machine's table; in NAT mode its gateway is the Windows host's virtual switch, not the LAN router");
    }
  }
}
