// Ranges and sets of addresses: merge (aggregate), exclude (difference), range to
// CIDRs, lookups, and splitting a network into equal or VLSM subnets.
//
// Everything that can grow to millions of entries lives in typed arrays: an IPv4
// range is a pair of uint32 words, sorted natively through a BigUint64Array view of
// the pairs (no comparator, no objects per entry), an IPv6 range eight uint32 words.
// Sorting is O(n log n) and every sweep after it is linear.

import { Address, parseAddress, type IPVersion } from './address.js';
import { NetkitError, NetkitRangeError } from './errors.js';
import { Prefix, parseNetwork } from './prefix.js';

// A BigUint64Array view of [lo, hi] uint32 pairs sorts by hi, then lo. On a
// little-endian machine the high word is the second of the pair.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const S = LITTLE_ENDIAN ? 1 : 0; // where a pair keeps its start
const E = 1 - S; // ... and its end

const TWO32 = 4294967296;

// ---------------------------------------------------------------------------
// IPv4: uint32 pairs

/** A growable list of IPv4 ranges [start, end] (inclusive, uint32 values). */
export class IPv4Ranges {
  /** Pairs of words; use start(i) and end(i) rather than indexing this directly. */
  data: Uint32Array;
  /** Number of ranges. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(2, capacity * 2));
  }

  push(start: number, end: number): void {
    if (this.length * 2 === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const k = this.length * 2;
    this.data[k + S] = start;
    this.data[k + E] = end;
    this.length++;
  }

  start(i: number): number {
    return this.data[i * 2 + S]!;
  }

  end(i: number): number {
    return this.data[i * 2 + E]!;
  }

  /**
   * Sort by start and coalesce overlapping and adjacent ranges, in place. Afterwards
   * the ranges are disjoint, ascending and separated by at least one address.
   */
  normalize(): this {
    const n = this.length;
    if (n === 0) return this;
    const d = this.data;
    new BigUint64Array(d.buffer, d.byteOffset, n).sort();
    let w = 0;
    let cs = d[S]!;
    let ce = d[E]!;
    for (let i = 1; i < n; i++) {
      const s = d[i * 2 + S]!;
      const e = d[i * 2 + E]!;
      if (s <= ce + 1) {
        if (e > ce) ce = e;
      } else {
        d[w * 2 + S] = cs;
        d[w * 2 + E] = ce;
        w++;
        cs = s;
        ce = e;
      }
    }
    d[w * 2 + S] = cs;
    d[w * 2 + E] = ce;
    this.length = w + 1;
    return this;
  }

  /** Number of addresses (exact below 2^53, which 2^32 addresses stay far from). */
  count(): number {
    let total = 0;
    for (let i = 0; i < this.length; i++) total += this.end(i) - this.start(i) + 1;
    return total;
  }
}

/** Ranges of a minus ranges of b; both normalized. The result is normalized. */
export function excludeIPv4(a: IPv4Ranges, b: IPv4Ranges): IPv4Ranges {
  const out = new IPv4Ranges(a.length + 1);
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    let s = a.start(i);
    const e = a.end(i);
    while (j < b.length && b.end(j) < s) j++;
    let k = j;
    while (s <= e && k < b.length && b.start(k) <= e) {
      const bs = b.start(k);
      const be = b.end(k);
      if (bs > s) out.push(s, bs - 1);
      s = be + 1;
      if (be >= e) break;
      k++;
    }
    if (s <= e) out.push(s, e);
  }
  return out;
}

/**
 * The minimal list of CIDR blocks covering start..end exactly, ascending: each
 * block is the largest one aligned at the current start that does not pass end.
 */
export function ipv4RangeToCidrs(start: number, end: number, emit: (network: number, prefixLength: number) => void): void {
  let s = start;
  while (s <= end) {
    const x = s | 0;
    let size = (x & -x) >>> 0;
    if (size === 0) size = TWO32; // s is 0: aligned to everything
    const room = end - s + 1;
    while (size > room) size /= 2;
    emit(s, size === TWO32 ? 0 : Math.clz32(size) + 1);
    s += size;
  }
}

/** Membership in a normalized IPv4 range list by binary search. */
export class IPv4Lookup {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;

  constructor(ranges: IPv4Ranges) {
    ranges.normalize();
    this.starts = new Uint32Array(ranges.length);
    this.ends = new Uint32Array(ranges.length);
    for (let i = 0; i < ranges.length; i++) {
      this.starts[i] = ranges.start(i);
      this.ends[i] = ranges.end(i);
    }
  }

  get size(): number {
    return this.starts.length;
  }

  has(v: number): boolean {
    const st = this.starts;
    let lo = 0;
    let hi = st.length - 1;
    if (hi < 0 || v < st[0]!) return false;
    // the last start <= v
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (st[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return v <= this.ends[lo]!;
  }
}

// ---------------------------------------------------------------------------
// IPv6: eight uint32 words per range, start then end, most significant first

function cmp4(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[i + k]!;
    const y = b[j + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Is the value at b[j..] exactly one more than the value at a[i..]? */
function isSuccessor(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  // a + 1 == b: a ends in a run of 0xffffffff words that become 0 in b, one word is incremented, the rest equal.
  let k = 3;
  while (k >= 0 && a[i + k] === 0xffffffff) {
    if (b[j + k] !== 0) return false;
    k--;
  }
  if (k < 0) return false; // a is the last address
  if (b[j + k] !== a[i + k]! + 1) return false;
  for (let m = k - 1; m >= 0; m--) if (a[i + m] !== b[j + m]) return false;
  return true;
}

/** A growable list of IPv6 ranges, each eight uint32 words: start w0..w3, end w0..w3. */
export class IPv6Ranges {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Uint32Array(Math.max(8, capacity * 8));
  }

  private grow(): void {
    const bigger = new Uint32Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }

  /** Add a range from two word quadruples (the end is not checked against the start). */
  push(s0: number, s1: number, s2: number, s3: number, e0: number, e1: number, e2: number, e3: number): void {
    if (this.length * 8 === this.data.length) this.grow();
    const d = this.data;
    const k = this.length * 8;
    d[k] = s0;
    d[k + 1] = s1;
    d[k + 2] = s2;
    d[k + 3] = s3;
    d[k + 4] = e0;
    d[k + 5] = e1;
    d[k + 6] = e2;
    d[k + 7] = e3;
    this.length++;
  }

  /** Add a prefix from its network words and length (the host bits of the words are ignored). */
  pushPrefix(w0: number, w1: number, w2: number, w3: number, prefixLength: number): void {
    const m = (k: number) => {
      const bits = Math.max(0, Math.min(32, prefixLength - 32 * k));
      return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    };
    const m0 = m(0), m1 = m(1), m2 = m(2), m3 = m(3);
    this.push(
      (w0 & m0) >>> 0, (w1 & m1) >>> 0, (w2 & m2) >>> 0, (w3 & m3) >>> 0,
      (w0 | ~m0) >>> 0, (w1 | ~m1) >>> 0, (w2 | ~m2) >>> 0, (w3 | ~m3) >>> 0,
    );
  }

  startBig(i: number): bigint {
    return wordsToBig(this.data, i * 8);
  }

  endBig(i: number): bigint {
    return wordsToBig(this.data, i * 8 + 4);
  }

  /** Sort by start and coalesce overlapping and adjacent ranges, in place. */
  normalize(): this {
    const n = this.length;
    if (n === 0) return this;
    const d = this.data;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((x, y) => cmp4(d, x * 8, d, y * 8) || cmp4(d, x * 8 + 4, d, y * 8 + 4));
    const out = new Uint32Array(Math.max(8, n * 8));
    let w = 0;
    out.set(d.subarray(order[0]! * 8, order[0]! * 8 + 8), 0);
    for (let r = 1; r < n; r++) {
      const k = order[r]! * 8;
      const cur = w * 8;
      // overlapping (start <= current end) or adjacent (start == current end + 1)
      if (cmp4(d, k, out, cur + 4) <= 0 || isSuccessor(out, cur + 4, d, k)) {
        if (cmp4(d, k + 4, out, cur + 4) > 0) out.set(d.subarray(k + 4, k + 8), cur + 4);
      } else {
        w++;
        out.set(d.subarray(k, k + 8), w * 8);
      }
    }
    this.data = out;
    this.length = w + 1;
    return this;
  }

  /** Number of addresses. */
  count(): bigint {
    let total = 0n;
    for (let i = 0; i < this.length; i++) total += this.endBig(i) - this.startBig(i) + 1n;
    return total;
  }
}

function wordsToBig(d: Uint32Array, k: number): bigint {
  return (BigInt(d[k]!) << 96n) | (BigInt(d[k + 1]!) << 64n) | (BigInt(d[k + 2]!) << 32n) | BigInt(d[k + 3]!);
}

const MAX128 = (1n << 128n) - 1n;

/** Ranges of a minus ranges of b; both normalized. */
export function excludeIPv6(a: IPv6Ranges, b: IPv6Ranges): IPv6Ranges {
  const out = new IPv6Ranges(a.length + 1);
  const push = (s: bigint, e: bigint) => {
    const x = bigToWords(s);
    const y = bigToWords(e);
    out.push(x[0], x[1], x[2], x[3], y[0], y[1], y[2], y[3]);
  };
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    let s = a.startBig(i);
    const e = a.endBig(i);
    while (j < b.length && b.endBig(j) < s) j++;
    let k = j;
    while (s <= e && k < b.length && b.startBig(k) <= e) {
      const bs = b.startBig(k);
      const be = b.endBig(k);
      if (bs > s) push(s, bs - 1n);
      s = be + 1n;
      if (be >= e) break;
      k++;
    }
    if (s <= e) push(s, e);
  }
  return out;
}

function bigToWords(v: bigint): [number, number, number, number] {
  return [
    Number((v >> 96n) & 0xffffffffn),
    Number((v >> 64n) & 0xffffffffn),
    Number((v >> 32n) & 0xffffffffn),
    Number(v & 0xffffffffn),
  ];
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** The minimal CIDR blocks covering the IPv6 range start..end (bigints), ascending. */
export function ipv6RangeToCidrs(start: bigint, end: bigint, emit: (network: bigint, prefixLength: number) => void): void {
  let s = start;
  while (s <= end) {
    let size = s === 0n ? 1n << 128n : s & -s;
    const room = end - s + 1n;
    while (size > room) size >>= 1n;
    emit(s, 128 - (bitLength(size) - 1));
    s += size;
    if (s > MAX128) break;
  }
}

/** Membership in a normalized IPv6 range list by binary search. */
export class IPv6Lookup {
  private readonly d: Uint32Array;
  readonly size: number;
  private readonly key = new Uint32Array(4);

  constructor(ranges: IPv6Ranges) {
    ranges.normalize();
    this.d = ranges.data.slice(0, ranges.length * 8);
    this.size = ranges.length;
  }

  /** Is the address in words w[at..at+3] in one of the ranges? */
  hasWords(w: Uint32Array, at = 0): boolean {
    const d = this.d;
    let lo = 0;
    let hi = this.size - 1;
    if (hi < 0 || cmp4(w, at, d, 0) < 0) return false;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cmp4(d, mid * 8, w, at) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return cmp4(w, at, d, lo * 8 + 4) <= 0;
  }

  has(addr: Address): boolean {
    if (addr.version !== 6) return false;
    const k = this.key;
    k[0] = addr.w0;
    k[1] = addr.w1;
    k[2] = addr.w2;
    k[3] = addr.w3;
    return this.hasWords(k, 0);
  }
}

// ---------------------------------------------------------------------------
// Values: ranges, entries, sets

/** An inclusive range of addresses of one family, first <= last. */
export class IPRange {
  readonly first: Address;
  readonly last: Address;

  constructor(first: Address, last: Address) {
    if (first.version !== last.version) {
      throw new NetkitError('range', `${first}-${last}`, 'the two ends are of different address families');
    }
    if (first.zone || last.zone) throw new NetkitError('range', `${first}-${last}`, 'a zone (%) is not allowed in a range');
    if (first.compare(last) > 0) {
      throw new NetkitError('range', `${first}-${last}`, 'the end comes before the start');
    }
    this.first = first;
    this.last = last;
  }

  static fromPrefix(p: Prefix): IPRange {
    return new IPRange(p.first(), p.last());
  }

  get version(): IPVersion {
    return this.first.version;
  }

  /** Number of addresses. */
  size(): bigint {
    return this.last.toBigInt() - this.first.toBigInt() + 1n;
  }

  contains(addr: Address): boolean {
    return addr.version === this.version && this.first.compare(addr.withoutZone()) <= 0 && addr.withoutZone().compare(this.last) <= 0;
  }

  /** The minimal CIDR blocks that cover exactly this range. */
  toCidrs(): Prefix[] {
    return rangeToCidrs(this.first, this.last);
  }

  toString(): string {
    return `${this.first}-${this.last}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The minimal list of CIDR blocks covering first..last exactly, ascending. */
export function rangeToCidrs(first: Address, last: Address): Prefix[] {
  const r = new IPRange(first, last);
  const out: Prefix[] = [];
  if (r.version === 4) {
    ipv4RangeToCidrs(first.w3, last.w3, (n, len) => out.push(new Prefix(Address.v4(n), len)));
  } else {
    ipv6RangeToCidrs(first.toBigInt(), last.toBigInt(), (n, len) => out.push(new Prefix(Address.fromBigInt(6, n), len)));
  }
  return out;
}

/** Parse a range `FIRST-LAST` (both ends of one family, first <= last), strictly: no spaces. */
export function parseRange(text: string): IPRange {
  const dash = text.indexOf('-');
  if (dash < 0) throw new NetkitError('range', text, 'expected FIRST-LAST');
  if (text.indexOf('-', dash + 1) >= 0) throw new NetkitError('range', text, 'more than one "-"', text.indexOf('-', dash + 1));
  const a = text.slice(0, dash);
  const b = text.slice(dash + 1);
  if (a.length === 0) throw new NetkitError('range', text, 'no address before "-"', 0);
  if (b.length === 0) throw new NetkitError('range', text, 'no address after "-"', dash);
  if (/\s/.test(a) || /\s/.test(b)) throw new NetkitError('range', text, 'spaces are not allowed around "-"', text.search(/\s/));
  const wrap = (part: string, offset: number): Address => {
    try {
      return parseAddress(part);
    } catch (e) {
      if (e instanceof NetkitError) {
        throw new NetkitError('range', text, `${e.message.replace(/^invalid /, '')}`, offset + (e.position ?? 0));
      }
      throw e;
    }
  };
  const first = wrap(a, 0);
  const last = wrap(b, dash + 1);
  if (first.zone || last.zone) throw new NetkitError('range', text, 'a zone (%) is not allowed in a range');
  if (first.version !== last.version) {
    throw new NetkitError('range', text, `the ends are of different families (IPv${first.version} and IPv${last.version})`);
  }
  if (first.compare(last) > 0) throw new NetkitError('range', text, 'the end comes before the start');
  return new IPRange(first, last);
}

/**
 * Parse one entry of an address set: an address, a network (`ADDR/LEN` or any mask
 * spelling, host bits zero) or a range `FIRST-LAST`.
 */
export function parseSetEntry(text: string): IPRange {
  if (text.indexOf('-') >= 0) return parseRange(text);
  if (text.indexOf('/') >= 0) return IPRange.fromPrefix(parseNetwork(text));
  const a = parseAddress(text);
  if (a.zone) throw new NetkitError('IP address', text, 'a zone (%) is not allowed in an address set', text.indexOf('%'));
  return new IPRange(a, a);
}

export type SetEntry = string | Address | Prefix | IPRange;

/**
 * A set of IPv4 and IPv6 addresses, kept as normalized ranges (sorted, disjoint,
 * not adjacent). Immutable once built; operations return new sets.
 */
export class AddressSet {
  readonly v4: IPv4Ranges;
  readonly v6: IPv6Ranges;

  /** A set from typed range lists (any order, overlaps allowed); takes ownership of them and normalizes them. */
  constructor(v4: IPv4Ranges = new IPv4Ranges(), v6: IPv6Ranges = new IPv6Ranges()) {
    this.v4 = v4.normalize();
    this.v6 = v6.normalize();
  }

  /** A set from entries: address, network or range text, or values. */
  static from(entries: Iterable<SetEntry>): AddressSet {
    const v4 = new IPv4Ranges();
    const v6 = new IPv6Ranges();
    for (const e of entries) addRange(v4, v6, toRange(e));
    return new AddressSet(v4, v6);
  }

  /** Addresses in this set or the other. */
  union(other: AddressSet): AddressSet {
    const v4 = new IPv4Ranges(this.v4.length + other.v4.length);
    for (const s of [this, other]) for (let i = 0; i < s.v4.length; i++) v4.push(s.v4.start(i), s.v4.end(i));
    const v6 = new IPv6Ranges(this.v6.length + other.v6.length);
    for (const s of [this, other]) {
      for (let i = 0; i < s.v6.length; i++) {
        const d = s.v6.data;
        const k = i * 8;
        v6.push(d[k]!, d[k + 1]!, d[k + 2]!, d[k + 3]!, d[k + 4]!, d[k + 5]!, d[k + 6]!, d[k + 7]!);
      }
    }
    return new AddressSet(v4, v6);
  }

  /** Addresses in this set that are not in the other. */
  exclude(other: AddressSet): AddressSet {
    return new AddressSet(excludeIPv4(this.v4, other.v4), excludeIPv6(this.v6, other.v6));
  }

  /** Addresses in both sets. */
  intersect(other: AddressSet): AddressSet {
    return this.exclude(this.exclude(other));
  }

  /** Is the address in the set? Binary search: O(log n). */
  contains(addr: Address): boolean {
    const a = addr.withoutZone();
    if (a.version === 4) {
      const r = this.v4;
      let lo = 0;
      let hi = r.length - 1;
      if (hi < 0 || a.w3 < r.start(0)) return false;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (r.start(mid) <= a.w3) lo = mid;
        else hi = mid - 1;
      }
      return a.w3 <= r.end(lo);
    }
    const r = this.v6;
    const v = a.toBigInt();
    let lo = 0;
    let hi = r.length - 1;
    if (hi < 0 || v < r.startBig(0)) return false;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (r.startBig(mid) <= v) lo = mid;
      else hi = mid - 1;
    }
    return v <= r.endBig(lo);
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Number of addresses, IPv4 and IPv6 together. */
  size(): bigint {
    return BigInt(this.v4.count()) + this.v6.count();
  }

  /** The ranges, IPv4 first, ascending. */
  ranges(): IPRange[] {
    const out: IPRange[] = [];
    for (let i = 0; i < this.v4.length; i++) out.push(new IPRange(Address.v4(this.v4.start(i)), Address.v4(this.v4.end(i))));
    for (let i = 0; i < this.v6.length; i++) {
      out.push(new IPRange(Address.fromBigInt(6, this.v6.startBig(i)), Address.fromBigInt(6, this.v6.endBig(i))));
    }
    return out;
  }

  /** The minimal sorted list of CIDR blocks covering exactly this set, IPv4 first. */
  cidrs(): Prefix[] {
    const out: Prefix[] = [];
    for (let i = 0; i < this.v4.length; i++) {
      ipv4RangeToCidrs(this.v4.start(i), this.v4.end(i), (n, len) => out.push(new Prefix(Address.v4(n), len)));
    }
    for (let i = 0; i < this.v6.length; i++) {
      ipv6RangeToCidrs(this.v6.startBig(i), this.v6.endBig(i), (n, len) => out.push(new Prefix(Address.fromBigInt(6, n), len)));
    }
    return out;
  }
}

function toRange(e: SetEntry): IPRange {
  if (typeof e === 'string') return parseSetEntry(e);
  if (e instanceof IPRange) return e;
  if (e instanceof Prefix) return IPRange.fromPrefix(e.masked());
  const a = e.withoutZone();
  return new IPRange(a, a);
}

function addRange(v4: IPv4Ranges, v6: IPv6Ranges, r: IPRange): void {
  if (r.version === 4) v4.push(r.first.w3, r.last.w3);
  else v6.push(r.first.w0, r.first.w1, r.first.w2, r.first.w3, r.last.w0, r.last.w1, r.last.w2, r.last.w3);
}

/** The minimal sorted CIDR list covering the entries (addresses, networks, ranges), IPv4 first. */
export function mergeCidrs(entries: Iterable<SetEntry>): Prefix[] {
  return AddressSet.from(entries).cidrs();
}

/** The minimal sorted CIDR list of the addresses in `from` that are not in `remove`. */
export function excludeCidrs(from: Iterable<SetEntry>, remove: Iterable<SetEntry>): Prefix[] {
  return AddressSet.from(from).exclude(AddressSet.from(remove)).cidrs();
}

// ---------------------------------------------------------------------------
// Splitting a network

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
