// DNS names and record types, pure: validation by RFC 1035's limits, IDN labels to
// their ASCII (punycode, RFC 3492) form, and the record types netkit can ask for.
// No node: imports: String.prototype.normalize and toLowerCase are plain ECMAScript.

import { parseAddress } from './address.js';
import { isUnsafeCodePoint } from './safe-text.js';
import { NetkitError, type InputKind } from './errors.js';

/** RFC 1035 2.3.4: a name is at most 255 octets on the wire, so 253 characters written without the final dot. */
export const MAX_NAME_LENGTH = 253;
/** RFC 1035 2.3.4: a label is at most 63 octets. */
export const MAX_LABEL_LENGTH = 63;

const NAME_KIND: InputKind = 'domain name';

/** A DNS name netkit refused (empty, too long, a bad label or character). */
export class DnsNameError extends NetkitError {
  override readonly name: string = 'DnsNameError';
  constructor(input: string, reason: string, position?: number) {
    super(NAME_KIND, input, reason, position);
  }
}

// Record types live in dns-types.ts with the rest of the DNS numbers; re-exported here
// because the library has always offered them beside the names.
export { RECORD_TYPES, parseRecordType, type RecordType } from './dns-types.js';

// Characters a label may hold once in ASCII form. Host names are letters, digits and
// hyphens (RFC 952/1123); `_` is used by SRV and other service names (RFC 2782, 8552),
// `*` by wildcards, and `/` by classless reverse zones (RFC 2317).
const LABEL_CHAR = /^[A-Za-z0-9_*/-]$/;

/**
 * Unicode dots that IDNA treats as label separators (UTS #46 maps them to "."):
 * ideographic full stop, fullwidth full stop, halfwidth ideographic full stop.
 */
const DOTS = /[\u3002\uff0e\uff61]/g;

/**
 * Parse a domain name as a user typed it into the ASCII form that goes on the wire:
 * IDN labels become `xn--` punycode (after NFC normalisation and lower-casing, the
 * common core of IDNA mapping), one trailing dot is dropped, and RFC 1035's limits
 * are checked on the result. Case of ASCII labels is kept (DNS is case-insensitive).
 */
export function parseDnsName(text: string): string {
  if (text.length === 0) throw new DnsNameError(text, 'empty name');
  if (text === '.') return '.';
  let s = text.replace(DOTS, '.');
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.length === 0 || s.startsWith('.')) throw new DnsNameError(text, 'empty label at the start', 0);
  const labels = s.split('.');
  const out: string[] = [];
  let offset = 0;
  for (const label of labels) {
    if (label.length === 0) throw new DnsNameError(text, 'empty label (two dots in a row)', offset);
    out.push(labelToAscii(text, label, offset));
    offset += label.length + 1;
  }
  const name = out.join('.');
  if (name.length > MAX_NAME_LENGTH) {
    const form = name === s ? '' : ` in ASCII form`;
    throw new DnsNameError(text, `name is ${name.length} characters${form}, more than ${MAX_NAME_LENGTH}`);
  }
  return name;
}

/** Is `text` a domain name parseDnsName accepts? */
export function isDnsName(text: string): boolean {
  try {
    parseDnsName(text);
    return true;
  } catch (e) {
    if (e instanceof NetkitError) return false;
    throw e;
  }
}

/**
 * Parse a host name (RFC 952, 1123 2.1): a domain name as parseDnsName reads it whose
 * labels, in ASCII form, are letters, digits, '-' and '_' and neither start nor end
 * with '-'. Names for a resolver to look up, where `*` or `/` would be a typo.
 */
export function parseHostName(text: string): string {
  const name = parseDnsName(text);
  if (name === '.') throw new DnsNameError(text, 'the root is not a host name');
  let offset = 0;
  for (const label of name.split('.')) {
    const bad = /[^A-Za-z0-9_-]/.exec(label);
    if (bad) throw new DnsNameError(text, `"${bad[0]}" is not allowed in a host name`, offset + bad.index);
    if (label.startsWith('-') || label.endsWith('-')) {
      throw new DnsNameError(text, `host name label "${label}" starts or ends with "-"`, offset);
    }
    offset += label.length + 1;
  }
  return name;
}

function labelToAscii(input: string, label: string, offset: number): string {
  let ascii = true;
  for (let i = 0; i < label.length; i++) {
    if (label.charCodeAt(i) > 0x7e) {
      ascii = false;
      break;
    }
  }
  let out: string;
  if (ascii) {
    for (let i = 0; i < label.length; i++) {
      const ch = label[i]!;
      if (!LABEL_CHAR.test(ch)) throw new DnsNameError(input, `${describe(ch)} is not allowed in a name`, offset + i);
    }
    out = label;
  } else {
    const mapped = label.normalize('NFC').toLowerCase();
    for (const ch of mapped) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x7e && !LABEL_CHAR.test(ch)) {
        throw new DnsNameError(input, `${describe(ch)} is not allowed in a name`, offset + label.indexOf(ch));
      }
      // bidi controls too (IDNA2008 disallows them): 'gnp\u202eexe' would display as 'exe.png'
      if ((cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || /\s/u.test(ch) || isUnsafeCodePoint(cp)) {
        throw new DnsNameError(input, `${describe(ch)} is not allowed in a name`, offset);
      }
    }
    out = 'xn--' + punycodeEncode(mapped);
  }
  if (out.length > MAX_LABEL_LENGTH) {
    const form = ascii ? '' : ` in ASCII form (${out.slice(0, 12)}…)`;
    throw new DnsNameError(input, `label is ${out.length} characters${form}, more than ${MAX_LABEL_LENGTH}`, offset);
  }
  return out;
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp > 0x7e) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

// ---------------------------------------------------------------------------
// Punycode, RFC 3492 section 6, with the parameters of section 5.

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

function digit(d: number): string {
  // 0..25 -> a..z, 26..35 -> 0..9
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

/** Encode a Unicode label (without `xn--`) as punycode. */
export function punycodeEncode(input: string): string {
  const cps = Array.from(input, (c) => c.codePointAt(0)!);
  let output = '';
  for (const cp of cps) if (cp < 0x80) output += String.fromCharCode(cp);
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < cps.length) {
    let m = Infinity;
    for (const cp of cps) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of cps) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
          if (q < t) break;
          output += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** Decode a punycode label (without `xn--`) to Unicode; throws RangeError on bad input. */
export function punycodeDecode(input: string): string {
  const out: number[] = [];
  const dash = input.lastIndexOf('-');
  const basicEnd = dash < 0 ? 0 : dash;
  for (let j = 0; j < basicEnd; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) throw new RangeError('punycode: non-basic code point before the delimiter');
    out.push(c);
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = dash < 0 ? 0 : dash + 1; pos < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new RangeError('punycode: truncated input');
      const c = input.charCodeAt(pos++);
      const d = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : BASE;
      if (d >= BASE) throw new RangeError('punycode: bad digit');
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) throw new RangeError('punycode: overflow');
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) throw new RangeError('punycode: code point out of range');
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

/** The Unicode form of a name for display: `xn--` labels decoded, others kept. */
export function dnsNameToUnicode(name: string): string {
  return name
    .split('.')
    .map((l) => {
      if (!/^xn--/i.test(l)) return l;
      try {
        return punycodeDecode(l.slice(4).toLowerCase());
      } catch {
        return l;
      }
    })
    .join('.');
}

// ---------------------------------------------------------------------------
// Name servers as users write them: `192.0.2.53`, `192.0.2.53:5353`, `2001:db8::53`,
// `[2001:db8::53]:5353`, `ns1.example.net`, `ns1.example.net:5353`.

const SERVER_KIND: InputKind = 'name server';

/** A --server argument, parsed: an IP literal (`isName` false) or a host name to look up first. */
export interface ServerSpec {
  host: string;
  port: number;
  isName: boolean;
}

/** Parse a port: decimal digits, 1 to 65535 (Node would silently wrap 99999 to another port). */
function parsePort(input: string, text: string, position: number): number {
  if (text === '') throw new NetkitError(SERVER_KIND, input, 'empty port after ":"', position);
  if (!/^[0-9]+$/.test(text)) throw new NetkitError(SERVER_KIND, input, `port "${text}" is not a decimal number`, position);
  if (text.length > 1 && text.startsWith('0')) throw new NetkitError(SERVER_KIND, input, `port "${text}" has a leading zero`, position);
  const port = text.length > 5 ? Infinity : Number(text);
  if (port < 1 || port > 65535) {
    throw new NetkitError(SERVER_KIND, input, `port ${text} is outside 1 to 65535`, position);
  }
  return port;
}

/** Parse a name server argument `ADDR[:PORT]`, `[IPv6]:PORT` or `HOST[:PORT]` (port 53 by default). */
export function parseServerSpec(text: string): ServerSpec {
  if (text.length === 0) throw new NetkitError(SERVER_KIND, text, 'empty server address');
  const fail = (reason: string, pos?: number): never => {
    throw new NetkitError(SERVER_KIND, text, reason, pos);
  };
  const ip = (s: string, offset: number, want?: 6): string => {
    let a;
    try {
      a = parseAddress(s);
    } catch (e) {
      if (e instanceof NetkitError) fail(e.reason, offset + (e.position ?? 0));
      throw e;
    }
    if (want === 6 && a!.version !== 6) fail('only an IPv6 address goes in brackets', offset);
    if (a!.zone) fail('a zoned IPv6 address (with %) cannot be a name server here', offset + s.indexOf('%'));
    return a!.toString();
  };
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) fail('"[" without a closing "]"', 0);
    const host = ip(text.slice(1, close), 1, 6);
    const rest = text.slice(close + 1);
    if (rest === '') return { host, port: 53, isName: false };
    if (!rest.startsWith(':')) fail('expected ":PORT" after "]"', close + 1);
    return { host, port: parsePort(text, rest.slice(1), close + 2), isName: false };
  }
  const colons = text.split(':').length - 1;
  if (colons >= 2) {
    return { host: ip(text, 0), port: 53, isName: false };
  }
  let hostText = text;
  let port = 53;
  if (colons === 1) {
    const at = text.indexOf(':');
    hostText = text.slice(0, at);
    port = parsePort(text, text.slice(at + 1), at + 1);
    if (hostText === '') fail('empty host before ":"', 0);
  }
  if (/^[0-9.]+$/.test(hostText)) return { host: ip(hostText, 0), port, isName: false };
  let name: string;
  try {
    name = parseDnsName(hostText);
  } catch (e) {
    if (e instanceof NetkitError) fail(`not an IP address, and not a host name: ${e.reason}`, e.position);
    throw e;
  }
  return { host: name!, port, isName: true };
}
