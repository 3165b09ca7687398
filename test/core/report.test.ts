// The fast paths of `subnet --json` must print exactly what the plain object gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Address, IPV4_SPECIAL_REGISTRY, NetkitError, parseAddress, parseNetwork, parsePrefix, sameNetReport, subnet, subnetReport, subnetReportToJson } from '../../src/core/index.js';
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

describe('addressRole: the addresses no host can use (issue 12 §7)', () => {
  // [input, role]: IPv4 network and broadcast addresses except on /31 and /32; IPv6 has no
  // broadcast, and its network address is the Subnet-Router anycast address except on /127 and /128.
  const rows: [string, string][] = [
    ['10.0.0.255/24', 'broadcast'],
    ['10.0.0.0/24', 'network'],
    ['10.0.0.1/24', 'host'],
    ['10.0.0.254/24', 'host'],
    ['10.0.0.3/30', 'broadcast'],
    ['10.0.0.4/30', 'network'],
    ['10.0.0.0/31', 'host'],
    ['10.0.0.1/31', 'host'],
    ['10.0.0.0/32', 'host'],
    ['0.0.0.0/0', 'network'],
    ['255.255.255.255/0', 'broadcast'],
    ['2001:db8::/64', 'subnet-router-anycast'],
    ['2001:db8::ffff:ffff:ffff:ffff/64', 'host'],
    ['2001:db8::/127', 'host'],
    ['2001:db8::/128', 'host'],
    ['fe80::%eth0/64', 'subnet-router-anycast'],
  ];
  it.each(rows)('%s is %s, through every path', (input, role) => {
    const r = subnetReport(input);
    expect(r.addressRole).toBe(role);
    const [a, len] = input.split('/') as [string, string];
    expect(subnet(parseAddress(a), Number(len)).addressRole).toBe(role);
    expect(buildGeneric(input, parseAddress(a), Number(len), 'prefix').addressRole).toBe(role);
  });
});

describe('interface notation with a zone (issue 12 §4)', () => {
  it('subnetReport takes fe80::...%eth0/64: a host on eth0, network fe80::/64 with no zone', () => {
    const r = subnetReport('fe80::fc:ff:fe00:1%eth0/64');
    // the zone is a field of its own (docs/json.md): never inside the address
    expect([r.address, r.zone, r.network, r.networkAddress, r.firstHost]).toEqual(['fe80::fc:ff:fe00:1', 'eth0', 'fe80::/64', 'fe80::', 'fe80::1']);
    expect(subnetReport('fe80::1%eth0', { mask: '64' }).network).toBe('fe80::/64');
    expect(subnetReport('2001:db8::1/64').zone).toBeNull();
    expect(subnetReportToJson(r)).toBe(JSON.stringify(r));
  });
  // A network, a set member, a Prefix never carries a zone (STYLE: no zone in a set or a bare network).
  it.each(['fe80::1%eth0/64', 'fe80::%eth0/64'])('%s is still refused as a prefix or a network', (t) => {
    expect(() => parsePrefix(t)).toThrow(NetkitError);
    expect(() => parseNetwork(t)).toThrow('a zone (%) is not allowed in a prefix');
  });
  it('same-net compares the zones of interfaces', () => {
    expect(sameNetReport(['fe80::1%eth0/64', 'fe80::2%eth0/64']).sameNetwork).toBe(true);
    const r = sameNetReport(['fe80::1%eth0/64', 'fe80::2%eth1/64']);
    expect([r.sameNetwork, r.reason]).toEqual([false, 'different zones']);
  });
});

describe('sameNetReport warnings (issue 12 §7)', () => {
  // [addresses, mask, roles, number of warnings]
  const rows: [string[], string, string[], number][] = [
    [['10.0.0.255', '10.0.0.5'], '24', ['broadcast', 'host'], 1],
    [['10.0.0.0', '10.0.0.5'], '255.255.255.0', ['network', 'host'], 1],
    [['10.0.0.1', '10.0.0.5'], '24', ['host', 'host'], 0],
    [['10.0.0.254', '10.0.0.255'], '31', ['host', 'host'], 0],
    [['10.0.0.255', '10.0.1.5'], '24', ['broadcast', 'host'], 1], // different networks: still named
    [['2001:db8::', '2001:db8::1'], '64', ['subnet-router-anycast', 'host'], 1],
  ];
  it.each(rows)('%j under %s', (addrs, mask, roles, n) => {
    const r = sameNetReport(addrs, { mask });
    expect(r.members.map((a) => a.role)).toEqual(roles);
    expect(r.warnings).toHaveLength(n);
    if (n) expect(r.warnings[0]).toContain(`${addrs[0]} is the `);
  });
  it('mixed families: no role, no warning', () => {
    const r = sameNetReport(['10.0.0.255', '::1'], { mask: '24' });
    expect(r.members.map((a) => a.role)).toEqual([null, null]);
    expect(r.warnings).toEqual([]);
  });
});
