// "Are these hosts on the same network, or must traffic go through a router?"
// The notes' question, for any number of addresses.

import type { Address } from './address.js';
import { NetkitError } from './errors.js';
import { Prefix } from './prefix.js';

export interface SameNetworkResult {
  /** True when every address falls in one network under the prefix length. */
  sameNetwork: boolean;
  /** Why not, when it is not a plain difference of networks (for example mixed families). */
  reason: 'same network' | 'different networks' | 'different address families' | 'different zones';
  /** The prefix length the question was asked under. */
  prefixLength: number;
  /** Each address with its network under the prefix length. */
  networks: { address: Address; network: Prefix }[];
  /** The longest prefix all addresses share (null for mixed families). */
  commonPrefixLength: number | null;
  /** The network of that longest shared prefix (null for mixed families). */
  commonNetwork: Prefix | null;
}

/** Length of the longest prefix that all addresses share. They must be of one family. */
export function commonPrefixLength(addrs: readonly Address[]): number {
  if (addrs.length === 0) throw new RangeError('no addresses');
  const first = addrs[0]!;
  let len: number = first.bitLength;
  for (const a of addrs) {
    if (a.version !== first.version) throw new RangeError('addresses of different families share no prefix');
    const words = first.version === 4 ? ([['w3', 0]] as const) : ([['w0', 0], ['w1', 32], ['w2', 64], ['w3', 96]] as const);
    for (const [k, base] of words) {
      const x = (first[k] ^ a[k]) >>> 0;
      if (x !== 0) {
        len = Math.min(len, base + Math.clz32(x));
        break;
      }
    }
  }
  return len;
}

/** Are all the addresses in one network under `prefixLength`? Mixed families never are. */
export function sameNetwork(addrs: readonly Address[], prefixLength: number): SameNetworkResult {
  if (addrs.length < 2) throw new RangeError('same-network needs at least two addresses');
  const mixed = addrs.some((a) => a.version !== addrs[0]!.version);
  const networks = addrs.map((address) => {
    if (prefixLength > address.bitLength) {
      throw new NetkitError('prefix length', String(prefixLength), `/${prefixLength} is longer than an IPv${address.version} address`);
    }
    return { address, network: new Prefix(address.withoutZone(), prefixLength).masked() };
  });
  if (mixed) {
    return { sameNetwork: false, reason: 'different address families', prefixLength, networks, commonPrefixLength: null, commonNetwork: null };
  }
  const common = commonPrefixLength(addrs);
  // fe80::1%eth0 and fe80::2%eth1 are on two different links, whatever their bits say.
  const zones = new Set(addrs.map((a) => a.zone).filter((z) => z !== ''));
  const zoneClash = zones.size > 1;
  const same = common >= prefixLength && !zoneClash;
  return {
    sameNetwork: same,
    reason: same ? 'same network' : zoneClash && common >= prefixLength ? 'different zones' : 'different networks',
    prefixLength,
    networks,
    commonPrefixLength: common,
    commonNetwork: new Prefix(addrs[0]!.withoutZone(), common).masked(),
  };
}
