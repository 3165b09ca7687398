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
    if (n < 10) {
      this.reserve(1);
      this.buf[this.pos++] = 48 + n;
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

const BIN8: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(2).padStart(8, '0'));

function bin4(out: AsciiBuffer, v: number): void {
  out.ascii(BIN8[v >>> 24]!);
  out.ascii('.');
  out.ascii(BIN8[(v >>> 16) & 255]!);
  out.ascii('.');
  out.ascii(BIN8[(v >>> 8) & 255]!);
  out.ascii('.');
  out.ascii(BIN8[v & 255]!);
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
  out.ascii('{"input":');
  out.ascii(inputJson);
  out.ascii(',"version":4,"address":"');
  out.v4(a);
  out.ascii('","prefixLength":');
  out.int(len);
  out.ascii(',"maskForm":"');
  out.ascii(maskForm);
  out.ascii('","netmask":"');
  out.v4(mask);
  out.ascii('","hostmask":"');
  out.v4(host);
  out.ascii('","network":"');
  out.v4(net);
  out.ascii('/');
  out.int(len);
  out.ascii('","networkAddress":"');
  out.v4(net);
  if (len >= 31) out.ascii('","broadcast":null,"firstHost":"');
  else {
    out.ascii('","broadcast":"');
    out.v4(last);
    out.ascii('","firstHost":"');
  }
  out.v4(hostBits <= 1 ? net : net + 1);
  out.ascii('","lastHost":"');
  out.v4(hostBits <= 1 ? last : last - 1);
  out.ascii('","totalAddresses":"');
  out.int(total);
  out.ascii('","usableHosts":"');
  out.int(hostBits <= 1 ? total : total - 2);
  out.ascii('","hostOffset":"');
  out.int((a - net) >>> 0);
  out.ascii('","addressClass":"');
  out.ascii(addressClass(addr)!);
  out.ascii('","reverseZone":');
  if (len < 8) out.ascii('null');
  else {
    out.ascii('"');
    const whole = len >>> 3;
    if ((len & 7) !== 0) {
      out.int((net >>> (24 - 8 * whole)) & 255);
      out.ascii('-');
      out.int((last >>> (24 - 8 * whole)) & 255);
      out.ascii('.');
    }
    for (let i = whole - 1; i >= 0; i--) {
      out.int((net >>> (24 - 8 * i)) & 255);
      out.ascii('.');
    }
    out.ascii('in-addr.arpa."');
  }
  out.ascii(',"ptr":"');
  out.int(a & 255);
  out.ascii('.');
  out.int((a >>> 8) & 255);
  out.ascii('.');
  out.int((a >>> 16) & 255);
  out.ascii('.');
  out.int(a >>> 24);
  out.ascii('.in-addr.arpa.","special":');
  out.bytes(specialJson(c.special));
  out.ascii(c.isLoopback ? ',"isLoopback":true' : ',"isLoopback":false');
  out.ascii(c.isMulticast ? ',"isMulticast":true' : ',"isMulticast":false');
  out.ascii(c.isLinkLocal ? ',"isLinkLocal":true' : ',"isLinkLocal":false');
  out.ascii(c.isUnspecified ? ',"isUnspecified":true' : ',"isUnspecified":false');
  out.ascii(c.isGloballyReachable ? ',"isGloballyReachable":true' : ',"isGloballyReachable":false');
  out.ascii(c.isPrivate ? ',"isPrivate":true' : ',"isPrivate":false');
  out.ascii(',"embeddedIPv4":null,"nextNetwork":');
  if (net + total > 0xffffffff) out.ascii('null');
  else {
    out.ascii('"');
    out.v4(net + total);
    out.ascii('/');
    out.int(len);
    out.ascii('"');
  }
  out.ascii(',"previousNetwork":');
  if (net - total < 0) out.ascii('null');
  else {
    out.ascii('"');
    out.v4(net - total);
    out.ascii('/');
    out.int(len);
    out.ascii('"');
  }
  out.ascii(',"addressBinary":"');
  bin4(out, a);
  out.ascii('","netmaskBinary":"');
  bin4(out, mask);
  out.ascii('"}\n');
}
