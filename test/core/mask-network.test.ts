import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Address,
  NetkitError,
  ipv6NetmaskLength,
  netmaskOf,
  Prefix,
  parseAddress,
  parseAddressWithMask,
  parseMask,
  parseNetwork,
  parsePrefix,
  subnet,
} from '../../src/core/index.js';

describe('IPv6 masks in address form are refused, naming the length to write (property)', () => {
  it('every netmask of /0 to /128 in address form', () => {
    for (let n = 0; n <= 128; n++) {
      const text = netmaskOf(6, n).toString();
      expect(() => parseMask(text, 6), text).toThrow(`write /LEN (${text} is /${n})`);
      expect(() => parseAddressWithMask(`2001:db8::/${text}`), text).toThrow(NetkitError);
      expect(ipv6NetmaskLength(text)).toBe(n); // what an operating system reports still reads
    }
  });
  it('any IPv6 address after "/" is refused, never read as some length', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (x) => {
        const text = Address.fromBigInt(6, x).toString();
        expect(() => parseAddressWithMask(`::/${text}`)).toThrow('an IPv6 mask is written as a prefix length');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseMask', () => {
  // [text, family of the address, prefix length, form]
  const rows: [string, 4 | 6 | undefined, number, string][] = [
    ['24', 4, 24, 'prefix'],
    ['/24', 4, 24, 'prefix'],
    ['0', 4, 0, 'prefix'],
    ['32', 4, 32, 'prefix'],
    ['128', 6, 128, 'prefix'],
    ['255.255.255.0', 4, 24, 'netmask'],
    ['255.255.255.255', 4, 32, 'netmask'],
    ['0.0.0.0', 4, 0, 'netmask'], // ambiguous: read as a netmask, as Python does
    ['255.255.240.0', 4, 20, 'netmask'],
    ['255.255.255.254', 4, 31, 'netmask'],
    ['0.0.0.255', 4, 24, 'wildcard'],
    ['0.0.15.255', 4, 20, 'wildcard'],
    ['0.0.0.1', 4, 31, 'wildcard'],
    ['127.255.255.255', 4, 1, 'wildcard'],
    ['128.0.0.0', 4, 1, 'netmask'],
  ];
  it.each(rows)('%s (IPv%s) -> /%i as %s', (text, v, len, form) => {
    const m = parseMask(text, v);
    expect(m.prefixLength).toBe(len);
    expect(m.form).toBe(form);
  });

  const bad: [string, 4 | 6 | undefined, string][] = [
    ['33', 4, '/33 is longer than an IPv4 address (32 bits)'],
    ['129', 6, '/129 is longer than an IPv6 address'],
    ['024', 4, 'leading zero'],
    ['-1', 4, 'a prefix length is a decimal number'],
    ['+24', 4, 'a prefix length is a decimal number'],
    ['2 4', 4, 'a prefix length is a decimal number'],
    ['', 4, 'empty'],
    ['255.0.255.0', 4, 'not contiguous: 11111111.00000000.11111111.00000000 has a 1 after a 0 at bit 17'],
    ['255.255.255.1', 4, 'not contiguous'],
    ['255.255.255.0', 6, 'a dotted IPv4 netmask cannot apply to an IPv6 address'],
    // RFC 4291 writes IPv6 prefixes as lengths only: an address-form mask is refused with the length to write.
    ['ffff::', 4, 'an IPv6 mask is written as a prefix length: write /LEN (ffff:: is /16)'],
    ['ffff:ffff::', 6, 'write /LEN (ffff:ffff:: is /32)'],
    ['::', 6, 'write /LEN (:: is /0)'], // once read as /0: the whole address space
    ['/ffff::', 6, 'write /LEN (ffff:: is /16)'],
    ['ffff::1', 6, 'write /LEN, not a mask in address form'], // not contiguous: no length to suggest
    ['fe80::%eth0', 6, 'write /LEN, not a mask'],
    ['255.255.255.256', 4, 'octet 256'],
    ['0x18', 4, 'unexpected character "x": a prefix length is a decimal number'],
  ];
  it.each(bad)('%j (IPv%s) is refused: %s', (text, v, msg) => {
    expect(() => parseMask(text, v)).toThrow(NetkitError);
    expect(() => parseMask(text, v)).toThrow(msg);
  });
});

describe('parseAddressWithMask and prefixes', () => {
  it('accepts every spelling of the mask', () => {
    for (const t of ['210.170.1.1/24', '210.170.1.1/255.255.255.0', '210.170.1.1/0.0.0.255']) {
      const p = parseAddressWithMask(t);
      expect(p.address.toString()).toBe('210.170.1.1');
      expect(p.prefixLength).toBe(24);
    }
    expect(parseAddressWithMask('210.170.1.1/0.0.0.255').maskForm).toBe('wildcard');
    expect(parseAddressWithMask('1.2.3.4').prefixLength).toBe(32);
    expect(parseAddressWithMask('::1').prefixLength).toBe(128);
    expect(parseAddressWithMask('1.2.3.4').maskForm).toBe('none');
  });
  it.each([
    ['fe80::1%eth0/64', 'a zone (%) is not allowed in a prefix'],
    ['1.2.3.4/24/24', 'more than one "/"'],
    ['/24', 'no address before "/"'],
    ['1.2.3.4/', 'nothing after "/"'],
    ['1.2.3.4/33', '/33 is longer than an IPv4 address'],
    ['::/129', '/129 is longer than an IPv6 address'],
  ])('%s is refused: %s', (t, msg) => {
    expect(() => parseAddressWithMask(t)).toThrow(msg);
  });
  it('keeps host bits in a prefix and clears them in its network', () => {
    const p = parsePrefix('210.170.1.1/24');
    expect(p.toString()).toBe('210.170.1.1/24');
    expect(p.masked().toString()).toBe('210.170.1.0/24');
    expect(p.isMasked()).toBe(false);
    expect(() => parseNetwork('210.170.1.1/24')).toThrow('host bits are set (the network is 210.170.1.0/24)');
    expect(parseNetwork('210.170.1.1/24', { strict: false }).toString()).toBe('210.170.1.0/24');
  });
  it('contains only addresses of its own family', () => {
    const p = parseNetwork('::/0');
    expect(p.contains(parseAddress('::1'))).toBe(true);
    expect(p.contains(parseAddress('1.2.3.4'))).toBe(false);
    expect(parseNetwork('0.0.0.0/0').contains(parseAddress('::ffff:1.2.3.4'))).toBe(false);
  });
  it('reports overlap', () => {
    expect(parseNetwork('10.0.0.0/8').overlaps(parseNetwork('10.1.0.0/16'))).toBe(true);
    expect(parseNetwork('10.1.0.0/16').overlaps(parseNetwork('10.0.0.0/8'))).toBe(true);
    expect(parseNetwork('10.0.0.0/16').overlaps(parseNetwork('10.1.0.0/16'))).toBe(false);
  });
});

describe('subnet: every field of the split', () => {
  // [input, network, broadcast, first, last, total, usable, netmask, hostmask]
  const rows: [string, string, string | null, string, string, string, string, string, string][] = [
    ['210.170.1.1/24', '210.170.1.0/24', '210.170.1.255', '210.170.1.1', '210.170.1.254', '256', '254', '255.255.255.0', '0.0.0.255'],
    ['1.2.3.4/32', '1.2.3.4/32', null, '1.2.3.4', '1.2.3.4', '1', '1', '255.255.255.255', '0.0.0.0'],
    ['10.0.0.1/31', '10.0.0.0/31', null, '10.0.0.0', '10.0.0.1', '2', '2', '255.255.255.254', '0.0.0.1'],
    ['10.0.0.1/30', '10.0.0.0/30', '10.0.0.3', '10.0.0.1', '10.0.0.2', '4', '2', '255.255.255.252', '0.0.0.3'],
    ['192.168.77.200/20', '192.168.64.0/20', '192.168.79.255', '192.168.64.1', '192.168.79.254', '4096', '4094', '255.255.240.0', '0.0.15.255'],
    ['0.0.0.0/0', '0.0.0.0/0', '255.255.255.255', '0.0.0.1', '255.255.255.254', '4294967296', '4294967294', '0.0.0.0', '255.255.255.255'],
    ['2001:db8::1/64', '2001:db8::/64', null, '2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff', '18446744073709551616', '18446744073709551615', 'ffff:ffff:ffff:ffff::', '::ffff:ffff:ffff:ffff'],
    ['2001:db8::1/127', '2001:db8::/127', null, '2001:db8::', '2001:db8::1', '2', '2', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe', '::1'],
    ['2001:db8::1/128', '2001:db8::1/128', null, '2001:db8::1', '2001:db8::1', '1', '1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::'],
    ['::/0', '::/0', null, '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '340282366920938463463374607431768211456', '340282366920938463463374607431768211455', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db8:1:2:3:4:5:6/126', '2001:db8:1:2:3:4:5:4/126', null, '2001:db8:1:2:3:4:5:5', '2001:db8:1:2:3:4:5:7', '4', '3', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc', '::3'],
  ];
  it.each(rows)('%s', (input, network, broadcast, first, last, total, usable, netmask, hostmask) => {
    const p = parseAddressWithMask(input);
    const s = subnet(p.address, p.prefixLength);
    expect(s.network.toString()).toBe(network);
    expect(s.broadcast?.toString() ?? null).toBe(broadcast);
    expect(s.firstHost.toString()).toBe(first);
    expect(s.lastHost.toString()).toBe(last);
    expect(s.totalAddresses.toString()).toBe(total);
    expect(s.usableHosts.toString()).toBe(usable);
    expect(s.netmask.toString()).toBe(netmask);
    expect(s.hostmask.toString()).toBe(hostmask);
  });

  it('gives the legacy class of IPv4 addresses', () => {
    const cls = (t: string) => subnet(parseAddress(t), 32).addressClass;
    expect([cls('0.0.0.0'), cls('127.255.255.255'), cls('128.0.0.0'), cls('191.255.0.0'), cls('192.0.0.0'), cls('223.1.1.1'), cls('224.0.0.1'), cls('239.0.0.0'), cls('240.0.0.0'), cls('255.255.255.255')]).toEqual(
      ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E'],
    );
    expect(subnet(parseAddress('::1'), 128).addressClass).toBeNull();
  });

  it('steps to the next and previous network, and stops at the edges', () => {
    const s = subnet(parseAddress('210.170.1.1'), 24);
    expect(s.nextNetwork?.toString()).toBe('210.170.2.0/24');
    expect(s.previousNetwork?.toString()).toBe('210.170.0.0/24');
    expect(subnet(parseAddress('255.255.255.1'), 24).nextNetwork).toBeNull();
    expect(subnet(parseAddress('0.0.0.1'), 24).previousNetwork).toBeNull();
    expect(subnet(parseAddress('1.2.3.4'), 0).nextNetwork).toBeNull();
    expect(subnet(parseAddress('2001:db8::'), 32).nextNetwork?.toString()).toBe('2001:db9::/32');
    expect(subnet(parseAddress('ffff::'), 16).nextNetwork).toBeNull();
  });

  it('carries over between IPv6 words for the first host', () => {
    // network address ends in a word boundary: +1 must not lose carries
    expect(subnet(parseAddress('2001:db8:0:1::'), 64).firstHost.toString()).toBe('2001:db8:0:1::1');
  });

  it('keeps the zone of a scoped address but never puts it in the network', () => {
    const s = subnet(parseAddress('fe80::1%eth0'), 128);
    expect(s.address.toString()).toBe('fe80::1%eth0');
    expect(s.network.toString()).toBe('fe80::1/128');
  });

  it('refuses a zone inside a prefix', () => {
    expect(() => new Prefix(parseAddress('fe80::1%eth0'), 64)).toThrow('a zone (%) is not allowed in a prefix');
  });
});
