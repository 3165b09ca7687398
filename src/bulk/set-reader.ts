// Reading address sets (addresses, networks, ranges) from arguments and files into
// typed range lists. Lines in the common forms (a dotted quad, IPv4/len, an IPv4
// range, and the same for IPv6) are read straight from the bytes; anything else is
// handed to the core's strict parser, which accepts it or explains what is wrong.
// The byte path accepts only what the core accepts (test/core/set-fastscan.test.ts).

import { existsSync, statSync } from 'node:fs';
import { scanIPv4Bytes, scanIPv6Bytes } from '../core/fastscan.js';
import { maskWord } from '../core/mask.js';
import { IPv4Ranges, IPv6Ranges } from '../core/ranges.js';
import { parseSetEntry, type IPRange } from '../core/sets.js';
import { quad, readQuad } from './read-quad.js';

/** Whole lines in buf[start, end), buf[end - 1] a newline; the buffer is reused after the call. */
export type LineChunkHandler = (buf: Buffer, start: number, end: number) => void | Promise<void>;

/** What the reader needs from its caller: no Context, no commander, just these. */
export interface SetReaderHooks {
  /** A line that is no entry, with its place (`file:line`); the reader skips it and goes on. */
  onError(error: unknown, where: string): void;
  /** Read a file ('-': stdin) and hand over whole lines, chunk by chunk. */
  readLines(path: string, onChunk: LineChunkHandler): Promise<void>;
  /** The error to throw for an argument that is neither an existing file nor entries. */
  usageError(message: string): Error;
}

const W = new Uint32Array(8);

/** Parse a decimal prefix length in buf[s, e) strictly (no sign, no leading zero), or -1. */
function prefixLen(buf: Buffer, s: number, e: number, max: number): number {
  if (e <= s || e - s > 3) return -1;
  if (buf[s] === 48 && e - s > 1) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n <= max ? n : -1;
}

/**
 * The size of a regular file, for sizing the range lists before reading it: a file of n
 * bytes holds at most n / 8 IPv4 entries ("1.2.3.4" and its newline). The lists reserve
 * that room (capped: 2^26 IPv4 and 2^24 IPv6 entries) in one step; pages never written
 * are only address space. 0 for stdin or anything whose size is unknown: the lists
 * then grow as they go.
 */
function fileSize(path: string): number {
  if (path === '-') return 0;
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

export class SetReader {
  readonly v4: IPv4Ranges;
  readonly v6 = new IPv6Ranges();
  /** Entries read (good ones). */
  entries = 0;
  /** Lines refused. */
  errors = 0;

  constructor(
    private readonly hooks: SetReaderHooks,
    capacity = 1 << 16,
  ) {
    this.v4 = new IPv4Ranges(capacity);
  }

  add(r: IPRange): void {
    this.entries++;
    if (r.version === 4) this.v4.push(r.first.w3, r.last.w3);
    else this.v6.push(r.first.w0, r.first.w1, r.first.w2, r.first.w3, r.last.w0, r.last.w1, r.last.w2, r.last.w3);
  }

  /** Entries given inline, separated by commas or white space. A bad one is a usage error. */
  addInline(text: string): void {
    for (const t of text.split(/[\s,]+/)) {
      if (t === '') continue;
      this.add(parseSetEntry(t));
    }
  }

  /**
   * An argument that is a set: a file (or '-' for stdin) when one by that name
   * exists, otherwise inline entries.
   */
  async addArgument(arg: string): Promise<void> {
    if (arg === '-' || looksLikeFile(arg)) {
      await this.addFile(arg);
      return;
    }
    try {
      this.addInline(arg);
    } catch (e) {
      // "blocks.txt" was meant as a file: say so rather than explain why it is no address;
      // but "fe80::1%eth0" or "１.2.3.4" were meant as entries: the core says what is wrong
      const meantAsEntry = /[:%]/.test(arg) || /^\p{Nd}/u.test(arg);
      if (!meantAsEntry && /[^0-9a-fA-F.:/\-,\s%]/.test(arg)) {
        throw this.hooks.usageError(`${arg}: no such file (nor an address, network or range)`);
      }
      throw e;
    }
  }

  /**
   * Every line of a file (or stdin for '-'); bad lines are reported with file:line and
   * skipped. A file that cannot be read at all (a directory, no permission) is an error
   * that ends the run: going on without a whole set would print a wrong answer, and
   * for exclude a dangerous one (everything, when the list to take out is unreadable).
   */
  async addFile(path: string): Promise<void> {
    const name = path === '-' ? 'stdin' : path;
    const size = fileSize(path);
    this.v4.reserve(Math.min(2 ** 26, Math.ceil(size / 8)));
    // IPv6 lines are rarely under 16 bytes ("2001:db8::/32" and its newline is 14): a
    // guess, not a bound; past it the list grows by doubling.
    this.v6.reserve(Math.min(2 ** 24, Math.ceil(size / 16)));
    let lineNo = 0;
    await this.hooks.readLines(path, (buf, start, end) => {
      let ls = start;
      while (ls < end) {
        const nl = buf.indexOf(10, ls);
        lineNo++;
        this.line(buf, ls, nl, name, lineNo);
        ls = nl + 1;
      }
    });
  }

  /** Lines already in memory (the same reading as a file's). */
  addBuffer(buf: Buffer, name: string): void {
    let ls = 0;
    let lineNo = 0;
    while (ls < buf.length) {
      let nl = buf.indexOf(10, ls);
      if (nl < 0) nl = buf.length;
      this.line(buf, ls, nl, name, ++lineNo);
      ls = nl + 1;
    }
  }

  /** One line buf[s, e) (without its newline). */
  private line(buf: Buffer, s: number, e: number, name: string, lineNo: number): void {
    // a UTF-8 byte order mark before the first line (files saved by Windows editors)
    if (lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    // trim blanks; a '#' starts a comment
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    for (let i = s; i < e; i++) {
      if (buf[i] === 35) {
        e = i;
        break;
      }
    }
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9 || buf[e - 1] === 13)) e--;
    if (s === e) return;
    if (this.fastV4(buf, s, e) || this.fastV6(buf, s, e)) {
      this.entries++;
      return;
    }
    const text = buf.toString('utf8', s, e);
    try {
      this.add(parseSetEntry(text));
    } catch (err) {
      this.errors++;
      this.hooks.onError(err, `${name}:${lineNo}`);
    }
  }

  // Addresses stay signed 32-bit integers here (`x | 0`), as readQuad returns them: a
  // number above 2^31 handed to a call V8 did not inline (push, when the inlining budget
  // of this loop runs out) is a heap number allocated per line. The range list stores
  // the same 32 bits either way.
  private fastV4(buf: Buffer, s: number, e: number): boolean {
    let p: number;
    let v: number;
    if (buf[s]! - 48 >>> 0 >= 10) return false; // not a digit: no IPv4 line
    if (e < buf.length) {
      // a byte follows the line (its newline, a blank, a '#'): the one-pass reader may look at it
      v = readQuad(buf, s);
      p = quad.end;
      if (!quad.ok || p > e) return false;
    } else {
      p = s;
      while (p < e) {
        const c = buf[p]!;
        if ((c >= 48 && c <= 57) || c === 46) p++;
        else break;
      }
      v = scanIPv4Bytes(buf, s, p);
      if (v < 0) return false;
      v |= 0;
    }
    if (p === e) {
      this.v4.push(v, v);
      return true;
    }
    if (buf[p] === 47) {
      const len = prefixLen(buf, p + 1, e, 32);
      if (len < 0) return false;
      // the host part's mask, computed here (maskWord out of line returned a heap number)
      const host = len === 32 ? 0 : 0xffffffff >>> len;
      if ((v & host) !== 0) return false; // host bits set: the core explains
      this.v4.push(v, v | host);
      return true;
    }
    if (buf[p] === 45) {
      let w: number;
      if (e < buf.length) {
        // the range's end, read the same way (readQuad needs a digit first): it must run
        // to the end of the line
        if (buf[p + 1]! - 48 >>> 0 >= 10) return false;
        w = readQuad(buf, p + 1);
        if (!quad.ok || quad.end !== e) return false;
      } else {
        w = scanIPv4Bytes(buf, p + 1, e);
        if (w < 0) return false;
        w |= 0;
      }
      if (w >>> 0 < v >>> 0) return false;
      this.v4.push(v, w);
      return true;
    }
    return false;
  }

  private fastV6(buf: Buffer, s: number, e: number): boolean {
    let p = s;
    while (p < e && buf[p] !== 47 && buf[p] !== 45) p++;
    if (!scanIPv6Bytes(buf, s, p, W, 0)) return false;
    if (p === e) {
      this.v6.push(W[0]!, W[1]!, W[2]!, W[3]!, W[0]!, W[1]!, W[2]!, W[3]!);
      return true;
    }
    if (buf[p] === 47) {
      const len = prefixLen(buf, p + 1, e, 128);
      if (len < 0) return false;
      for (let k = 0; k < 4; k++) if ((W[k]! & ~maskWord(len, k)) !== 0) return false;
      this.v6.pushPrefix(W[0]!, W[1]!, W[2]!, W[3]!, len);
      return true;
    }
    // a range
    if (!scanIPv6Bytes(buf, p + 1, e, W, 4)) return false;
    for (let k = 0; k < 4; k++) {
      if (W[k]! !== W[k + 4]!) {
        if (W[k]! > W[k + 4]!) return false;
        break;
      }
    }
    this.v6.push(W[0]!, W[1]!, W[2]!, W[3]!, W[4]!, W[5]!, W[6]!, W[7]!);
    return true;
  }
}

/**
 * Is this argument a file to read rather than inline entries? Anything that exists:
 * a regular file, a named pipe or process substitution (`<(curl ...)`, /dev/fd/63),
 * /dev/stdin; a directory too, so that reading it says "is a directory".
 */
function looksLikeFile(arg: string): boolean {
  return existsSync(arg); // follows symbolic links: a dangling one is no file
}
