// routeEntry on an injected table: the decisions `netkit route` prints, for
// destinations whose answer does not follow from the longest prefix alone.
import { describe, expect, it } from 'vitest';
import { routeEntry } from '../../src/cli/commands/route.js';
import { parseAddress } from '../../src/core/address.js';
import { Prefix } from '../../src/core/prefix.js';
import type { HostAddress, Route } from '../../src/core/routes.js';

const route = (cidr: string, gw: string | null, iface: string, metric = 0): Route => {
  const [a, l] = cidr.split('/');
  return { destination: new Prefix(parseAddress(a!), Number(l)).masked(), gateway: gw ? parseAddress(gw) : null, interface: iface, metric, kind: 'unicast' };
};
const host = (iface: string, cidr: string): HostAddress => {
  const [a, l] = cidr.split('/');
  return { interface: iface, address: parseAddress(a!), prefixLength: Number(l), mac: null, internal: false, scopeId: null };
};

// eth0 on 192.0.2.0/24 with a default via 192.0.2.1; IPv6 with a default and no ff00::/8 route.
const routes = [route('0.0.0.0/0', '192.0.2.1', 'eth0'), route('192.0.2.0/24', null, 'eth0'), route('::/0', 'fd00::1', 'eth0', 1024)];
const hosts = [host('eth0', '192.0.2.2/24'), host('eth0', 'fd00::2/64')];
const entry = (d: string) => routeEntry(d, parseAddress(d), routes, hosts);

describe('route: multicast and the limited broadcast never go to a gateway', () => {
  it.each(['224.0.0.1', '239.255.255.250', '255.255.255.255', 'ff0e::1'])('%s: on-link through the route’s interface', async (d) => {
    const e = await entry(d);
    expect(e).toMatchObject({ kind: 'on-link', onLink: true, interface: 'eth0', gateway: null });
    expect(e.route).toBe(d.includes(':') ? '::/0' : '0.0.0.0/0');
    expect(e.note).toMatch(/never sent to its gateway/);
  });
  it('a unicast address beside them still goes through the gateway', async () => {
    expect(await entry('198.51.100.7')).toMatchObject({ kind: 'gateway', gateway: '192.0.2.1', note: null });
  });
});
