// The DNS message codec, pure: a query encoder and a strict reply decoder over
// Uint8Array (RFC 1035 4, RFC 3597, RFC 6891), with the rdata of the common types read
// into plain structured data. Presentation (dig's text) lives in dns-present.ts.
//
// Why our own decoder and not dns-packet's: dns-packet reads label bytes as UTF-8 and
// drops rdata it does not know, so neither dig's escaped names (`\.`, `\032`) nor RFC
// 3597's `\# len hex` can be derived from its output; it also reads past rdlength for
// some types. dns-packet stays in the tests as an independent encoder to check against.

import { className, opcodeName, rcodeName, typeCode, typeName } from './dns-types.js';

/** A message netkit could not read: truncated, a bad pointer, rdata not fitting its length. */
export class DnsFormatError extends Error {
  override readonly name = 'DnsFormatError';
}

export interface DnsFlags {
  qr: boolean;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface DnsQuestion {
  name: string;
  type: string;
  class: string;
}

/** Structured rdata (see RDATA_SHAPES in docs/resolve.md); a string for single-valued types. */
export type RData = string | string[] | Record<string, unknown>;

/** A resource record; `class` and `rdata` are non-enumerable (left out of JSON). */
export interface DnsRecord {
  /** Owner name in presentation form (dig's escapes), no trailing dot; the root is ".". */
  name: string;
  type: string;
  class: string;
  /** Seconds; a TTL with the high bit set counts as 0 (RFC 2181 §8). */
  ttl: number;
  data: RData;
  /** The rdata bytes (a view into the message), for presentation of unknown types and for DNSSEC. */
  rdata: Uint8Array;
}

export interface EdnsOption {
  code: number;
  name: string;
  /** The option's bytes, lower-case hex. */
  data: string;
  /** Extended DNS Error (RFC 8914): the info code and the text, when there is one. */
  infoCode?: number;
  text?: string;
}

export interface DnsEdns {
  version: number;
  udpSize: number;
  do: boolean;
  options: EdnsOption[];
}

export interface DnsMessage {
  id: number;
  opcode: string;
  flags: DnsFlags;
  /** The full response code: header's four bits, extended by the OPT record (RFC 6891 6.1.3). */
  rcode: string;
  rcodeValue: number;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  authority: DnsRecord[];
  /** The additional section without the OPT pseudo-record (shown as `edns`). */
  additional: DnsRecord[];
  edns: DnsEdns | null;
  /** Bytes on the wire. */
  size: number;
}

// ---------------------------------------------------------------------------
// Encoding a query

export interface QuerySpec {
  id: number;
  /** An ASCII name as parseDnsName returns it (letters, digits, `-`, `_`, `*`, `/`), or ".". */
  name: string;
  type: string;
  /** Recursion desired (default true). */
  rd?: boolean;
  /** Checking disabled (RFC 4035 3.2.2). */
  cd?: boolean;
  /** Ask for the AD bit (RFC 6840 5.7). */
  ad?: boolean;
  /** EDNS(0) with this UDP payload size; null for none. */
  edns?: { udpSize: number; do: boolean } | null;
}

/** Encode one question as a query message. */
export function encodeQuery(q: QuerySpec): Uint8Array {
  const root = q.name === '.' || q.name === '';
  const name = root ? '' : q.name.endsWith('.') ? q.name.slice(0, -1) : q.name;
  // The labels' bytes and their length bytes: the name's characters, one per dot, one more and the root's.
  const nameLen = root ? 1 : name.length + 2;
  const optLen = q.edns ? 11 : 0;
  const out = new Uint8Array(12 + nameLen + 4 + optLen);
  let flags = 0;
  if (q.rd ?? true) flags |= 0x0100;
  if (q.ad) flags |= 0x0020;
  if (q.cd) flags |= 0x0010;
  out[0] = q.id >> 8;
  out[1] = q.id & 0xff;
  out[2] = flags >> 8;
  out[3] = flags & 0xff;
  out[5] = 1; // QDCOUNT
  out[11] = q.edns ? 1 : 0; // ARCOUNT
  let o = 12;
  if (!root) {
    // One pass over the text: each label's length byte is filled in when its end is found.
    let lenAt = o++;
    let n = 0;
    for (let i = 0; i <= name.length; i++) {
      const c = i < name.length ? name.charCodeAt(i) : 0x2e;
      if (c === 0x2e) {
        if (n === 0 || n > 63) throw new DnsFormatError(`bad label in ${q.name}`);
        out[lenAt] = n;
        lenAt = o++;
        n = 0;
        continue;
      }
      if (c > 0x7e) throw new DnsFormatError(`non-ASCII name ${q.name}`);
      out[o++] = c;
      n++;
    }
    o--; // the length byte reserved after the last label is the root's zero below
  }
  out[o++] = 0;
  const t = typeCode(q.type);
  out[o++] = t >> 8;
  out[o++] = t & 0xff;
  out[o++] = 0;
  out[o++] = 1; // IN
  if (q.edns) {
    // OPT (RFC 6891 6.1.2): root owner, type 41, class = UDP size, TTL = ext-rcode/version/DO.
    o++; // root name
    out[o++] = 0;
    out[o++] = 41;
    out[o++] = q.edns.udpSize >> 8;
    out[o++] = q.edns.udpSize & 0xff;
    o += 2; // extended rcode, version 0
    out[o++] = q.edns.do ? 0x80 : 0;
    o += 1;
    o += 2; // rdlength 0
  }
  return out;
}

// ---------------------------------------------------------------------------
// Decoding

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);

/** Label bytes to presentation, as BIND writes them: special characters escaped, the rest \DDD. */
function labelText(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c <= 0x20 || c >= 0x7f) s += '\\' + String(c).padStart(3, '0');
    else if (c === 0x22 || c === 0x28 || c === 0x29 || c === 0x2e || c === 0x3b || c === 0x5c || c === 0x40 || c === 0x24) {
      s += '\\' + String.fromCharCode(c);
    } else s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Read a (possibly compressed) name at `offset`; returns the presentation text and the
 * offset after it in the original position. Pointers must go backwards (RFC 1035 4.1.4),
 * which also rules out loops; a name is at most 255 octets.
 */
export function readName(b: Uint8Array, offset: number, limit = b.length): [string, number] {
  const labels: string[] = [];
  let o = offset;
  let end = -1;
  let wire = 1;
  let floor = offset;
  for (;;) {
    if (o >= limit && end < 0) throw new DnsFormatError(`name at byte ${offset} runs past the end`);
    if (o >= b.length) throw new DnsFormatError(`name at byte ${offset} runs past the end`);
    const len = b[o]!;
    if (len === 0) {
      if (end < 0) end = o + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (o + 1 >= (end < 0 ? limit : b.length)) throw new DnsFormatError(`name at byte ${offset} runs past the end`);
      const ptr = ((len & 0x3f) << 8) | b[o + 1]!;
      if (ptr >= floor) throw new DnsFormatError(`compression pointer at byte ${o} does not point backwards`);
      if (end < 0) end = o + 2;
      floor = ptr;
      o = ptr;
      continue;
    }
    if (kind !== 0) throw new DnsFormatError(`label type 0x${kind.toString(16)} at byte ${o} is not supported`);
    if (o + 1 + len > (end < 0 ? limit : b.length)) throw new DnsFormatError(`label at byte ${o} runs past the end`);
    wire += len + 1;
    if (wire > 255) throw new DnsFormatError(`name at byte ${offset} is longer than 255 octets`);
    labels.push(labelText(b, o + 1, o + 1 + len));
    o += len + 1;
  }
  return [labels.length === 0 ? '.' : labels.join('.'), end];
}

/** A cursor over one record's rdata: every read is bounded by the rdata's end. */
class Rd {
  constructor(
    readonly msg: Uint8Array,
    public o: number,
    readonly end: number,
    readonly type: string,
  ) {}
  need(n: number): void {
    if (this.o + n > this.end) throw new DnsFormatError(`${this.type} rdata is shorter than its fields`);
  }
  u8(): number {
    this.need(1);
    return this.msg[this.o++]!;
  }
  u16(): number {
    this.need(2);
    const v = u16(this.msg, this.o);
    this.o += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = u32(this.msg, this.o);
    this.o += 4;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.msg.subarray(this.o, this.o + n);
    this.o += n;
    return v;
  }
  rest(): Uint8Array {
    return this.bytes(this.end - this.o);
  }
  name(): string {
    const [n, next] = readName(this.msg, this.o, this.end);
    this.o = next;
    return n;
  }
  /** An uncompressed name (RFC 3597 §4: types after 1035 must not compress), read the same way. */
  string(): Uint8Array {
    const len = this.u8();
    return this.bytes(len);
  }
  done(): void {
    if (this.o !== this.end) throw new DnsFormatError(`${this.type} rdata has ${this.end - this.o} bytes left over`);
  }
  left(): number {
    return this.end - this.o;
  }
}

/** Bytes as text: UTF-8 when they are valid UTF-8, else one character per byte (Latin-1). */
export function bytesToText(b: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) { ascii = false; break; }
  if (ascii) return String.fromCharCode(...b);
  const utf8 = decodeUtf8(b);
  if (utf8 !== null) return utf8;
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF); null when invalid. */
function decodeUtf8(b: Uint8Array): string | null {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    let cp: number;
    let n: number;
    if (c < 0x80) { cp = c; n = 0; }
    else if (c >= 0xc2 && c <= 0xdf) { cp = c & 0x1f; n = 1; }
    else if (c >= 0xe0 && c <= 0xef) { cp = c & 0x0f; n = 2; }
    else if (c >= 0xf0 && c <= 0xf4) { cp = c & 0x07; n = 3; }
    else return null;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    s += String.fromCodePoint(cp);
    i += n + 1;
  }
  return s;
}

const HEX = '0123456789ABCDEF';
/** Upper-case hex, as dig writes digests, fingerprints and RFC 3597 data. */
export function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
  return s;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export function base64(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  if (i < b.length) {
    const v = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    s += B64[v >> 18]! + B64[(v >> 12) & 63]! + (i + 1 < b.length ? B64[(v >> 6) & 63]! : '=') + '=';
  }
  return s;
}

const B32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
/** Base32 with the extended hex alphabet, no padding (RFC 4648 §7; NSEC3's next hashed owner). */
export function base32hex(b: Uint8Array): string {
  let s = '';
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < b.length; i++) {
    acc = (acc << 8) | b[i]!;
    bits += 8;
    while (bits >= 5) {
      s += B32HEX[(acc >> (bits - 5)) & 31]!;
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) s += B32HEX[(acc << (5 - bits)) & 31]!;
  return s;
}

/** RRSIG times: seconds since the epoch to YYYYMMDDHHmmSS (RFC 4034 3.2), as dig prints them. */
export function sigTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** The type bitmap of NSEC/NSEC3/CSYNC (RFC 4034 4.1.2) to type names. */
function typeBitmap(r: Rd): string[] {
  const types: string[] = [];
  let last = -1;
  while (r.left() > 0) {
    const win = r.u8();
    const len = r.u8();
    if (len < 1 || len > 32) throw new DnsFormatError(`${r.type} type bitmap block of ${len} bytes`);
    if (win <= last) throw new DnsFormatError(`${r.type} type bitmap windows out of order`);
    last = win;
    const bits = r.bytes(len);
    for (let i = 0; i < len; i++) {
      for (let k = 0; k < 8; k++) if (bits[i]! & (0x80 >> k)) types.push(typeName(win * 256 + i * 8 + k));
    }
  }
  return types;
}

/** RFC 4034 Appendix B: the key tag of a DNSKEY's rdata. */
export function keyTag(rdata: Uint8Array): number {
  if (rdata.length >= 4 && rdata[3] === 1) {
    // RSA/MD5: the 16 bits before the last byte of the modulus
    return rdata.length >= 3 ? (rdata[rdata.length - 3]! << 8) | rdata[rdata.length - 2]! : 0;
  }
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

function ipv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 text of 16 bytes: lower case, the longest run of two or more zero groups as "::". */
export function ipv6(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let bestAt = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  // IPv4-mapped addresses keep their dotted tail (RFC 5952 5), as dig and netkit print them.
  if (bestAt === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const h = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestAt < 0) return h(g);
  return `${h(g.slice(0, bestAt))}::${h(g.slice(bestAt + bestLen))}`;
}

const SVC_KEYS = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint', 'dohpath', 'ohttp'];
export function svcKeyName(k: number): string {
  return SVC_KEYS[k] ?? `key${k}`;
}

/** SVCB/HTTPS SvcParams (RFC 9460 2.2) as an ordered list of key and value (presentation of the value). */
function svcParams(r: Rd): { key: string; value: string | string[] | number | null }[] {
  const params: { key: string; value: string | string[] | number | null }[] = [];
  let last = -1;
  while (r.left() > 0) {
    const key = r.u16();
    const len = r.u16();
    if (key <= last) throw new DnsFormatError(`${r.type} SvcParamKeys out of order`);
    last = key;
    const v = new Rd(r.msg, r.o, r.o + len, r.type);
    r.bytes(len);
    let value: string | string[] | number | null;
    switch (key) {
      case 0: {
        const ks: string[] = [];
        while (v.left() > 0) ks.push(svcKeyName(v.u16()));
        value = ks;
        break;
      }
      case 1: {
        const ids: string[] = [];
        while (v.left() > 0) ids.push(bytesToText(v.string()));
        value = ids;
        break;
      }
      case 2:
        value = null;
        break;
      case 3:
        value = v.u16();
        break;
      case 4: {
        const a: string[] = [];
        while (v.left() > 0) a.push(ipv4(v.bytes(4)));
        value = a;
        break;
      }
      case 6: {
        const a: string[] = [];
        while (v.left() > 0) a.push(ipv6(v.bytes(16)));
        value = a;
        break;
      }
      case 5:
        value = base64(v.rest());
        break;
      default:
        value = bytesToText(v.rest());
        break;
    }
    v.done();
    params.push({ key: svcKeyName(key), value });
  }
  return params;
}

/** The structured data of one record's rdata. Unknown types give the RFC 3597 text. */
function readRdata(type: string, r: Rd): RData {
  switch (type) {
    case 'A': {
      if (r.left() !== 4) throw new DnsFormatError(`A rdata of ${r.left()} bytes`);
      return ipv4(r.bytes(4));
    }
    case 'AAAA': {
      if (r.left() !== 16) throw new DnsFormatError(`AAAA rdata of ${r.left()} bytes`);
      return ipv6(r.bytes(16));
    }
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME':
      return r.name();
    case 'MX':
      return { priority: r.u16(), exchange: r.name() };
    case 'SOA':
      return { nsname: r.name(), hostmaster: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minttl: r.u32() };
    case 'TXT':
    case 'SPF': {
      const parts: string[] = [];
      // An empty TXT rdata is malformed (RFC 1035 3.3.14: one or more strings).
      if (r.left() === 0) throw new DnsFormatError(`${type} rdata is empty`);
      while (r.left() > 0) parts.push(bytesToText(r.string()));
      return parts;
    }
    case 'HINFO':
      return { cpu: bytesToText(r.string()), os: bytesToText(r.string()) };
    case 'SRV':
      return { priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
    case 'CAA': {
      const flags = r.u8();
      const tag = bytesToText(r.string());
      return { critical: (flags & 0x80) !== 0, flags, tag, value: bytesToText(r.rest()) };
    }
    case 'NAPTR':
      return {
        order: r.u16(),
        preference: r.u16(),
        flags: bytesToText(r.string()),
        service: bytesToText(r.string()),
        regexp: bytesToText(r.string()),
        replacement: r.name(),
      };
    case 'SSHFP':
      return { algorithm: r.u8(), fpType: r.u8(), fingerprint: hex(r.rest()) };
    case 'TLSA':
      return { usage: r.u8(), selector: r.u8(), matchingType: r.u8(), data: hex(r.rest()) };
    case 'DS':
    case 'CDS':
      return { keyTag: r.u16(), algorithm: r.u8(), digestType: r.u8(), digest: hex(r.rest()) };
    case 'DNSKEY':
    case 'CDNSKEY': {
      const all = r.msg.subarray(r.o, r.end);
      const flags = r.u16();
      const protocol = r.u8();
      const algorithm = r.u8();
      return { flags, protocol, algorithm, publicKey: base64(r.rest()), keyTag: keyTag(all) };
    }
    case 'RRSIG':
      return {
        typeCovered: typeName(r.u16()),
        algorithm: r.u8(),
        labels: r.u8(),
        originalTtl: r.u32(),
        expiration: sigTime(r.u32()),
        inception: sigTime(r.u32()),
        keyTag: r.u16(),
        signerName: r.name(),
        signature: base64(r.rest()),
      };
    case 'NSEC':
      return { next: r.name(), types: typeBitmap(r) };
    case 'NSEC3': {
      const hashAlgorithm = r.u8();
      const flags = r.u8();
      const iterations = r.u16();
      const salt = r.string();
      const next = r.string();
      return { hashAlgorithm, flags, iterations, salt: salt.length ? hex(salt) : '-', next: base32hex(next), types: typeBitmap(r) };
    }
    case 'NSEC3PARAM': {
      const hashAlgorithm = r.u8();
      const flags = r.u8();
      const iterations = r.u16();
      const salt = r.string();
      return { hashAlgorithm, flags, iterations, salt: salt.length ? hex(salt) : '-' };
    }
    case 'SVCB':
    case 'HTTPS':
      return { priority: r.u16(), target: r.name(), params: svcParams(r) };
    default:
      return unknownText(r.rest());
  }
}

/** RFC 3597 §5: `\# <length> <hex>`, as dig writes a type it does not know. */
export function unknownText(b: Uint8Array): string {
  return b.length === 0 ? '\\# 0' : `\\# ${b.length} ${hex(b)}`;
}

const EDNS_OPTION_NAMES: Record<number, string> = {
  3: 'NSID', 5: 'DAU', 6: 'DHU', 7: 'N3U', 8: 'ECS', 9: 'EXPIRE', 10: 'COOKIE', 11: 'TCP-KEEPALIVE',
  12: 'PADDING', 13: 'CHAIN', 14: 'KEY-TAG', 15: 'EDE', 18: 'REPORT-CHANNEL', 19: 'ZONEVERSION',
};

function ednsOf(rec: { rdata: Uint8Array; class: number; ttl: number }): DnsEdns {
  const options: EdnsOption[] = [];
  const b = rec.rdata;
  for (let o = 0; o < b.length; ) {
    if (o + 4 > b.length) throw new DnsFormatError('EDNS option header runs past the OPT record');
    const code = u16(b, o);
    const len = u16(b, o + 2);
    if (o + 4 + len > b.length) throw new DnsFormatError('EDNS option runs past the OPT record');
    const data = b.subarray(o + 4, o + 4 + len);
    const opt: EdnsOption = { code, name: EDNS_OPTION_NAMES[code] ?? `OPT${code}`, data: hex(data).toLowerCase() };
    if (code === 15 && len >= 2) {
      opt.infoCode = u16(data, 0);
      if (len > 2) opt.text = bytesToText(data.subarray(2));
    }
    options.push(opt);
    o += 4 + len;
  }
  return { version: (rec.ttl >>> 16) & 0xff, udpSize: rec.class, do: (rec.ttl & 0x8000) !== 0, options };
}

/** Read the 12-byte header only (for matching before a full decode); null when shorter. */
export function peekHeader(b: Uint8Array): { id: number; qr: boolean } | null {
  if (b.length < 12) return null;
  return { id: u16(b, 0), qr: (b[2]! & 0x80) !== 0 };
}

/**
 * A decoded record. Class and rdata bytes ride along unseen by JSON.stringify and
 * spreads (private fields behind getters), so --json prints the record as is; a class
 * rather than Object.defineProperty on a literal, which cost a runtime call per
 * property on every record of a bulk run.
 */
class WireRecord implements DnsRecord {
  readonly #cls: number;
  readonly #rdata: Uint8Array;
  constructor(
    public name: string,
    public type: string,
    public ttl: number,
    public data: RData,
    cls: number,
    rdata: Uint8Array,
  ) {
    this.#cls = cls;
    this.#rdata = rdata;
  }
  get class(): string {
    return className(this.#cls);
  }
  get rdata(): Uint8Array {
    return this.#rdata;
  }
}

/**
 * Decode a whole message. Throws DnsFormatError naming what was wrong: a truncated
 * section, a bad pointer, rdata that does not fill (or overflows) its length, bytes
 * after the last record, more than one OPT record.
 */
export function decodeMessage(b: Uint8Array): DnsMessage {
  if (b.length < 12) throw new DnsFormatError(`message of ${b.length} bytes is shorter than a DNS header (12)`);
  const id = u16(b, 0);
  const f = u16(b, 2);
  const counts = [u16(b, 4), u16(b, 6), u16(b, 8), u16(b, 10)];
  let o = 12;
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < counts[0]!; i++) {
    const [name, next] = readName(b, o);
    if (next + 4 > b.length) throw new DnsFormatError(`question ${i + 1} runs past the end of the message`);
    questions.push({ name, type: typeName(u16(b, next)), class: className(u16(b, next + 2)) });
    o = next + 4;
  }
  const sections: DnsRecord[][] = [[], [], []];
  let opt: DnsEdns | null = null;
  let extRcode = 0;
  const where = ['answer', 'authority', 'additional'];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const [name, next] = readName(b, o);
      if (next + 10 > b.length) throw new DnsFormatError(`${where[s]} record ${i + 1} runs past the end of the message`);
      const tcode = u16(b, next);
      const cls = u16(b, next + 2);
      const ttlRaw = u32(b, next + 4);
      const len = u16(b, next + 8);
      const start = next + 10;
      if (start + len > b.length) throw new DnsFormatError(`${where[s]} record ${i + 1} (${typeName(tcode)}) rdata runs past the end of the message`);
      const rdata = b.subarray(start, start + len);
      o = start + len;
      if (tcode === 41) {
        if (s !== 2) throw new DnsFormatError(`OPT record in the ${where[s]} section`);
        if (opt) throw new DnsFormatError('more than one OPT record');
        opt = ednsOf({ rdata, class: cls, ttl: ttlRaw });
        extRcode = ttlRaw >>> 24;
        continue;
      }
      const type = typeName(tcode);
      const r = new Rd(b, start, start + len, type);
      let data: RData;
      try {
        data = readRdata(type, r);
        r.done();
      } catch (e) {
        if (e instanceof DnsFormatError) throw new DnsFormatError(`${where[s]} record ${i + 1} (${type} ${name}): ${e.message}`);
        throw e;
      }
      // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
      sections[s]!.push(new WireRecord(name, type, ttlRaw > 0x7fffffff ? 0 : ttlRaw, data, cls, rdata));
    }
  }
  if (o !== b.length) throw new DnsFormatError(`${b.length - o} bytes after the last record`);
  const rcodeValue = (extRcode << 4) | (f & 0x0f);
  return {
    id,
    opcode: opcodeName((f >> 11) & 0x0f),
    flags: {
      qr: (f & 0x8000) !== 0,
      aa: (f & 0x0400) !== 0,
      tc: (f & 0x0200) !== 0,
      rd: (f & 0x0100) !== 0,
      ra: (f & 0x0080) !== 0,
      ad: (f & 0x0020) !== 0,
      cd: (f & 0x0010) !== 0,
    },
    rcode: rcodeName(rcodeValue),
    rcodeValue,
    questions,
    answers: sections[0]!,
    authority: sections[1]!,
    additional: sections[2]!,
    edns: opt,
    size: b.length,
  };
}

// ---------------------------------------------------------------------------
// Matching a reply to its query, and what its rcode means.

/** ASCII-only lower case: DNS compares names case-insensitively for A-Z only (RFC 4343). */
export function nameKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/\.$/, '') || '.';
}

/**
 * Does `msg` answer the question (name case-insensitively, type, class IN)? A reply
 * that is not a response (QR=0) or asks something else does not. An error reply may
 * leave the question out (RFC 1035 leaves it to the server); that one is taken.
 */
export function replyMismatch(q: { id: number; name: string; type: string }, msg: DnsMessage): string | null {
  if (msg.id !== q.id) return `ID ${msg.id} instead of ${q.id}`;
  if (!msg.flags.qr) return 'a query (QR=0), not a response';
  if (msg.questions.length === 0) return msg.rcodeValue === 0 || msg.rcodeValue === 3 ? 'no question in the reply' : null;
  if (msg.questions.length !== 1) return `${msg.questions.length} questions in the reply`;
  const got = msg.questions[0]!;
  if (nameKey(got.name) !== nameKey(q.name)) return `question for ${got.name}, not ${q.name}`;
  if (got.type !== q.type) return `question type ${got.type}, not ${q.type}`;
  if (got.class !== 'IN') return `question class ${got.class}, not IN`;
  return null;
}

/** The status of one query as netkit reports it, from the reply's rcode and answers. */
export type DnsStatus = 'NOERROR' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'ERROR';

/**
 * The rcode decides: NXDOMAIN is NXDOMAIN even with records in the answer (a CNAME to a
 * name that does not exist); NOERROR with no record of the asked type (or a chain that
 * ends nowhere) is NODATA; SERVFAIL and REFUSED are themselves; every other rcode is an
 * ERROR that names it (FORMERR, NOTIMP, YXDOMAIN, BADVERS...).
 */
export function statusOf(msg: DnsMessage, qtype: string): { status: DnsStatus; error?: string } {
  switch (msg.rcodeValue) {
    case 0: {
      if (qtype === 'ANY' || qtype === 'AXFR') return { status: msg.answers.length > 0 ? 'NOERROR' : 'NODATA' };
      return { status: msg.answers.some((a) => a.type === qtype) ? 'NOERROR' : 'NODATA' };
    }
    case 3:
      return { status: 'NXDOMAIN' };
    case 2:
      return { status: 'SERVFAIL' };
    case 5:
      return { status: 'REFUSED' };
    default:
      return { status: 'ERROR', error: `the server answered ${msg.rcode}` };
  }
}
