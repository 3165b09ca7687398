// DNS records as text, the way dig writes them (BIND's presentation format, RFC 1035
// 5.1, RFC 3597 §5 for unknown types), except that names carry no trailing dot (netkit
// writes `mail.example.com`, the root as "."). Pure: works on what dns-wire.ts decoded.
//
// Every byte that is not printable ASCII comes out as \DDD, the way dig escapes it, so
// the text is safe on a terminal whatever the server sent.

import { hex, type DnsRecord } from './dns-wire.js';

/** dig's default +split: long hex and base64 fields are cut into chunks of 56 characters. */
const SPLIT = 56;

function split(s: string): string {
  if (s.length <= SPLIT) return s;
  let out = s.slice(0, SPLIT);
  for (let i = SPLIT; i < s.length; i += SPLIT) out += ' ' + s.slice(i, i + SPLIT);
  return out;
}

/** A <character-string> quoted as BIND does: `"` and `\` escaped, bytes outside 0x20-0x7e as \DDD. */
export function quoteBytes(b: Uint8Array): string {
  let s = '"';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (c < 0x20 || c >= 0x7f) s += '\\' + String(c).padStart(3, '0');
    else s += String.fromCharCode(c);
  }
  return s + '"';
}

/** The <character-string>s of rdata from `at` on. */
function strings(b: Uint8Array, at: number, count = Infinity): { list: Uint8Array[]; next: number } {
  const list: Uint8Array[] = [];
  let o = at;
  while (o < b.length && list.length < count) {
    const len = b[o]!;
    list.push(b.subarray(o + 1, o + 1 + len));
    o += 1 + len;
  }
  return { list, next: o };
}

function svcValue(key: string, value: unknown, raw: Uint8Array | null): string {
  if (value === null) return key;
  switch (key) {
    case 'mandatory':
    case 'ipv4hint':
    case 'ipv6hint':
      return `${key}=${(value as string[]).join(',')}`;
    case 'alpn':
      // Each protocol id with "," and "\" escaped (RFC 9460 A.1), the list quoted.
      return `${key}="${(value as string[]).map((id) => escapeAlpn(id)).join(',')}"`;
    case 'port':
    case 'ech':
      return `${key}=${value}`;
    default:
      return `${key}=${raw ? quoteBytes(raw) : JSON.stringify(value)}`;
  }
}

function escapeAlpn(id: string): string {
  let s = '';
  for (const ch of id) {
    const c = ch.codePointAt(0)!;
    if (ch === ',') s += '\\\\,';
    else if (ch === '\\') s += '\\\\\\\\';
    else if (ch === '"') s += '\\"';
    else if (c < 0x20 || c >= 0x7f) {
      for (const byte of utf8Bytes(ch)) s += '\\' + String(byte).padStart(3, '0');
    } else s += ch;
  }
  return s;
}

function utf8Bytes(ch: string): number[] {
  const c = ch.codePointAt(0)!;
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

/** The raw bytes of SvcParam values (for keys shown as quoted strings), by position. */
function svcRawValues(rdata: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  // priority (2) then an uncompressed target name
  let o = 2;
  while (o < rdata.length && rdata[o] !== 0) o += rdata[o]! + 1;
  o++;
  while (o + 4 <= rdata.length) {
    const len = (rdata[o + 2]! << 8) | rdata[o + 3]!;
    out.push(rdata.subarray(o + 4, o + 4 + len));
    o += 4 + len;
  }
  return out;
}

type D = Record<string, unknown>;

/** One record's data in presentation form (dig's, without trailing dots on names). */
export function rdataText(rec: Pick<DnsRecord, 'type' | 'data' | 'rdata'>): string {
  const d = rec.data as D;
  const b = rec.rdata;
  switch (rec.type) {
    case 'A':
    case 'AAAA':
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME':
      return rec.data as string;
    case 'MX':
      return `${d.priority} ${d.exchange}`;
    case 'SOA':
      return `${d.nsname} ${d.hostmaster} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minttl}`;
    case 'TXT':
    case 'SPF':
    case 'HINFO':
      return strings(b, 0).list.map(quoteBytes).join(' ');
    case 'SRV':
      return `${d.priority} ${d.weight} ${d.port} ${d.target}`;
    case 'CAA': {
      const tagLen = b[1]!;
      return `${d.flags} ${d.tag} ${quoteBytes(b.subarray(2 + tagLen))}`;
    }
    case 'NAPTR': {
      const s = strings(b, 4, 3).list.map(quoteBytes);
      return `${d.order} ${d.preference} ${s[0]} ${s[1]} ${s[2]} ${d.replacement}`;
    }
    case 'SSHFP':
      return `${d.algorithm} ${d.fpType} ${split(d.fingerprint as string)}`;
    case 'TLSA':
      return `${d.usage} ${d.selector} ${d.matchingType} ${split(d.data as string)}`;
    case 'DS':
    case 'CDS':
      return `${d.keyTag} ${d.algorithm} ${d.digestType} ${split(d.digest as string)}`;
    case 'DNSKEY':
    case 'CDNSKEY':
      return `${d.flags} ${d.protocol} ${d.algorithm} ${split(d.publicKey as string)}`;
    case 'RRSIG':
      return `${d.typeCovered} ${d.algorithm} ${d.labels} ${d.originalTtl} ${d.expiration} ${d.inception} ${d.keyTag} ${d.signerName} ${split(d.signature as string)}`;
    case 'NSEC':
      return [d.next, ...(d.types as string[])].join(' ');
    case 'NSEC3':
      return [d.hashAlgorithm, d.flags, d.iterations, d.salt, d.next, ...(d.types as string[])].join(' ');
    case 'NSEC3PARAM':
      return `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${d.salt}`;
    case 'SVCB':
    case 'HTTPS': {
      const params = d.params as { key: string; value: unknown }[];
      const raws = svcRawValues(b);
      return [`${d.priority} ${d.target}`, ...params.map((p, i) => svcValue(p.key, p.value, raws[i] ?? null))].join(' ');
    }
    default:
      // Unknown types: RFC 3597 §5, hex in dig's chunks.
      return b.length === 0 ? '\\# 0' : `\\# ${b.length} ${split(hex(b))}`;
  }
}

