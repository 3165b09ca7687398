// The fast paths of `subnet --json` must print exactly what the plain object gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Address, IPV4_SPECIAL_REGISTRY, parseAddress, subnetReport, subnetReportToJson } from '../../src/core/index.js';
import { buildGeneric, buildSubnetReport } from '../../src/core/report.js';
import { AsciiBuffer, utf8Bytes, writeSubnetJsonV4 } from '../../src/bulk/subnet-json.js';

const decoder = new TextDecoder();
// Random addresses, biased to the registry blocks so special rows are exercised.
const blockStarts = IPV4_SPECIAL_REGISTRY.map((r) => parseAddress(r.block.split('/')[0]!).w3);
const v4 = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.tuple(fc.constantFrom(...blockStarts), fc.integer({ min: 0, max: 255 })).map(([b, d]) => (b + d) >>> 0),
  fc.constantFrom(0, 0xffffffff, 0x7f000001, 0xe0000001),
);
const len4 = fc.integer({ min: 0, max: 32 });
const forms = fc.constantFrom('prefix', 'netmask', 'wildcard', 'none') as fc.Arbitrary<'prefix' | 'netmask' | 'wildcard' | 'none'>;

describe('IPv4 fast paths equal the generic report', () => {
  it('buildSubnetReport (numbers) deep-equals buildGeneric (Subnet objects)', () => {
    fc.assert(
      fc.property(v4, len4, forms, (a, len, form) => {
        const addr = Address.v4(a);
        expect(buildSubnetReport('x', addr, len, form)).toEqual(buildGeneric('x', addr, len, form));
      }),
      { numRuns: 2000 },
    );
  });
  it('writeSubnetJsonV4 bytes are JSON.stringify of the report, byte for byte', () => {
    fc.assert(
      fc.property(v4, len4, forms, fc.string(), (a, len, form, input) => {
        const out = new AsciiBuffer(16);
        writeSubnetJsonV4(out, JSON.stringify(input), a, len, form);
        const expected = JSON.stringify(buildGeneric(input, Address.v4(a), len, form)) + '\n';
        expect(decoder.decode(out.take())).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('subnetReportToJson', () => {
  it('equals JSON.stringify for IPv4 and IPv6 reports', () => {
    const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
    fc.assert(
      fc.property(fc.oneof(v4.map((a) => Address.v4(a)), v6.map((x) => Address.fromBigInt(6, x))), fc.nat(128), fc.string(), (addr, n, input) => {
        const len = n % (addr.bitLength + 1);
        const r = buildSubnetReport(input, addr, len, 'prefix');
        expect(subnetReportToJson(r)).toBe(JSON.stringify(r));
      }),
      { numRuns: 2000 },
    );
  });
  it('handles the embedded IPv4 and zones', () => {
    for (const t of ['::ffff:192.0.2.1', '64:ff9b::1.2.3.4', 'fe80::1%eth0', '2002:c000:201::1/48']) {
      const r = subnetReport(t);
      expect(subnetReportToJson(r)).toBe(JSON.stringify(r));
    }
  });
});

describe('utf8Bytes', () => {
  it('matches TextEncoder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(Array.from(utf8Bytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }));
  });
});
