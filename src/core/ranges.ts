// Typed-array range lists, the engine under every set operation: an IPv4 range is a
// pair of uint32 words, sorted natively through a BigUint64Array view of the pairs
// (no comparator, no objects per entry); an IPv6 range is eight uint32 words, sorted
// by a radix sort on 32-bit word keys. Sorting is O(n log n) or better and every
// sweep after it is linear. Merge (normalize), exclude, intersect, range to CIDRs and
// lookups by binary search live here; the value types built on them are in sets.ts.

import type { Address } from './address.js';
import { maskWord } from './mask.js';

// A BigUint64Array view of [lo, hi] uint32 pairs sorts by hi, then lo. On a
// little-endian machine the high word is the second of the pair.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const S = LITTLE_ENDIAN ? 1 : 0; // where a pair keeps its start
const E = 1 - S; // ... and its end

const TWO32 = 4294967296;

// ---------------------------------------------------------------------------
// IPv4: uint32 pairs

/**
 * A read-only view of a normalized IPv4 range list (ascending, disjoint, not
 * adjacent): what an AddressSet hands out. The list behind it belongs to the set.
 */
export interface IPv4RangeList {
  readonly length: number;
  start(i: number): number;
  end(i: number): number;
  /** Number of addresses. */
  count(): number;
}

/**
 * A growable list of IPv4 ranges [start, end] (inclusive, uint32 values): a builder
 * owned by whoever made it. Functions that take one read it and never change it,
 * except normalize(), which sorts it in place, and constructors that say they take it.
 */
export class IPv4Ranges implements IPv4RangeList {
  /** Pairs of words; use start(i) and end(i) rather than indexing this directly. */
  data: Uint32Array;
  /** Number of ranges. */
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(2, capacity * 2));
  }

  /**
   * Make room for `more` ranges beyond those held, in one step. A generous guess is
   * cheap: memory the list never writes to stays address space (fresh zero pages are
   * only counted once touched), while growing by doubling leaves each smaller array
   * behind for the collector: 6 to 12 MB more at the peak of a 2M-entry merge.
   */
  reserve(more: number): void {
    const want = (this.length + more) * 2;
    if (want <= this.data.length) return;
    const bigger = new Uint32Array(want);
    bigger.set(this.data.subarray(0, this.length * 2));
    this.data = bigger;
  }

  /**
   * Add a range. `start` and `end` are addresses as unsigned 32-bit numbers, or their
   * signed twins (`x | 0`, small integers to V8, never boxed): the array keeps the same
   * bits. Kept small so that V8 inlines it into the readers' loops.
   */
  push(start: number, end: number): void {
    if (this.length * 2 === this.data.length) this.grow();
    const k = this.length * 2;
    this.data[k + S] = start;
    this.data[k + E] = end;
    this.length++;
  }

  private grow(): void {
    const bigger = new Uint32Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
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

/** Ranges of a minus ranges of b; both normalized. The result is a new normalized list. */
export function excludeIPv4(a: IPv4RangeList, b: IPv4RangeList): IPv4Ranges {
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
 * Ranges in both a and b; both normalized. One linear sweep: the overlap of the two
 * current ranges is kept and the one that ends first is passed. The result is a new
 * normalized list (two pieces cannot touch: between them lies a gap of a or of b).
 */
export function intersectIPv4(a: IPv4RangeList, b: IPv4RangeList): IPv4Ranges {
  const out = new IPv4Ranges(Math.min(a.length, b.length) + 1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const as = a.start(i);
    const ae = a.end(i);
    const bs = b.start(j);
    const be = b.end(j);
    const s = as > bs ? as : bs;
    const e = ae < be ? ae : be;
    if (s <= e) out.push(s, e);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

/** A copy of a range list (to normalize without touching the caller's). */
export function copyIPv4(r: IPv4RangeList): IPv4Ranges {
  const out = new IPv4Ranges(r.length + 1);
  for (let i = 0; i < r.length; i++) out.push(r.start(i), r.end(i));
  return out;
}

/**
 * The minimal list of CIDR blocks covering start..end exactly, ascending: each
 * block is the largest one aligned at the current start that does not pass end.
 */
export function ipv4RangeToCidrs(start: number, end: number, emit: (network: number, prefixLength: number) => void): void {
  for (let s = start; s <= end; ) {
    const size = cidrStep4(s, end);
    emit(s, sizeToPrefix4(size));
    s += size;
  }
}

/**
 * The size of the largest CIDR block that starts at `s` and ends at or before `end`
 * (s <= end): one step of ipv4RangeToCidrs, for loops that write blocks without a
 * callback per range (a bulk merge splits millions).
 */
export function cidrStep4(s: number, end: number): number {
  const x = s | 0;
  let size = (x & -x) >>> 0;
  if (size === 0) size = TWO32; // s is 0: aligned to everything
  const room = end - s + 1;
  while (size > room) size /= 2;
  return size;
}

/** The prefix length of a block of `size` addresses (a power of two, 1 to 2^32). */
export function sizeToPrefix4(size: number): number {
  return size === TWO32 ? 0 : Math.clz32(size) + 1;
}

/**
 * The index of the last entry of an ascending array that is <= v, or -1: the one
 * binary search under every IPv4 lookup (IPv4Lookup.has, the grep engine).
 */
export function lastAtMost(sorted: Uint32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  if (hi < 0 || v < sorted[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Membership in a set of IPv4 ranges by binary search. The constructor copies the
 * ranges (any order, overlaps allowed) and leaves the caller's list as it was.
 */
export class IPv4Lookup {
  /** Range starts, ascending; owned by the lookup (read them, never write them). */
  readonly starts: Uint32Array;
  /** Range ends, by the same index. */
  readonly ends: Uint32Array;

  constructor(ranges: IPv4RangeList) {
    const r = copyIPv4(ranges).normalize();
    this.starts = new Uint32Array(r.length);
    this.ends = new Uint32Array(r.length);
    for (let i = 0; i < r.length; i++) {
      this.starts[i] = r.start(i);
      this.ends[i] = r.end(i);
    }
  }

  get size(): number {
    return this.starts.length;
  }

  has(v: number): boolean {
    const k = lastAtMost(this.starts, v);
    return k >= 0 && v <= this.ends[k]!;
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

/** Add one to the 128-bit value w[at..at+3] in place; false when it wrapped past the last address. */
function inc4(w: Uint32Array, at: number): boolean {
  for (let k = at + 3; k >= at; k--) {
    w[k] = w[k]! + 1; // stored modulo 2^32
    if (w[k] !== 0) return true;
  }
  return false;
}

/** Subtract one from the 128-bit value w[at..at+3] in place (never called on zero). */
function dec4(w: Uint32Array, at: number): void {
  for (let k = at + 3; k >= at; k--) {
    const was = w[k]!;
    w[k] = was - 1;
    if (was !== 0) return;
  }
}

/** A read-only view of a normalized IPv6 range list: what an AddressSet hands out. */
export interface IPv6RangeList {
  readonly length: number;
  /** Word k of range i: 0..3 the start, 4..7 the end, most significant first. */
  word(i: number, k: number): number;
  startBig(i: number): bigint;
  endBig(i: number): bigint;
  /** Number of addresses. */
  count(): bigint;
}

/**
 * A growable list of IPv6 ranges, each eight uint32 words: start w0..w3, end w0..w3.
 * Owned by whoever made it, like IPv4Ranges.
 */
export class IPv6Ranges implements IPv6RangeList {
  /** The words; use word(i, k) rather than indexing this directly. */
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

  /** Make room for `more` ranges beyond those held, in one step (see IPv4Ranges.reserve). */
  reserve(more: number): void {
    const want = (this.length + more) * 8;
    if (want <= this.data.length) return;
    const bigger = new Uint32Array(want);
    bigger.set(this.data.subarray(0, this.length * 8));
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

  /** Add a range from eight words at w[at..at+7]. */
  pushWords(w: Uint32Array, at: number): void {
    if (this.length * 8 === this.data.length) this.grow();
    this.data.set(w.subarray(at, at + 8), this.length * 8);
    this.length++;
  }

  /** Add a prefix from its network words and length (the host bits of the words are ignored). */
  pushPrefix(w0: number, w1: number, w2: number, w3: number, prefixLength: number): void {
    const m0 = maskWord(prefixLength, 0);
    const m1 = maskWord(prefixLength, 1);
    const m2 = maskWord(prefixLength, 2);
    const m3 = maskWord(prefixLength, 3);
    this.push(
      (w0 & m0) >>> 0, (w1 & m1) >>> 0, (w2 & m2) >>> 0, (w3 & m3) >>> 0,
      (w0 | ~m0) >>> 0, (w1 | ~m1) >>> 0, (w2 | ~m2) >>> 0, (w3 | ~m3) >>> 0,
    );
  }

  word(i: number, k: number): number {
    return this.data[i * 8 + k]!;
  }

  startBig(i: number): bigint {
    return wordsToBig(this.data, i * 8);
  }

  endBig(i: number): bigint {
    return wordsToBig(this.data, i * 8 + 4);
  }

  /**
   * Sort by start and coalesce overlapping and adjacent ranges, in place. The sort is
   * a least-significant-digit radix sort of the starts in 16-bit digits, skipping the
   * digits every start shares (the /32 or /48 a list lives in, the zero host bits of
   * networks): linear, with no comparator call per pair.
   */
  normalize(): this {
    const n = this.length;
    if (n === 0) return this;
    const d = this.data;
    sortRanges(d, n);
    // sweep in place: the range being grown is written at w, never past the one read
    let w = 0;
    let e0 = d[4]!, e1 = d[5]!, e2 = d[6]!, e3 = d[7]!;
    for (let r = 1; r < n; r++) {
      const k = r * 8;
      const a = d[k]!, b = d[k + 1]!, c = d[k + 2]!, x = d[k + 3]!;
      // joins when start <= end + 1: start <= end, or start is end's successor
      let joins: boolean;
      if (a !== e0) joins = a < e0 || (a === e0 + 1 && e1 === 0xffffffff && e2 === 0xffffffff && e3 === 0xffffffff && b === 0 && c === 0 && x === 0);
      else if (b !== e1) joins = b < e1 || (b === e1 + 1 && e2 === 0xffffffff && e3 === 0xffffffff && c === 0 && x === 0);
      else if (c !== e2) joins = c < e2 || (c === e2 + 1 && e3 === 0xffffffff && x === 0);
      else joins = x <= e3 || x === e3 + 1;
      const f0 = d[k + 4]!, f1 = d[k + 5]!, f2 = d[k + 6]!, f3 = d[k + 7]!;
      if (joins) {
        // keep the larger end
        if (f0 > e0 || (f0 === e0 && (f1 > e1 || (f1 === e1 && (f2 > e2 || (f2 === e2 && f3 > e3)))))) {
          e0 = f0;
          e1 = f1;
          e2 = f2;
          e3 = f3;
        }
      } else {
        const o = w * 8;
        d[o + 4] = e0;
        d[o + 5] = e1;
        d[o + 6] = e2;
        d[o + 7] = e3;
        w++;
        const q = w * 8;
        d[q] = a;
        d[q + 1] = b;
        d[q + 2] = c;
        d[q + 3] = x;
        e0 = f0;
        e1 = f1;
        e2 = f2;
        e3 = f3;
      }
    }
    const o = w * 8;
    d[o + 4] = e0;
    d[o + 5] = e1;
    d[o + 6] = e2;
    d[o + 7] = e3;
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

const SMALL = 24; // a bucket this small is finished by insertion sort

/**
 * Sort n ranges of eight words by start, in place: a most-significant-digit radix
 * sort on 8-bit digits, small buckets finished by insertion sort. A range moves as
 * one 32-byte piece, so a pass reads in order and writes to 256 places (cache-friendly;
 * no index to chase afterwards). Digits every start in a bucket shares (the /32 or
 * /48 a list lives in, the zero host bits of networks) cost one counting pass and no
 * move. A million random starts take two moving passes, where a comparison sort makes
 * twenty compares of four words per range.
 */
function sortRanges(d: Uint32Array, n: number): void {
  const tmp = new Uint32Array(n * 8);
  const count = new Uint32Array(256);
  const pos = new Uint32Array(256);
  // The digits every start shares, found in one pass (the top bucket would otherwise
  // count its way down them one pass per digit): the first word and bit that differ.
  let first = 16;
  for (let word = 0; word < 4 && first === 16; word++) {
    const w0 = d[word]!;
    let diff = 0;
    for (let k = word; k < n * 8; k += 8) diff |= d[k]! ^ w0;
    if (diff !== 0) first = word * 4 + (Math.clz32(diff) >>> 3);
  }
  if (first === 16) return; // every start is the same
  const stack: number[] = [0, n, first]; // buckets to sort: lo, hi, digit
  while (stack.length > 0) {
    let digit = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= SMALL) {
      insertionSort(d, lo, hi);
      continue;
    }
    // the first digit, from here on, on which the bucket's starts differ
    let word = 0;
    let shift = 0;
    for (; digit < 16; digit++) {
      word = digit >>> 2;
      shift = (3 - (digit & 3)) * 8;
      count.fill(0);
      for (let k = lo * 8 + word, end = hi * 8; k < end; k += 8) count[(d[k]! >>> shift) & 255]!++;
      if (count[(d[lo * 8 + word]! >>> shift) & 255] !== hi - lo) break;
    }
    if (digit === 16) continue; // all starts equal
    let sum = lo;
    for (let v = 0; v < 256; v++) {
      pos[v] = sum;
      const c = count[v]!;
      if (c > 1) stack.push(sum, sum + c, digit + 1);
      sum += c;
    }
    for (let k = lo * 8, end = hi * 8; k < end; k += 8) {
      const p = pos[(d[k + word]! >>> shift) & 255]!++ * 8;
      tmp[p] = d[k]!;
      tmp[p + 1] = d[k + 1]!;
      tmp[p + 2] = d[k + 2]!;
      tmp[p + 3] = d[k + 3]!;
      tmp[p + 4] = d[k + 4]!;
      tmp[p + 5] = d[k + 5]!;
      tmp[p + 6] = d[k + 6]!;
      tmp[p + 7] = d[k + 7]!;
    }
    d.set(tmp.subarray(lo * 8, hi * 8), lo * 8);
  }
}

function insertionSort(d: Uint32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const k = i * 8;
    const a = d[k]!, b = d[k + 1]!, c = d[k + 2]!, e = d[k + 3]!;
    const f0 = d[k + 4]!, f1 = d[k + 5]!, f2 = d[k + 6]!, f3 = d[k + 7]!;
    let j = i - 1;
    for (; j >= lo; j--) {
      const m = j * 8;
      const y0 = d[m]!;
      if (y0 < a) break;
      if (y0 === a) {
        const y1 = d[m + 1]!;
        if (y1 < b) break;
        if (y1 === b) {
          const y2 = d[m + 2]!;
          if (y2 < c) break;
          if (y2 === c && d[m + 3]! <= e) break;
        }
      }
      d.copyWithin(m + 8, m, m + 8);
    }
    const m = (j + 1) * 8;
    d[m] = a;
    d[m + 1] = b;
    d[m + 2] = c;
    d[m + 3] = e;
    d[m + 4] = f0;
    d[m + 5] = f1;
    d[m + 6] = f2;
    d[m + 7] = f3;
  }
}

function wordsToBig(d: Uint32Array, k: number): bigint {
  return (BigInt(d[k]!) << 96n) | (BigInt(d[k + 1]!) << 64n) | (BigInt(d[k + 2]!) << 32n) | BigInt(d[k + 3]!);
}

/** Ranges of a minus ranges of b; both normalized. The result is a new normalized list. */
export function excludeIPv6(a: IPv6Ranges, b: IPv6Ranges): IPv6Ranges {
  const out = new IPv6Ranges(a.length + 1);
  const A = a.data;
  const B = b.data;
  const cur = new Uint32Array(8); // the piece being cut: start at 0..3, end at 4..7
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = i * 8;
    cur.set(A.subarray(ai, ai + 8));
    while (j < b.length && cmp4(B, j * 8 + 4, cur, 0) < 0) j++;
    let left = true;
    for (let k = j; k < b.length && cmp4(B, k * 8, A, ai + 4) <= 0; k++) {
      const bk = k * 8;
      if (cmp4(B, bk, cur, 0) > 0) {
        // cur.start .. b.start - 1 survives
        cur.set(B.subarray(bk, bk + 4), 4);
        dec4(cur, 4);
        out.pushWords(cur, 0);
      }
      if (cmp4(B, bk + 4, A, ai + 4) >= 0) {
        left = false;
        break;
      }
      cur.set(B.subarray(bk + 4, bk + 8), 0);
      inc4(cur, 0); // b's end is below a's: no wrap
      cur.set(A.subarray(ai + 4, ai + 8), 4);
    }
    if (left) {
      cur.set(A.subarray(ai + 4, ai + 8), 4);
      out.pushWords(cur, 0);
    }
  }
  return out;
}

/** Ranges in both a and b; both normalized (the sweep of intersectIPv4). */
export function intersectIPv6(a: IPv6Ranges, b: IPv6Ranges): IPv6Ranges {
  const out = new IPv6Ranges(Math.min(a.length, b.length) + 1);
  const A = a.data;
  const B = b.data;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ai = i * 8;
    const bj = j * 8;
    const [sArr, s] = cmp4(A, ai, B, bj) >= 0 ? [A, ai] : [B, bj];
    const aEndsFirst = cmp4(A, ai + 4, B, bj + 4) < 0;
    const [eArr, e] = aEndsFirst ? [A, ai + 4] : [B, bj + 4];
    if (cmp4(sArr, s, eArr, e) <= 0) out.push(sArr[s]!, sArr[s + 1]!, sArr[s + 2]!, sArr[s + 3]!, eArr[e]!, eArr[e + 1]!, eArr[e + 2]!, eArr[e + 3]!);
    if (aEndsFirst) i++;
    else j++;
  }
  return out;
}

/** A copy of a range list (to normalize without touching the caller's). */
export function copyIPv6(r: IPv6RangeList): IPv6Ranges {
  const out = new IPv6Ranges(r.length + 1);
  for (let i = 0; i < r.length; i++) {
    out.push(r.word(i, 0), r.word(i, 1), r.word(i, 2), r.word(i, 3), r.word(i, 4), r.word(i, 5), r.word(i, 6), r.word(i, 7));
  }
  return out;
}

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * The minimal CIDR blocks covering range i of a list, ascending, in words: each block
 * is the largest aligned at the current start that does not pass the end. `emit` gets
 * the network's words in a scratch array it must copy from, not keep.
 */
export function ipv6RangeToCidrWords(r: IPv6RangeList, i: number, emit: (network: Uint32Array, prefixLength: number) => void): void {
  // Three small arrays per range were most of a bulk IPv6 merge's garbage: the words
  // live in module scratch, unless an emit calls back in here (then fresh ones).
  if (scratch6Busy) return cidrWords(r, i, emit, new Uint32Array(4), new Uint32Array(4), new Uint32Array(4));
  scratch6Busy = true;
  try {
    cidrWords(r, i, emit, C6, E6, R6);
  } finally {
    scratch6Busy = false;
  }
}

const C6 = new Uint32Array(4);
const E6 = new Uint32Array(4);
const R6 = new Uint32Array(4);
let scratch6Busy = false;

function cidrWords(
  r: IPv6RangeList,
  i: number,
  emit: (network: Uint32Array, prefixLength: number) => void,
  c: Uint32Array,
  e: Uint32Array,
  room: Uint32Array,
): void {
  for (let k = 0; k < 4; k++) {
    c[k] = r.word(i, k);
    e[k] = r.word(i, k + 4);
  }
  for (;;) {
    // alignment: trailing zero bits of the start (128 for ::)
    let tz = 0;
    for (let k = 3; k >= 0; k--) {
      if (c[k] === 0) tz += 32;
      else {
        tz += ctz32(c[k]!);
        break;
      }
    }
    // room: end - start + 1, as a bit length; 2^128 (the whole space) has 129
    let borrow = 0;
    for (let k = 3; k >= 0; k--) {
      const v = e[k]! - c[k]! - borrow;
      borrow = v < 0 ? 1 : 0;
      room[k] = v; // modulo 2^32
    }
    let roomBits = 128; // room = 2^128 when end - start + 1 wraps
    if (inc4(room, 0)) {
      roomBits = 0;
      for (let k = 0; k < 4; k++) {
        if (room[k] !== 0) {
          roomBits = (3 - k) * 32 + (31 - Math.clz32(room[k]!));
          break;
        }
      }
    }
    const bits = tz < roomBits ? tz : roomBits;
    emit(c, 128 - bits);
    // start += 2^bits; done at the end or past the last address
    if (bits === 128) return;
    const k = 3 - (bits >>> 5);
    const add = 2 ** (bits & 31);
    let carry = c[k]! + add > 0xffffffff;
    c[k] = c[k]! + add;
    for (let m = k - 1; carry && m >= 0; m--) {
      c[m] = c[m]! + 1;
      carry = c[m] === 0;
    }
    if (carry || cmp4(c, 0, e, 0) > 0) return;
  }
}

/** The minimal CIDR blocks covering the IPv6 range start..end (bigints), ascending. */
export function ipv6RangeToCidrs(start: bigint, end: bigint, emit: (network: bigint, prefixLength: number) => void): void {
  const one = new IPv6Ranges(1);
  const w = (v: bigint, k: number) => Number((v >> BigInt(96 - 32 * k)) & 0xffffffffn);
  one.push(w(start, 0), w(start, 1), w(start, 2), w(start, 3), w(end, 0), w(end, 1), w(end, 2), w(end, 3));
  ipv6RangeToCidrWords(one, 0, (n, len) => emit(wordsToBig(n, 0), len));
}

/** Membership in a set of IPv6 ranges by binary search; copies the ranges like IPv4Lookup. */
export class IPv6Lookup {
  private readonly d: Uint32Array;
  readonly size: number;
  private readonly key = new Uint32Array(4);

  constructor(ranges: IPv6RangeList) {
    const r = copyIPv6(ranges).normalize();
    this.d = r.data.slice(0, r.length * 8);
    this.size = r.length;
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
