// A DNS message read down to the bytes DNSSEC needs: every record's RDATA as it was
// signed, with compressed names inside it expanded (RFC 1035 4.1.4) and nothing else
// interpreted. dns-packet decodes records for display; signature checks need the exact
// RDATA octets, which a decode-then-encode round trip does not promise for every type.
// Pure: no node: imports.

/** One resource record with its RDATA uncompressed (names in their original case). */
export interface WireRr {
  /** Owner name in presentation form, absolute, without the final dot except for the root ("."). */
  name: string;
  type: number;
  class: number;
  ttl: number;
  rdata: Uint8Array;
}

export interface WireQuestion {
  name: string;
  type: number;
  class: number;
}

export interface WireMessage {
  id: number;
  /** The 16 header flag bits, opcode and rcode included. */
  flags: number;
  rcode: number;
  question: WireQuestion[];
  answer: WireRr[];
  authority: WireRr[];
  additional: WireRr[];
}

/** A message that cannot be read; `message` says where and why. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/**
 * Where names sit inside RDATA, for the types whose RDATA holds names that may be
 * compressed (RFC 3597 section 4) and that RFC 4034 section 6.2 (as amended by RFC 6840
 * section 5.1, which drops NSEC) lower-cases in canonical form. A number is a run of
 * fixed octets, 'n' a domain name, 'c' a character-string.
 */
const NAME_LAYOUT: Readonly<Record<number, readonly (number | 'n' | 'c')[]>> = {
  2: ['n'], // NS
  3: ['n'], // MD
  4: ['n'], // MF
  5: ['n'], // CNAME
  6: ['n', 'n'], // SOA (then five 32-bit fields)
  7: ['n'], // MB
  8: ['n'], // MG
  9: ['n'], // MR
  12: ['n'], // PTR
  14: ['n', 'n'], // MINFO
  15: [2, 'n'], // MX
  17: ['n', 'n'], // RP
  18: [2, 'n'], // AFSDB
  21: [2, 'n'], // RT
  24: [18, 'n'], // SIG
  26: [2, 'n', 'n'], // PX
  33: [6, 'n'], // SRV
  35: [4, 'c', 'c', 'c', 'n'], // NAPTR
  36: [2, 'n'], // KX
  39: ['n'], // DNAME
  46: [18, 'n'], // RRSIG
};

/** Types whose RDATA names are lower-cased in canonical form (RFC 4034 6.2, RFC 6840 5.1). */
export function hasRdataNames(type: number): boolean {
  return NAME_LAYOUT[type] !== undefined;
}

/** Read a possibly compressed name at `off`; returns its labels and the offset after it. */
export function readName(buf: Uint8Array, off: number): { labels: Uint8Array[]; next: number } {
  const labels: Uint8Array[] = [];
  let next = -1;
  let p = off;
  let jumps = 0;
  let total = 1;
  for (;;) {
    if (p >= buf.length) throw new WireError(`name at offset ${off} runs past the end of the message`);
    const len = buf[p];
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= buf.length) throw new WireError(`compression pointer at offset ${p} is cut short`);
      if (next < 0) next = p + 2;
      const target = ((len & 0x3f) << 8) | buf[p + 1];
      // A pointer must point backwards; more jumps than the message has bytes is a loop.
      if (target >= p || ++jumps > 127) throw new WireError(`compression pointer at offset ${p} loops`);
      p = target;
      continue;
    }
    if (len & 0xc0) throw new WireError(`label at offset ${p} has an unknown type (0x${len.toString(16)})`);
    if (len === 0) {
      if (next < 0) next = p + 1;
      return { labels, next };
    }
    if (p + 1 + len > buf.length) throw new WireError(`label at offset ${p} runs past the end of the message`);
    total += len + 1;
    if (total > 255) throw new WireError(`name at offset ${off} is longer than 255 octets`);
    labels.push(buf.subarray(p + 1, p + 1 + len));
    p += 1 + len;
  }
}

const PLAIN = /^[A-Za-z0-9_*-]$/;

/** Labels to presentation form (RFC 1035 5.1 escapes), no final dot; the root is ".". */
export function labelsToName(labels: readonly Uint8Array[]): string {
  if (labels.length === 0) return '.';
  return labels
    .map((l) => {
      let s = '';
      for (const b of l) {
        const c = String.fromCharCode(b);
        if (PLAIN.test(c)) s += c;
        else if (b > 0x20 && b < 0x7f) s += '\\' + c;
        else s += '\\' + String(b).padStart(3, '0');
      }
      return s;
    })
    .join('.');
}

/** A presentation-form name (absolute; final dot optional) to its labels. */
export function nameToLabels(name: string): Uint8Array[] {
  if (name === '.' || name === '') return [];
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  const labels: Uint8Array[] = [];
  let cur: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const d = text.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(d)) {
        const v = Number(d);
        if (v > 255) throw new WireError(`escape \\${d} in "${name}" is over 255`);
        cur.push(v);
        i += 3;
      } else if (i + 1 < text.length) {
        cur.push(text.charCodeAt(i + 1) & 0xff);
        i += 1;
      } else throw new WireError(`name "${name}" ends in a lone backslash`);
    } else if (ch === '.') {
      if (cur.length === 0) throw new WireError(`name "${name}" has an empty label`);
      labels.push(Uint8Array.from(cur));
      cur = [];
    } else {
      const c = text.charCodeAt(i);
      if (c > 0xff) throw new WireError(`name "${name}" holds a character outside ASCII; write it as punycode`);
      cur.push(c);
    }
  }
  if (cur.length === 0) throw new WireError(`name "${name}" has an empty label`);
  labels.push(Uint8Array.from(cur));
  for (const l of labels) if (l.length > 63) throw new WireError(`name "${name}" has a label over 63 octets`);
  return labels;
}

function lowerLabel(l: Uint8Array): Uint8Array {
  const out = Uint8Array.from(l);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0x41 && out[i] <= 0x5a) out[i] += 0x20;
  return out;
}

/** Uncompressed wire form of labels; lower-cased when `lower` (canonical form, RFC 4034 6.2). */
export function labelsToWire(labels: readonly Uint8Array[], lower = false): Uint8Array {
  let n = 1;
  for (const l of labels) n += l.length + 1;
  const out = new Uint8Array(n);
  let p = 0;
  for (const l of labels) {
    out[p++] = l.length;
    out.set(lower ? lowerLabel(l) : l, p);
    p += l.length;
  }
  out[p] = 0;
  return out;
}

/** A presentation-form name in canonical wire form (lower case, uncompressed). */
export function canonicalNameWire(name: string): Uint8Array {
  return labelsToWire(nameToLabels(name), true);
}

/** Names compare case-insensitively (ASCII only, RFC 4343). */
export function sameName(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** One spelling per name: lower case, no final dot, "." for the root. */
export function canonicalName(name: string): string {
  return labelsToName(nameToLabels(name).map(lowerLabel));
}

/** Number of labels, the root being 0 and a leading "*" not counted (RFC 4034 3.1.3). */
export function labelCount(name: string): number {
  const labels = nameToLabels(name);
  return labels.length > 0 && labels[0].length === 1 && labels[0][0] === 0x2a ? labels.length - 1 : labels.length;
}

/** True when `child` is `parent` or below it. */
export function isSubdomain(child: string, parent: string): boolean {
  const c = nameToLabels(child).map(lowerLabel);
  const p = nameToLabels(parent).map(lowerLabel);
  if (p.length > c.length) return false;
  for (let i = 1; i <= p.length; i++) {
    const a = c[c.length - i];
    const b = p[p.length - i];
    if (a.length !== b.length || a.some((x, j) => x !== b[j])) return false;
  }
  return true;
}

/** RDATA with compressed names expanded, for the types that carry names. */
function expandRdata(buf: Uint8Array, off: number, len: number, type: number): Uint8Array {
  const layout = NAME_LAYOUT[type];
  if (!layout) return buf.slice(off, off + len);
  const end = off + len;
  const parts: Uint8Array[] = [];
  let p = off;
  for (const f of layout) {
    if (typeof f === 'number') {
      if (p + f > end) throw new WireError(`type ${type} RDATA is shorter than its fixed fields`);
      parts.push(buf.subarray(p, p + f));
      p += f;
    } else if (f === 'c') {
      if (p >= end || p + 1 + buf[p] > end) throw new WireError(`type ${type} RDATA has a cut character-string`);
      parts.push(buf.subarray(p, p + 1 + buf[p]));
      p += 1 + buf[p];
    } else {
      const { labels, next } = readName(buf, p);
      if (next > end) throw new WireError(`type ${type} RDATA has a name running past its length`);
      parts.push(labelsToWire(labels));
      p = next;
    }
  }
  parts.push(buf.subarray(p, end));
  return concat(parts);
}

/** RDATA in canonical form: embedded names lower-cased for the RFC 4034 6.2 types. */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const layout = NAME_LAYOUT[type];
  if (!layout) return rdata;
  const out = Uint8Array.from(rdata);
  let p = 0;
  for (const f of layout) {
    if (typeof f === 'number') p += f;
    else if (f === 'c') p += 1 + out[p];
    else {
      while (p < out.length && out[p] !== 0) {
        const len = out[p];
        for (let i = p + 1; i <= p + len && i < out.length; i++) if (out[i] >= 0x41 && out[i] <= 0x5a) out[i] += 0x20;
        p += 1 + len;
      }
      p += 1;
    }
  }
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const x of parts) n += x.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
export { u16, u32 };

/** Read a whole message; throws WireError naming the first problem. */
export function parseMessage(buf: Uint8Array): WireMessage {
  if (buf.length < 12) throw new WireError(`message of ${buf.length} octets is shorter than a DNS header`);
  const counts = [u16(buf, 4), u16(buf, 6), u16(buf, 8), u16(buf, 10)];
  let p = 12;
  const question: WireQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const { labels, next } = readName(buf, p);
    if (next + 4 > buf.length) throw new WireError('question runs past the end of the message');
    question.push({ name: labelsToName(labels), type: u16(buf, next), class: u16(buf, next + 2) });
    p = next + 4;
  }
  const sections: WireRr[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]; i++) {
      const { labels, next } = readName(buf, p);
      if (next + 10 > buf.length) throw new WireError('record header runs past the end of the message');
      const type = u16(buf, next);
      const rdlen = u16(buf, next + 8);
      const start = next + 10;
      if (start + rdlen > buf.length) throw new WireError(`record of type ${type} runs past the end of the message`);
      sections[s].push({
        name: labelsToName(labels),
        type,
        class: u16(buf, next + 2),
        ttl: u32(buf, next + 4),
        rdata: expandRdata(buf, start, rdlen, type),
      });
      p = start + rdlen;
    }
  }
  const flags = u16(buf, 2);
  return { id: u16(buf, 0), flags, rcode: flags & 0x0f, question, answer: sections[0], authority: sections[1], additional: sections[2] };
}

/** Build a query message (no compression); `dnssecOk` adds an OPT with the DO bit. */
export function buildQuery(
  id: number,
  name: string,
  type: number,
  opts: { recursionDesired?: boolean; dnssecOk?: boolean; checkingDisabled?: boolean; udpSize?: number } = {},
): Uint8Array {
  const qname = labelsToWire(nameToLabels(name));
  const edns = opts.dnssecOk !== undefined || opts.udpSize !== undefined;
  const head = new Uint8Array(12);
  head[0] = id >> 8;
  head[1] = id & 0xff;
  head[2] = opts.recursionDesired === false ? 0 : 0x01;
  head[3] = opts.checkingDisabled ? 0x10 : 0;
  head[5] = 1;
  head[11] = edns ? 1 : 0;
  const q = new Uint8Array(4);
  q[1] = type & 0xff;
  q[0] = type >> 8;
  q[3] = 1;
  const parts = [head, qname, q];
  if (edns) {
    const size = opts.udpSize ?? 1232;
    // RFC 6891 6.1.2: root owner, type OPT, class = UDP size, TTL carries the DO bit.
    parts.push(Uint8Array.from([0, 0, 41, size >> 8, size & 0xff, 0, 0, opts.dnssecOk ? 0x80 : 0, 0, 0, 0]));
  }
  return concat(parts);
}

export const TYPE = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  OPT: 41,
} as const;
