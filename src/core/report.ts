// Plain, JSON-ready reports: the objects `netkit subnet --json` and `netkit same-net
// --json` print, built here so that the CLI, the library and a serverless handler
// all give the same answer. Field names are API (documented in the README).

import { Address, formatV4 } from './address.js';
import { NetkitError, NetkitRangeError } from './errors.js';
import { mask32, parseMask, type MaskForm } from './mask.js';
import { parseAddressWithMask } from './prefix.js';
import { addressClass, binaryView, Subnet, type AddressRole } from './network.js';
import { ptrName, reverseZone } from './reverse.js';
import { classify, type Classification, type SpecialRow } from './special.js';
import { sameNetwork } from './samenet.js';

/** Inputs are interfaces: a zone may name the link (`fe80::1%eth0/64`). One object, not one a line. */
const AS_INTERFACE = { interface: true } as const;

export interface SubnetReport {
  /** The input as given. */
  input: string;
  /** The address family: 4 or 6. */
  family: 4 | 6;
  /** The address, canonical (RFC 5952 for IPv6), without its zone (see `zone`). */
  address: string;
  /** The IPv6 zone (the link: `eth0` in `fe80::1%eth0/64`), or null; the network itself has none. */
  zone: string | null;
  prefixLength: number;
  /** How the mask was written: prefix, netmask, wildcard, or none for a bare address. */
  maskForm: MaskForm | 'none';
  netmask: string;
  /** Inverse of the netmask (Cisco wildcard). */
  hostmask: string;
  /** The network in CIDR notation. */
  network: string;
  networkAddress: string;
  /** IPv4 broadcast; null for IPv6, /31 and /32. */
  broadcast: string | null;
  firstHost: string;
  lastHost: string;
  /** Every address in the network, as a decimal string (exact for IPv6). */
  addresses: string;
  /** Decimal string, Python ipaddress hosts() semantics. */
  usableHosts: string;
  /** The address's offset within its network (its host part), decimal string. */
  hostOffset: string;
  /**
   * What the address is on its network: `host`, or one no host may use: `network` (the
   * IPv4 network address) or `broadcast` (the IPv4 broadcast address), except on /31 and
   * /32 where every address is a host; for IPv6 `subnet-router-anycast` (the network
   * address, RFC 4291 §2.6.1, except on /127 and /128).
   */
  addressRole: AddressRole;
  /** Legacy class A-E for IPv4, null for IPv6. */
  addressClass: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  /** Reverse DNS zone of the network as ipcalc-ng writes it, or null where there is none. */
  reverseZone: string | null;
  /** PTR owner name of the address. */
  ptr: string;
  /** The most specific IANA special-purpose registry row containing the address, or null. */
  special: SpecialRow | null;
  isLoopback: boolean;
  isMulticast: boolean;
  isLinkLocal: boolean;
  isUnspecified: boolean;
  isGloballyReachable: boolean;
  /** RFC 1918 (IPv4) or Unique-Local fc00::/7 (IPv6). */
  isPrivate: boolean;
  /** For IPv4-mapped, NAT64 and 6to4 addresses: the IPv4 address inside and its registry row. */
  embeddedIPv4: { via: 'ipv4-mapped' | 'nat64' | '6to4'; address: string; special: SpecialRow | null } | null;
  /** The next and previous network of the same size, or null at the edge of the address space. */
  nextNetwork: string | null;
  previousNetwork: string | null;
  /** Binary digits of address and netmask, grouped (8 bits for IPv4, 16 for IPv6) with '.' or ':'. */
  addressBinary: string;
  netmaskBinary: string;
}

/** The role of an IPv4 address `a` in network `net` whose last address is `last`, `hostBits` wide. */
function roleV4(a: number, net: number, last: number, hostBits: number): AddressRole {
  if (hostBits <= 1) return 'host';
  return a === net ? 'network' : a === last ? 'broadcast' : 'host';
}

function groupBits(bits: string, size: number, sep: string): string {
  const out: string[] = [];
  for (let i = 0; i < bits.length; i += size) out.push(bits.slice(i, i + size));
  return out.join(sep);
}

/** The registry row and the six predicates, in the report's field order. */
function classFields(c: Classification) {
  return {
    special: c.special,
    isLoopback: c.isLoopback,
    isMulticast: c.isMulticast,
    isLinkLocal: c.isLinkLocal,
    isUnspecified: c.isUnspecified,
    isGloballyReachable: c.isGloballyReachable,
    isPrivate: c.isPrivate,
  };
}

/** Build the report for an address and prefix length. */
export function buildSubnetReport(input: string, address: Address, prefixLength: number, maskForm: MaskForm | 'none'): SubnetReport {
  if (address.version === 4 && Number.isInteger(prefixLength) && prefixLength >= 0 && prefixLength <= 32) {
    return buildV4(input, address.w3, prefixLength, maskForm);
  }
  return buildGeneric(input, address, prefixLength, maskForm);
}

const BIN8: string[] = Array.from({ length: 256 }, (_, i) => i.toString(2).padStart(8, '0'));
const bin4 = (v: number) => `${BIN8[v >>> 24]}.${BIN8[(v >>> 16) & 255]}.${BIN8[(v >>> 8) & 255]}.${BIN8[v & 255]}`;

/**
 * IPv4 in plain 32-bit numbers: the same report as buildGeneric (a property test
 * holds them equal), without the intermediate objects, for `subnet - --json` at
 * millions of lines.
 */
function buildV4(input: string, a: number, len: number, maskForm: MaskForm | 'none'): SubnetReport {
  const mask = mask32(len);
  const host = ~mask >>> 0;
  const net = (a & mask) >>> 0;
  const last = (net | host) >>> 0;
  const hostBits = 32 - len;
  const total = 2 ** hostBits;
  const addr = Address.unsafe(4, 0, 0, 0, a);
  const c = classify(addr);
  const zone = len < 8 ? null : v4ReverseZone(net, last, len);
  return {
    input,
    family: 4,
    address: formatV4(a),
    zone: null,
    prefixLength: len,
    maskForm,
    netmask: formatV4(mask),
    hostmask: formatV4(host),
    network: `${formatV4(net)}/${len}`,
    networkAddress: formatV4(net),
    broadcast: len >= 31 ? null : formatV4(last),
    firstHost: formatV4(hostBits <= 1 ? net : net + 1),
    lastHost: formatV4(hostBits <= 1 ? last : last - 1),
    addresses: String(total),
    usableHosts: String(hostBits <= 1 ? total : total - 2),
    hostOffset: String((a - net) >>> 0),
    addressRole: roleV4(a, net, last, hostBits),
    addressClass: addressClass(addr),
    reverseZone: zone,
    ptr: `${a & 255}.${(a >>> 8) & 255}.${(a >>> 16) & 255}.${a >>> 24}.in-addr.arpa.`,
    ...classFields(c),
    embeddedIPv4: null,
    nextNetwork: net + total > 0xffffffff ? null : `${formatV4(net + total)}/${len}`,
    previousNetwork: net - total < 0 ? null : `${formatV4(net - total)}/${len}`,
    addressBinary: bin4(a),
    netmaskBinary: bin4(mask),
  };
}

function v4ReverseZone(net: number, last: number, len: number): string {
  const o = [net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255];
  const whole = len >>> 3;
  let zone = 'in-addr.arpa.';
  for (let i = 0; i < whole; i++) zone = `${o[i]}.${zone}`;
  if ((len & 7) === 0) return zone;
  const lastOctet = (last >>> (24 - 8 * whole)) & 255;
  return `${o[whole]}-${lastOctet}.${zone}`;
}

/** The report for any address, through the Subnet value type. */
export function buildGeneric(input: string, address: Address, prefixLength: number, maskForm: MaskForm | 'none'): SubnetReport {
  const s = new Subnet(address, prefixLength);
  const c = classify(s.address);
  const sep = s.version === 4 ? '.' : ':';
  const gb = s.version === 4 ? 8 : 16;
  return {
    input,
    family: s.version,
    address: s.address.withoutZone().toString(),
    zone: s.address.zone === '' ? null : s.address.zone,
    prefixLength,
    maskForm,
    netmask: s.netmask.toString(),
    hostmask: s.hostmask.toString(),
    network: s.network.toString(),
    networkAddress: s.networkAddress.toString(),
    broadcast: s.broadcast?.toString() ?? null,
    firstHost: s.firstHost.toString(),
    lastHost: s.lastHost.toString(),
    addresses: s.totalAddresses.toString(),
    usableHosts: s.usableHosts.toString(),
    hostOffset: s.hostPart.toString(),
    addressRole: s.addressRole,
    addressClass: s.addressClass,
    reverseZone: reverseZone(s.network),
    ptr: ptrName(s.address),
    ...classFields(c),
    embeddedIPv4: c.embedded ? { via: c.embedded.via, address: c.embedded.ipv4.toString(), special: c.embedded.special } : null,
    nextNetwork: s.nextNetwork?.toString() ?? null,
    previousNetwork: s.previousNetwork?.toString() ?? null,
    addressBinary: groupBits(binaryView(s.address, prefixLength).bits, gb, sep),
    netmaskBinary: groupBits(binaryView(s.netmask, prefixLength).bits, gb, sep),
  };
}

/**
 * Parse one subnet input (`ADDR`, `ADDR/PREFIX`, `ADDR/NETMASK`, `ADDR/WILDCARD`) with an
 * optional separate mask for a bare address, and build its report.
 */
export function subnetReport(input: string, options: { mask?: string } = {}): SubnetReport {
  // An input is an interface: a zone says which link the host is on (fe80::1%eth0/64).
  const parsed = parseAddressWithMask(input, AS_INTERFACE);
  if (options.mask !== undefined) {
    if (parsed.maskForm !== 'none') {
      throw new NetkitError('network', input, `it has its own mask (/${parsed.prefixLength}) and a separate mask was given too`);
    }
    const m = parseMask(options.mask, parsed.address.version);
    if (m.prefixLength > parsed.address.bitLength) {
      throw new NetkitError('prefix length', options.mask, `/${m.prefixLength} is longer than an IPv${parsed.address.version} address`);
    }
    return buildSubnetReport(input, parsed.address, m.prefixLength, m.form);
  }
  return buildSubnetReport(input, parsed.address, parsed.prefixLength, parsed.maskForm);
}

export interface SameNetReport {
  sameNetwork: boolean;
  /** 'same network', 'different networks' or 'different address families'. */
  reason: string;
  /** The prefix length the addresses were compared under; null for mixed families. */
  prefixLength: number | null;
  netmask: string | null;
  /**
   * Each address with its network under the prefix length and what it is on it
   * (network and role null for mixed families).
   */
  members: { address: string; zone: string | null; network: string | null; role: AddressRole | null }[];
  /** The longest prefix all the addresses share; null for mixed families. */
  commonPrefixLength: number | null;
  commonNetwork: string | null;
  /** An address no host can use (a network or broadcast address), in words; the CLI prints them to stderr. */
  warnings: string[];
}

/**
 * Why an address with this role is no host's, in words; null for a host. The trap the
 * notes set: 10.0.0.255/24 looks like host 255, but it is the broadcast address.
 */
export function roleNote(address: string, role: AddressRole, network: string): string | null {
  switch (role) {
    case 'network':
      return `${address} is the network address of ${network}: it names the network, so no host can use it (only /31 and /32 have no network address)`;
    case 'broadcast':
      return `${address} is the broadcast address of ${network}: a packet to it goes to every host on the network, so no host can use it (only /31 and /32 have no broadcast address)`;
    case 'subnet-router-anycast':
      return `${address} is the Subnet-Router anycast address of ${network} (RFC 4291 §2.6.1): the routers on the link answer it, so no host should use it`;
    default:
      return null;
  }
}

/**
 * Same network? `inputs` are addresses, each with its own prefix (which must agree)
 * unless `mask` applies to all of them.
 */
export function sameNetReport(inputs: readonly string[], options: { mask?: string } = {}): SameNetReport {
  if (inputs.length < 2) throw new NetkitRangeError('same-net needs at least two addresses');
  // Interfaces: fe80::1%eth0/64 is a host on eth0's link; sameNetwork compares the zones.
  const parsed = inputs.map((t) => parseAddressWithMask(t, AS_INTERFACE));
  if (options.mask !== undefined) parseMask(options.mask); // a bad --mask is an input error even for mixed families
  // An IPv4 and an IPv6 address are never on one network, whatever the masks say: that
  // is the answer (exit 1 in the CLI), not an input error about the masks.
  if (new Set(parsed.map((p) => p.address.version)).size > 1) {
    return {
      sameNetwork: false,
      reason: 'different address families',
      prefixLength: null,
      netmask: null,
      members: parsed.map((p) => ({ address: p.address.withoutZone().toString(), zone: p.address.zone || null, network: null, role: null })),
      commonPrefixLength: null,
      commonNetwork: null,
      warnings: [],
    };
  }
  let prefixLength: number;
  if (options.mask !== undefined) {
    const own = parsed.findIndex((p) => p.maskForm !== 'none');
    if (own >= 0) {
      throw new NetkitError('network', inputs[own]!, `it has its own mask (/${parsed[own]!.prefixLength}) and --mask was given too`);
    }
    const versions = new Set(parsed.map((p) => p.address.version));
    const m = parseMask(options.mask, versions.size === 1 ? parsed[0]!.address.version : undefined);
    prefixLength = m.prefixLength;
    for (const p of parsed) {
      if (prefixLength > p.address.bitLength) {
        throw new NetkitError('prefix length', options.mask, `/${prefixLength} is longer than an IPv${p.address.version} address`);
      }
    }
  } else {
    const lens = new Set(parsed.map((p) => p.prefixLength));
    const withMask = parsed.filter((p) => p.maskForm !== 'none');
    if (withMask.length === 0) {
      throw new NetkitRangeError('no mask given: add --mask (for example --mask 255.255.255.0) or write each address with its prefix (210.170.1.1/24)');
    }
    if (withMask.length !== parsed.length || lens.size !== 1) {
      const desc = inputs.map((t, i) => `${t} (/${parsed[i]!.prefixLength})`).join(', ');
      throw new NetkitRangeError(`the addresses carry different prefix lengths: ${desc}; give one --mask to compare them under`);
    }
    prefixLength = parsed[0]!.prefixLength;
  }
  const r = sameNetwork(parsed.map((p) => p.address), prefixLength);
  const members = r.networks.map((n) => ({
    address: n.address.withoutZone().toString(),
    zone: n.address.zone || null,
    network: n.network.toString(),
    role: new Subnet(n.address, prefixLength).addressRole,
  }));
  const warnings = members.map((a) => roleNote(a.zone ? `${a.address}%${a.zone}` : a.address, a.role, a.network)).filter((w): w is string => w !== null);
  return {
    sameNetwork: r.sameNetwork,
    reason: r.reason,
    prefixLength,
    netmask: netmaskText(parsed[0]!.address, prefixLength),
    members,
    commonPrefixLength: r.commonPrefixLength,
    commonNetwork: r.commonNetwork?.toString() ?? null,
    warnings,
  };
}

function netmaskText(a: Address, len: number): string {
  return new Subnet(a.withoutZone(), len).netmask.toString();
}

const rowJson = new WeakMap<object, string>();
// Quote a string for JSON; the common case (an address, a zone name) needs no escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
const js = (v: string | null) => (v === null ? 'null' : NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`);
const cachedJson = (o: object | null) => {
  if (o === null) return 'null';
  let t = rowJson.get(o);
  if (t === undefined) rowJson.set(o, (t = JSON.stringify(o)));
  return t;
};

/**
 * `JSON.stringify(report)`, written out field by field: the same text (a property
 * test holds them equal), several times faster on a million-line stdin.
 */
export function subnetReportToJson(r: SubnetReport): string {
  return (
    `{"input":${js(r.input)},"family":${r.family},"address":${js(r.address)},"zone":${js(r.zone)},"prefixLength":${r.prefixLength},` +
    `"maskForm":"${r.maskForm}","netmask":"${r.netmask}","hostmask":"${r.hostmask}","network":"${r.network}",` +
    `"networkAddress":"${r.networkAddress}","broadcast":${r.broadcast === null ? 'null' : `"${r.broadcast}"`},` +
    `"firstHost":"${r.firstHost}",` +
    `"lastHost":"${r.lastHost}","addresses":"${r.addresses}","usableHosts":"${r.usableHosts}",` +
    `"hostOffset":"${r.hostOffset}","addressRole":"${r.addressRole}","addressClass":${r.addressClass === null ? 'null' : `"${r.addressClass}"`},` +
    `"reverseZone":${r.reverseZone === null ? 'null' : `"${r.reverseZone}"`},` +
    `"ptr":"${r.ptr}","special":${cachedJson(r.special)},"isLoopback":${r.isLoopback},"isMulticast":${r.isMulticast},` +
    `"isLinkLocal":${r.isLinkLocal},"isUnspecified":${r.isUnspecified},"isGloballyReachable":${r.isGloballyReachable},` +
    `"isPrivate":${r.isPrivate},"embeddedIPv4":${r.embeddedIPv4 === null ? 'null' : JSON.stringify(r.embeddedIPv4)},` +
    `"nextNetwork":${r.nextNetwork === null ? 'null' : `"${r.nextNetwork}"`},` +
    `"previousNetwork":${r.previousNetwork === null ? 'null' : `"${r.previousNetwork}"`},` +
    `"addressBinary":"${r.addressBinary}","netmaskBinary":"${r.netmaskBinary}"}`
  );
}
