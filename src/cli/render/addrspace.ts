// ipcalc-ng's ADDRSPACE: its own words for the block a network lies in, kept apart
// from netkit's registry names (special.ts) because scripts written for ipcalc-ng
// compare these strings. Worked out from ipcalc-ng 1.0.2 itself (Debian's), and held
// to it by a test that asks the real ipcalc-ng about thousands of networks.
//
// How ipcalc-ng decides: it classifies the NETWORK (the address with host bits
// cleared), not the address; the most specific matching block wins. IPv4 blocks
// match on the network's bits alone (10.0.0.1/7 is "Private Use": its network is
// 10.0.0.0). Most IPv6 blocks also need the prefix to be at least the block's
// (2001:db8::/31 is "Global Unicast", 2001:db8::/33 "Documentation"); the wide
// unicast/multicast blocks match on bits alone. What matches nothing is "Internet"
// for IPv4 and "Reserved" for IPv6.

import { parseAddress } from '../../core/address.js';

interface Block {
  hi: bigint;
  len: number;
  name: string;
  /** The network's prefix must be at least `len` for the block to count. */
  needsPrefix: boolean;
}

function blocks(family: 4 | 6, rows: Row[]): Block[] {
  const bits = family === 4 ? 32 : 128;
  return rows
    .map(([cidr, name, needsPrefix]) => {
      const [a, l] = cidr.split('/');
      const len = Number(l);
      return { hi: parseAddress(a!).toBigInt() >> BigInt(bits - len), len, name, needsPrefix: needsPrefix ?? false };
    })
    .sort((x, y) => y.len - x.len); // most specific first
}

type Row = [cidr: string, name: string, needsPrefix?: boolean];

const V4_ROWS: Row[] = [
  ['0.0.0.0/8', 'This host on this network'],
  ['10.0.0.0/8', 'Private Use'],
  ['100.64.0.0/10', 'Shared Address Space'],
  ['127.0.0.0/8', 'Loopback'],
  ['169.254.0.0/16', 'Link Local'],
  ['172.16.0.0/12', 'Private Use'],
  ['192.0.0.0/24', 'IETF Protocol Assignments'],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix'],
  ['192.0.0.8/32', 'IPv4 dummy address'],
  ['192.0.0.9/32', 'Port Control Protocol Anycast'],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast'],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery'],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery'],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)'],
  ['192.31.196.0/24', 'AS112-v4'],
  ['192.52.193.0/24', 'AMT'],
  ['192.88.99.0/24', '6 to 4 Relay Anycast (Deprecated)'],
  ['192.168.0.0/16', 'Private Use'],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service'],
  ['198.18.0.0/15', 'Benchmarking'],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'Multicast'],
  ['240.0.0.0/4', 'Reserved'],
  ['255.255.255.255/32', 'Limited Broadcast'],
];

const P = true; // the prefix must be at least the block's
const V6_ROWS: Row[] = [
  ['::/128', 'Unspecified Address', P],
  ['::1/128', 'Loopback Address', P],
  ['::ffff:0:0/96', 'IPv4-mapped Address', P],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.', P],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', P],
  ['2001::/23', 'IETF Protocol Assignments', P],
  ['2001::/32', 'TEREDO', P],
  ['2001:1::1/128', 'Port Control Protocol Anycast', P],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', P],
  ['2001:2::/48', 'Benchmarking', P],
  ['2001:3::/32', 'AMT', P],
  ['2001:4:112::/48', 'AS112-v6', P],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', P],
  ['2001:20::/28', 'ORCHIDv2', P],
  ['2001:db8::/32', 'Documentation', P],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', P],
  ['2002::/16', '6to4'],
  ['2000::/3', 'Global Unicast'],
  ['fc00::/7', 'Unique Local Unicast'],
  ['fe80::/10', 'Link-Scoped Unicast'],
  ['ff00::/8', 'Multicast'],
];

// Parsed on first use (only --shell asks), not at load: every netkit call loads this module.
let parsed: { 4: Block[]; 6: Block[] } | undefined;
const table = (family: 4 | 6): Block[] => (parsed ??= { 4: blocks(4, V4_ROWS), 6: blocks(6, V6_ROWS) })[family];

/** ipcalc-ng's ADDRSPACE word for the network `networkAddress`/`prefixLength`. */
export function ipcalcAddrspace(networkAddress: string, prefixLength: number): string {
  const a = parseAddress(networkAddress);
  const family = a.version;
  const bits = family === 4 ? 32 : 128;
  const v = a.toBigInt();
  for (const b of table(family)) {
    if (b.needsPrefix && prefixLength < b.len) continue;
    if (v >> BigInt(bits - b.len) === b.hi) return b.name;
  }
  return family === 4 ? 'Internet' : 'Reserved';
}
