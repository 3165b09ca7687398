// The one-pass dotted-quad reader of the bulk hot paths (grep's scan loops, the set
// reader's IPv4 lines): it finds where the digits and dots end and their value at once.
// It needs a byte after the text that is neither a digit nor a dot (a newline ends every
// chunk the readers hand over), so it is no library function: core/fastscan.ts's
// scanIPv4Bytes is the bounded reader, and a property test holds the two together.

/**
 * What readQuad found besides the value: `end`, the first byte after the digits and dots
 * it read; `ok`, whether they were a strict dotted quad. (An object: imported bindings
 * are read-only.)
 */
export const quad = { end: 0, ok: false };

/**
 * Read digits and dots from buf[i] in one pass, as far as they go (at most four
 * octets); quad.ok says whether they are a strict dotted quad (scanIPv4Bytes's rules: 1
 * to 3 digits an octet, no leading zero, <= 255) and quad.end where reading stopped.
 * The value comes back as a signed 32-bit integer (`>>> 0` gives the address): a small
 * integer to V8, where a number above 2^31 returned from a call that is not inlined is
 * a heap number allocated per line (2M lines: tens of MB of garbage in a merge).
 * Finding the end and the value at once is what pays on bare lists: reading the field
 * first and then calling scanIPv4Bytes (one reader for everything) took 0.34-0.44 s of
 * CPU for `grep` over 1M bare addresses where this takes 0.23-0.28 s (bench/bulk.mjs
 * data, three interleaved rounds); on 1M log lines they do not differ (0.67-1.08 s,
 * within the noise). The lookup after it is the shared lastAtMost.
 * buf must hold a non-digit, non-dot byte after the field (every chunk ends in a newline).
 */
export function readQuad(buf: Buffer, i: number): number {
  let value = 0;
  let parts = 0;
  let ok = true;
  let b = buf[i]!;
  for (;;) {
    let o = b - 48;
    b = buf[++i]!;
    if (b - 48 >>> 0 < 10) {
      if (o === 0) ok = false;
      o = o * 10 + b - 48;
      b = buf[++i]!;
      if (b - 48 >>> 0 < 10) {
        o = o * 10 + b - 48;
        b = buf[++i]!;
        if (o > 255) ok = false;
      }
    }
    value = value * 256 + o;
    parts++;
    if (b !== 46 || parts === 4) break;
    b = buf[++i]!;
    if (b - 48 >>> 0 >= 10) {
      ok = false;
      break;
    }
  }
  quad.end = i;
  quad.ok = ok && parts === 4;
  return value | 0;
}
