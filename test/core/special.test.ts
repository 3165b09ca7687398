import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Address,
  IPV4_SPECIAL_REGISTRY,
  IPV6_SPECIAL_REGISTRY,
  classify,
  embeddedIPv4,
  isGloballyReachable,
  isLinkLocal,
  isLoopback,
  isMulticast,
  isPrivate,
  isRfc1918,
  isSiteLocal,
  isUniqueLocal,
  isUnspecified,
  parseAddress,
  parseNetwork,
  specialRow,
} from '../../src/core/index.js';

const step = (a: Address, d: bigint) => Address.fromBigInt(a.version, a.toBigInt() + d);

describe('registry table: each block at its first and last address and just outside', () => {
  for (const [family, table] of [[4, IPV4_SPECIAL_REGISTRY], [6, IPV6_SPECIAL_REGISTRY]] as const) {
    for (const row of table) {
      it(`IPv${family} ${row.block} (${row.name})`, () => {
        const net = parseNetwork(row.block);
        const first = net.first();
        const last = net.last();
        for (const a of [first, last]) {
          const hit = specialRow(a);
          expect(hit).not.toBeNull();
          // The answer is this row or a more specific one inside it.
          const hitNet = parseNetwork(hit!.block);
          expect(net.contains(hitNet.address) && hitNet.prefixLength >= net.prefixLength).toBe(true);
        }
        const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
        if (first.toBigInt() > 0n) expect(specialRow(step(first, -1n))?.block).not.toBe(row.block);
        if (last.toBigInt() < max) expect(specialRow(step(last, 1n))?.block).not.toBe(row.block);
      });
    }
  }
});

describe('most specific row and flags', () => {
  // [address, registry block or null, globally reachable]
  const rows: [string, string | null, boolean][] = [
    ['0.0.0.0', '0.0.0.0/32', false],
    ['0.0.0.1', '0.0.0.0/8', false],
    ['10.1.2.3', '10.0.0.0/8', false],
    ['11.0.0.0', null, true],
    ['9.255.255.255', null, true],
    ['100.64.0.1', '100.64.0.0/10', false],
    ['100.63.255.255', null, true],
    ['100.128.0.0', null, true],
    ['127.0.0.1', '127.0.0.0/8', false],
    ['169.254.1.1', '169.254.0.0/16', false],
    ['172.16.0.0', '172.16.0.0/12', false],
    ['172.31.255.255', '172.16.0.0/12', false],
    ['172.32.0.0', null, true],
    ['192.0.0.8', '192.0.0.8/32', false],
    ['192.0.0.9', '192.0.0.9/32', true],
    ['192.0.0.10', '192.0.0.10/32', true],
    ['192.0.0.11', '192.0.0.0/24', false],
    ['192.0.0.5', '192.0.0.0/29', false],
    ['192.0.0.170', '192.0.0.170/32', false],
    ['192.0.2.1', '192.0.2.0/24', false],
    ['192.88.99.1', '192.88.99.0/24', true], // terminated row: reported, but the default decides
    ['192.88.99.2', '192.88.99.2/32', false],
    ['192.168.1.1', '192.168.0.0/16', false],
    ['198.18.0.1', '198.18.0.0/15', false],
    ['198.19.255.255', '198.18.0.0/15', false],
    ['203.0.113.9', '203.0.113.0/24', false],
    ['224.0.0.1', null, false], // multicast: outside the registry, not globally reachable
    ['239.255.255.255', null, false],
    ['240.0.0.1', '240.0.0.0/4', false],
    ['255.255.255.255', '255.255.255.255/32', false],
    ['8.8.8.8', null, true],
    ['::', '::/128', false],
    ['::1', '::1/128', false],
    ['::2', null, false], // unlisted and outside 2000::/3
    ['::ffff:8.8.8.8', '::ffff:0:0/96', true], // the row says not reachable; the IPv4 inside is (see the mapped table)
    ['64:ff9b::8.8.8.8', '64:ff9b::/96', true],
    ['64:ff9b:1::1', '64:ff9b:1::/48', false],
    ['100::1', '100::/64', false],
    ['100:0:0:1::1', '100:0:0:1::/64', false],
    ['2001::1', '2001::/32', false], // Teredo: N/A counts as not reachable
    ['2001:1::1', '2001:1::1/128', true],
    ['2001:1::3', '2001:1::3/128', true],
    ['2001:1::4', '2001::/23', false],
    ['2001:2::1', '2001:2::/48', false],
    ['2001:3::1', '2001:3::/32', true],
    ['2001:10::1', '2001:10::/28', false], // terminated ORCHID: the enclosing 2001::/23 decides
    ['2001:20::1', '2001:20::/28', true],
    ['2001:30::1', '2001:30::/28', true],
    ['2001:db8::1', '2001:db8::/32', false],
    ['2001:200::1', null, true],
    ['2002::1', '2002::/16', false],
    ['2606:4700::1', null, true],
    ['2620:4f:8000::1', '2620:4f:8000::/48', true],
    ['3fff::1', '3fff::/20', false],
    ['3fff:1000::', null, true],
    ['5f00::1', '5f00::/16', false],
    ['fc00::1', 'fc00::/7', false],
    ['fdff:ffff::1', 'fc00::/7', false],
    ['fe80::1', 'fe80::/10', false],
    ['febf::1', 'fe80::/10', false],
    ['fec0::1', null, false], // deprecated site-local
    ['ff02::1', null, false],
    ['4000::1', null, false], // outside 2000::/3
  ];
  it.each(rows)('%s -> %s, globally reachable %s', (text, block, gr) => {
    const a = parseAddress(text);
    expect(specialRow(a)?.block ?? null).toBe(block);
    expect(isGloballyReachable(a)).toBe(gr);
  });
});

describe('named predicates', () => {
  const t = (f: (a: Address) => boolean, yes: string[], no: string[]) => {
    for (const y of yes) expect(f(parseAddress(y)), y).toBe(true);
    for (const n of no) expect(f(parseAddress(n)), n).toBe(false);
  };
  it('isLoopback', () => t(isLoopback, ['127.0.0.1', '127.255.255.255', '::1'], ['128.0.0.1', '::2', '::']));
  it('isMulticast', () => t(isMulticast, ['224.0.0.0', '239.255.255.255', 'ff02::1', 'ff00::'], ['223.255.255.255', '240.0.0.0', 'fe80::1']));
  it('isLinkLocal', () => t(isLinkLocal, ['169.254.0.0', '169.254.255.255', 'fe80::1', 'febf:ffff::'], ['169.253.255.255', '169.255.0.0', 'fec0::1', 'ff02::1']));
  it('isUnspecified', () => t(isUnspecified, ['0.0.0.0', '::'], ['0.0.0.1', '::1']));
  it('isRfc1918', () => t(isRfc1918, ['10.0.0.0', '10.255.255.255', '172.16.0.0', '172.31.255.255', '192.168.0.0', '192.168.255.255'], ['9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '100.64.0.1', 'fc00::1']));
  it('isUniqueLocal', () => t(isUniqueLocal, ['fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['fbff:ffff::', 'fe00::', '10.0.0.1']));
  it('isPrivate is RFC 1918 or unique-local, nothing more', () => t(isPrivate, ['10.0.0.1', 'fd12::1'], ['100.64.0.1', '127.0.0.1', '169.254.1.1', '192.0.2.1', 'fe80::1', '8.8.8.8']));
  it('isSiteLocal', () => t(isSiteLocal, ['fec0::1', 'feff::1'], ['fe80::1', 'fc00::1']));
});

describe('IPv4-mapped addresses: the door-guarding predicates answer for the IPv4 inside', () => {
  // A filter built on these (an SSRF guard, an allow-list) must not wave ::ffff:127.0.0.1
  // through: on a dual-stack socket it reaches 127.0.0.1. The registry row stays ::ffff:0:0/96.
  // [address, isLoopback, isPrivate, isGloballyReachable]
  const rows: [string, boolean, boolean, boolean][] = [
    ['::ffff:127.0.0.1', true, false, false],
    ['::ffff:127.255.0.9', true, false, false],
    ['::ffff:10.1.1.1', false, true, false],
    ['::ffff:172.16.0.1', false, true, false],
    ['::ffff:192.168.1.1', false, true, false],
    ['::ffff:8.8.8.8', false, false, true],
    ['::ffff:100.64.0.1', false, false, false], // shared address space: neither private nor global
    ['::ffff:192.0.2.1', false, false, false], // documentation
    ['::ffff:0.0.0.0', false, false, false],
    // Not IPv4-mapped: answered as IPv6, whatever the last 32 bits say.
    ['::127.0.0.1', false, false, false], // deprecated IPv4-compatible
    ['64:ff9b::a01:101', false, false, true], // NAT64 well-known prefix: its own row decides
    ['::ffff:0:7f00:1', false, false, false], // SIIT ::ffff:0:0:0/96, not ::ffff:0:0/96
  ];
  it.each(rows)('%s: loopback %s, private %s, globally reachable %s', (text, lo, pr, gr) => {
    const a = parseAddress(text);
    expect(isLoopback(a)).toBe(lo);
    expect(isPrivate(a)).toBe(pr);
    expect(isGloballyReachable(a)).toBe(gr);
    const c = classify(a);
    expect([c.isLoopback, c.isPrivate, c.isGloballyReachable]).toEqual([lo, pr, gr]);
    // The row is IANA's for the IPv6 address itself.
    if (a.is4In6) expect(c.special?.block).toBe('::ffff:0:0/96');
  });
});

describe('IPv4-mapped predicates equal those of the IPv4 inside, for any address (property)', () => {
  it('isLoopback, isPrivate, isGloballyReachable and classify agree with the unmapped address', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        const v4 = Address.v4(v);
        const mapped = parseAddress(`::ffff:${v4.toString()}`);
        expect(mapped.is4In6).toBe(true);
        for (const f of [isLoopback, isPrivate, isGloballyReachable]) expect(f(mapped), `${f.name} ${mapped}`).toBe(f(v4));
        const c = classify(mapped);
        const d = classify(v4);
        expect([c.isLoopback, c.isPrivate, c.isGloballyReachable]).toEqual([d.isLoopback, d.isPrivate, d.isGloballyReachable]);
        expect(c.special?.block).toBe('::ffff:0:0/96');
        expect(c.embedded?.special).toBe(d.special);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('embedded IPv4', () => {
  it.each([
    ['::ffff:192.168.1.1', 'ipv4-mapped', '192.168.1.1', 'Private-Use'],
    ['64:ff9b::8.8.8.8', 'nat64', '8.8.8.8', null],
    ['64:ff9b::c000:201', 'nat64', '192.0.2.1', 'Documentation (TEST-NET-1)'],
    ['2002:c000:0201::1', '6to4', '192.0.2.1', 'Documentation (TEST-NET-1)'],
  ])('%s carries %s %s', (text, via, v4, name) => {
    const c = classify(parseAddress(text));
    expect(c.embedded?.via).toBe(via);
    expect(c.embedded?.ipv4.toString()).toBe(v4);
    expect(c.embedded?.special?.name ?? null).toBe(name);
    // and the IPv6 block is reported too
    expect(c.special).not.toBeNull();
  });
  it('is null for other addresses', () => {
    expect(embeddedIPv4(parseAddress('2001:db8::1'))).toBeNull();
    expect(embeddedIPv4(parseAddress('1.2.3.4'))).toBeNull();
    expect(embeddedIPv4(parseAddress('64:ff9b:0:1::1'))).toBeNull();
  });
});
