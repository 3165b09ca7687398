// The --count record of merge and exclude.

import { ipv4RangeToCidrs, ipv6RangeToCidrs, type IPv4Ranges, type IPv6Ranges } from '../../core/ranges.js';

export interface CountRecord {
  /** Addresses in the set, IPv4 and IPv6 together (decimal string). */
  addresses: string;
  ipv4Addresses: string;
  ipv6Addresses: string;
  /** CIDR blocks in the minimal list. */
  networks: number;
  /** Ranges (maximal runs of consecutive addresses). */
  ranges: number;
}

export function countRecord(v4: IPv4Ranges, v6: IPv6Ranges): CountRecord {
  const a4 = BigInt(v4.count());
  const a6 = v6.count();
  let networks = 0;
  for (let i = 0; i < v4.length; i++) ipv4RangeToCidrs(v4.start(i), v4.end(i), () => networks++);
  for (let i = 0; i < v6.length; i++) ipv6RangeToCidrs(v6.startBig(i), v6.endBig(i), () => networks++);
  return {
    addresses: (a4 + a6).toString(),
    ipv4Addresses: a4.toString(),
    ipv6Addresses: a6.toString(),
    networks,
    ranges: v4.length + v6.length,
  };
}
