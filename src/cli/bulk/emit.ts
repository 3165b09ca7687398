// Printing range lists, the one writer for merge, intersect, exclude and compare:
// CIDR blocks or ranges, shaped for firewalls (--min-prefix, --prefixes), wrapped
// (--prefix, --suffix) or joined (--join); IPv4 written as bytes straight into the
// output buffer (millions of lines), IPv6 through the core's RFC 5952 formatter on
// words (no BigInt per block). Also the --count rows.

import { Address, formatV6, longestZeroRun } from '../../core/address.js';
import { cidrStep4, ipv4RangeToCidrs, sizeToPrefix4, ipv6RangeToCidrWords, type IPv4RangeList, type IPv6RangeList } from '../../core/ranges.js';
import { safeText } from '../../core/safe-text.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { ByteOut, putIPv4, putSmall } from './io.js';
import type { PrefixLengths } from './options.js';

export type EmitForm = 'cidrs' | 'ranges';

/** Refuse lengths that do not fit the family of what is about to be printed. */
export function checkLengths(lengths: PrefixLengths | null, v4: IPv4RangeList, option: string): void {
  if (lengths !== null && v4.length > 0 && lengths.longest > 32) {
    throw new UsageError(`${option} ${safeText(lengths.text, 40)}: /${lengths.longest} is longer than an IPv4 prefix (0 to 32), and the result holds IPv4 addresses`);
  }
}

export interface EmitOptions {
  form: EmitForm;
  /** --join: items on one line with this separator (WireGuard's AllowedIPs = a, b, c). */
  join?: string | undefined;
  /** --prefix / --suffix: text around every item (ipset, nft, iptables lines). */
  before?: string | undefined;
  after?: string | undefined;
  /** --min-prefix / --prefixes. */
  lengths?: PrefixLengths | null;
  /** --json: fields put before every record's own (compare's side and input). */
  tag?: Record<string, unknown>;
}

/** One JSON record per block or range (field names are API, listed in docs/bulk.md). */
export interface BlockRecord {
  /** `10.0.0.0/23` for a CIDR block, `10.0.0.5-10.0.0.9` for a range. */
  network?: string;
  range?: string;
  family: 4 | 6;
  first: string;
  last: string;
  /** Number of addresses, as a decimal string (IPv6 counts pass 2^53). */
  addresses: string;
}

const W6 = new Uint32Array(4);
const G = new Uint32Array(8);
const HEXDIGIT = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Write an IPv6 address at buf[pos] in RFC 5952 text, as the core's formatV6 does
 * (lower case, no leading zeros, the longest run of two or more zero groups as "::",
 * the first on a tie, ::ffff:a.b.c.d for mapped); at most 45 bytes. Returns the new
 * position. A property test holds it to formatV6.
 */
export function putIPv6(buf: Buffer, pos: number, w0: number, w1: number, w2: number, w3: number): number {
  if (w0 === 0 && w1 === 0 && w2 === 0xffff) {
    buf.write('::ffff:', pos, 'latin1');
    return putIPv4(buf, pos + 7, w3);
  }
  G[0] = w0 >>> 16;
  G[1] = w0 & 0xffff;
  G[2] = w1 >>> 16;
  G[3] = w1 & 0xffff;
  G[4] = w2 >>> 16;
  G[5] = w2 & 0xffff;
  G[6] = w3 >>> 16;
  G[7] = w3 & 0xffff;
  const run = longestZeroRun(G);
  const best = run >> 4;
  const bestLen = run & 15;
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      buf[pos++] = 58;
      buf[pos++] = 58;
      i += bestLen - 1;
      continue;
    }
    if (i > 0 && i !== best + bestLen) buf[pos++] = 58;
    const g = G[i]!;
    if (g >= 0x1000) buf[pos++] = HEXDIGIT[g >>> 12]!;
    if (g >= 0x100) buf[pos++] = HEXDIGIT[(g >>> 8) & 15]!;
    if (g >= 0x10) buf[pos++] = HEXDIGIT[(g >>> 4) & 15]!;
    buf[pos++] = HEXDIGIT[g & 15]!;
  }
  return pos;
}

/**
 * The CIDR blocks of one IPv6 range, collected so that the caller can split and write
 * them with awaits in between (a range has at most 256 blocks): words in BLOCKS6,
 * lengths in LENS6; returns the count. One collector for every range, no closure each.
 */
const BLOCKS6 = new Uint32Array(4 * 256);
const LENS6 = new Uint8Array(256);
let blocks6 = 0;
const collect6 = (w: Uint32Array, len: number): void => {
  BLOCKS6.set(w, blocks6 * 4);
  LENS6[blocks6++] = len;
};
function rangeBlocks6(v6: IPv6RangeList, i: number): number {
  blocks6 = 0;
  ipv6RangeToCidrWords(v6, i, collect6);
  return blocks6;
}

/** Block b of the last rangeBlocks6 into W6. */
function loadBlock6(b: number): void {
  W6[0] = BLOCKS6[b * 4]!;
  W6[1] = BLOCKS6[b * 4 + 1]!;
  W6[2] = BLOCKS6[b * 4 + 2]!;
  W6[3] = BLOCKS6[b * 4 + 3]!;
}

/** W6 += one /want block: the next piece when a block is split into longer prefixes. */
function nextPiece6(want: number): void {
  let k = (want - 1) >>> 5;
  const add = 2 ** (31 - ((want - 1) & 31));
  let carry = W6[k]! + add > 0xffffffff;
  W6[k] = W6[k]! + add;
  while (carry && --k >= 0) {
    W6[k] = W6[k]! + 1;
    carry = W6[k] === 0;
  }
}

function lastOf(w: Uint32Array, len: number): Address {
  const m = (k: number) => {
    const bits = len - 32 * k;
    return bits <= 0 ? 0xffffffff : bits >= 32 ? 0 : 0xffffffff >>> bits;
  };
  return Address.v6((w[0]! | m(0)) >>> 0, (w[1]! | m(1)) >>> 0, (w[2]! | m(2)) >>> 0, (w[3]! | m(3)) >>> 0);
}

/** The JSON record of an IPv4 block or range. */
function record4(s: number, e: number, len: number | null): BlockRecord {
  const first = Address.v4(s).toString();
  const last = Address.v4(e).toString();
  const addresses = String(e - s + 1);
  return len !== null ? { network: `${first}/${len}`, family: 4, first, last, addresses } : { range: `${first}-${last}`, family: 4, first, last, addresses };
}

/** Print normalized lists, IPv4 first. Returns the number of items printed. */
export async function emitRanges(ctx: Context, v4: IPv4RangeList, v6: IPv6RangeList, opts: EmitOptions): Promise<number> {
  const form = opts.form;
  const next4 = opts.lengths?.v4 ?? null;
  const next6 = opts.lengths?.v6 ?? null;
  let lines = 0;
  if (ctx.json) {
    let flushed = 0;
    const tag = opts.tag;
    const rec = (r: BlockRecord) => {
      ctx.jsonLine(tag === undefined ? r : { ...tag, ...r });
      lines++;
    };
    // Checked after every record, not every range: one range split by --prefixes or
    // --min-prefix can be billions of records, and the reader sets the pace.
    const pace = async () => {
      flushed = lines;
      await ctx.out.flushAndDrain();
    };
    for (let i = 0; i < v4.length && !ctx.out.closed; i++) {
      const s = v4.start(i);
      const e = v4.end(i);
      if (form === 'ranges') rec(record4(s, e, null));
      else {
        for (let n = s; n <= e && !ctx.out.closed; ) {
          const size = cidrStep4(n, e);
          const len = sizeToPrefix4(size);
          const want = next4 === null ? len : next4[len]!;
          const step = 2 ** (32 - want);
          for (let k = n, end = n + size; k < end && !ctx.out.closed; k += step) {
            rec(record4(k, k + step - 1, want));
            if (lines - flushed >= 4096) await pace();
          }
          n += size;
        }
      }
      if (lines - flushed >= 4096) await pace();
    }
    const rec6 = (len: number) => {
      const first = formatV6(W6[0]!, W6[1]!, W6[2]!, W6[3]!);
      rec({ network: `${first}/${len}`, family: 6, first, last: lastOf(W6, len).toString(), addresses: (1n << BigInt(128 - len)).toString() });
    };
    for (let i = 0; i < v6.length && !ctx.out.closed; i++) {
      if (form === 'ranges') {
        const first = Address.v6(v6.word(i, 0), v6.word(i, 1), v6.word(i, 2), v6.word(i, 3)).toString();
        const last = Address.v6(v6.word(i, 4), v6.word(i, 5), v6.word(i, 6), v6.word(i, 7)).toString();
        rec({ range: `${first}-${last}`, family: 6, first, last, addresses: (v6.endBig(i) - v6.startBig(i) + 1n).toString() });
      } else {
        const count = rangeBlocks6(v6, i);
        for (let b = 0; b < count && !ctx.out.closed; b++) {
          const len = LENS6[b]!;
          const want = next6 === null ? len : next6[len]!;
          loadBlock6(b);
          if (want === len) rec6(len);
          else {
            for (let pieces = 2n ** BigInt(want - len); pieces > 0n && !ctx.out.closed; pieces--) {
              rec6(want);
              nextPiece6(want);
              if (lines - flushed >= 4096) await pace();
            }
          }
        }
      }
      if (lines - flushed >= 4096) await pace();
    }
    return lines;
  }

  const out = new ByteOut(ctx, 1 << 16);
  const sep = opts.join === undefined ? null : Buffer.from(opts.join, 'utf8');
  const pre = opts.before ? Buffer.from(opts.before, 'utf8') : null;
  const post = opts.after ? Buffer.from(opts.after, 'utf8') : null;
  const NL = sep === null ? '\n' : '';
  // Before and after every item: the separator, the --prefix; the --suffix, a newline.
  const start = () => {
    if (sep !== null && lines > 0) out.copy(sep, 0, sep.length);
    if (pre !== null) out.copy(pre, 0, pre.length);
  };
  const finish = (p: number): void => {
    out.pos = p;
    if (post !== null) out.copy(post, 0, post.length);
    if (sep === null) {
      out.room(1);
      out.buf[out.pos++] = 10;
    }
    lines++;
  };
  /** Write one IPv4 block, shaped (--prefix, --suffix, --join). */
  const put4 = (n: number, len: number): void => {
    start();
    out.room(20);
    let p = putIPv4(out.buf, out.pos, n);
    out.buf[p++] = 47;
    p = putSmall(out.buf, p, len);
    finish(p);
  };
  for (let i = 0; i < v4.length && !out.closed; i++) {
    const s = v4.start(i);
    const e = v4.end(i);
    if (form === 'ranges') {
      start();
      out.room(32);
      let p = putIPv4(out.buf, out.pos, s);
      out.buf[p++] = 45;
      p = putIPv4(out.buf, p, e);
      finish(p);
    } else if (pre === null && post === null && sep === null && next4 === null) {
      // the plain list, millions of lines: one room check, and no closure per range
      // (two closures a range were most of a 2M-entry merge's garbage, and the young
      // generation grew to four times its size to hold it)
      for (let n = s; n <= e; ) {
        const size = cidrStep4(n, e);
        out.room(20);
        let p = putIPv4(out.buf, out.pos, n);
        out.buf[p++] = 47;
        p = putSmall(out.buf, p, sizeToPrefix4(size));
        out.buf[p++] = 10;
        out.pos = p;
        lines++;
        n += size;
      }
    } else {
      // shaped (--prefix, --suffix, --join, --prefixes, --min-prefix): a range can split
      // into billions of pieces, so the reader's pace is checked after each one
      for (let n = s; n <= e && !out.closed; ) {
        const size = cidrStep4(n, e);
        const len = sizeToPrefix4(size);
        const want = next4 === null ? len : next4[len]!;
        const step = 2 ** (32 - want);
        for (let k = n, end = n + size; k < end && !out.closed; k += step) {
          put4(k, want);
          if (out.needsDrain) await out.drain();
        }
        n += size;
      }
    }
    if (out.needsDrain) await out.drain();
  }
  /** Write the block in W6 with this length. */
  const put6 = (len: number): void => {
    start();
    out.room(50);
    let p = putIPv6(out.buf, out.pos, W6[0]!, W6[1]!, W6[2]!, W6[3]!);
    out.buf[p++] = 47;
    p = putSmall(out.buf, p, len);
    finish(p);
  };
  for (let i = 0; i < v6.length && !out.closed; i++) {
    if (form === 'ranges') {
      start();
      out.ascii(
        formatV6(v6.word(i, 0), v6.word(i, 1), v6.word(i, 2), v6.word(i, 3)) + '-' + formatV6(v6.word(i, 4), v6.word(i, 5), v6.word(i, 6), v6.word(i, 7)),
      );
      finish(out.pos);
    } else {
      const count = rangeBlocks6(v6, i);
      for (let b = 0; b < count && !out.closed; b++) {
        const len = LENS6[b]!;
        const want = next6 === null ? len : next6[len]!;
        loadBlock6(b);
        if (want === len) put6(len);
        else {
          // split: 2^(want - len) pieces, possibly billions; the reader sets the pace
          for (let pieces = 2n ** BigInt(want - len); pieces > 0n && !out.closed; pieces--) {
            put6(want);
            nextPiece6(want);
            if (out.needsDrain) await out.drain();
          }
        }
      }
    }
    if (out.needsDrain) await out.drain();
  }
  if (sep !== null && lines > 0) out.ascii(NL + '\n');
  await out.end();
  return lines;
}

// ---------------------------------------------------------------------------
// --count

/** One --count row: an input's own addresses and blocks, or (input null) the result's. */
export interface CountRecord {
  /** The input (a file name, 'stdin', or the entries as given); null on the total row. */
  input: string | null;
  /** exclude only: whether the input is a set to take from or to take out. */
  role?: 'from' | 'remove';
  /** Addresses, IPv4 and IPv6 together (decimal string). */
  addresses: string;
  ipv4Addresses: string;
  ipv6Addresses: string;
  /** CIDR blocks as they would be printed (after --min-prefix / --prefixes). */
  networks: number;
  /** Ranges (maximal runs of consecutive addresses). */
  ranges: number;
}

export function countRecord(input: string | null, v4: IPv4RangeList, v6: IPv6RangeList, lengths: PrefixLengths | null = null): CountRecord {
  const a4 = BigInt(v4.count());
  const a6 = v6.count();
  let networks = 0;
  const next4 = lengths?.v4 ?? null;
  for (let i = 0; i < v4.length; i++) {
    ipv4RangeToCidrs(v4.start(i), v4.end(i), (_n, len) => {
      networks += next4 === null ? 1 : 2 ** (next4[len]! - len);
    });
  }
  const next6 = lengths?.v6 ?? null;
  for (let i = 0; i < v6.length; i++) {
    ipv6RangeToCidrWords(v6, i, (_n, len) => {
      networks += next6 === null ? 1 : 2 ** (next6[len]! - len);
    });
  }
  return {
    input,
    addresses: (a4 + a6).toString(),
    ipv4Addresses: a4.toString(),
    ipv6Addresses: a6.toString(),
    networks,
    ranges: v4.length + v6.length,
  };
}

/**
 * Print --count rows as `wc` does: addresses, blocks, then the name (escaped: file
 * names are untrusted), the total last; --json: the records.
 */
export function printCounts(ctx: Context, rows: CountRecord[]): void {
  if (ctx.json) {
    for (const r of rows) ctx.jsonLine(r);
    return;
  }
  const wa = Math.max(...rows.map((r) => r.addresses.length));
  const wb = Math.max(...rows.map((r) => String(r.networks).length));
  for (const r of rows) {
    const name = r.input === null ? 'total' : safeText(r.input, 200) + (r.role === 'remove' ? ' (taken out)' : '');
    ctx.line(`${r.addresses.padStart(wa)} ${String(r.networks).padStart(wb)} ${name}`);
  }
}
