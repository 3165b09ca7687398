// Typed-array range lists, the engine under every set operation: an IPv4 range is a
// pair of uint32 words, sorted natively through a BigUint64Array view of the pairs
// (no comparator, no objects per entry); an IPv6 range is eight uint32 words, sorted
// by a radix sort on 32-bit word keys. Sorting is O(n log n) or better and every
// sweep after it is linear. Merge (normalize), exclude, intersect, range to CIDRs and
// lookups by binary search live here; the value types built on them are in sets.ts.

import type { Address } from './address.js';

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
