// Splitting a network: equal subnets by prefix length or count, VLSM by host counts,
// and what is left free.

import { Address, type IPVersion } from './address.js';
import { NetkitRangeError } from './errors.js';
import { Prefix } from './prefix.js';
import { AddressSet } from './sets.js';


/**
 * Usable hosts in a block of 2^hostBits addresses, by the same rules as
 * Subnet.usableHosts: IPv4 loses network and broadcast except in /31 (RFC 3021)
 * and /32; IPv6 loses the Subnet-Router anycast address except in /127 and /128.
 */
export function usableHostsFor(version: IPVersion, hostBits: number): bigint {
  if (hostBits <= 1) return 1n << BigInt(hostBits);
  return (1n << BigInt(hostBits)) - (version === 4 ? 2n : 1n);
}

/** The longest prefix (smallest block) with at least `hosts` usable hosts. */
export function prefixLengthForHosts(version: IPVersion, hosts: bigint | number): number {
  const h = BigInt(hosts);
  if (h < 1n) throw new NetkitRangeError(`a subnet needs at least 1 host, not ${h}`);
  const bits = version === 4 ? 32 : 128;
  for (let hb = 0; hb <= bits; hb++) if (usableHostsFor(version, hb) >= h) return bits - hb;
  throw new NetkitRangeError(`no IPv${version} network has ${h} usable hosts`);
}

/** How many /newLength subnets a network splits into. */
export function subnetCount(parent: Prefix, newLength: number): bigint {
  checkSplitLength(parent, newLength);
  return 1n << BigInt(newLength - parent.prefixLength);
}

function checkSplitLength(parent: Prefix, newLength: number): void {
  const max = parent.address.bitLength;
  if (!Number.isInteger(newLength) || newLength < 0 || newLength > max) {
    throw new NetkitRangeError(`an IPv${parent.version} prefix length is 0 to ${max}, not ${newLength}`);
  }
  if (newLength < parent.prefixLength) {
    throw new NetkitRangeError(
      `cannot split ${parent} into /${newLength}s: a /${newLength} is larger than the network; ` +
        `a /${parent.prefixLength} splits into /${parent.prefixLength}${parent.prefixLength < max ? ` to /${max}` : ''} subnets`,
    );
  }
}

/** The /newLength subnets of a network, in order (lazily: there may be 2^64 of them). */
export function* subnetsOf(parent: Prefix, newLength: number): Generator<Prefix> {
  const count = subnetCount(parent, newLength);
  const p = parent.masked();
  const step = 1n << BigInt(p.address.bitLength - newLength);
  if (p.version === 4) {
    const base = p.address.w3;
    const st = Number(step);
    for (let i = 0; i < Number(count); i++) yield new Prefix(Address.unsafe(4, 0, 0, 0, base + i * st), newLength);
    return;
  }
  let v = p.address.toBigInt();
  for (let i = 0n; i < count; i++, v += step) yield new Prefix(Address.fromBigInt(6, v), newLength);
}

/** A subnet in a split plan. */
export interface PlannedSubnet {
  /** The subnet. */
  network: Prefix;
  /** Hosts asked for (VLSM), or null for equal splits. */
  requestedHosts: bigint | null;
  /** Position of the request in the order given (0-based); equal splits count up. */
  index: number;
}

/** A split of a network: the subnets allocated and the blocks left free. */
export interface SplitPlan {
  parent: Prefix;
  subnets: PlannedSubnet[];
  /** What is left, as minimal CIDR blocks, ascending. */
  free: Prefix[];
}

function planFrom(parent: Prefix, subnets: PlannedSubnet[]): SplitPlan {
  const used = AddressSet.from(subnets.map((s) => s.network));
  const free = AddressSet.from([parent]).exclude(used).cidrs();
  return { parent, subnets, free };
}

/**
 * The prefix length of `count` equal subnets of a network, as large as possible
 * (the shortest /len with at least `count` of them). Throws when they do not fit.
 */
export function countSplitLength(parent: Prefix, count: bigint | number): number {
  const p = parent.masked();
  if (typeof count === 'number' && !Number.isInteger(count)) {
    throw new NetkitRangeError(`a count of subnets is a whole number of at least 1, not ${count}`);
  }
  const n = BigInt(count);
  if (n < 1n) throw new NetkitRangeError(`a count of subnets is a whole number of at least 1, not ${n}`);
  let k = 0;
  while (1n << BigInt(k) < n) k++;
  const len = p.prefixLength + k;
  const max = p.address.bitLength;
  if (len > max) {
    const most = 2n ** BigInt(max - p.prefixLength);
    throw new NetkitRangeError(`cannot split ${p} into ${n} subnets: a /${p.prefixLength} holds at most ${most} (/${max}s)`);
  }
  return len;
}

/** Split a network into `count` equal subnets, as large as possible; the rest stays free. */
export function splitIntoCount(parent: Prefix, count: number): SplitPlan {
  const p = parent.masked();
  const len = countSplitLength(p, count);
  const subnets: PlannedSubnet[] = [];
  let i = 0;
  for (const n of subnetsOf(p, len)) {
    if (i >= count) break;
    subnets.push({ network: n, requestedHosts: null, index: i++ });
  }
  return planFrom(p, subnets);
}

/**
 * VLSM: one subnet per host count, each the smallest block with that many usable
 * hosts, placed largest first from the start of the network (so every block is
 * aligned), and the rest reported free. Throws, saying what would fit, when they
 * do not all fit.
 */
export function splitByHosts(parent: Prefix, hosts: readonly (bigint | number)[]): SplitPlan {
  const p = parent.masked();
  const v = p.version;
  const bits = p.address.bitLength;
  if (hosts.length === 0) throw new NetkitRangeError('no host counts given');
  const reqs = hosts.map((h, index) => {
    const need = BigInt(h);
    const len = prefixLengthForHosts(v, need);
    return { need, len, index, size: 1n << BigInt(bits - len) };
  });
  const parentSize = 1n << BigInt(bits - p.prefixLength);
  const parentHosts = usableHostsFor(v, bits - p.prefixLength);
  for (const r of reqs) {
    if (r.len < p.prefixLength) {
      throw new NetkitRangeError(
        `${r.need} hosts need a /${r.len} (${usableHostsFor(v, bits - r.len)} usable), larger than ${p} (${parentHosts} usable)`,
      );
    }
  }
  // largest first; equal sizes keep the order given
  const sorted = [...reqs].sort((a, b) => (a.size === b.size ? a.index - b.index : a.size > b.size ? -1 : 1));
  const total = sorted.reduce((s, r) => s + r.size, 0n);
  if (total > parentSize) {
    let need = 0;
    while (1n << BigInt(need) < total) need++;
    const fits: bigint[] = [];
    let left = parentSize;
    for (const r of sorted) {
      if (r.size <= left) {
        fits.push(r.need);
        left -= r.size;
      }
    }
    throw new NetkitRangeError(
      `${hosts.join(',')} hosts do not fit in ${p}: they need ${total} addresses ` +
        `(${sorted.map((r) => '/' + r.len).join(' + ')}), the network has ${parentSize}; ` +
        (need <= bits ? `a /${bits - need} would hold them all` : `more than the whole IPv${v} address space (${1n << BigInt(bits)})`) +
        (fits.length > 0 ? `; ${p} has room for ${fits.join(',')}` : ''),
    );
  }
  let next = p.address.toBigInt();
  const subnets: PlannedSubnet[] = sorted.map((r) => {
    const network = new Prefix(Address.fromBigInt(v, next), r.len);
    next += r.size;
    return { network, requestedHosts: r.need, index: r.index };
  });
  return planFrom(p, subnets);
}

/** Split a network into all its /newLength subnets (use subnetsOf for huge counts). */
export function splitByPrefix(parent: Prefix, newLength: number): SplitPlan {
  const p = parent.masked();
  const subnets: PlannedSubnet[] = [];
  let i = 0;
  for (const n of subnetsOf(p, newLength)) subnets.push({ network: n, requestedHosts: null, index: i++ });
  return { parent: p, subnets, free: [] };
}
