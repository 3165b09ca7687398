// Masks in every spelling people use: a prefix length ("24", "/24"), a dotted netmask
// ("255.255.255.0"), a wildcard or hostmask ("0.0.0.255", as in Cisco ACLs), and
// IPv6 prefix lengths (only lengths: RFC 4291 writes no IPv6 netmask).

import { Address, parseAddress, scanIPv4, type IPVersion } from './address.js';
import { NetkitError } from './errors.js';

/** How a mask was written. */
export type MaskForm = 'prefix' | 'netmask' | 'wildcard';

export interface ParsedMask {
  /** Prefix length: the number of leading network bits. */
  prefixLength: number;
  /** The spelling the mask came in. */
  form: MaskForm;
  /** Address family the mask fixes, or null for a bare prefix length (fits either, within range). */
  version: IPVersion | null;
}

/** The 32-bit IPv4 netmask of a prefix length 0 to 32: the top `len` bits set. */
export function mask32(len: number): number {
  // (a shift count is taken mod 32, so /0 needs its own case)
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** The prefix length of a 32-bit netmask, or -1 when its one bits are not contiguous. */
export function maskLength32(mask: number): number {
  const inv = ~mask >>> 0;
  // ones-then-zeros exactly when the inverse is 2^k - 1 (the & wraps 2^32 to 0)
  return (inv & (inv + 1)) === 0 ? Math.clz32(inv) : -1;
}

/** Word k (0 the most significant) of the 128-bit netmask of a prefix length. */
export function maskWord(len: number, k: number): number {
  return mask32(Math.max(0, Math.min(32, len - 32 * k)));
}

/** Words of the netmask for a prefix length: the top `len` bits set. */
export function maskWords(len: number): [number, number, number, number] {
  return [maskWord(len, 0), maskWord(len, 1), maskWord(len, 2), maskWord(len, 3)];
}

/** The netmask address for a prefix length in a family. */
export function netmaskOf(version: IPVersion, len: number): Address {
  checkPrefixLength(version, len);
  if (version === 4) return Address.unsafe(4, 0, 0, 0, mask32(len));
  const [a, b, c, d] = maskWords(len);
  return Address.unsafe(6, a, b, c, d);
}

/** The hostmask (wildcard) address for a prefix length: the inverse of the netmask. */
export function hostmaskOf(version: IPVersion, len: number): Address {
  const m = netmaskOf(version, len);
  return version === 4
    ? Address.unsafe(4, 0, 0, 0, ~m.w3 >>> 0)
    : Address.unsafe(6, ~m.w0 >>> 0, ~m.w1 >>> 0, ~m.w2 >>> 0, ~m.w3 >>> 0);
}

export function checkPrefixLength(version: IPVersion, len: number, input?: string): void {
  const max = version === 4 ? 32 : 128;
  if (!Number.isInteger(len) || len < 0 || len > max) {
    throw new NetkitError('prefix length', input ?? String(len), `an IPv${version} prefix length is 0 to ${max}`);
  }
}

/**
 * Parse a prefix length written in decimal: "0" to "128", no sign, no leading zeros
 * (Go's netip refuses "024" too: is it 24 or octal 20?).
 */
export function parsePrefixLength(text: string, version?: IPVersion): number {
  const t = text.startsWith('/') ? text.slice(1) : text;
  if (t.length === 0) throw new NetkitError('prefix length', text, 'empty');
  if (!/^[0-9]+$/.test(t)) {
    const i = t.search(/[^0-9]/);
    throw new NetkitError('prefix length', text, `unexpected character ${JSON.stringify(t[i])}: a prefix length is a decimal number`, i);
  }
  if (t.length > 1 && t[0] === '0') throw new NetkitError('prefix length', text, 'leading zero');
  const n = t.length > 3 ? Infinity : Number(t);
  const max = version === 6 ? 128 : version === 4 ? 32 : 128;
  if (n > max) {
    throw new NetkitError(
      'prefix length',
      text,
      version ? `/${t} is longer than an IPv${version} address (${max} bits)` : `greater than 128`,
    );
  }
  return n;
}

/**
 * The prefix length of an IPv6 netmask in address form (`ffff:ffff:ffff:ffff::` is 64), as
 * operating systems report it. Not for user input: parseMask refuses this spelling.
 */
export function ipv6NetmaskLength(text: string): number {
  let a: Address;
  try {
    a = parseAddress(text);
  } catch (e) {
    throw new NetkitError('netmask', text, (e as NetkitError).reason);
  }
  if (a.version !== 6) throw new NetkitError('netmask', text, 'not an IPv6 netmask');
  if (a.zone) throw new NetkitError('netmask', text, 'a netmask has no zone');
  const len = maskLength128([a.w0, a.w1, a.w2, a.w3]);
  if (len < 0) throw new NetkitError('netmask', text, 'the one bits are not contiguous (an IPv6 netmask is ones, then zeros)');
  return len;
}

/** Render 32 bits as four dotted groups of 8 binary digits. */
function bits32(v: number): string {
  const s = (v >>> 0).toString(2).padStart(32, '0');
  return `${s.slice(0, 8)}.${s.slice(8, 16)}.${s.slice(16, 24)}.${s.slice(24)}`;
}

/** The prefix length of a 128-bit netmask in 4 words, or -1 when its one bits are not contiguous. */
function maskLength128(words: readonly number[]): number {
  let k = 0;
  while (k < 4 && words[k] === 0xffffffff) k++;
  if (k === 4) return 128;
  const len = maskLength32(words[k]!);
  for (let j = k + 1; j < 4; j++) if (words[j] !== 0) return -1;
  return len < 0 ? -1 : 32 * k + len;
}

/**
 * Parse a mask in any spelling: "24", "/24", "255.255.255.0", "0.0.0.255" (wildcard).
 * `version` is the family of the address the mask will apply to, when known.
 */
export function parseMask(text: string, version?: IPVersion): ParsedMask {
  const t = text.startsWith('/') ? text.slice(1) : text;
  if (t.indexOf('.') < 0 && t.indexOf(':') < 0) {
    return { prefixLength: parsePrefixLength(text, version), form: 'prefix', version: null };
  }
  if (t.indexOf(':') >= 0) {
    // RFC 4291 §2.3 writes an IPv6 prefix only as a length; Python refuses "::/ffff::"
    // too. Reading it would make "::" mean /0: refuse and say which length was meant.
    let len = -1;
    try {
      len = ipv6NetmaskLength(t);
    } catch {
      // not even a netmask: the hint below still holds
    }
    const hint = len >= 0 ? ` (${t} is /${len})` : '';
    throw new NetkitError(
      'mask',
      text,
      `an IPv6 mask is written as a prefix length: write /LEN${hint}, not a mask in address form`,
    );
  }
  {
    // Dotted: an IPv4 netmask or wildcard.
    const v = scanIPv4(t, 0, t.length);
    if (v < 0) {
      try {
        parseAddress(t);
      } catch (e) {
        throw new NetkitError('netmask', text, (e as NetkitError).reason);
      }
    }
    if (version === 6) {
      throw new NetkitError('mask', text, 'a dotted IPv4 netmask cannot apply to an IPv6 address; give a prefix length such as /64');
    }
    // All-zeros and all-ones are ambiguous between netmask and wildcard: read them
    // as netmasks (/0 and /32), as Python's ipaddress does.
    const ones = maskLength32(v);
    if (ones >= 0) return { prefixLength: ones, form: 'netmask', version: 4 };
    const inv = ~v >>> 0;
    const wild = maskLength32(inv);
    if (wild >= 0) return { prefixLength: wild, form: 'wildcard', version: 4 };
    // Show where the bits break: the first 1 that follows a 0.
    const s = (v >>> 0).toString(2).padStart(32, '0');
    const firstZero = s.indexOf('0');
    const breakAt = s.indexOf('1', firstZero);
    throw new NetkitError(
      'netmask',
      text,
      `not contiguous: ${bits32(v)} has a 1 after a 0 at bit ${breakAt + 1} (a netmask is ones then zeros, a wildcard zeros then ones)`,
    );
  }
}
