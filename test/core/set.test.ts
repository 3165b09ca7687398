// Sets of addresses: merge, exclude, range->CIDRs, lookups and splits. Table rows for
// behaviours, properties (against brute-force bitmaps over a small universe) for the
// invariants: merge covers exactly the input and is minimal; exclude(a, b) shares
// nothing with b and with b covers a; a split tiles its network without overlap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetkitError, NetkitRangeError } from '../../src/core/errors.js';
import { Address, parseAddress } from '../../src/core/address.js';
import { Prefix, parseNetwork } from '../../src/core/prefix.js';
import { Subnet } from '../../src/core/network.js';
import {
  AddressSet,
  IPv4Lookup,
  IPv4Ranges,
  IPv6Lookup,
  IPv6Ranges,
  excludeCidrs,
  mergeCidrs,
  parseRange,
  parseSetEntry,
  prefixLengthForHosts,
  rangeToCidrs,
  splitByHosts,
  splitByPrefix,
  splitIntoCount,
  subnetCount,
  subnetsOf,
  usableHostsFor,
} from '../../src/core/index.js';

const strs = (ps: Prefix[]) => ps.map((p) => p.toString());

describe('mergeCidrs: rows', () => {
  const rows: [string, string[], string[]][] = [
    ['adjacent halves join', ['10.0.0.0/25', '10.0.0.128/25'], ['10.0.0.0/24']],
    ['contained block disappears', ['10.0.0.0/8', '10.1.2.0/24'], ['10.0.0.0/8']],
    ['duplicates', ['192.0.2.1', '192.0.2.1', '192.0.2.1/32'], ['192.0.2.1/32']],
    ['a range becomes blocks', ['192.0.2.5-192.0.2.20'], ['192.0.2.5/32', '192.0.2.6/31', '192.0.2.8/29', '192.0.2.16/30', '192.0.2.20/32']],
    ['unaligned neighbours do not join', ['10.0.1.0/24', '10.0.2.0/24'], ['10.0.1.0/24', '10.0.2.0/24']],
    ['three make a /22 with a /23', ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/23'], ['10.0.0.0/22']],
    ['IPv4 first, then IPv6, each sorted', ['2001:db8::/32', '10.0.0.0/8', '::1', '1.1.1.1'], ['1.1.1.1/32', '10.0.0.0/8', '::1/128', '2001:db8::/32']],
    ['the whole IPv4 space', ['0.0.0.0/1', '128.0.0.0/1'], ['0.0.0.0/0']],
    ['the edges of IPv4', ['255.255.255.255', '0.0.0.0'], ['0.0.0.0/32', '255.255.255.255/32']],
    ['the whole IPv6 space', ['::/1', '8000::/1'], ['::/0']],
    ['the top of IPv6', ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127']],
    ['IPv6 across a word boundary', ['2001:db8::ffff:ffff-2001:db8::1:0:0'], ['2001:db8::ffff:ffff/128', '2001:db8::1:0:0/128']],
    ['mapped IPv6 stays IPv6', ['::ffff:10.0.0.0/120', '10.0.0.0/24'], ['10.0.0.0/24', '::ffff:10.0.0.0/120']],
    ['nothing in, nothing out', [], []],
  ];
  it.each(rows)('%s', (_name, input, want) => {
    expect(strs(mergeCidrs(input))).toEqual(want);
  });
});

describe('excludeCidrs: rows', () => {
  it('everything but a LAN (the WireGuard AllowedIPs case)', () => {
    const out = strs(excludeCidrs(['0.0.0.0/0'], ['192.168.1.0/24']));
    expect(out).toHaveLength(24);
    expect(out[0]).toBe('0.0.0.0/1');
    expect(out).toContain('192.168.0.0/24');
    expect(out).toContain('192.168.2.0/23');
    expect(out).not.toContain('192.168.1.0/24');
  });
  it('families are independent', () => {
    expect(strs(excludeCidrs(['10.0.0.0/30', '::/127'], ['10.0.0.1', '::']))).toEqual(['10.0.0.0/32', '10.0.0.2/31', '::1/128']);
  });
  it('removing everything leaves nothing', () => {
    expect(excludeCidrs(['10.0.0.0/24'], ['0.0.0.0/0'])).toEqual([]);
  });
  it('removing what is not there changes nothing', () => {
    expect(strs(excludeCidrs(['10.0.0.0/24'], ['10.0.1.0/24', '::/0']))).toEqual(['10.0.0.0/24']);
  });
});

describe('parsing entries', () => {
  const good: [string, string, string][] = [
    ['192.0.2.1', '192.0.2.1', '192.0.2.1'],
    ['192.0.2.0/24', '192.0.2.0', '192.0.2.255'],
    ['192.0.2.0/255.255.255.0', '192.0.2.0', '192.0.2.255'],
    ['192.0.2.9-192.0.2.9', '192.0.2.9', '192.0.2.9'],
    ['2001:db8::/126', '2001:db8::', '2001:db8::3'],
    ['::1-::2', '::1', '::2'],
  ];
  it.each(good)('%s', (text, first, last) => {
    const r = parseSetEntry(text);
    expect(r.first.toString()).toBe(first);
    expect(r.last.toString()).toBe(last);
  });
  const bad: [string, string][] = [
    ['10.0.0.1/24', 'host bits are set (the network is 10.0.0.0/24)'],
    ['10.0.0.9-10.0.0.1', 'the end comes before the start'],
    ['10.0.0.1-::1', 'different families'],
    ['10.0.0.1 - 10.0.0.2', 'spaces are not allowed'],
    ['10.0.0.1-', 'no address after "-"'],
    ['-10.0.0.1', 'no address before "-"'],
    ['1-2-3', 'more than one "-"'],
    ['300.0.0.1-300.0.0.2', 'octet 300 is greater than 255'],
    ['010.0.0.1', 'leading zero'],
    ['fe80::1%eth0', 'zone'],
    ['10.0.0.0/33', '/33 is longer than an IPv4 address'],
  ];
  it.each(bad)('%s is refused', (text, reason) => {
    expect(() => parseSetEntry(text)).toThrow(NetkitError);
    expect(() => parseSetEntry(text)).toThrow(reason);
  });
  it('parseRange round-trips through toString', () => {
    const r = parseRange('10.0.0.1-10.0.0.9');
    expect(parseRange(r.toString()).toString()).toBe('10.0.0.1-10.0.0.9');
    expect(r.size()).toBe(9n);
  });
});

describe('rangeToCidrs and lookups', () => {
  it('a range to blocks, at the edges of the space', () => {
    expect(strs(rangeToCidrs(parseAddress('0.0.0.0'), parseAddress('255.255.255.255')))).toEqual(['0.0.0.0/0']);
    expect(strs(rangeToCidrs(parseAddress('0.0.0.1'), parseAddress('0.0.0.2')))).toEqual(['0.0.0.1/32', '0.0.0.2/32']);
    expect(strs(rangeToCidrs(parseAddress('::'), parseAddress('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')))).toEqual(['::/0']);
  });
  it('IPv4Lookup finds exactly the members', () => {
    const r = new IPv4Ranges();
    r.push(10, 20);
    r.push(15, 30);
    r.push(40, 40);
    const l = new IPv4Lookup(r);
    const inside = (v: number) => (v >= 10 && v <= 30) || v === 40;
    for (let v = 0; v < 50; v++) expect(l.has(v)).toBe(inside(v));
  });
  it('IPv6Lookup finds exactly the members', () => {
    const r = new IPv6Ranges();
    r.pushPrefix(0x20010db8, 0, 0, 0, 64);
    const l = new IPv6Lookup(r);
    expect(l.has(parseAddress('2001:db8::1'))).toBe(true);
    expect(l.has(parseAddress('2001:db8:0:0:ffff:ffff:ffff:ffff'))).toBe(true);
    expect(l.has(parseAddress('2001:db8:0:1::'))).toBe(false);
    expect(l.has(parseAddress('2001:db7:ffff:ffff:ffff:ffff:ffff:ffff'))).toBe(false);
    expect(l.has(parseAddress('10.0.0.1'))).toBe(false);
  });
  it('AddressSet.contains, size, intersect', () => {
    const s = AddressSet.from(['10.0.0.0/24', '2001:db8::/127']);
    expect(s.contains(parseAddress('10.0.0.255'))).toBe(true);
    expect(s.contains(parseAddress('10.0.1.0'))).toBe(false);
    expect(s.contains(parseAddress('2001:db8::1'))).toBe(true);
    expect(s.size()).toBe(258n);
    expect(strs(s.intersect(AddressSet.from(['10.0.0.128-10.0.1.5'])).cidrs())).toEqual(['10.0.0.128/25']);
  });
});

describe('splits: rows', () => {
  it('--hosts 100,50,20 in a /24: largest first, aligned, the rest free', () => {
    const plan = splitByHosts(parseNetwork('192.168.1.0/24'), [20, 100, 50]);
    expect(plan.subnets.map((s) => [s.network.toString(), s.requestedHosts, s.index])).toEqual([
      ['192.168.1.0/25', 100n, 1],
      ['192.168.1.128/26', 50n, 2],
      ['192.168.1.192/27', 20n, 0],
    ]);
    expect(strs(plan.free)).toEqual(['192.168.1.224/27']);
  });
  it('host counts follow the usable-host rules of netkit subnet', () => {
    expect(prefixLengthForHosts(4, 1)).toBe(32);
    expect(prefixLengthForHosts(4, 2)).toBe(31); // RFC 3021
    expect(prefixLengthForHosts(4, 3)).toBe(29);
    expect(prefixLengthForHosts(4, 254)).toBe(24);
    expect(prefixLengthForHosts(4, 255)).toBe(23);
    expect(prefixLengthForHosts(6, 255)).toBe(120);
    for (let hb = 0; hb <= 12; hb++) {
      expect(usableHostsFor(4, hb)).toBe(new Subnet(parseAddress('10.0.0.0'), 32 - hb).usableHosts);
      expect(usableHostsFor(6, hb)).toBe(new Subnet(parseAddress('2001:db8::'), 128 - hb).usableHosts);
    }
  });
  it('impossible requests say what would fit', () => {
    const net = parseNetwork('192.168.1.0/24');
    expect(() => splitByHosts(net, [300])).toThrow(NetkitRangeError);
    expect(() => splitByHosts(net, [300])).toThrow('300 hosts need a /23 (510 usable), larger than 192.168.1.0/24 (254 usable)');
    expect(() => splitByHosts(net, [200, 100, 50])).toThrow('a /23 would hold them all; 192.168.1.0/24 has room for 200');
    expect(() => splitByPrefix(net, 20)).toThrow('cannot split 192.168.1.0/24 into /20s');
    expect(() => splitByPrefix(net, 20)).toThrow('a /24 splits into /24 to /32 subnets');
    expect(() => splitIntoCount(parseNetwork('10.0.0.0/30'), 5)).toThrow('a /30 holds at most 4 (/32s)');
    expect(() => splitByHosts(net, [0])).toThrow('at least 1 host');
  });
  it('host counts beyond the whole address space say so (no "/-1" network)', () => {
    const all = parseNetwork('0.0.0.0/0');
    let message = '';
    try {
      splitByHosts(all, [3_000_000_000, 3_000_000_000]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('they need 8589934592 addresses');
    expect(message).toContain('more than the whole IPv4 address space (4294967296)');
    expect(message).not.toMatch(/\/-\d/);
    expect(() => splitByHosts(parseNetwork('::/0'), [2n ** 127n, 2n ** 127n])).toThrow('more than the whole IPv6 address space');
  });
  it('--count 3 gives three quarters and a free quarter', () => {
    const plan = splitIntoCount(parseNetwork('10.0.0.0/24'), 3);
    expect(plan.subnets.map((s) => s.network.toString())).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26']);
    expect(strs(plan.free)).toEqual(['10.0.0.192/26']);
  });
  it('--prefix: counts and lazy enumeration of IPv6', () => {
    expect(subnetCount(parseNetwork('2001:db8::/32'), 64)).toBe(1n << 32n);
    const it6 = subnetsOf(parseNetwork('2001:db8::/32'), 64);
    expect(it6.next().value!.toString()).toBe('2001:db8::/64');
    expect(it6.next().value!.toString()).toBe('2001:db8:0:1::/64');
    expect(strs(splitByPrefix(parseNetwork('10.0.0.0/24'), 26).subnets.map((s) => s.network))).toEqual([
      '10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26',
    ]);
  });
});

// ---------------------------------------------------------------------------
// Properties against bitmaps of a small universe (IPv4 10.0.0.0/22, IPv6 2001:db8::/118)

const BITS = 10;
const N = 1 << BITS;

interface Universe {
  version: 4 | 6;
  addr(offset: number): Address;
  offset(a: Address): number;
}
const U4: Universe = {
  version: 4,
  addr: (o) => Address.v4(0x0a000000 + o),
  offset: (a) => a.w3 - 0x0a000000,
};
const U6: Universe = {
  version: 6,
  addr: (o) => Address.fromBigInt(6, (0x20010db8n << 96n) + BigInt(o)),
  offset: (a) => Number(a.toBigInt() - (0x20010db8n << 96n)),
};

/** An entry inside the universe: an address, an aligned block or a range. */
const entry = fc.oneof(
  fc.integer({ min: 0, max: N - 1 }).map((o) => ({ kind: 'addr' as const, o })),
  fc.tuple(fc.integer({ min: 0, max: BITS }), fc.integer({ min: 0, max: N - 1 })).map(([hb, o]) => ({ kind: 'block' as const, hb, o: o & ~((1 << hb) - 1) })),
  fc.tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: 80 })).map(([o, len]) => ({ kind: 'range' as const, o, e: Math.min(N - 1, o + len) })),
);
type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never;

function entryText(u: Universe, e: Entry): string {
  if (e.kind === 'addr') return u.addr(e.o).toString();
  if (e.kind === 'block') return `${u.addr(e.o)}/${(u.version === 4 ? 32 : 128) - e.hb}`;
  return `${u.addr(e.o)}-${u.addr(e.e)}`;
}

function bitmapOf(entries: Entry[]): Uint8Array {
  const m = new Uint8Array(N);
  for (const e of entries) {
    const [s, t] = e.kind === 'addr' ? [e.o, e.o] : e.kind === 'block' ? [e.o, e.o + (1 << e.hb) - 1] : [e.o, e.e];
    for (let o = s; o <= t; o++) m[o] = 1;
  }
  return m;
}

function bitmapOfPrefixes(u: Universe, ps: Prefix[]): Uint8Array {
  const m = new Uint8Array(N);
  for (const p of ps) {
    const s = u.offset(p.first());
    const t = u.offset(p.last());
    expect(s).toBeGreaterThanOrEqual(0);
    expect(t).toBeLessThan(N);
    let overlap = false;
    for (let o = s; o <= t; o++) {
      overlap ||= m[o] === 1;
      m[o] = 1;
    }
    expect(overlap, `${p} overlaps another block`).toBe(false);
  }
  return m;
}

/**
 * The unique minimal CIDR cover of a set: every aligned block inside the set whose
 * parent block is not inside the set. Brute force over all blocks of the universe.
 */
function minimalCover(u: Universe, m: Uint8Array): string[] {
  const full = (o: number, hb: number) => {
    for (let k = o; k < o + (1 << hb); k++) if (!m[k]) return false;
    return true;
  };
  const out: [number, string][] = [];
  for (let hb = 0; hb <= BITS; hb++) {
    for (let o = 0; o < N; o += 1 << hb) {
      if (!full(o, hb)) continue;
      const parentFull = hb < BITS && full(o & ~((1 << (hb + 1)) - 1), hb + 1);
      if (!parentFull) out.push([o, `${u.addr(o)}/${(u.version === 4 ? 32 : 128) - hb}`]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

describe.each([U4, U6])('properties, IPv$version', (u) => {
  it('merge covers exactly the input addresses, sorted, disjoint and minimal', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const out = mergeCidrs(entries.map((e) => entryText(u, e)));
        expect(bitmapOfPrefixes(u, out)).toEqual(bitmapOf(entries));
        expect(strs(out)).toEqual(minimalCover(u, bitmapOf(entries)));
      }),
      { numRuns: 300 },
    );
  });

  it('exclude(a, b) shares nothing with b, and with b covers a', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 8 }), (a, b) => {
        const out = excludeCidrs(a.map((e) => entryText(u, e)), b.map((e) => entryText(u, e)));
        const mo = bitmapOfPrefixes(u, out);
        const ma = bitmapOf(a);
        const mb = bitmapOf(b);
        const bad: string[] = [];
        for (let o = 0; o < N; o++) {
          if (mo[o]! & mb[o]!) bad.push(`${o} is in b`); // nothing of b
          if ((mo[o]! | mb[o]!) !== (ma[o]! | mb[o]!)) bad.push(`${o}: with b, not a`); // with b covers a
          if (mo[o] && !ma[o]) bad.push(`${o} is not in a`);
        }
        expect(bad).toEqual([]);
        expect(strs(out)).toEqual(minimalCover(u, mo));
      }),
      { numRuns: 300 },
    );
  });

  it('typed-array merge agrees with AddressSet on random ranges (order and duplicates do not matter)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        const texts = entries.map((e) => entryText(u, e));
        const a = strs(mergeCidrs(texts));
        const b = strs(mergeCidrs([...texts].reverse().concat(texts)));
        expect(b).toEqual(a);
      }),
    );
  });
});

describe('split properties', () => {
  const parentArb = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 16, max: 30 })).map(([v, len]) => new Prefix(Address.v4(v), len).masked()),
    fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 100, max: 126 })).map(([v, len]) => new Prefix(Address.fromBigInt(6, v), len).masked()),
  );

  function checkTiling(parent: Prefix, subnets: Prefix[], free: Prefix[]): void {
    const all = [...subnets, ...free].sort((a, b) => a.compare(b));
    let next = parent.first().toBigInt();
    for (const p of all) {
      expect(p.isMasked(), `${p} is aligned`).toBe(true);
      expect(p.first().toBigInt(), `${p} starts where the previous block ended`).toBe(next);
      next = p.last().toBigInt() + 1n;
    }
    expect(next - 1n).toBe(parent.last().toBigInt());
  }

  it('VLSM tiles the parent without overlap, each subnet the smallest that holds its hosts', () => {
    fc.assert(
      fc.property(parentArb, fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 }), (parent, hosts) => {
        let plan;
        try {
          plan = splitByHosts(parent, hosts);
        } catch (e) {
          expect(e).toBeInstanceOf(NetkitRangeError);
          // refused only when the blocks truly do not fit
          const bits = parent.address.bitLength;
          const need = hosts.reduce((s, h) => s + (1n << BigInt(bits - prefixLengthForHosts(parent.version, h))), 0n);
          expect(need > parent.size()).toBe(true);
          return;
        }
        checkTiling(parent, plan.subnets.map((s) => s.network), plan.free);
        for (const s of plan.subnets) {
          const sn = new Subnet(s.network.address, s.network.prefixLength);
          expect(sn.usableHosts >= s.requestedHosts!).toBe(true);
          if (s.network.prefixLength < s.network.address.bitLength) {
            expect(usableHostsFor(parent.version, sn.hostBits - 1) < s.requestedHosts!).toBe(true);
          }
        }
        expect(plan.subnets.map((s) => s.index).sort((a, b) => a - b)).toEqual(hosts.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('equal splits by count and by prefix tile the parent', () => {
    fc.assert(
      fc.property(parentArb, fc.integer({ min: 1, max: 40 }), (parent, count) => {
        const maxCount = 1n << BigInt(parent.address.bitLength - parent.prefixLength);
        if (BigInt(count) > maxCount) {
          expect(() => splitIntoCount(parent, count)).toThrow(NetkitRangeError);
          return;
        }
        const plan = splitIntoCount(parent, count);
        expect(plan.subnets).toHaveLength(count);
        checkTiling(parent, plan.subnets.map((s) => s.network), plan.free);
        const len = plan.subnets[0]!.network.prefixLength;
        const eq = splitByPrefix(parent, len);
        checkTiling(parent, eq.subnets.map((s) => s.network), eq.free);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scale', () => {
  it('merges a million IPv4 ranges in typed arrays', () => {
    const r = new IPv4Ranges(16);
    for (let i = 0; i < 1_000_000; i++) {
      const s = ((i * 2654435761) >>> 0) & ~255;
      r.push(s >>> 0, (s | 255) >>> 0);
    }
    r.normalize();
    let sorted = true;
    for (let i = 1; i < r.length; i++) sorted &&= r.start(i) > r.end(i - 1) + 1;
    expect(sorted).toBe(true);
    expect(r.count() % 256).toBe(0);
    expect(r.length).toBeGreaterThan(1000);
  });
});

describe('AddressSet.contains agrees with the bitmap', () => {
  it.each([U4, U6])('IPv$version', (u) => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 10 }), fc.array(fc.integer({ min: 0, max: N - 1 }), { maxLength: 30 }), (entries, probes) => {
        const set = AddressSet.from(entries.map((e) => entryText(u, e)));
        const m = bitmapOf(entries);
        for (const o of probes) expect(set.contains(u.addr(o))).toBe(m[o] === 1);
        expect(set.contains(u.version === 4 ? parseAddress('::') : parseAddress('0.0.0.0'))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
