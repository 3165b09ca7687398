// The JSON text of an IPv4 SubnetReport written straight into bytes, for
// `netkit subnet - --json` at a million lines: no report object, no intermediate
// strings. It must equal JSON.stringify(buildSubnetReport(...)) byte for byte; a
// property test holds it to that.

import { Address } from './address.js';
import type { MaskForm } from './mask.js';
import { addressClass } from './network.js';
import { classify, type SpecialRow } from './special.js';

/** A growable buffer of ASCII bytes. */
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
  /** Append a string of ASCII characters (the caller guarantees ASCII). */
  ascii(s: string): void {
    this.reserve(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }
  /** Append one byte. */
  byte(c: number): void {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }
  /** Append a constant piece. */
  lit(src: Uint8Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.pos);
    this.pos += src.length;
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
  /** Append a non-negative integer below 2^53 in decimal. */
  int(n: number): void {
    if (n < 1000) {
      this.reserve(3);
      const b = this.buf;
      if (n >= 100) b[this.pos++] = 48 + ((n / 100) | 0);
      if (n >= 10) b[this.pos++] = 48 + (((n / 10) | 0) % 10);
      b[this.pos++] = 48 + (n % 10);
      return;
    }
    this.ascii(String(n));
  }
  /** Append a dotted quad. */
  v4(v: number): void {
    this.reserve(15);
    const b = this.buf;
    let p = this.pos;
    for (let shift = 24; shift >= 0; shift -= 8) {
      const o = (v >>> shift) & 255;
      if (o >= 100) {
        b[p++] = 48 + ((o / 100) | 0);
        b[p++] = 48 + (((o / 10) | 0) % 10);
      } else if (o >= 10) b[p++] = 48 + ((o / 10) | 0);
      b[p++] = 48 + (o % 10);
      if (shift) b[p++] = 46;
    }
    this.pos = p;
  }
  /** Take the bytes written so far (a copy) and start again. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
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

// The constant pieces of the line, encoded once.
const enc = (t: string) => Uint8Array.from(t, (ch) => ch.charCodeAt(0));
const K = {
  open: enc('{"input":'),
  address: enc(',"version":4,"address":"'),
  prefixLength: enc('","prefixLength":'),
  maskForm: {
    prefix: enc(',"maskForm":"prefix","netmask":"'),
    netmask: enc(',"maskForm":"netmask","netmask":"'),
    wildcard: enc(',"maskForm":"wildcard","netmask":"'),
    none: enc(',"maskForm":"none","netmask":"'),
  },
  hostmask: enc('","hostmask":"'),
  network: enc('","network":"'),
  networkAddress: enc('","networkAddress":"'),
  noBroadcast: enc('","broadcast":null,"firstHost":"'),
  broadcast: enc('","broadcast":"'),
  firstHost: enc('","firstHost":"'),
  lastHost: enc('","lastHost":"'),
  total: enc('","totalAddresses":"'),
  usable: enc('","usableHosts":"'),
  offset: enc('","hostOffset":"'),
  cls: enc('","addressClass":"'),
  noZone: enc('","reverseZone":null,"ptr":"'),
  zone: enc('","reverseZone":"'),
  arpaPtr: enc('in-addr.arpa.","ptr":"'),
  special: enc('.in-addr.arpa.","special":'),
  nextNull: enc(',"embeddedIPv4":null,"nextNetwork":null'),
  next: enc(',"embeddedIPv4":null,"nextNetwork":"'),
  prevNull: enc(',"previousNetwork":null'),
  prev: enc(',"previousNetwork":"'),
  binary: enc(',"addressBinary":"'),
  netmaskBinary: enc('","netmaskBinary":"'),
  close: enc('"}\n'),
  quote: enc('"'),
};
// The six predicates as one piece per combination (bit 0 loopback ... bit 5 private).
const FLAGS: Uint8Array[] = Array.from({ length: 64 }, (_, m) =>
  enc(
    ['isLoopback', 'isMulticast', 'isLinkLocal', 'isUnspecified', 'isGloballyReachable', 'isPrivate']
      .map((name, i) => `,"${name}":${(m >> i) & 1 ? 'true' : 'false'}`)
      .join(''),
  ),
);
// Eight binary digits per octet value.
const BITS = Uint8Array.from({ length: 256 * 8 }, (_, i) => 48 + ((i >> 3 >> (7 - (i & 7))) & 1));

function bits4(out: AsciiBuffer, v: number): void {
  out.reserve(35);
  const b = out.buf;
  let p = out.pos;
  for (let shift = 24; shift >= 0; shift -= 8) {
    const o = ((v >>> shift) & 255) << 3;
    for (let k = 0; k < 8; k++) b[p++] = BITS[o + k]!;
    if (shift) b[p++] = 46;
  }
  out.pos = p;
}

/**
 * Append the JSON line (with its newline) of the IPv4 report for address `a` (32-bit
 * value) under prefix `len`. `inputJson` is the input already JSON-quoted.
 */
export function writeSubnetJsonV4(out: AsciiBuffer, inputJson: string, a: number, len: number, maskForm: MaskForm | 'none'): void {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const host = ~mask >>> 0;
  const net = (a & mask) >>> 0;
  const last = (net | host) >>> 0;
  const hostBits = 32 - len;
  const total = 2 ** hostBits;
  const addr = Address.unsafe(4, 0, 0, 0, a);
  const c = classify(addr);
  out.lit(K.open);
  out.ascii(inputJson);
  out.lit(K.address);
  out.v4(a);
  out.lit(K.prefixLength);
  out.int(len);
  out.lit(K.maskForm[maskForm]);
  out.v4(mask);
  out.lit(K.hostmask);
  out.v4(host);
  out.lit(K.network);
  out.v4(net);
  out.byte(47);
  out.int(len);
  out.lit(K.networkAddress);
  out.v4(net);
  if (len >= 31) out.lit(K.noBroadcast);
  else {
    out.lit(K.broadcast);
    out.v4(last);
    out.lit(K.firstHost);
  }
  out.v4(hostBits <= 1 ? net : net + 1);
  out.lit(K.lastHost);
  out.v4(hostBits <= 1 ? last : last - 1);
  out.lit(K.total);
  out.int(total);
  out.lit(K.usable);
  out.int(hostBits <= 1 ? total : total - 2);
  out.lit(K.offset);
  out.int((a - net) >>> 0);
  out.lit(K.cls);
  out.byte(addressClass(addr)!.charCodeAt(0));
  if (len < 8) out.lit(K.noZone);
  else {
    out.lit(K.zone);
    const whole = len >>> 3;
    if ((len & 7) !== 0) {
      out.int((net >>> (24 - 8 * whole)) & 255);
      out.byte(45);
      out.int((last >>> (24 - 8 * whole)) & 255);
      out.byte(46);
    }
    for (let i = whole - 1; i >= 0; i--) {
      out.int((net >>> (24 - 8 * i)) & 255);
      out.byte(46);
    }
    out.lit(K.arpaPtr);
  }
  out.int(a & 255);
  out.byte(46);
  out.int((a >>> 8) & 255);
  out.byte(46);
  out.int((a >>> 16) & 255);
  out.byte(46);
  out.int(a >>> 24);
  out.lit(K.special);
  out.lit(specialJson(c.special));
  out.lit(
    FLAGS[
      (c.isLoopback ? 1 : 0) |
        (c.isMulticast ? 2 : 0) |
        (c.isLinkLocal ? 4 : 0) |
        (c.isUnspecified ? 8 : 0) |
        (c.isGloballyReachable ? 16 : 0) |
        (c.isPrivate ? 32 : 0)
    ]!,
  );
  if (net + total > 0xffffffff) out.lit(K.nextNull);
  else {
    out.lit(K.next);
    out.v4(net + total);
    out.byte(47);
    out.int(len);
    out.lit(K.quote);
  }
  if (net - total < 0) out.lit(K.prevNull);
  else {
    out.lit(K.prev);
    out.v4(net - total);
    out.byte(47);
    out.int(len);
    out.lit(K.quote);
  }
  out.lit(K.binary);
  bits4(out, a);
  out.lit(K.netmaskBinary);
  bits4(out, mask);
  out.lit(K.close);
}
