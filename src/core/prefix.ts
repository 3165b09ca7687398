// Prefix: an address plus a prefix length, like Go's netip.Prefix. It may carry host
// bits ("210.170.1.1/24" is a host on a network); masked() gives the network itself.

import { Address, parseAddress, scanIPv4, type IPVersion } from './address.js';
import { NetkitError } from './errors.js';
import { mask32, maskWords, parseMask, type MaskForm } from './mask.js';

export class Prefix {
  readonly address: Address;
  readonly prefixLength: number;

  constructor(address: Address, prefixLength: number) {
    const max = address.bitLength;
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > max) {
      throw new NetkitError('prefix length', String(prefixLength), `an IPv${address.version} prefix length is 0 to ${max}`);
    }
    if (address.zone) {
      throw new NetkitError('network', address.toString(), 'a zone (%) is not allowed in a prefix');
    }
    this.address = address;
    this.prefixLength = prefixLength;
  }

  get version(): IPVersion {
    return this.address.version;
  }

  /** The network: host bits cleared. */
  masked(): Prefix {
    const a = this.address;
    if (a.version === 4) {
      const m = mask32(this.prefixLength);
      const v = (a.w3 & m) >>> 0;
      return v === a.w3 ? this : new Prefix(Address.unsafe(4, 0, 0, 0, v), this.prefixLength);
    }
    const [m0, m1, m2, m3] = maskWords(this.prefixLength);
    const n = Address.unsafe(6, (a.w0 & m0) >>> 0, (a.w1 & m1) >>> 0, (a.w2 & m2) >>> 0, (a.w3 & m3) >>> 0);
    return n.equals(a) ? this : new Prefix(n, this.prefixLength);
  }

  /** True when no host bits are set. */
  isMasked(): boolean {
    return this.masked() === this;
  }

  /** The first address of the network (host bits zero). */
  first(): Address {
    return this.masked().address;
  }

  /** The last address of the network (host bits one). */
  last(): Address {
    const a = this.address;
    if (a.version === 4) {
      const m = mask32(this.prefixLength);
      return Address.unsafe(4, 0, 0, 0, (a.w3 | ~m) >>> 0);
    }
    const [m0, m1, m2, m3] = maskWords(this.prefixLength);
    return Address.unsafe(6, (a.w0 | ~m0) >>> 0, (a.w1 | ~m1) >>> 0, (a.w2 | ~m2) >>> 0, (a.w3 | ~m3) >>> 0);
  }

  /** Does the network contain the address? Different families never do. */
  contains(addr: Address): boolean {
    if (addr.version !== this.address.version) return false;
    const a = this.address;
    if (a.version === 4) {
      const m = mask32(this.prefixLength);
      return ((a.w3 ^ addr.w3) & m) === 0;
    }
    const [m0, m1, m2, m3] = maskWords(this.prefixLength);
    return (
      ((a.w0 ^ addr.w0) & m0) === 0 &&
      ((a.w1 ^ addr.w1) & m1) === 0 &&
      ((a.w2 ^ addr.w2) & m2) === 0 &&
      ((a.w3 ^ addr.w3) & m3) === 0
    );
  }

  /** Does this network overlap the other one? */
  overlaps(other: Prefix): boolean {
    if (other.version !== this.version) return false;
    return this.prefixLength <= other.prefixLength ? this.contains(other.address) : other.contains(this.address);
  }

  /** Number of addresses in the network. */
  size(): bigint {
    return 1n << BigInt(this.address.bitLength - this.prefixLength);
  }

  equals(other: Prefix): boolean {
    return this.prefixLength === other.prefixLength && this.address.equals(other.address);
  }

  /** Order by address, then shorter prefix first. */
  compare(other: Prefix): -1 | 0 | 1 {
    const c = this.address.compare(other.address);
    if (c !== 0) return c;
    return this.prefixLength === other.prefixLength ? 0 : this.prefixLength < other.prefixLength ? -1 : 1;
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefixLength}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** A parsed `ADDR[/MASK]`: the address, its prefix length and how the mask was written. */
export interface AddressWithMask {
  address: Address;
  prefixLength: number;
  /** How the mask was spelled; 'none' for a bare address (a /32 or /128). */
  maskForm: MaskForm | 'none';
}

/**
 * Parse `ADDR`, `ADDR/PREFIX`, `ADDR/NETMASK` or `ADDR/WILDCARD`. A bare address is
 * a single host (/32 or /128). Host bits are kept: use `new Prefix(...).masked()`.
 * With `interface: true`, an IPv6 address may carry a zone before the mask
 * (`fe80::1%eth0/64`, as `ip addr` and `netkit interfaces` print it): a host on that
 * link's network. A Prefix (a network, a set member) never takes a zone.
 */
export function parseAddressWithMask(text: string, options?: { interface?: boolean }): AddressWithMask {
  const slash = text.indexOf('/');
  // Fast path for the common `a.b.c.d/len`: no intermediate strings.
  if (slash > 0) {
    const v = scanIPv4(text, 0, slash);
    if (v >= 0) {
      const n = text.length - slash - 1;
      const c1 = text.charCodeAt(slash + 1) - 48;
      const c2 = n === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
      if (n === 1 && c1 >= 0 && c1 <= 9) {
        return { address: Address.unsafe(4, 0, 0, 0, v), prefixLength: c1, maskForm: 'prefix' };
      }
      if (n === 2 && c1 >= 1 && c1 <= 3 && c2 >= 0 && c2 <= 9 && c1 * 10 + c2 <= 32) {
        return { address: Address.unsafe(4, 0, 0, 0, v), prefixLength: c1 * 10 + c2, maskForm: 'prefix' };
      }
    } else {
      // IPv6 with a decimal prefix length (1 to 3 digits, no leading zero).
      const n = text.length - slash - 1;
      let len = -1;
      if (n >= 1 && n <= 3) {
        len = 0;
        for (let i = slash + 1; i < text.length; i++) {
          const d = text.charCodeAt(i) - 48;
          if (d < 0 || d > 9 || (i === slash + 1 && d === 0 && n > 1)) {
            len = -1;
            break;
          }
          len = len * 10 + d;
        }
      }
      const colon = text.indexOf(':');
      if (len >= 0 && len <= 128 && colon >= 0 && colon < slash && text.indexOf('%') < 0) {
        const address = parseAddress(text.slice(0, slash));
        if (address.version === 6) return { address, prefixLength: len, maskForm: 'prefix' };
      }
    }
  }
  if (slash < 0) {
    const address = parseAddress(text);
    return { address, prefixLength: address.bitLength, maskForm: 'none' };
  }
  const addrText = text.slice(0, slash);
  const maskText = text.slice(slash + 1);
  if (text.indexOf('/', slash + 1) >= 0) throw new NetkitError('network', text, 'more than one "/"', text.indexOf('/', slash + 1));
  if (addrText.indexOf('%') >= 0 && !options?.interface) {
    throw new NetkitError('network', text, 'a zone (%) is not allowed in a prefix', addrText.indexOf('%'));
  }
  if (addrText.length === 0) throw new NetkitError('network', text, 'no address before "/"', 0);
  const address = parseAddress(addrText);
  if (maskText.length === 0) throw new NetkitError('network', text, 'nothing after "/"', slash);
  const m = parseMask(maskText, address.version);
  if (m.prefixLength > address.bitLength) {
    throw new NetkitError(
      'prefix length',
      maskText,
      `/${m.prefixLength} is longer than an IPv${address.version} address (${address.bitLength} bits)`,
    );
  }
  return { address, prefixLength: m.prefixLength, maskForm: m.form };
}

/** Parse `ADDR/LEN` (or any mask spelling) into a Prefix, host bits kept. A bare address is /32 or /128. */
export function parsePrefix(text: string): Prefix {
  const p = parseAddressWithMask(text);
  return new Prefix(p.address, p.prefixLength);
}

/**
 * Parse a network: like parsePrefix, but host bits must be zero unless `strict` is false
 * (then they are cleared), as Python's ip_network(strict=...).
 */
export function parseNetwork(text: string, options: { strict?: boolean } = {}): Prefix {
  const p = parsePrefix(text);
  const m = p.masked();
  if (m !== p && options.strict !== false) {
    throw new NetkitError('network', text, `host bits are set (the network is ${m.toString()})`);
  }
  return m;
}
