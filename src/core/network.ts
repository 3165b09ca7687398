// The network/host split of an address under a prefix length: what the networking
// notes explain in words ("255 marks the network part, 0 the host part") as numbers.

import { Address, type IPVersion } from './address.js';
import { hostmaskOf, mask32, netmaskOf } from './mask.js';
import { Prefix } from './prefix.js';

/**
 * What an address is on its network. `network` and `broadcast` (IPv4) name addresses no
 * host can use, except on /31 (RFC 3021) and /32 where every address is a host; IPv6 has
 * no broadcast, and its network address is the Subnet-Router anycast address (RFC 4291
 * §2.6.1) except on /127 (RFC 6164) and /128. The same rules as firstHost and lastHost.
 */
export type AddressRole = 'host' | 'network' | 'broadcast' | 'subnet-router-anycast';

/** Legacy classful address class (RFC 791 / RFC 1812 §2.2.5.1) of an IPv4 address. */
export type AddressClass = 'A' | 'B' | 'C' | 'D' | 'E';

export function addressClass(addr: Address): AddressClass | null {
  if (addr.version !== 4) return null;
  const top = addr.w3 >>> 28;
  if (top < 8) return 'A';
  if (top < 12) return 'B';
  if (top < 14) return 'C';
  if (top === 14) return 'D';
  return 'E';
}

/**
 * The split of one address under one prefix length. Every value is computed from
 * the two on demand, so a loop that needs only the network pays only for it.
 */
export class Subnet {
  /** The address as given (host bits kept, zone kept). */
  readonly address: Address;
  readonly prefixLength: number;
  /** The network, host bits cleared (`210.170.1.0/24`). */
  readonly network: Prefix;

  constructor(address: Address, prefixLength: number) {
    this.address = address;
    this.prefixLength = prefixLength;
    if (address.version === 4 && Number.isInteger(prefixLength) && prefixLength >= 0 && prefixLength <= 32) {
      // IPv4 fast path: one masking in plain numbers.
      const m = mask32(prefixLength);
      const v = (address.w3 & m) >>> 0;
      this.network = new Prefix(v === address.w3 ? address : Address.unsafe(4, 0, 0, 0, v), prefixLength);
    } else {
      this.network = new Prefix(address.withoutZone(), prefixLength).masked();
    }
  }

  get version(): IPVersion {
    return this.address.version;
  }

  /** Number of host bits. */
  get hostBits(): number {
    return this.address.bitLength - this.prefixLength;
  }

  /** The first address of the network (all host bits zero). */
  get networkAddress(): Address {
    return this.network.address;
  }

  /** The last address of the network (all host bits one). */
  get lastAddress(): Address {
    return this.network.last();
  }

  /** IPv4 directed broadcast; null for IPv6 (it has none), /31 (RFC 3021) and /32. */
  get broadcast(): Address | null {
    if (this.version === 6 || this.prefixLength >= 31) return null;
    return this.lastAddress;
  }

  /**
   * First usable host, as Python's `hosts()`: IPv4 skips the network address except
   * in /31 and /32; IPv6 skips the Subnet-Router anycast address (RFC 4291 §2.6.1),
   * which is the network address, except in /127 (RFC 6164) and /128.
   */
  get firstHost(): Address {
    const n = this.networkAddress;
    if (this.hostBits <= 1) return n;
    return n.version === 4 ? Address.unsafe(4, 0, 0, 0, n.w3 + 1) : add1(n);
  }

  /** Last usable host: IPv4 skips the broadcast except in /31 and /32; IPv6 uses the last address. */
  get lastHost(): Address {
    if (this.version === 6 || this.hostBits <= 1) return this.lastAddress;
    const n = this.network.address.w3;
    return Address.unsafe(4, 0, 0, 0, ((n | (0xffffffff >>> this.prefixLength)) >>> 0) - 1);
  }

  /** All addresses in the network, exactly. */
  get totalAddresses(): bigint {
    return 1n << BigInt(this.hostBits);
  }

  /** Usable host addresses, with the same rules as firstHost/lastHost. */
  get usableHosts(): bigint {
    const h = this.hostBits;
    if (h <= 1) return 1n << BigInt(h);
    return (1n << BigInt(h)) - (this.version === 4 ? 2n : 1n);
  }

  get netmask(): Address {
    return netmaskOf(this.version, this.prefixLength);
  }

  /** The inverse of the netmask (a Cisco wildcard). */
  get hostmask(): Address {
    return hostmaskOf(this.version, this.prefixLength);
  }

  /** Legacy class of the address (IPv4 only). */
  get addressClass(): AddressClass | null {
    return addressClass(this.address);
  }

  /** What the address is on this network: a host, or the network or broadcast address. */
  get addressRole(): AddressRole {
    if (this.hostBits <= 1) return 'host';
    const a = this.address.withoutZone();
    if (a.equals(this.networkAddress)) return this.version === 4 ? 'network' : 'subnet-router-anycast';
    if (this.version === 4 && a.w3 === this.lastAddress.w3) return 'broadcast';
    return 'host';
  }

  /** The host part of the address: its offset inside the network. */
  get hostPart(): bigint {
    return this.address.toBigInt() - this.networkAddress.toBigInt();
  }

  /** The next network of the same size, or null past the end of the address space. */
  get nextNetwork(): Prefix | null {
    return stepNetwork(this.network, 1n);
  }

  /** The previous network of the same size, or null before the start. */
  get previousNetwork(): Prefix | null {
    return stepNetwork(this.network, -1n);
  }
}

function add1(a: Address): Address {
  let w3 = a.w3 + 1;
  let w2 = a.w2;
  let w1 = a.w1;
  let w0 = a.w0;
  if (w3 > 0xffffffff) {
    w3 = 0;
    if (++w2 > 0xffffffff) {
      w2 = 0;
      if (++w1 > 0xffffffff) {
        w1 = 0;
        w0 = (w0 + 1) >>> 0;
      }
    }
  }
  return Address.unsafe(a.version, w0, w1, w2, w3);
}

function stepNetwork(net: Prefix, dir: bigint): Prefix | null {
  const size = net.size();
  const start = net.address.toBigInt() + dir * size;
  const max = net.address.version === 4 ? 1n << 32n : 1n << 128n;
  if (start < 0n || start + size > max) return null;
  return new Prefix(Address.fromBigInt(net.address.version, start), net.prefixLength);
}

/** Split `address` under `prefixLength`. */
export function subnet(address: Address, prefixLength: number): Subnet {
  return new Subnet(address, prefixLength);
}

/**
 * The binary picture of an address under a prefix: the bits as text, with the
 * network part and host part told apart. IPv4 groups by octet, IPv6 by 16-bit group.
 */
export interface BinaryView {
  /** All bits, most significant first, as '0'/'1' characters. */
  bits: string;
  /** How many of them are network bits. */
  prefixLength: number;
  /** Bits per group (8 for IPv4, 16 for IPv6). */
  groupBits: number;
}

export function binaryView(addr: Address, prefixLength: number): BinaryView {
  const words = addr.version === 4 ? [addr.w3] : [addr.w0, addr.w1, addr.w2, addr.w3];
  return {
    bits: words.map((w) => (w >>> 0).toString(2).padStart(32, '0')).join(''),
    prefixLength,
    groupBits: addr.version === 4 ? 8 : 16,
  };
}
