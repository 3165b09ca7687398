// netkit route: does traffic to a destination go straight onto one of this host's
// networks, or through a router, and which route says so? A lookup in the route
// table (longest prefix, then metric): nothing is sent.

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Address } from '../../core/address.js';
import type { HostAddress, Route } from '../../core/routes.js';
import type { RouteEntry } from '../render/route.js';

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('route')
    .description('how traffic to a destination leaves this host: on-link (no router) or via which gateway, from which route')
    .argument('<destination...>', 'addresses (10.0.0.7, 2001:db8::1, fe80::1%eth0) or names (resolved with the system resolver); "-" reads them from stdin, one a line');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
A computation on the route table: longest matching prefix first, then lowest metric.
Nothing is sent to the destination.

Examples:
  netkit route 192.168.1.20            (on-link: same network as this host, under its mask)
  netkit route 9.9.9.9 2620:fe::fe     (via the default gateway)
  netkit route example.com --json

Exit codes: 0 every destination has a route, 1 some destination is unreachable or a name
does not exist, 2 usage or input error, 9 no reply from the resolver.`,
  );
  cmd.action(wrap(run));
};

/** Does the text look like an attempt at an address (so a typo is an address error, not a DNS lookup)? */
function looksLikeAddress(text: string): boolean {
  return text.includes(':') || /^[0-9.]+$/.test(text) || text.includes('/');
}

export async function routeEntry(input: string, dest: Address, routes: Route[], hosts: HostAddress[]): Promise<RouteEntry> {
  const [{ decideRoute, hostNetwork, isLinkScopedDestination }, { netmaskOf }, { isLinkLocal, isMulticast }] = await Promise.all([
    import('../../core/routes.js'),
    import('../../core/mask.js'),
    import('../../core/special.js'),
  ]);
  let note: string | null = null;
  if (dest.is4In6) {
    note = `${dest} is IPv4-mapped: looked up as ${dest.unmap()}`;
    dest = dest.unmap();
  }
  // A numeric zone is an interface index (fe80::1%3, as Windows and getaddrinfo write it): name it.
  if (/^\d+$/.test(dest.zone)) {
    const named = hosts.find((h) => h.scopeId === Number(dest.zone));
    if (named) dest = dest.withZone(named.interface);
  }
  const d = decideRoute(routes, hosts, dest);
  const net = d.network;
  if (d.kind === 'gateway' && net) {
    note = `${dest} is inside ${hostNetwork(net)} (${net.interface}), but the more specific route ${d.route!.destination} sends it to ${d.gateway}`;
  }
  if (d.kind === 'on-link' && d.route?.gateway && isLinkScopedDestination(dest.withoutZone())) {
    const what = isMulticast(dest.withoutZone()) ? 'multicast' : 'the limited broadcast';
    note = `${dest} is ${what}: route ${d.route.destination} picks the link (${d.interface}), but such packets are never sent to its gateway ${d.route.gateway}`;
  }
  if (dest.version === 6 && isLinkLocal(dest) && !dest.zone) {
    note = `a link-local address needs a zone (${dest}%interface) to say which link; this is the first match`;
  }
  return {
    input,
    destination: dest.withoutZone().toString(),
    zone: dest.zone || null,
    family: dest.version,
    kind: d.kind,
    onLink: d.kind === 'on-link' || d.kind === 'local',
    interface: d.interface,
    gateway: d.gateway ? d.gateway.withoutZone().toString() : null,
    route: d.route ? d.route.destination.toString() : null,
    metric: d.route ? d.route.metric : null,
    network: net ? hostNetwork(net).toString() : null,
    prefixLength: net ? net.prefixLength : null,
    netmask: net ? netmaskOf(net.address.version, net.prefixLength).toString() : null,
    hostAddress: net ? net.address.toString() : null,
    hostInterface: net ? net.interface : null,
    sourceAddress: d.source ? d.source.address.toString() : null,
    note,
  };
}

/** The addresses a destination stands for: itself, or what the system resolver says a name is. */
async function destinations(text: string): Promise<Address[]> {
  const { parseAddress } = await import('../../core/address.js');
  if (looksLikeAddress(text)) {
    if (text.includes('/')) throw new UsageError(`"${text}" is a network: give an address (or a name) to route to`);
    return [parseAddress(text)];
  }
  // Only a host name (RFC 1123) goes to the system resolver; anything else is refused here.
  const [{ parseHostName }, { NetkitError }] = await Promise.all([import('../../core/dnsname.js'), import('../../core/errors.js')]);
  let name: string;
  try {
    name = parseHostName(text);
  } catch (e) {
    if (!(e instanceof NetkitError)) throw e;
    throw new CliError(`invalid destination ${JSON.stringify(text)}: neither an address nor a host name`, EXIT.INPUT);
  }
  if (text.endsWith('.')) name += '.'; // absolute: the resolver appends no search domain
  const { lookupAll } = await import('../../io/routes/resolve.js');
  const found = await lookupAll(name);
  if (!Array.isArray(found)) {
    if (found.reason === 'no such name') throw new CliError(`cannot resolve "${text}": no such name`, EXIT.NO);
    if (found.reason === 'no reply') throw new CliError(`cannot resolve "${text}": no reply from the resolver`, EXIT.NO_REPLY);
    throw new CliError(`cannot resolve "${text}": ${found.code ?? found.message}`, EXIT.INPUT);
  }
  return found.map((a) => parseAddress(a));
}

async function run(ctx: Context, _opts: OutputOptions, inputs: string[]): Promise<void> {
  const { loadHostTables } = await import('../../io/host-tables.js');
  const { routes, hosts } = await loadHostTables();
  const render = ctx.json ? null : await import('../render/route.js');
  let first = true;
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError('"-" (stdin) given more than once');
  // '-' reads destinations from stdin, one a line (blank lines and # comments skipped), in argument order.
  async function* each(): AsyncGenerator<[string, string | undefined, number | null]> {
    for (const input of inputs) {
      if (input !== '-') {
        yield [input, undefined, null];
        continue;
      }
      for await (const { text, lineNo } of ctx.stdinLines()) {
        const t = text.trim();
        if (t !== '' && !t.startsWith('#')) yield [t, `stdin line ${lineNo}`, lineNo];
      }
    }
  }
  for await (const [input, where, lineNo] of each()) {
    let addrs: Address[];
    try {
      addrs = await destinations(input);
    } catch (e) {
      ctx.reportInputError(e, where);
      // in JSON a bad input keeps its place in the stream: {input, line, error}
      if (ctx.json) ctx.errorRecord(input, lineNo, e);
      continue;
    }
    for (const a of addrs) {
      // A zone names a link of this host: one it does not have is a typo, not an unreachable destination.
      if (a.zone && !hosts.some((h) => h.interface === a.zone || String(h.scopeId) === a.zone)) {
        const names = [...new Set(hosts.map((h) => h.interface))].sort().join(', ');
        const e = new UsageError(`"${input}": this host has no interface ${a.zone}${/^\d+$/.test(a.zone) ? ' (by index)' : ''}; it has ${names || 'none'}`);
        ctx.reportInputError(e, where);
        if (ctx.json) ctx.errorRecord(input, lineNo, e);
        continue;
      }
      const entry = await routeEntry(input, a, routes, hosts);
      if (entry.kind === 'unreachable') ctx.setExit(EXIT.NO);
      if (render) {
        if (!first) ctx.line();
        ctx.out.write(ctx.fit(render.renderRoute(entry, ctx.style, ctx.width)));
      } else ctx.jsonLine(entry);
      first = false;
    }
  }
}
