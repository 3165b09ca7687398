// Invariants of the core, checked on random values against independent references:
// ip-num (through test/reference/ipnum.ts) for ranges, ipaddr.js for RFC 5952 text.
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { Address, parseAddress, parseMask, netmaskOf, hostmaskOf, subnet, Prefix } from '../../src/core/index.js';
import { refRange, refValue } from '../reference/ipnum.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
// Addresses with long zero runs are where RFC 5952 formatting goes wrong: bias towards them.
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const groups8 = fc.array(group, { minLength: 8, maxLength: 8 });
const v6FromGroups = (g: number[]) => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);

describe('parse(format(x)) = x', () => {
  it('IPv4', () => {
    fc.assert(
      fc.property(u32, (x) => {
        const a = Address.v4(x);
        const b = parseAddress(a.toString());
        expect(b.equals(a)).toBe(true);
        expect(refValue(4, a.toString())).toBe(BigInt(x));
      }),
    );
  });
  it('IPv6, and the text is RFC 5952 (as ipaddr.js writes it)', () => {
    fc.assert(
      fc.property(fc.oneof(u128, groups8.map(v6FromGroups)), (x) => {
        const a = Address.fromBigInt(6, x);
        const text = a.toString();
        expect(parseAddress(text).equals(a)).toBe(true);
        expect(refValue(6, a.toFullString())).toBe(x);
        if (!a.is4In6) expect(text).toBe(ipaddr.IPv6.parse(text).toRFC5952String());
      }),
    );
  });
  it('IPv6 with a zone', () => {
    const zone = fc.stringMatching(/^[A-Za-z0-9._~-]{1,15}$/);
    fc.assert(
      fc.property(u128, zone, (x, z) => {
        const a = Address.fromBigInt(6, x).withZone(z);
        expect(parseAddress(a.toString()).equals(a)).toBe(true);
      }),
    );
  });
  it('every RFC 4291 spelling of an IPv6 address parses to the same value', () => {
    fc.assert(
      fc.property(groups8, fc.boolean(), fc.boolean(), fc.boolean(), (g, upper, pad, dotted) => {
        const value = v6FromGroups(g);
        let parts = g.map((x) => {
          let s = x.toString(16);
          if (pad) s = s.padStart(4, '0');
          return upper ? s.toUpperCase() : s;
        });
        if (dotted) {
          const v4 = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
          parts = [...parts.slice(0, 6), v4];
        }
        // full form
        expect(parseAddress(parts.join(':')).toBigInt()).toBe(value);
        // compress the first run of zero groups (among the first six, so a dotted tail stays whole)
        const i = g.findIndex((x, k) => x === 0 && k < 6);
        if (i >= 0) {
          let j = i;
          while (j < 6 && g[j] === 0) j++;
          const text = parts.slice(0, i).join(':') + '::' + parts.slice(j).join(':');
          expect(parseAddress(text).toBigInt()).toBe(value);
        }
      }),
    );
  });
});

describe('the split', () => {
  const v4net = fc.tuple(u32, fc.integer({ min: 0, max: 32 }));
  const v6net = fc.tuple(fc.oneof(u128, groups8.map(v6FromGroups)), fc.integer({ min: 0, max: 128 }));
  const check = (a: Address, len: number) => {
    const s = subnet(a, len);
    const bits = a.bitLength;
    // counts match the prefix
    expect(s.totalAddresses).toBe(1n << BigInt(bits - len));
    const h = bits - len;
    const usable = h <= 1 ? 1n << BigInt(h) : (1n << BigInt(h)) - (a.version === 4 ? 2n : 1n);
    expect(s.usableHosts).toBe(usable);
    // the network contains the address and its first and last host
    expect(s.network.contains(a)).toBe(true);
    expect(s.network.contains(s.firstHost)).toBe(true);
    expect(s.network.contains(s.lastHost)).toBe(true);
    expect(s.firstHost.compare(s.lastHost)).toBeLessThanOrEqual(0);
    // the usable range holds exactly usableHosts addresses
    expect(s.lastHost.toBigInt() - s.firstHost.toBigInt() + 1n).toBe(usable);
    // first and last address agree with ip-num
    const ref = refRange(a.version, `${a.version === 4 ? a.toString() : a.toFullString()}/${len}`);
    expect(s.networkAddress.toBigInt()).toBe(ref.first);
    expect(s.lastAddress.toBigInt()).toBe(ref.last);
    expect(s.totalAddresses).toBe(ref.size);
  };
  it('IPv4', () => fc.assert(fc.property(v4net, ([x, len]) => check(Address.v4(x), len))));
  it('IPv6', () => fc.assert(fc.property(v6net, ([x, len]) => check(Address.fromBigInt(6, x), len))));
  it('the network of the network is itself', () =>
    fc.assert(
      fc.property(v6net, ([x, len]) => {
        const n = new Prefix(Address.fromBigInt(6, x), len).masked();
        expect(n.masked()).toBe(n);
      }),
    ));
});

describe('masks', () => {
  it('netmask and wildcard text read back as the prefix length they came from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), (len) => {
        expect(parseMask(netmaskOf(4, len).toString(), 4)).toEqual({ prefixLength: len, form: 'netmask', version: 4 });
        const wild = parseMask(hostmaskOf(4, len).toString(), 4);
        // all-zeros and all-ones are read as netmasks (/0 and /32), as Python does
        if (len !== 0 && len !== 32) expect(wild).toEqual({ prefixLength: len, form: 'wildcard', version: 4 });
      }),
    );
  });
  it('a non-contiguous IPv4 mask is always refused', () => {
    fc.assert(
      fc.property(u32, (m) => {
        const s = (m >>> 0).toString(2).padStart(32, '0');
        const contiguous = /^1*0*$/.test(s) || /^0*1*$/.test(s);
        fc.pre(!contiguous);
        expect(() => parseMask(Address.v4(m).toString(), 4)).toThrow('not contiguous');
      }),
    );
  });
});
