// Records in zone-file presentation form (RFC 1035 5.1) to wire RRs, for the types
// trust anchors and DNSSEC test material are written in: DS, DNSKEY, RRSIG and the
// common data types. Owners must be absolute; TTL and class are optional (IN only).
// Parentheses join lines, ';' starts a comment. Pure: no node: imports.

import { InputError } from '../../core/errors.js';
import { concat, labelsToWire, nameToLabels, TYPE, WireError, type WireRr } from './wire.js';

/** A line of record text netkit cannot read (an input error, exit 2); `line` is 1-based. */
export class ZoneTextError extends InputError {
  override readonly name = 'ZoneTextError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const TYPES: Readonly<Record<string, number>> = { ...TYPE, PTR: 12 };

function u16b(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 0xff);
}
function u32b(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function int(tok: string | undefined, max: number, what: string): number {
  if (tok === undefined || !/^\d+$/.test(tok) || Number(tok) > max) throw new Error(`${what} "${tok ?? ''}" is not a number 0..${max}`);
  return Number(tok);
}

function base64(toks: string[], what: string): Uint8Array {
  const s = toks.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error(`${what} is not base64`);
  return new Uint8Array(Buffer.from(s, 'base64'));
}

function hex(toks: string[], what: string): Uint8Array {
  const s = toks.join('');
  if (!/^([0-9A-Fa-f]{2})+$/.test(s)) throw new Error(`${what} is not hexadecimal`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** RRSIG time: YYYYMMDDHHmmSS (UTC) or seconds (RFC 4034 3.2). */
function rrsigTime(tok: string | undefined): number {
  if (tok && /^\d{14}$/.test(tok)) {
    const ms = Date.UTC(+tok.slice(0, 4), +tok.slice(4, 6) - 1, +tok.slice(6, 8), +tok.slice(8, 10), +tok.slice(10, 12), +tok.slice(12, 14));
    return Math.floor(ms / 1000) >>> 0;
  }
  return int(tok, 0xffffffff, 'RRSIG time');
}

function name(tok: string | undefined): Uint8Array {
  if (!tok || !tok.endsWith('.')) throw new Error(`name "${tok ?? ''}" is not absolute (end it with a dot)`);
  return labelsToWire(nameToLabels(tok));
}

function typeNumber(tok: string | undefined): number {
  const t = (tok ?? '').toUpperCase();
  if (TYPES[t] !== undefined) return TYPES[t];
  const m = /^TYPE(\d+)$/.exec(t);
  if (m && Number(m[1]) <= 0xffff) return Number(m[1]);
  throw new Error(`unknown type "${tok ?? ''}"`);
}

function rdataOf(type: number, f: string[]): Uint8Array {
  switch (type) {
    case TYPE.A: {
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(f[0] ?? '');
      if (!m || m.slice(1).some((x) => Number(x) > 255)) throw new Error(`"${f[0] ?? ''}" is not an IPv4 address`);
      return Uint8Array.from(m.slice(1).map(Number));
    }
    case TYPE.NS:
    case TYPE.CNAME:
    case 12:
      return name(f[0]);
    case TYPE.MX:
      return concat([u16b(int(f[0], 0xffff, 'preference')), name(f[1])]);
    case TYPE.SOA:
      return concat([name(f[0]), name(f[1]), ...f.slice(2, 7).map((x) => u32b(int(x, 0xffffffff, 'SOA field')))]);
    case TYPE.TXT:
      return concat(
        f.map((s) => {
          const b = new TextEncoder().encode(s.replace(/^"|"$/g, ''));
          return concat([Uint8Array.of(b.length), b]);
        }),
      );
    case TYPE.DS:
      return concat([u16b(int(f[0], 0xffff, 'key tag')), Uint8Array.of(int(f[1], 255, 'algorithm'), int(f[2], 255, 'digest type')), hex(f.slice(3), 'DS digest')]);
    case TYPE.DNSKEY:
      return concat([u16b(int(f[0], 0xffff, 'flags')), Uint8Array.of(int(f[1], 255, 'protocol'), int(f[2], 255, 'algorithm')), base64(f.slice(3), 'public key')]);
    case TYPE.RRSIG:
      return concat([
        u16b(typeNumber(f[0])),
        Uint8Array.of(int(f[1], 255, 'algorithm'), int(f[2], 255, 'labels')),
        u32b(int(f[3], 0xffffffff, 'original TTL')),
        u32b(rrsigTime(f[4])),
        u32b(rrsigTime(f[5])),
        u16b(int(f[6], 0xffff, 'key tag')),
        name(f[7]),
        base64(f.slice(8), 'signature'),
      ]);
    case TYPE.NSEC: {
      // RFC 4034 4.1: next owner name, then the type bit maps (window, length, bits).
      const types = f.slice(1).map(typeNumber);
      const windows = new Map<number, number[]>();
      for (const t of types) {
        const w = windows.get(t >> 8) ?? [];
        w.push(t & 0xff);
        windows.set(t >> 8, w);
      }
      const maps = [...windows.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([w, low]) => {
          const bits = new Uint8Array((Math.max(...low) >> 3) + 1);
          for (const l of low) bits[l >> 3] |= 0x80 >> (l & 7);
          return concat([Uint8Array.of(w, bits.length), bits]);
        });
      return concat([name(f[0]), ...maps]);
    }
    default:
      if (f[0] === '\\#') return hex(f.slice(2), 'RDATA');
      throw new Error(`type ${type} is not readable in presentation form here; write it as \\# LEN HEX`);
  }
}

/** Split into logical records: comments dropped, parenthesised groups joined. */
function logicalLines(text: string): { line: number; tokens: string[] }[] {
  const out: { line: number; tokens: string[] }[] = [];
  let depth = 0;
  let cur: string[] = [];
  let start = 1;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const toks = raw.match(/"(?:[^"\\]|\\.)*"|;.*$|[()]|[^\s()";]+/g) ?? [];
    if (depth === 0) start = i + 1;
    for (const t of toks) {
      if (t.startsWith(';')) break;
      if (t === '(') depth++;
      else if (t === ')') depth = Math.max(0, depth - 1);
      else cur.push(t);
    }
    if (depth === 0 && cur.length) {
      out.push({ line: start, tokens: cur });
      cur = [];
    }
  });
  if (cur.length) out.push({ line: start, tokens: cur });
  return out;
}

/** Read every record in `text`; throws ZoneTextError at the first bad one. */
export function parseZoneText(text: string): WireRr[] {
  const rrs: WireRr[] = [];
  for (const { line, tokens } of logicalLines(text)) {
    try {
      if (tokens[0].startsWith('$')) throw new Error(`directive ${tokens[0]} is not supported`);
      const owner = tokens[0];
      if (!owner.endsWith('.')) throw new Error(`owner "${owner}" is not absolute (end it with a dot)`);
      let i = 1;
      let ttl = 0;
      if (/^\d+$/.test(tokens[i] ?? '')) ttl = int(tokens[i++], 0x7fffffff, 'TTL');
      if ((tokens[i] ?? '').toUpperCase() === 'IN') i++;
      if (/^\d+$/.test(tokens[i] ?? '')) ttl = int(tokens[i++], 0x7fffffff, 'TTL');
      const type = typeNumber(tokens[i++]);
      const rdata = rdataOf(type, tokens.slice(i));
      nameToLabels(owner);
      rrs.push({ name: owner === '.' ? '.' : owner.slice(0, -1), type, class: 1, ttl, rdata });
    } catch (e) {
      const msg = e instanceof WireError ? e.message : (e as Error).message;
      throw new ZoneTextError(line, msg);
    }
  }
  return rrs;
}
