// Byte-level address scanners for the bulk hot paths (grep over gigabytes of logs,
// merge of millions of lines). They read bytes of a Uint8Array (a Node Buffer is
// one) in place, never allocate, never throw, and accept exactly what the core's
// parsers accept (scanIPv4 and parseIPv6 without a zone), which a property test
// checks. When they say no, callers that need to explain why ask the core parser.

/**
 * The value of a strict dotted quad in bytes[start, end), or -1. Same rules as
 * scanIPv4 in address.ts: four decimal octets, no leading zeros, each at most 255.
 */
export function scanIPv4Bytes(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let first = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      if (digits === 0) first = c;
      else if (first === 48) return -1; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

// The value of a hex digit by byte, -1 for anything else (a table beats three range tests).
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = HEX[65 + c] = 10 + c;

const groups = new Uint32Array(8);

/**
 * Parse an IPv6 address (RFC 4291 §2.2, no zone) in bytes[start, end) into four
 * 32-bit words at out[at..at+3], most significant first. Returns false, leaving out
 * unspecified, when the text is not an address: the same rules as parseIPv6.
 */
export function scanIPv6Bytes(bytes: Uint8Array, start: number, end: number, out: Uint32Array, at = 0): boolean {
  if (end - start < 2 || end - start > 45) return false; // "::" is the shortest; 45 the longest with a dotted tail
  let n = 0; // groups so far
  let ellipsis = -1;
  let i = start;
  if (bytes[i] === 58) {
    if (bytes[i + 1] !== 58) return false;
    ellipsis = 0;
    i += 2;
    if (i === end) {
      out[at] = 0;
      out[at + 1] = 0;
      out[at + 2] = 0;
      out[at + 3] = 0;
      return true;
    }
  }
  while (i < end) {
    let j = i;
    let val = 0;
    let d: number;
    while (j < end && (d = HEX[bytes[j]!]!) >= 0) {
      val = val * 16 + d;
      j++;
    }
    const c = j < end ? bytes[j]! : -1;
    if (c === 46) {
      // embedded IPv4 in the last 32 bits: nothing but the dotted quad may follow
      for (let k = i; k < end; k++) if (bytes[k] === 58) return false;
      if (n > 6) return false;
      const v4 = scanIPv4Bytes(bytes, i, end);
      if (v4 < 0) return false;
      groups[n++] = v4 >>> 16;
      groups[n++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (j === i) return false;
    if (j - i > 4) return false;
    if (n === 8) return false; // a ninth group
    groups[n++] = val;
    i = j;
    if (i === end) break;
    if (c !== 58) return false;
    i++;
    if (i < end && bytes[i] === 58) {
      if (ellipsis >= 0) return false;
      ellipsis = n;
      i++;
      if (i === end) break;
      if (bytes[i] === 58) return false;
    } else if (i === end) {
      return false;
    }
  }
  if (ellipsis < 0) {
    if (n !== 8) return false;
  } else {
    if (n > 7) return false;
    // move the groups after "::" to the end, zeros in between
    const fill = 8 - n;
    for (let k = n - 1; k >= ellipsis; k--) groups[k + fill] = groups[k]!;
    for (let k = ellipsis; k < ellipsis + fill; k++) groups[k] = 0;
  }
  out[at] = ((groups[0]! << 16) | groups[1]!) >>> 0;
  out[at + 1] = ((groups[2]! << 16) | groups[3]!) >>> 0;
  out[at + 2] = ((groups[4]! << 16) | groups[5]!) >>> 0;
  out[at + 3] = ((groups[6]! << 16) | groups[7]!) >>> 0;
  return true;
}
