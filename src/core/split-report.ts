// Plain, JSON-ready split reports: the object `netkit split --json` prints (field names
// are API, docs/split.md), built from a plan so the human view, the JSON and a streamed
// JSON all draw the same numbers.

import { Address } from './address.js';
import { Subnet } from './network.js';
import type { Prefix } from './prefix.js';
import type { SplitPlan } from './planning.js';
import { rangeToCidrs } from './sets.js';

export interface SplitSubnetRecord {
  /** The subnet, `192.168.1.0/25`. */
  network: string;
  prefixLength: number;
  /** First and last address of the block. */
  first: string;
  last: string;
  /** First and last usable host (as `netkit subnet`). */
  firstHost: string;
  lastHost: string;
  /** IPv4 broadcast address, or null (IPv6, /31, /32). */
  broadcast: string | null;
  /** Addresses in the block, and usable hosts (decimal strings). */
  addresses: string;
  usableHosts: string;
  /** The host count asked for (--hosts), else null. */
  requestedHosts: string | null;
  /** Position of the request in --hosts (0-based); for equal splits, the subnet's number. */
  request: number;
}

export interface SplitFreeRecord {
  network: string;
  first: string;
  last: string;
  addresses: string;
}

export interface SplitRecord {
  /** The network that was split. */
  network: string;
  /** How: 'prefix' (equal, by length), 'count' (equal, by number) or 'hosts' (VLSM). */
  mode: 'prefix' | 'count' | 'hosts';
  /** The subnets, in address order. */
  subnets: SplitSubnetRecord[];
  /** What is left free, as minimal CIDR blocks in address order. */
  free: SplitFreeRecord[];
  /** Addresses in the network, used by the subnets, and left free (decimal strings). */
  addresses: string;
  usedAddresses: string;
  freeAddresses: string;
}

export function subnetRecord(network: Prefix, requested: bigint | null, request: number): SplitSubnetRecord {
  const s = new Subnet(network.address, network.prefixLength);
  return {
    network: network.toString(),
    prefixLength: network.prefixLength,
    first: s.networkAddress.toString(),
    last: s.lastAddress.toString(),
    firstHost: s.firstHost.toString(),
    lastHost: s.lastHost.toString(),
    broadcast: s.broadcast?.toString() ?? null,
    addresses: s.totalAddresses.toString(),
    usableHosts: s.usableHosts.toString(),
    requestedHosts: requested === null ? null : requested.toString(),
    request,
  };
}

function freeRecord(f: Prefix): SplitFreeRecord {
  return { network: f.toString(), first: f.first().toString(), last: f.last().toString(), addresses: f.size().toString() };
}

export function splitRecord(plan: SplitPlan, mode: SplitRecord['mode']): SplitRecord {
  const subnets = [...plan.subnets]
    .sort((a, b) => a.network.compare(b.network))
    .map((p) => subnetRecord(p.network, p.requestedHosts, p.index));
  const total = plan.parent.size();
  const used = plan.subnets.reduce((n, s) => n + s.network.size(), 0n);
  return {
    network: plan.parent.toString(),
    mode,
    subnets,
    free: plan.free.map(freeRecord),
    addresses: total.toString(),
    usedAddresses: used.toString(),
    freeAddresses: (total - used).toString(),
  };
}

/**
 * The record of an equal split too large to build as a plan, without its subnets
 * (`subnets` is empty): they are the first `count` (all when undefined) /`len`
 * blocks of `parent` in order, each `subnetRecord(block, null, i)`, for the caller
 * to stream. What the taken subnets leave is `free`.
 */
export function equalSplitFrame(parent: Prefix, len: number, count?: bigint): SplitRecord {
  const total = parent.size();
  const used = count === undefined ? total : count * (1n << BigInt(parent.address.bitLength - len));
  const free =
    used < total ? rangeToCidrs(Address.fromBigInt(parent.version, parent.first().toBigInt() + used), parent.last()).map(freeRecord) : [];
  return {
    network: parent.toString(),
    mode: count === undefined ? 'prefix' : 'count',
    subnets: [],
    free,
    addresses: total.toString(),
    usedAddresses: used.toString(),
    freeAddresses: (total - used).toString(),
  };
}
