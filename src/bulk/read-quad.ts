// The one-pass dotted-quad reader of the bulk hot paths (grep's scan loops, the set
// reader's IPv4 lines): it finds where the digits and dots end and their value at once.
// It needs a byte after the text that is neither a digit nor a dot (a newline ends every
// chunk the readers hand over), so it is no library function: core/fastscan.ts's
// scanIPv4Bytes is the bounded reader, and a property test holds the two together.

/** Where readQuad stopped: the first byte after the digits and dots it read (an object: imported bindings are read-only). */
export const quad = { end: 0 };

/**
 * Read digits and dots from buf[i] in one pass, as far as they go (at most four
 * octets), and return the value of a strict dotted quad (scanIPv4Bytes's rules: 1 to 3
 * digits an octet, no leading zero, <= 255), or -1; quad.end says where reading stopped.
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
  return ok && parts === 4 ? value : -1;
}
