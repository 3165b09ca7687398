// The Address value type: strict parsing, RFC 5952 formatting, comparison.
// An address is 32 or 128 bits held in four unsigned 32-bit words (most significant
// first; IPv4 uses only the last), so that masking stays in plain number arithmetic
// and never needs BigInt on the hot path.

import { NetkitError, quoteInput, type InputKind } from './errors.js';

/** IP version: 4 or 6. Family is part of an address's identity. */
export type IPVersion = 4 | 6;

const ZONE_CHAR = /^[A-Za-z0-9._~-]+$/;

export class Address {
  /** 4 or 6. */
  readonly version: IPVersion;
  /** Bits 127..96 (IPv6 only; 0 for IPv4). */
  readonly w0: number;
  /** Bits 95..64 (IPv6 only; 0 for IPv4). */
  readonly w1: number;
  /** Bits 63..32 (IPv6 only; 0 for IPv4). */
  readonly w2: number;
  /** The low 32 bits; the whole value of an IPv4 address. */
  readonly w3: number;
  /** IPv6 scope zone (`eth0` in `fe80::1%eth0`), or '' when there is none. */
  readonly zone: string;

  /** Use the static factories or parseAddress. */
  private constructor(version: IPVersion, w0: number, w1: number, w2: number, w3: number, zone: string) {
    this.version = version;
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
    this.zone = zone;
  }

  /** An IPv4 address from its 32-bit value. */
  static v4(value: number): Address {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new RangeError(`IPv4 value out of range: ${value}`);
    }
    return new Address(4, 0, 0, 0, value >>> 0, '');
  }

  /** An IPv6 address from four 32-bit words, most significant first. */
  static v6(w0: number, w1: number, w2: number, w3: number, zone = ''): Address {
    if (zone !== '' && !ZONE_CHAR.test(zone)) throw new RangeError(`invalid IPv6 zone: ${JSON.stringify(zone)}`);
    return new Address(6, w0 >>> 0, w1 >>> 0, w2 >>> 0, w3 >>> 0, zone);
  }

  /** An address from its integer value. */
  static fromBigInt(version: IPVersion, value: bigint): Address {
    const max = version === 4 ? 0xffffffffn : (1n << 128n) - 1n;
    if (value < 0n || value > max) throw new RangeError(`IPv${version} value out of range: ${value}`);
    if (version === 4) return new Address(4, 0, 0, 0, Number(value), '');
    return new Address(
      6,
      Number((value >> 96n) & 0xffffffffn),
      Number((value >> 64n) & 0xffffffffn),
      Number((value >> 32n) & 0xffffffffn),
      Number(value & 0xffffffffn),
      '',
    );
  }

  /** An address from 4 or 16 bytes in network order. */
  static fromBytes(bytes: ArrayLike<number>): Address {
    const word = (i: number) => ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    if (bytes.length === 4) return new Address(4, 0, 0, 0, word(0), '');
    if (bytes.length === 16) return new Address(6, word(0), word(4), word(8), word(12), '');
    throw new RangeError(`an address has 4 or 16 bytes, not ${bytes.length}`);
  }

  /** @internal Build without checks (words already uint32), for the core's own hot paths. */
  static unsafe(version: IPVersion, w0: number, w1: number, w2: number, w3: number, zone = ''): Address {
    return new Address(version, w0, w1, w2, w3, zone);
  }

  /** Number of bits: 32 or 128. */
  get bitLength(): 32 | 128 {
    return this.version === 4 ? 32 : 128;
  }

  get is4(): boolean {
    return this.version === 4;
  }

  get is6(): boolean {
    return this.version === 6;
  }

  /** True for an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2). */
  get is4In6(): boolean {
    return this.version === 6 && this.w0 === 0 && this.w1 === 0 && this.w2 === 0xffff;
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 address; any other address unchanged. */
  unmap(): Address {
    return this.is4In6 ? new Address(4, 0, 0, 0, this.w3, '') : this;
  }

  /** The same address without its zone. */
  withoutZone(): Address {
    return this.zone === '' ? this : new Address(this.version, this.w0, this.w1, this.w2, this.w3, '');
  }

  /** The same address with another zone (IPv6 only). */
  withZone(zone: string): Address {
    if (this.version === 4) throw new RangeError('an IPv4 address has no zone');
    return Address.v6(this.w0, this.w1, this.w2, this.w3, zone);
  }

  /** The integer value. */
  toBigInt(): bigint {
    if (this.version === 4) return BigInt(this.w3);
    return (BigInt(this.w0) << 96n) | (BigInt(this.w1) << 64n) | (BigInt(this.w2) << 32n) | BigInt(this.w3);
  }

  /** 4 or 16 bytes in network order. */
  toBytes(): Uint8Array {
    const words = this.version === 4 ? [this.w3] : [this.w0, this.w1, this.w2, this.w3];
    const out = new Uint8Array(words.length * 4);
    words.forEach((w, i) => {
      out[i * 4] = w >>> 24;
      out[i * 4 + 1] = (w >>> 16) & 0xff;
      out[i * 4 + 2] = (w >>> 8) & 0xff;
      out[i * 4 + 3] = w & 0xff;
    });
    return out;
  }

  /** The 16-bit groups of an IPv6 address (8 of them), or the 4 octets of an IPv4 one. */
  parts(): number[] {
    if (this.version === 4) {
      const v = this.w3;
      return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    }
    return [
      this.w0 >>> 16, this.w0 & 0xffff, this.w1 >>> 16, this.w1 & 0xffff,
      this.w2 >>> 16, this.w2 & 0xffff, this.w3 >>> 16, this.w3 & 0xffff,
    ];
  }

  /** Same family, same bits, same zone. */
  equals(other: Address): boolean {
    return (
      this.version === other.version &&
      this.w3 === other.w3 &&
      this.w2 === other.w2 &&
      this.w1 === other.w1 &&
      this.w0 === other.w0 &&
      this.zone === other.zone
    );
  }

  /** Order: IPv4 before IPv6, then by value, then by zone. Returns -1, 0 or 1. */
  compare(other: Address): -1 | 0 | 1 {
    if (this.version !== other.version) return this.version < other.version ? -1 : 1;
    for (const k of ['w0', 'w1', 'w2', 'w3'] as const) {
      if (this[k] !== other[k]) return this[k] < other[k] ? -1 : 1;
    }
    if (this.zone !== other.zone) return this.zone < other.zone ? -1 : 1;
    return 0;
  }

  /** Canonical text: dotted quad, or RFC 5952 for IPv6 (with `%zone` when there is one). */
  toString(): string {
    if (this.version === 4) return formatV4(this.w3);
    const s = formatV6(this.w0, this.w1, this.w2, this.w3);
    return this.zone === '' ? s : s + '%' + this.zone;
  }

  /** Every digit written out: `010.000.000.001` is never produced; IPv6 as 8 groups of 4 hex digits. */
  toFullString(): string {
    if (this.version === 4) return formatV4(this.w3);
    return this.parts().map((p) => p.toString(16).padStart(4, '0')).join(':') + (this.zone ? '%' + this.zone : '');
  }

  toJSON(): string {
    return this.toString();
  }
}

// Decimal text of every octet, so formatting never converts numbers to strings.
const OCTET: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

export function formatV4(v: number): string {
  return OCTET[v >>> 24] + '.' + OCTET[(v >>> 16) & 0xff] + '.' + OCTET[(v >>> 8) & 0xff] + '.' + OCTET[v & 0xff];
}

/**
 * The run of zero groups RFC 5952 §4.2 shortens to "::": the longest of two or more,
 * the first on a tie. Returned as `start << 4 | length`, or -1 when there is none
 * (numbers, not an object: the byte writers call this for every address they print).
 * @internal
 */
export function longestZeroRun(g: ArrayLike<number>): number {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  return best < 0 ? -1 : (best << 4) | bestLen;
}

// RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero
// groups shortened to "::" (the first such run on a tie), and §5: IPv4-mapped
// addresses in mixed notation.
export function formatV6(w0: number, w1: number, w2: number, w3: number): string {
  if (w0 === 0 && w1 === 0 && w2 === 0xffff) return '::ffff:' + formatV4(w3);
  const g = [w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff];
  const run = longestZeroRun(g);
  const bestStart = run >> 4;
  const bestLen = run & 15;
  if (bestStart < 0) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(':');
  return head + '::' + tail;
}

// ---------------------------------------------------------------------------
// Parsing

/** Parse an IPv4 or IPv6 address, deciding the family by syntax (`:` means IPv6). */
export function parseAddress(text: string): Address {
  if (text.indexOf(':') >= 0) return parseIPv6(text);
  if (text.indexOf('%') >= 0) {
    throw new NetkitError('IP address', text, 'a zone (%) is only allowed on an IPv6 address', text.indexOf('%'));
  }
  if (text.indexOf('.') >= 0) return parseIPv4(text);
  // Neither ':' nor '.': say what it looks like instead of "not v4 or v6".
  if (text.length === 0) throw new NetkitError('IP address', text, 'empty string');
  if (/^[0-9]+$/.test(text)) {
    throw new NetkitError(
      'IP address',
      text,
      'a bare integer is not an address (IPv4 needs four dotted octets, IPv6 needs colons)',
    );
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) {
    throw new NetkitError('IP address', text, 'a hexadecimal integer is not an address');
  }
  const bad = firstOddChar(text);
  if (bad) throw new NetkitError('IP address', text, bad.reason, bad.position);
  throw new NetkitError('IP address', text, 'not an IPv4 address (no dots) nor an IPv6 address (no colons)');
}

/** Is `text` a valid IPv4 or IPv6 address? */
export function isAddress(text: string): boolean {
  return tryParseAddress(text) !== null;
}

/** Parse, or return null instead of throwing. */
export function tryParseAddress(text: string): Address | null {
  try {
    return parseAddress(text);
  } catch (e) {
    if (e instanceof NetkitError) return null;
    throw e;
  }
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === ' ') return 'space';
  if (ch === '\t') return 'tab';
  if (ch === '\n') return 'newline';
  if (ch === '\r') return 'carriage return';
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp >= 0xff10 && cp <= 0xff19) return `fullwidth digit U+${cp.toString(16).toUpperCase()} (only ASCII digits are allowed)`;
  if (cp > 0x7e) return `non-ASCII character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `character '${ch}'`;
}

/** The first character that can never appear in an address, with a description. */
function firstOddChar(text: string): { reason: string; position: number } | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      const where = i === text.length - 1 && text.length > 1 ? ' at the end' : i === 0 ? ' at the start' : ` at position ${i + 1}`;
      return { reason: `unexpected ${describeChar(ch)}${where}`, position: i };
    }
  }
  return null;
}

/** Parse a strict dotted-quad IPv4 address. */
export function parseIPv4(text: string): Address {
  const v = scanIPv4(text, 0, text.length);
  if (v < 0) ipv4Error(text, 'IPv4 address');
  return Address.unsafe(4, 0, 0, 0, v, '');
}

/**
 * Fast path: the value of a strict dotted quad in text[start, end), or -1.
 * No allocation; the caller explains a -1 with ipv4Error.
 */
export function scanIPv4(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let first = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
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

/** Explain why text is not a strict dotted quad. Always throws. */
export function ipv4Error(text: string, kind: InputKind = 'IPv4 address', offset = 0): never {
  readIPv4Carefully(text, kind, offset);
  // The careful reader took what scanIPv4 refused: a bug the fast-path properties exist to catch.
  throw new Error(`scanIPv4 refused ${quoteInput(text)}, which the careful reader accepts`);
}

/**
 * @internal The careful dotted-quad reader alone (no fast scanner): checks field by
 * field and throws the NetkitError that explains the first problem, or returns the
 * value. ipv4Error's explanation, and the reference for tests of the fast paths.
 */
export function readIPv4Carefully(text: string, kind: InputKind = 'IPv4 address', offset = 0): number {
  const fail = (reason: string, pos?: number): never => {
    throw new NetkitError(kind, text, reason, pos === undefined ? undefined : pos + offset);
  };
  if (text.length === 0) fail('empty string');
  const odd = firstOddChar(text);
  if (odd) fail(odd.reason, odd.position);
  const fields = text.split('.');
  let pos = 0;
  for (const f of fields) {
    if (f.length === 0) {
      fail(fields.length === 1 ? 'empty string' : `empty octet at position ${pos + 1}`, pos);
    }
    if (/^0[xX]/.test(f)) fail(`hexadecimal octet "${f}" is not allowed`, pos);
    if (!/^[0-9]+$/.test(f)) {
      const i = f.search(/[^0-9]/);
      fail(`unexpected character '${f[i]}' in octet "${f}"`, pos + i);
    }
    if (f.length > 1 && f[0] === '0') {
      fail(`leading zero in octet "${f}" (octal or decimal? refusing to guess)`, pos);
    }
    if (Number(f) > 255) fail(`octet ${f} is greater than 255`, pos);
    pos += f.length + 1;
  }
  if (fields.length < 4) {
    fail(`only ${fields.length} octets: shortened forms like "127.1" are not allowed, write all four`);
  }
  if (fields.length > 4) fail(`${fields.length} octets: an IPv4 address has exactly four`);
  return fields.reduce((v, f) => v * 256 + Number(f), 0);
}

const scratch: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

/** The value of a hex digit's character code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Fast path: the 8 groups of a zoneless IPv6 address in text[start, end) into `g`,
 * or false for anything unusual (the slow path then parses or explains it).
 */
function scanIPv6(text: string, start: number, end: number, g: number[]): boolean {
  let n = 0; // groups written
  let gap = -1; // where "::" stands
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    let val = 0;
    let digits = 0;
    let c = 0;
    while (i < end) {
      c = text.charCodeAt(i);
      const d = hexDigit(c);
      if (d < 0) break;
      val = val * 16 + d;
      i++;
      if (++digits > 4) return false;
    }
    if (digits === 0 || n === 8) return false;
    if (i === end) {
      g[n++] = val;
      break;
    }
    if (c !== 58) return false; // '.', '%' or junk: the slow path
    g[n++] = val;
    i++;
    if (i < end && text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    } else if (i === end) return false;
  }
  if (gap < 0) return n === 8;
  if (n > 7) return false;
  // Move the groups after "::" to the end and zero the gap.
  const tail = n - gap;
  for (let k = 0; k < tail; k++) g[7 - k] = g[n - 1 - k]!;
  for (let k = gap; k < 8 - tail; k++) g[k] = 0;
  return true;
}

/** Parse an IPv6 address in any RFC 4291 §2.2 text form, with optional `%zone`. */
export function parseIPv6(text: string): Address {
  const g = scratch;
  if (text.length > 1 && scanIPv6(text, 0, text.length, g)) {
    return Address.unsafe(6, ((g[0]! << 16) | g[1]!) >>> 0, ((g[2]! << 16) | g[3]!) >>> 0, ((g[4]! << 16) | g[5]!) >>> 0, ((g[6]! << 16) | g[7]!) >>> 0, '');
  }
  return parseIPv6Slow(text);
}

/** @internal The careful parser alone (no fast scanner): the reference for tests of the fast paths. */
export function parseIPv6Slow(text: string): Address {
  const kind: InputKind = 'IPv6 address';
  const fail = (reason: string, pos?: number): never => {
    throw new NetkitError(kind, text, reason, pos);
  };
  let end = text.length;
  let zone = '';
  const pct = text.indexOf('%');
  if (pct >= 0) {
    zone = text.slice(pct + 1);
    end = pct;
    if (zone.length === 0) fail('empty zone after "%"', pct);
    if (!ZONE_CHAR.test(zone)) {
      const odd = firstOddChar(zone);
      const i = odd ? odd.position : zone.search(/[^A-Za-z0-9._~-]/);
      fail(
        `zone "${zone}" has ${odd ? describeChar(String.fromCodePoint(zone.codePointAt(i)!)) : `character '${zone[i]}'`}; a zone uses letters, digits, '-', '.', '_' and '~'`,
        pct + 1 + i,
      );
    }
  }
  if (end === 0) fail('empty string');
  const groups: number[] = [];
  let ellipsis = -1; // index in groups where "::" stands
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) fail('a leading ":" must be part of "::"', 0);
    ellipsis = 0;
    i = 2;
    if (i === end) return Address.unsafe(6, 0, 0, 0, 0, zone);
  }
  while (i < end) {
    // one group: up to 4 hex digits, or a trailing dotted IPv4
    let j = i;
    let val = 0;
    while (j < end) {
      const d = hexDigit(text.charCodeAt(j));
      if (d < 0) break;
      val = val * 16 + d;
      j++;
    }
    const c = j < end ? text.charCodeAt(j) : -1;
    if (c === 46) {
      // embedded IPv4 in the last 32 bits (RFC 4291 §2.2 form 3)
      let k = i;
      while (k < end && text.charCodeAt(k) !== 58) k++;
      if (k !== end) fail('an embedded IPv4 address must be the last part', i);
      if (groups.length > 6) fail('too many groups before the embedded IPv4 address', i);
      const v4text = text.slice(i, end);
      const v4 = scanIPv4(text, i, end);
      if (v4 < 0) {
        try {
          ipv4Error(v4text);
        } catch (e) {
          fail(`embedded IPv4 "${v4text}": ${(e as NetkitError).reason}`, i);
        }
      }
      groups.push(v4 >>> 16, v4 & 0xffff);
      i = end;
      break;
    }
    if (j === i) {
      if (c === 58) fail(`unexpected ":" at position ${j + 1} (only one "::" is allowed, and no ":::")`, j);
      const ch = String.fromCodePoint(text.codePointAt(j)!);
      fail(`unexpected ${describeChar(ch)} at position ${j + 1}`, j);
    }
    if (j - i > 4) fail(`group "${text.slice(i, j)}" has more than four hex digits`, i);
    groups.push(val);
    if (groups.length > 8) fail('more than eight groups', i);
    i = j;
    if (i === end) break;
    if (c !== 58) {
      const ch = String.fromCodePoint(text.codePointAt(j)!);
      fail(`unexpected ${describeChar(ch)} at position ${j + 1}`, j);
    }
    i++; // past ':'
    if (i < end && text.charCodeAt(i) === 58) {
      if (ellipsis >= 0) fail(`a second "::" at position ${i} (only one is allowed)`, i - 1);
      ellipsis = groups.length;
      i++;
      if (i === end) break;
      if (text.charCodeAt(i) === 58) fail(`":::" at position ${i - 1}`, i - 2);
    } else if (i === end) {
      fail('ends with a single ":"', end - 1);
    }
  }
  if (ellipsis < 0) {
    if (groups.length !== 8) fail(`only ${groups.length} groups: an IPv6 address has 8, or "::" for a run of zeros`);
  } else {
    if (groups.length > 7) fail('"::" must stand for at least one group of zeros, but 8 groups are given');
    const fill = 8 - groups.length;
    groups.splice(ellipsis, 0, ...new Array<number>(fill).fill(0));
  }
  return Address.unsafe(
    6,
    ((groups[0]! << 16) | groups[1]!) >>> 0,
    ((groups[2]! << 16) | groups[3]!) >>> 0,
    ((groups[4]! << 16) | groups[5]!) >>> 0,
    ((groups[6]! << 16) | groups[7]!) >>> 0,
    zone,
  );
}
