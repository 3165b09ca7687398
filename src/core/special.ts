// Classification from the IANA IPv4 and IPv6 Special-Purpose Address Registries
// (RFC 6890, updated by RFC 8190 and later), kept as data. The most specific row that
// contains an address answers; terminated rows are reported but decide nothing.

import { Address, parseAddress } from './address.js';
import { mask32 } from './mask.js';
import { Prefix } from './prefix.js';

/** One row of an IANA special-purpose registry. Flags are null where the registry leaves them blank or N/A. */
export interface SpecialRow {
  /** The address block, CIDR text. */
  block: string;
  /** The registry's name for it. */
  name: string;
  /** The RFC(s) that define it. */
  rfc: string;
  /** Allocation date, YYYY-MM. */
  allocated: string;
  /** Termination date (YYYY-MM) for rows the registry lists as terminated, else null. */
  terminated: string | null;
  source: boolean | null;
  destination: boolean | null;
  forwardable: boolean | null;
  /** Globally reachable; null where the registry says N/A (Teredo, 6to4) or leaves it blank. */
  globallyReachable: boolean | null;
  reservedByProtocol: boolean | null;
}

const T = true;
const F = false;
const N = null;
type Flags = [boolean | null, boolean | null, boolean | null, boolean | null, boolean | null];
type Raw = [block: string, name: string, rfc: string, allocated: string, terminated: string | null, flags: Flags];

// iana-ipv4-special-registry. Columns: Source, Destination, Forwardable, Globally Reachable, Reserved-by-Protocol.
const IPV4: Raw[] = [
  ['0.0.0.0/8', '"This network"', 'RFC 791 §3.2', '1981-09', N, [T, F, F, F, T]],
  ['0.0.0.0/32', '"This host on this network"', 'RFC 1122 §3.2.1.3', '1981-09', N, [T, F, F, F, T]],
  ['10.0.0.0/8', 'Private-Use', 'RFC 1918', '1996-02', N, [T, T, T, F, F]],
  ['100.64.0.0/10', 'Shared Address Space', 'RFC 6598', '2012-04', N, [T, T, T, F, F]],
  ['127.0.0.0/8', 'Loopback', 'RFC 1122 §3.2.1.3', '1981-09', N, [F, F, F, F, T]],
  ['169.254.0.0/16', 'Link Local', 'RFC 3927', '2005-05', N, [T, T, F, F, T]],
  ['172.16.0.0/12', 'Private-Use', 'RFC 1918', '1996-02', N, [T, T, T, F, F]],
  ['192.0.0.0/24', 'IETF Protocol Assignments', 'RFC 6890 §2.1', '2010-01', N, [F, F, F, F, F]],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', 'RFC 7335', '2011-06', N, [T, T, T, F, F]],
  ['192.0.0.8/32', 'IPv4 dummy address', 'RFC 7600', '2015-03', N, [T, F, F, F, F]],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', 'RFC 7723', '2015-10', N, [T, T, T, T, F]],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', '2017-02', N, [T, T, T, T, F]],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', 'RFC 8880; RFC 7050 §2.2', '2013-02', N, [F, F, F, F, T]],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', 'RFC 8880; RFC 7050 §2.2', '2013-02', N, [F, F, F, F, T]],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', 'RFC 5737', '2010-01', N, [F, F, F, F, F]],
  ['192.31.196.0/24', 'AS112-v4', 'RFC 7535', '2014-12', N, [T, T, T, T, F]],
  ['192.52.193.0/24', 'AMT', 'RFC 7450', '2014-12', N, [T, T, T, T, F]],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526', '2001-06', '2015-03', [N, N, N, N, N]],
  ['192.88.99.2/32', '6a44-relay anycast address', 'RFC 6751', '2012-10', N, [T, T, T, F, F]],
  ['192.168.0.0/16', 'Private-Use', 'RFC 1918', '1996-02', N, [T, T, T, F, F]],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', 'RFC 7534', '1996-01', N, [T, T, T, T, F]],
  ['198.18.0.0/15', 'Benchmarking', 'RFC 2544', '1999-03', N, [T, T, T, F, F]],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', 'RFC 5737', '2010-01', N, [F, F, F, F, F]],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', 'RFC 5737', '2010-01', N, [F, F, F, F, F]],
  ['240.0.0.0/4', 'Reserved', 'RFC 1112 §4', '1989-08', N, [F, F, F, F, T]],
  ['255.255.255.255/32', 'Limited Broadcast', 'RFC 8190; RFC 919 §7', '1984-10', N, [F, T, F, F, T]],
];

// iana-ipv6-special-registry.
const IPV6: Raw[] = [
  ['::1/128', 'Loopback Address', 'RFC 4291', '2006-02', N, [F, F, F, F, T]],
  ['::/128', 'Unspecified Address', 'RFC 4291', '2006-02', N, [T, F, F, F, T]],
  ['::ffff:0:0/96', 'IPv4-mapped Address', 'RFC 4291', '2006-02', N, [F, F, F, F, T]],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.', 'RFC 6052', '2010-10', N, [T, T, T, T, F]],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', 'RFC 8215', '2017-06', N, [T, T, T, F, F]],
  ['100::/64', 'Discard-Only Address Block', 'RFC 6666', '2012-06', N, [T, T, T, F, F]],
  // The Source column differs between copies of the registry; Globally Reachable is False in all.
  ['100:0:0:1::/64', 'Dummy IPv6 Prefix', 'RFC 9780', '2025-04', N, [T, F, F, F, F]],
  ['2001::/23', 'IETF Protocol Assignments', 'RFC 2928', '2000-09', N, [F, F, F, F, F]],
  ['2001::/32', 'TEREDO', 'RFC 4380; RFC 8190', '2006-01', N, [T, T, T, N, F]],
  ['2001:1::1/128', 'Port Control Protocol Anycast', 'RFC 7723', '2015-10', N, [T, T, T, T, F]],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', '2017-02', N, [T, T, T, T, F]],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665', '2024-04', N, [T, T, T, T, F]],
  ['2001:2::/48', 'Benchmarking', 'RFC 5180; RFC Errata 1752', '2008-04', N, [T, T, T, F, F]],
  ['2001:3::/32', 'AMT', 'RFC 7450', '2014-12', N, [T, T, T, T, F]],
  ['2001:4:112::/48', 'AS112-v6', 'RFC 7535', '2014-12', N, [T, T, T, T, F]],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', 'RFC 4843', '2007-03', '2014-03', [N, N, N, N, N]],
  ['2001:20::/28', 'ORCHIDv2', 'RFC 7343', '2014-07', N, [T, T, T, T, F]],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'RFC 9374', '2022-12', N, [T, T, T, T, F]],
  ['2001:db8::/32', 'Documentation', 'RFC 3849', '2004-07', N, [F, F, F, F, F]],
  ['2002::/16', '6to4', 'RFC 3056', '2001-02', N, [T, T, T, N, F]],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'RFC 7534', '2011-05', N, [T, T, T, T, F]],
  ['3fff::/20', 'Documentation', 'RFC 9637', '2024-07', N, [F, F, F, F, F]],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs', 'RFC 9602', '2024-04', N, [T, T, T, F, F]],
  ['fc00::/7', 'Unique-Local', 'RFC 4193; RFC 8190', '2005-10', N, [T, T, T, F, F]],
  ['fe80::/10', 'Link-Local Unicast', 'RFC 4291', '2006-02', N, [T, T, F, F, T]],
];

function toRow([block, name, rfc, allocated, terminated, [s, d, f, gr, rbp]]: Raw): SpecialRow {
  return {
    block, name, rfc, allocated, terminated,
    source: s, destination: d, forwardable: f, globallyReachable: gr, reservedByProtocol: rbp,
  };
}

/** The IPv4 Special-Purpose Address Registry, as data. */
export const IPV4_SPECIAL_REGISTRY: readonly SpecialRow[] = Object.freeze(IPV4.map(toRow));
/** The IPv6 Special-Purpose Address Registry, as data. */
export const IPV6_SPECIAL_REGISTRY: readonly SpecialRow[] = Object.freeze(IPV6.map(toRow));

interface Indexed {
  prefix: Prefix;
  row: SpecialRow;
  /** IPv4 rows: the block's first address and mask as numbers, for a fast test. */
  base: number;
  mask: number;
}
let index: { 4: Indexed[]; 6: Indexed[] } | null = null;

function getIndex() {
  if (!index) {
    // Most specific first, so the first hit is the answer.
    const build = (rows: readonly SpecialRow[]) =>
      rows
        .map((row) => {
          const [a, l] = row.block.split('/');
          const prefix = new Prefix(parseAddress(a!), Number(l));
          const mask = mask32(prefix.prefixLength);
          return { prefix, row, base: prefix.address.w3, mask };
        })
        .sort((x, y) => y.prefix.prefixLength - x.prefix.prefixLength);
    index = { 4: build(IPV4_SPECIAL_REGISTRY), 6: build(IPV6_SPECIAL_REGISTRY) };
  }
  return index;
}

/** The most specific registry row containing the address (terminated rows included), or null. */
export function specialRow(addr: Address): SpecialRow | null {
  return lookup(addr, false);
}

/** The most specific row that still decides (not terminated), or null. */
function decidingRow(addr: Address): SpecialRow | null {
  return lookup(addr, true);
}

function lookup(addr: Address, decidingOnly: boolean): SpecialRow | null {
  const rows = getIndex()[addr.version];
  if (addr.version === 4) {
    const v = addr.w3;
    for (const e of rows) {
      if (((v & e.mask) >>> 0) === e.base && !(decidingOnly && e.row.terminated !== null)) return e.row;
    }
    return null;
  }
  for (const e of rows) if (!(decidingOnly && e.row.terminated !== null) && e.prefix.contains(addr)) return e.row;
  return null;
}

const within = (a: Address, top: number, bits: number) =>
  (a.version === 4 ? a.w3 : a.w0) >>> (32 - bits) === top;

// The door-guarding predicates (loopback, private, globally reachable) answer for the
// IPv4 address inside an IPv4-mapped one: on a dual-stack socket a packet to
// ::ffff:127.0.0.1 goes to 127.0.0.1, so an SSRF guard or an allow-list must see it as
// loopback (Python 3.13 and Go's netip do the same). The registry row stays IANA's.

/** 127.0.0.0/8 or ::1 (RFC 1122, RFC 4291); an IPv4-mapped address answers for its IPv4. */
export function isLoopback(a: Address): boolean {
  a = a.unmap();
  return a.version === 4 ? within(a, 127, 8) : a.w0 === 0 && a.w1 === 0 && a.w2 === 0 && a.w3 === 1;
}

/** 224.0.0.0/4 (RFC 5771) or ff00::/8 (RFC 4291 §2.7). */
export function isMulticast(a: Address): boolean {
  return a.version === 4 ? within(a, 0xe, 4) : within(a, 0xff, 8);
}

/** 169.254.0.0/16 (RFC 3927) or fe80::/10 (RFC 4291 §2.5.6); not the multicast link-local scope. */
export function isLinkLocal(a: Address): boolean {
  return a.version === 4 ? within(a, 0xa9fe, 16) : within(a, 0x3fa, 10);
}

/** 0.0.0.0 or :: . */
export function isUnspecified(a: Address): boolean {
  return a.w0 === 0 && a.w1 === 0 && a.w2 === 0 && a.w3 === 0;
}

/** RFC 1918 private-use IPv4: 10/8, 172.16/12, 192.168/16. Not 100.64/10 (shared space). */
export function isRfc1918(a: Address): boolean {
  return a.version === 4 && (within(a, 10, 8) || within(a, 0xac1, 12) || within(a, 0xc0a8, 16));
}

/** IPv6 Unique-Local fc00::/7 (RFC 4193). */
export function isUniqueLocal(a: Address): boolean {
  return a.version === 6 && within(a, 0x7e, 7);
}

/**
 * Private in netkit's sense: RFC 1918 for IPv4, Unique-Local for IPv6. These are
 * the ranges a site numbers its own hosts from. Deliberately narrower than
 * Python's `is_private` (which adds loopback, link-local, documentation...) and not
 * the shared address space 100.64.0.0/10 either.
 */
export function isPrivate(a: Address): boolean {
  return isRfc1918(a.unmap()) || isUniqueLocal(a);
}

/** The deprecated site-local fec0::/10 (RFC 3879). */
export function isSiteLocal(a: Address): boolean {
  return a.version === 6 && within(a, 0x3fb, 10);
}

/**
 * Globally reachable per the registries: the most specific non-terminated row's flag
 * (N/A counts as not reachable). Unlisted IPv4 is reachable unless multicast;
 * unlisted IPv6 only inside global unicast 2000::/3. An IPv4-mapped address answers
 * for the IPv4 address inside it (where a packet to it goes), though its own registry
 * row (::ffff:0:0/96) says not reachable.
 */
export function isGloballyReachable(a: Address): boolean {
  a = a.unmap();
  return reachableFrom(a, decidingRow(a));
}

function reachableFrom(a: Address, deciding: SpecialRow | null): boolean {
  if (deciding) return deciding.globallyReachable === true;
  if (a.version === 4) return !isMulticast(a);
  return within(a, 1, 3);
}

/** Where an IPv6 address carries an IPv4 address inside it. */
export interface EmbeddedIPv4 {
  /** The mechanism: IPv4-mapped (RFC 4291), NAT64 well-known prefix (RFC 6052) or 6to4 (RFC 3056). */
  via: 'ipv4-mapped' | 'nat64' | '6to4';
  ipv4: Address;
}

/** The IPv4 address embedded in an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 address, else null. */
export function embeddedIPv4(a: Address): EmbeddedIPv4 | null {
  if (a.version !== 6) return null;
  if (a.is4In6) return { via: 'ipv4-mapped', ipv4: a.unmap() };
  if (a.w0 === 0x0064ff9b && a.w1 === 0 && a.w2 === 0) return { via: 'nat64', ipv4: Address.v4(a.w3) };
  if (a.w0 >>> 16 === 0x2002) {
    return { via: '6to4', ipv4: Address.v4((((a.w0 & 0xffff) << 16) | (a.w1 >>> 16)) >>> 0) };
  }
  return null;
}

/** Everything classification says about one address. */
export interface Classification {
  special: SpecialRow | null;
  isLoopback: boolean;
  isMulticast: boolean;
  isLinkLocal: boolean;
  isUnspecified: boolean;
  isGloballyReachable: boolean;
  isPrivate: boolean;
  /** For IPv4-mapped, NAT64 and 6to4 addresses: the IPv4 inside and its own registry row. */
  embedded: (EmbeddedIPv4 & { special: SpecialRow | null }) | null;
}

export function classify(a: Address): Classification {
  const e = embeddedIPv4(a);
  const special = specialRow(a);
  // One registry walk in the common case: the most specific row decides unless terminated.
  const deciding = special === null || special.terminated === null ? special : decidingRow(a);
  return {
    special,
    isLoopback: isLoopback(a),
    isMulticast: isMulticast(a),
    isLinkLocal: isLinkLocal(a),
    isUnspecified: isUnspecified(a),
    isGloballyReachable: a.is4In6 ? isGloballyReachable(a) : reachableFrom(a, deciding),
    isPrivate: isPrivate(a),
    embedded: e ? { ...e, special: specialRow(e.ipv4) } : null,
  };
}
