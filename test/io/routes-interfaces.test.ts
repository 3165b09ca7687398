// os.networkInterfaces() -> HostAddress: the pure conversion, on captured shapes.
import { describe, expect, it } from 'vitest';
import { fromNodeInterfaces, listHostAddresses, type NodeInterfaces } from '../../src/io/interfaces.js';

const SAMPLE = {
  lo: [
    { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
    { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', mac: '00:00:00:00:00:00', internal: true, cidr: '::1/128', scopeid: 0 },
  ],
  eth0: [
    { address: '10.9.0.2', netmask: '255.255.255.0', family: 'IPv4', mac: '46:f1:fb:5a:90:af', internal: false, cidr: '10.9.0.2/24' },
    { address: 'fe80::44f1:fbff:fe5a:90af', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '46:f1:fb:5a:90:af', internal: false, cidr: 'fe80::44f1:fbff:fe5a:90af/64', scopeid: 3 },
  ],
  // A null cidr: the prefix length comes from the netmask, unless Node could not express it.
  old: [
    { address: '192.0.2.9', netmask: '255.255.255.252', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: null },
    { address: '192.0.2.10', netmask: '255.0.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: null },
  ],
} as unknown as NodeInterfaces;

describe('fromNodeInterfaces', () => {
  const got = fromNodeInterfaces(SAMPLE);
  it.each([
    // interface, address, prefix length, mac, internal, scope id
    ['lo', '127.0.0.1', 8, null, true, null],
    ['lo', '::1', 128, null, true, null],
    ['eth0', '10.9.0.2', 24, '46:f1:fb:5a:90:af', false, null],
    ['eth0', 'fe80::44f1:fbff:fe5a:90af', 64, '46:f1:fb:5a:90:af', false, 3],
    ['old', '192.0.2.9', 30, '02:00:00:00:00:01', false, null],
  ])('%s %s/%d', (iface, addr, len, mac, internal, scope) => {
    const h = got.find((x) => x.interface === iface && x.address.toString() === addr);
    expect(h).toBeDefined();
    expect(h).toMatchObject({ prefixLength: len, mac, internal, scopeId: scope });
    expect(h!.address.zone).toBe('');
  });
  it('skips an address whose mask is not contiguous', () => {
    expect(got.find((x) => x.address.toString() === '192.0.2.10')).toBeUndefined();
    expect(got).toHaveLength(5);
  });
  it('skips a family Node does not name as a string (Node 18.0-18.3 gave numbers; netkit needs Node 20)', () => {
    expect(fromNodeInterfaces({ x: [{ ...SAMPLE.lo![0]!, family: 4 }] } as unknown as NodeInterfaces)).toEqual([]);
  });
  it('listHostAddresses takes an injected source', () => {
    expect(listHostAddresses(() => SAMPLE)).toEqual(got);
  });
});
