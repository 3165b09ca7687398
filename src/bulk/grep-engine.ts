// The grep hot path: scan Buffers of whole lines for IPv4 and IPv6 addresses and
// select the lines whose addresses fall in the networks. No string or object is made
// per line; matching lines are copied to the output as bytes.
//
// What counts as an address in a line: a field is a maximal run of letters, digits,
// dots and colons, bounded by anything else (so "host1.2.3.4x" holds no address and
// "1.2.3.4." at the end of a sentence is not read as one, as with grepcidr). A field
// with colons is read as an IPv6 address; its colon-separated parts that are dotted
// quads are also read as IPv4 addresses ("1.2.3.4:80", "client:10.0.0.1", and the
// dotted tail of "::ffff:192.0.2.1" as written by dual-stack servers).

import { scanIPv4Bytes, scanIPv6Bytes } from '../core/fastscan.js';
import { lastAtMost, type IPv4Lookup, type IPv6Lookup } from '../core/ranges.js';
import { quad, readQuad } from './read-quad.js';

/** Where selected lines go: bytes copied out (the CLI's ByteOut). */
export interface ByteSink {
  copy(src: Buffer, start: number, end: number): void;
}

const DIGIT = 1;
const HEX = 2; // a-f, A-F
const ALPHA = 4; // other letters
const DOT = 8;
const COLON = 16;
const NL = 32;
const FIELD = DIGIT | HEX | ALPHA | DOT | COLON;

const CLS = new Uint8Array(256);
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLS[c] = c <= 70 ? HEX : ALPHA;
for (let c = 97; c <= 122; c++) CLS[c] = c <= 102 ? HEX : ALPHA;
CLS[46] = DOT;
CLS[58] = COLON;
CLS[10] = NL;

export interface GrepFlags {
  /** Select lines with addresses, none of them in the networks (-v). */
  invert: boolean;
  /** With invert: also select lines without any address (-i). */
  includeNoAddress: boolean;
  /** Only the field at the start of the line (-x). */
  anchored: boolean;
  /** Count instead of printing (-c). */
  count: boolean;
}

const NONE = 0;
const SEEN = 1;
const MATCH = 2;

export class GrepEngine {
  /** Lines selected so far (printed or counted). */
  selected = 0;
  private readonly words = new Uint32Array(4);
  private readonly wantV6: boolean;
  private readonly wantV4: boolean;
  private prefix: Buffer | null = null;
  // a run of selected lines not yet copied out (coalesced into one copy)
  private spanStart = -1;
  private spanEnd = -1;

  constructor(
    private readonly v4: IPv4Lookup | null,
    private readonly v6: IPv6Lookup | null,
    private readonly flags: GrepFlags,
    private readonly out: ByteSink,
  ) {
    // With -v every address counts (a line of only IPv6 addresses has no match in IPv4 networks).
    this.wantV4 = (v4 !== null && v4.size > 0) || flags.invert;
    this.wantV6 = (v6 !== null && v6.size > 0) || flags.invert;
  }

  /** Prefix each selected line with this (a file name and ':'), or not. */
  setPrefix(prefix: Buffer | null): void {
    this.prefix = prefix;
  }

  private v4has(v: number): boolean {
    return this.v4 !== null && this.v4.has(v);
  }

  /** Read the field buf[s, e) whose class bits are f: NONE, SEEN (an address, not in the networks) or MATCH. */
  private field(buf: Buffer, s: number, e: number, f: number): number {
    if ((f & COLON) === 0) {
      if ((f & (HEX | ALPHA)) !== 0 || !this.wantV4) return NONE;
      const v = scanIPv4Bytes(buf, s, e);
      if (v < 0) return NONE;
      return this.v4has(v) ? MATCH : SEEN;
    }
    let r = NONE;
    if ((f & ALPHA) === 0 && this.wantV6 && scanIPv6Bytes(buf, s, e, this.words, 0)) {
      if (this.v6 !== null && this.v6.hasWords(this.words, 0)) return MATCH;
      r = SEEN;
    }
    if ((f & DOT) !== 0 && this.wantV4) {
      let p = s;
      while (p < e) {
        let q = p;
        while (q < e && buf[q] !== 58) q++;
        if (q - p >= 7) {
          const v = scanIPv4Bytes(buf, p, q);
          if (v >= 0) {
            if (this.v4has(v)) return MATCH;
            r = SEEN;
          }
        }
        p = q + 1;
      }
    }
    return r;
  }

  /** The -x reading: only the field at the very start of the line. */
  private anchoredField(buf: Buffer, s: number, e: number, f: number): number {
    if ((f & COLON) === 0) return this.field(buf, s, e, f);
    let r = NONE;
    if ((f & ALPHA) === 0 && this.wantV6 && scanIPv6Bytes(buf, s, e, this.words, 0)) {
      if (this.v6 !== null && this.v6.hasWords(this.words, 0)) return MATCH;
      r = SEEN;
    }
    if (this.wantV4) {
      let q = s;
      while (q < e && buf[q] !== 58) q++;
      const v = scanIPv4Bytes(buf, s, q);
      if (v >= 0) return this.v4has(v) ? MATCH : SEEN;
    }
    return r;
  }

  /** Scan buf[start, end): whole lines, buf[end - 1] is a newline. */
  scan(buf: Buffer, start: number, end: number): void {
    if (this.flags.anchored) this.scanAnchored(buf, start, end);
    else this.scanFields(buf, start, end);
    this.flushSpan(buf);
  }

  private scanFields(buf: Buffer, start: number, end: number): void {
    const cls = CLS;
    const invert = this.flags.invert;
    const wantV4 = this.wantV4;
    const starts = this.v4 !== null ? this.v4.starts : new Uint32Array(0);
    const ends = this.v4 !== null ? this.v4.ends : new Uint32Array(0);
    let i = start;
    let lineStart = start;
    let seen = NONE;
    while (i < end) {
      const b = buf[i]!;
      let r = NONE;
      const s = i;
      if (b - 48 >>> 0 < 10) {
        // The common case, read in one pass: a field that is exactly a dotted quad.
        const value = readQuad(buf, i) >>> 0;
        if ((cls[buf[quad.end]!]! & FIELD) === 0) {
          i = quad.end;
          if (!quad.ok || !wantV4) continue;
          const k = lastAtMost(starts, value);
          r = k >= 0 && value <= ends[k]! ? MATCH : SEEN;
        }
        // else the field goes on (a port, a letter, more dots): read it the general way
      }
      if (r === NONE) {
        let c = cls[buf[i]!]!;
        if (c === 0) {
          i++;
          continue;
        }
        if (c === NL) {
          if (invert && (seen === SEEN || this.flags.includeNoAddress)) this.select(buf, lineStart, i + 1);
          seen = NONE;
          lineStart = ++i;
          continue;
        }
        let f = c;
        // the newline that ends every chunk stops this loop
        while (((c = cls[buf[++i]!]!) & FIELD) !== 0) f |= c;
        if ((f & (DOT | COLON)) === 0) continue;
        r = this.field(buf, s, i, f);
      }
      if (r === MATCH) {
        const nl = buf.indexOf(10, i);
        if (!invert) this.select(buf, lineStart, nl + 1);
        seen = NONE;
        lineStart = i = nl + 1;
      } else if (r === SEEN) {
        seen = SEEN;
      }
    }
  }

  private scanAnchored(buf: Buffer, start: number, end: number): void {
    const cls = CLS;
    const invert = this.flags.invert;
    const noAddress = this.flags.includeNoAddress;
    const starts = this.v4 !== null ? this.v4.starts : new Uint32Array(0);
    const ends = this.v4 !== null ? this.v4.ends : new Uint32Array(0);
    let lineStart = start;
    while (lineStart < end) {
      let i = lineStart;
      let r = NONE;
      let generic = true;
      if (buf[i]! - 48 >>> 0 < 10) {
        // a plain dotted quad at the start of the line, read in one pass (as in scanFields)
        const value = readQuad(buf, i) >>> 0;
        if ((cls[buf[quad.end]!]! & FIELD) === 0) {
          generic = false;
          i = quad.end;
          if (quad.ok && this.wantV4) {
            const k = lastAtMost(starts, value);
            r = k >= 0 && value <= ends[k]! ? MATCH : SEEN;
          }
        }
      }
      if (generic) {
        let f = 0;
        let c: number;
        while (((c = cls[buf[i]!]!) & FIELD) !== 0) {
          f |= c;
          i++;
        }
        r = (f & (DOT | COLON)) === 0 ? NONE : this.anchoredField(buf, lineStart, i, f);
      }
      const nl = buf[i] === 10 ? i : buf.indexOf(10, i);
      if (invert ? r === SEEN || (r === NONE && noAddress) : r === MATCH) this.select(buf, lineStart, nl + 1);
      lineStart = nl + 1;
    }
  }

  private select(buf: Buffer, s: number, e: number): void {
    this.selected++;
    if (this.flags.count) return;
    if (this.prefix !== null) {
      this.flushSpan(buf);
      this.out.copy(this.prefix, 0, this.prefix.length);
      this.out.copy(buf, s, e);
      return;
    }
    if (s === this.spanEnd) {
      this.spanEnd = e;
      return;
    }
    this.flushSpan(buf);
    this.spanStart = s;
    this.spanEnd = e;
  }

  private flushSpan(buf: Buffer): void {
    if (this.spanStart >= 0) {
      this.out.copy(buf, this.spanStart, this.spanEnd);
      this.spanStart = this.spanEnd = -1;
    }
  }
}
