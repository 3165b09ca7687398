// The JSON text of an IPv4 SubnetReport written straight into bytes, for
// `netkit subnet - --json` at a million lines: no report object, no intermediate
// strings. It must equal JSON.stringify(buildSubnetReport(...)) byte for byte; a
// property test holds it to that.

import { Address } from '../core/address.js';
import { mask32, type MaskForm } from '../core/mask.js';
import { addressClass } from '../core/network.js';
import { classify, type SpecialRow } from '../core/special.js';

/** A growable byte buffer: the JSON writer below fills `buf` from `pos` directly. */
export class AsciiBuffer {
  buf: Uint8Array;
  pos = 0;
  constructor(size = 1 << 20) {
    this.buf = new Uint8Array(size);
  }
  /** Make room for n more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  /** Append raw bytes. */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** Append any string, UTF-8 encoded. */
  utf8(s: string): void {
    this.bytes(utf8Bytes(s));
  }
  /** Take the bytes written so far (a copy) and start again. */
  take(): Uint8Array {
    // Hand over the filled part and start a new buffer: no copy.
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.buf.length);
    this.pos = 0;
    return out;
  }
}

/** UTF-8 bytes of a string (the core has no TextEncoder: it runs on any JavaScript engine). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}
// Registry rows are few and fixed: their JSON is encoded once (it has non-ASCII: "§").
const rowJson = new Map<SpecialRow | null, Uint8Array>([[null, utf8Bytes('null')]]);
const specialJson = (r: SpecialRow | null): Uint8Array => {
  let t = rowJson.get(r);
  if (t === undefined) rowJson.set(r, (t = utf8Bytes(JSON.stringify(r))));
  return t;
};

// The constant pieces of the line, encoded once; pieces that depend only on the prefix
// length (netmask, hostmask, counts, the netmask's bits) are built once per length.
const enc = (t: string) => Uint8Array.from(t, (ch) => ch.charCodeAt(0));
const FORMS = ['prefix', 'netmask', 'wildcard', 'none'] as const;
const v4text = (v: number) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
const bitsText = (v: number) =>
  [24, 16, 8, 0].map((sh) => ((v >>> sh) & 255).toString(2).padStart(8, '0')).join('.');
interface PerLength {
  /** `","zone":null,"prefixLength":L,"maskForm":"F","netmask":"M","hostmask":"H","network":"`, per form. */
  head: Record<(typeof FORMS)[number], Uint8Array>;
  /** `/L` */
  slash: Uint8Array;
  /** `","addresses":"T","usableHosts":"U","hostOffset":"` */
  counts: Uint8Array;
  /** `","netmaskBinary":"…"}` and the newline */
  tail: Uint8Array;
}
// The tables are built on the first line written, not at load: the module is in the CLI
// bundle that every `netkit` call loads, and only `subnet - --json` writes with it.
// (Definitions eager, implementations lazy: building them at load cost every start-up.)
let PER_LENGTH!: PerLength[];
let K!: Record<
  | 'open' | 'address' | 'networkAddress' | 'noBroadcast' | 'broadcast' | 'firstHost' | 'lastHost' | 'noZone' | 'zone'
  | 'arpaPtr' | 'special' | 'nextNull' | 'next' | 'prevNull' | 'prev' | 'binary' | 'roleHost' | 'roleNetwork' | 'roleBroadcast',
  Uint8Array
>;
let CLASS_AT!: number;
let FLAGS!: Uint8Array[];
let BITS!: Uint8Array;
let DIGITS!: Uint8Array;
let NDIGITS!: Uint8Array;
function buildTables(): void {
  PER_LENGTH = Array.from({ length: 33 }, (_, len) => {
    const mask = mask32(len);
    const total = 2 ** (32 - len);
    const usable = 32 - len <= 1 ? total : total - 2;
    const head = {} as PerLength['head'];
    for (const f of FORMS) {
      head[f] = enc(`","zone":null,"prefixLength":${len},"maskForm":"${f}","netmask":"${v4text(mask)}","hostmask":"${v4text(~mask >>> 0)}","network":"`);
    }
    return {
      head,
      slash: enc(`/${len}`),
      counts: enc(`","addresses":"${total}","usableHosts":"${usable}","hostOffset":"`),
      tail: enc(`","netmaskBinary":"${bitsText(mask)}"}\n`),
    };
  });
  K = {
    open: enc('{"input":'),
    address: enc(',"family":4,"address":"'),
    networkAddress: enc('","networkAddress":"'),
    noBroadcast: enc('","broadcast":null,"firstHost":"'),
    broadcast: enc('","broadcast":"'),
    firstHost: enc('","firstHost":"'),
    lastHost: enc('","lastHost":"'),
    noZone: enc('","addressClass":"?","reverseZone":null,"ptr":"'),
    zone: enc('","addressClass":"?","reverseZone":"'),
    arpaPtr: enc('in-addr.arpa.","ptr":"'),
    special: enc('.in-addr.arpa.","special":'),
    nextNull: enc(',"embeddedIPv4":null,"nextNetwork":null'),
    next: enc(',"embeddedIPv4":null,"nextNetwork":"'),
    prevNull: enc(',"previousNetwork":null'),
    prev: enc(',"previousNetwork":"'),
    binary: enc(',"addressBinary":"'),
    roleHost: enc('","addressRole":"host'),
    roleNetwork: enc('","addressRole":"network'),
    roleBroadcast: enc('","addressRole":"broadcast'),
  };
  CLASS_AT = K.noZone.indexOf(63); // the '?' in both pieces: the class letter goes there
  // The six predicates as one piece per combination (bit 0 loopback ... bit 5 private).
  FLAGS = Array.from({ length: 64 }, (_, m) =>
    enc(
      ['isLoopback', 'isMulticast', 'isLinkLocal', 'isUnspecified', 'isGloballyReachable', 'isPrivate']
        .map((name, i) => `,"${name}":${(m >> i) & 1 ? 'true' : 'false'}`)
        .join(''),
    ),
  );
  // Eight binary digits per octet value.
  BITS = Uint8Array.from({ length: 256 * 8 }, (_, i) => 48 + ((i >> 3 >> (7 - (i & 7))) & 1));
  // The decimal digits of every octet value, and their count.
  DIGITS = Uint8Array.from({ length: 256 * 3 }, (_, i) => String(i / 3 | 0).padEnd(3, ' ').charCodeAt(i % 3));
  NDIGITS = Uint8Array.from({ length: 256 }, (_, i) => String(i).length);
}

// Small writers on (buffer, position) -> new position: plain functions V8 inlines.
function put(b: Uint8Array, p: number, src: Uint8Array): number {
  const n = src.length;
  if (n > 24) {
    b.set(src, p); // a native copy wins once the piece is longer than a few words
    return p + n;
  }
  for (let i = 0; i < n; i++) b[p++] = src[i]!;
  return p;
}
function putOctet(b: Uint8Array, p: number, o: number): number {
  const at = o * 3;
  const n = NDIGITS[o]!;
  b[p++] = DIGITS[at]!;
  if (n > 1) b[p++] = DIGITS[at + 1]!;
  if (n > 2) b[p++] = DIGITS[at + 2]!;
  return p;
}
function putV4(b: Uint8Array, p: number, v: number): number {
  p = putOctet(b, p, v >>> 24);
  b[p++] = 46;
  p = putOctet(b, p, (v >>> 16) & 255);
  b[p++] = 46;
  p = putOctet(b, p, (v >>> 8) & 255);
  b[p++] = 46;
  return putOctet(b, p, v & 255);
}
function putInt(b: Uint8Array, p: number, n: number): number {
  if (n < 256) return putOctet(b, p, n);
  const t = String(n);
  for (let i = 0; i < t.length; i++) b[p++] = t.charCodeAt(i);
  return p;
}
function putBits(b: Uint8Array, p: number, v: number): number {
  for (let sh = 24; sh >= 0; sh -= 8) {
    const o = ((v >>> sh) & 255) << 3;
    for (let k = 0; k < 8; k++) b[p++] = BITS[o + k]!;
    if (sh) b[p++] = 46;
  }
  return p;
}

/**
 * Append the JSON line (with its newline) of the IPv4 report for address `a` (32-bit
 * value) under prefix `len`. `inputJson` is the input already JSON-quoted.
 */
export function writeSubnetJsonV4(out: AsciiBuffer, inputJson: string, a: number, len: number, maskForm: MaskForm | 'none'): void {
  if (K === undefined) buildTables();
  const mask = mask32(len);
  const net = (a & mask) >>> 0;
  const last = (net | ~mask) >>> 0;
  const hostBits = 32 - len;
  const total = 2 ** hostBits;
  const addr = Address.unsafe(4, 0, 0, 0, a);
  const c = classify(addr);
  const special = specialJson(c.special);
  const L = PER_LENGTH[len]!;
  out.reserve(900 + inputJson.length + special.length);
  const b = out.buf;
  let p = out.pos;
  p = put(b, p, K.open);
  for (let i = 0; i < inputJson.length; i++) b[p++] = inputJson.charCodeAt(i);
  p = put(b, p, K.address);
  p = putV4(b, p, a);
  p = put(b, p, L.head[maskForm]);
  p = putV4(b, p, net);
  p = put(b, p, L.slash);
  p = put(b, p, K.networkAddress);
  p = putV4(b, p, net);
  if (len >= 31) p = put(b, p, K.noBroadcast);
  else {
    p = put(b, p, K.broadcast);
    p = putV4(b, p, last);
    p = put(b, p, K.firstHost);
  }
  p = putV4(b, p, hostBits <= 1 ? net : net + 1);
  p = put(b, p, K.lastHost);
  p = putV4(b, p, hostBits <= 1 ? last : last - 1);
  p = put(b, p, L.counts);
  p = putInt(b, p, (a - net) >>> 0);
  p = put(b, p, hostBits <= 1 ? K.roleHost : a === net ? K.roleNetwork : a === last ? K.roleBroadcast : K.roleHost);
  const cls = addressClass(addr)!.charCodeAt(0);
  if (len < 8) {
    const at = p + CLASS_AT;
    p = put(b, p, K.noZone);
    b[at] = cls;
  } else {
    const at = p + CLASS_AT;
    p = put(b, p, K.zone);
    b[at] = cls;
    const whole = len >>> 3;
    if ((len & 7) !== 0) {
      p = putOctet(b, p, (net >>> (24 - 8 * whole)) & 255);
      b[p++] = 45;
      p = putOctet(b, p, (last >>> (24 - 8 * whole)) & 255);
      b[p++] = 46;
    }
    for (let i = whole - 1; i >= 0; i--) {
      p = putOctet(b, p, (net >>> (24 - 8 * i)) & 255);
      b[p++] = 46;
    }
    p = put(b, p, K.arpaPtr);
  }
  p = putOctet(b, p, a & 255);
  b[p++] = 46;
  p = putOctet(b, p, (a >>> 8) & 255);
  b[p++] = 46;
  p = putOctet(b, p, (a >>> 16) & 255);
  b[p++] = 46;
  p = putOctet(b, p, a >>> 24);
  p = put(b, p, K.special);
  p = put(b, p, special);
  p = put(
    b,
    p,
    FLAGS[
      (c.isLoopback ? 1 : 0) |
        (c.isMulticast ? 2 : 0) |
        (c.isLinkLocal ? 4 : 0) |
        (c.isUnspecified ? 8 : 0) |
        (c.isGloballyReachable ? 16 : 0) |
        (c.isPrivate ? 32 : 0)
    ]!,
  );
  if (net + total > 0xffffffff) p = put(b, p, K.nextNull);
  else {
    p = put(b, p, K.next);
    p = putV4(b, p, net + total);
    p = put(b, p, L.slash);
    b[p++] = 34;
  }
  if (net - total < 0) p = put(b, p, K.prevNull);
  else {
    p = put(b, p, K.prev);
    p = putV4(b, p, net - total);
    p = put(b, p, L.slash);
    b[p++] = 34;
  }
  p = put(b, p, K.binary);
  p = putBits(b, p, a);
  p = put(b, p, L.tail);
  out.pos = p;
}
