// Route selection, the default-route order and the on-link decision, on hand-built tables.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Address, parseAddress } from '../../src/core/address.js';
import { maskLength32 } from '../../src/core/mask.js';
import { parseNetwork, Prefix } from '../../src/core/prefix.js';
import {
  compareRoutes,
  connectedNetwork,
  decideRoute,
  defaultRoutes,
  interfaceAddress,
  lookupRoute,
  type HostAddress,
  type Route,
} from '../../src/core/routes.js';

const r = (dest: string, gw: string | null, iface: string, metric = 0, extra: Partial<Route> = {}): Route => ({
  destination: parseNetwork(dest),
  gateway: gw === null ? null : parseAddress(gw),
  interface: iface,
  metric,
  kind: 'unicast',
  ...extra,
});
const h = (iface: string, cidr: string, extra: Partial<HostAddress> = {}): HostAddress => {
  const [a, l] = cidr.split('/');
  return { interface: iface, address: parseAddress(a!), prefixLength: Number(l), mac: null, internal: false, scopeId: null, ...extra };
};

const TABLE: Route[] = [
  r('0.0.0.0/0', '192.168.1.1', 'wlan0', 600),
  r('0.0.0.0/0', '10.0.0.1', 'eth0', 100),
  r('10.0.0.0/24', null, 'eth0', 100),
  r('10.0.0.128/25', '10.0.0.9', 'eth0', 0),
  r('192.168.1.0/24', null, 'wlan0', 600),
  r('172.16.0.0/12', '10.0.0.7', 'eth0', 50),
  r('172.16.0.0/12', '10.0.0.8', 'eth0', 10),
  r('203.0.113.0/24', null, 'lo', 0, { kind: 'reject' }),
  r('::/0', 'fe80::1', 'eth0', 1024, { gateway: parseAddress('fe80::1%eth0') }),
  r('fd00::/64', null, 'eth0', 256),
  r('fe80::/64', null, 'eth0', 256),
  r('fe80::/64', null, 'wlan0', 256),
];
const HOSTS: HostAddress[] = [
  h('lo', '127.0.0.1/8', { internal: true }),
  h('lo', '::1/128', { internal: true }),
  h('eth0', '10.0.0.2/24'),
  h('eth0', 'fe80::2/64', { scopeId: 2 }),
  h('eth0', 'fd00::2/64'),
  h('wlan0', '192.168.1.50/24'),
  h('wlan0', 'fe80::50/64', { scopeId: 3 }),
];

describe('lookupRoute: longest prefix first, then metric', () => {
  const cases: [string, string | null, string | null, string][] = [
    // destination, expected route, expected gateway, why
    ['10.0.0.7', '10.0.0.0/24', null, 'connected network'],
    ['10.0.0.200', '10.0.0.128/25', '10.0.0.9', 'a /25 beats the connected /24'],
    ['172.20.1.1', '172.16.0.0/12', '10.0.0.8', 'same prefix: lower metric (10) beats 50'],
    ['8.8.8.8', '0.0.0.0/0', '10.0.0.1', 'default: metric 100 beats 600'],
    ['192.168.1.9', '192.168.1.0/24', null, 'connected on wlan0 despite its high metric'],
    ['203.0.113.5', '203.0.113.0/24', null, 'a reject route still matches'],
    ['2001:db8::1', '::/0', 'fe80::1%eth0', 'IPv6 default'],
    ['fd00::99', 'fd00::/64', null, 'IPv6 connected'],
  ];
  it.each(cases)('%s -> %s via %s (%s)', (dest, route, gw) => {
    const got = lookupRoute(TABLE, parseAddress(dest));
    expect(got?.destination.toString() ?? null).toBe(route);
    expect(got?.gateway?.toString() ?? null).toBe(gw);
  });
  it('a zoned destination only matches routes on its interface', () => {
    expect(lookupRoute(TABLE, parseAddress('fe80::9%wlan0'))?.interface).toBe('wlan0');
    expect(lookupRoute(TABLE, parseAddress('fe80::9%eth0'))?.interface).toBe('eth0');
    expect(lookupRoute(TABLE, parseAddress('fe80::9%nosuch'))).toBeNull();
  });
  it('no match gives null; families never mix', () => {
    expect(lookupRoute(TABLE.filter((x) => x.destination.prefixLength > 0), parseAddress('8.8.8.8'))).toBeNull();
    expect(lookupRoute([r('0.0.0.0/0', '10.0.0.1', 'eth0')], parseAddress('2001:db8::1'))).toBeNull();
  });
  it('among equal prefix and metric, unscoped beats interface-scoped, then table order', () => {
    const t = [r('0.0.0.0/0', '10.0.0.5', 'en7', 0, { scoped: true }), r('0.0.0.0/0', '10.0.0.6', 'en0'), r('0.0.0.0/0', '10.0.0.7', 'en1')];
    expect(lookupRoute(t, parseAddress('1.1.1.1'))?.interface).toBe('en0');
  });
});

describe('defaultRoutes', () => {
  it('IPv4 first, each family lowest metric first; reject and non-default routes left out', () => {
    const got = defaultRoutes([...TABLE, r('0.0.0.0/0', null, 'lo', 0, { kind: 'reject' })]);
    expect(got.map((x) => `${x.destination} ${x.gateway} ${x.metric}`)).toEqual([
      '0.0.0.0/0 10.0.0.1 100',
      '0.0.0.0/0 192.168.1.1 600',
      '::/0 fe80::1%eth0 1024',
    ]);
  });
  it('filters by family', () => {
    expect(defaultRoutes(TABLE, 6).map((x) => x.interface)).toEqual(['eth0']);
    expect(defaultRoutes(TABLE, 4)).toHaveLength(2);
  });
  it('a device-only default is a default route with no gateway', () => {
    const got = defaultRoutes([r('0.0.0.0/0', null, 'wg0', 50), r('0.0.0.0/0', '10.0.0.1', 'eth0', 100)]);
    expect(got[0]!.gateway).toBeNull();
    expect(got[0]!.interface).toBe('wg0');
  });
  it('metric 0 is the best metric, not a missing one', () => {
    const got = defaultRoutes([r('0.0.0.0/0', '10.0.0.9', 'eth1', 5), r('0.0.0.0/0', '10.0.0.1', 'eth0', 0)]);
    expect(got[0]!.metric).toBe(0);
  });
  it('none: empty', () => {
    expect(defaultRoutes(TABLE.filter((x) => x.destination.prefixLength > 0))).toEqual([]);
  });
});

describe('decideRoute', () => {
  const cases: [string, string, string | null, string | null, string | null, string | null][] = [
    // destination, kind, interface, gateway, host network, source address
    ['10.0.0.7', 'on-link', 'eth0', null, '10.0.0.2', '10.0.0.2'],
    ['10.0.0.200', 'gateway', 'eth0', '10.0.0.9', '10.0.0.2', '10.0.0.2'],
    ['8.8.8.8', 'gateway', 'eth0', '10.0.0.1', null, '10.0.0.2'],
    ['192.168.1.77', 'on-link', 'wlan0', null, '192.168.1.50', '192.168.1.50'],
    ['10.0.0.2', 'local', 'eth0', null, '10.0.0.2', '10.0.0.2'],
    ['127.0.0.9', 'local', 'lo', null, '127.0.0.1', '127.0.0.1'],
    ['::1', 'local', 'lo', null, '::1', '::1'],
    ['203.0.113.1', 'unreachable', 'lo', null, null, null],
    ['2001:db8::1', 'gateway', 'eth0', 'fe80::1%eth0', null, 'fd00::2'],
    ['fd00::77', 'on-link', 'eth0', null, 'fd00::2', 'fd00::2'],
    ['fe80::77%wlan0', 'on-link', 'wlan0', null, 'fe80::50', 'fe80::50'],
  ];
  it.each(cases)('%s: %s on %s via %s', (dest, kind, iface, gw, net, src) => {
    const d = decideRoute(TABLE, HOSTS, parseAddress(dest));
    expect(d.kind).toBe(kind);
    expect(d.interface).toBe(iface);
    expect(d.gateway?.toString() ?? null).toBe(gw);
    expect(d.network?.address.toString() ?? null).toBe(net);
    expect(d.source?.address.toString() ?? null).toBe(src);
  });
  it('no route at all: unreachable, no route', () => {
    const d = decideRoute([], HOSTS, parseAddress('8.8.8.8'));
    expect(d).toMatchObject({ kind: 'unreachable', route: null, gateway: null });
  });
  it('a device-only default sends everything straight onto the link', () => {
    const d = decideRoute([r('0.0.0.0/0', null, 'wg0', 0)], [h('wg0', '10.99.0.2/32')], parseAddress('1.1.1.1'));
    expect(d).toMatchObject({ kind: 'on-link', interface: 'wg0', gateway: null });
    expect(d.source?.address.toString()).toBe('10.99.0.2');
  });
  it('Windows: an interface named by its address maps to the host interface holding it', () => {
    const t = [r('0.0.0.0/0', '10.0.0.1', '10.0.0.2', 25, { interfaceAddress: parseAddress('10.0.0.2') })];
    t[0]!.interface = '';
    expect(decideRoute(t, HOSTS, parseAddress('1.1.1.1')).interface).toBe('eth0');
  });
});

describe('helpers', () => {
  it('interfaceAddress prefers the network holding the gateway, and a routable address over link-local', () => {
    const hosts = [h('eth0', 'fe80::2/64'), h('eth0', '10.1.0.2/16'), h('eth0', '10.0.0.2/24'), h('eth0', 'fd00::2/64')];
    expect(interfaceAddress(hosts, 'eth0', 4, parseAddress('10.0.0.1'))?.address.toString()).toBe('10.0.0.2');
    expect(interfaceAddress(hosts, 'eth0', 4, parseAddress('192.0.2.1'))?.address.toString()).toBe('10.1.0.2');
    expect(interfaceAddress(hosts, 'eth0', 6, parseAddress('fe80::1%eth0'))?.address.toString()).toBe('fd00::2');
    expect(interfaceAddress(hosts, 'eth1', 4)).toBeNull();
  });
  it('connectedNetwork takes the most specific of this host’s networks', () => {
    const hosts = [h('a', '10.0.0.1/8'), h('b', '10.1.0.1/16')];
    expect(connectedNetwork(hosts, parseAddress('10.1.2.3'))?.interface).toBe('b');
    expect(connectedNetwork(hosts, parseAddress('10.2.0.1'))?.interface).toBe('a');
    expect(connectedNetwork(hosts, parseAddress('11.0.0.1'))).toBeNull();
  });
  it.each([
    [0, 0], [0xff000000, 8], [0xffffff00, 24], [0xffffffff, 32], [0xfffffffe, 31], [0xff00ff00, -1], [0x00ffffff, -1],
  ])('maskLength32(%d) = %d', (m, n) => expect(maskLength32(m)).toBe(n));
});

describe('properties', () => {
  const v4route = fc.record({
    addr: fc.integer({ min: 0, max: 0xffffffff }),
    len: fc.integer({ min: 0, max: 32 }),
    metric: fc.integer({ min: 0, max: 1000 }),
  });
  it('the chosen route contains the destination, and no containing route is better', () => {
    fc.assert(
      fc.property(fc.array(v4route, { maxLength: 25 }), fc.integer({ min: 0, max: 0xffffffff }), (rows, dest) => {
        const table: Route[] = rows.map((x, i) => ({
          destination: new Prefix(Address.v4(x.addr), x.len).masked(),
          gateway: null,
          interface: `if${i}`,
          metric: x.metric,
          kind: 'unicast',
        }));
        const d = Address.v4(dest);
        const got = lookupRoute(table, d);
        const matching = table.filter((t) => t.destination.contains(d));
        if (matching.length === 0) return got === null;
        if (!got || !got.destination.contains(d)) return false;
        return matching.every((m) => compareRoutes(got, m) <= 0);
      }),
    );
  });
  it('defaultRoutes is sorted by family then metric and keeps every usable default', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ v6: fc.boolean(), metric: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 20 }), (rows) => {
        const table: Route[] = rows.map((x) => r(x.v6 ? '::/0' : '0.0.0.0/0', null, 'x', x.metric));
        const got = defaultRoutes(table);
        if (got.length !== table.length) return false;
        for (let i = 1; i < got.length; i++) {
          const a = got[i - 1]!;
          const b = got[i]!;
          if (a.destination.version > b.destination.version) return false;
          if (a.destination.version === b.destination.version && a.metric > b.metric) return false;
        }
        return true;
      }),
    );
  });
});
