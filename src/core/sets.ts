// Values built on the range lists: an inclusive range (IPRange), the entries of an
// address set (an address, a network or a range) and AddressSet, an immutable set of
// IPv4 and IPv6 addresses with union, exclude, intersect and lookups.

import { Address, parseAddress, type IPVersion } from './address.js';
import { NetkitError } from './errors.js';
import { Prefix, parseNetwork } from './prefix.js';
import {
  IPv4Ranges,
  IPv6Ranges,
  copyIPv4,
  copyIPv6,
  excludeIPv4,
  excludeIPv6,
  intersectIPv4,
  intersectIPv6,
  ipv4RangeToCidrs,
  ipv6RangeToCidrs,
  ipv6RangeToCidrWords,
  type IPv4RangeList,
  type IPv6RangeList,
} from './ranges.js';


/** An inclusive range of addresses of one family, first <= last. */
export class IPRange {
  readonly first: Address;
  readonly last: Address;

  constructor(first: Address, last: Address) {
    if (first.version !== last.version) {
      throw new NetkitError('range', `${first}-${last}`, 'the two ends are of different address families');
    }
    if (first.zone || last.zone) throw new NetkitError('range', `${first}-${last}`, 'a zone (%) is not allowed in a range');
    if (first.compare(last) > 0) {
      throw new NetkitError('range', `${first}-${last}`, 'the end comes before the start');
    }
    this.first = first;
    this.last = last;
  }

  static fromPrefix(p: Prefix): IPRange {
    return new IPRange(p.first(), p.last());
  }

  get version(): IPVersion {
    return this.first.version;
  }

  /** Number of addresses. */
  size(): bigint {
    return this.last.toBigInt() - this.first.toBigInt() + 1n;
  }

  contains(addr: Address): boolean {
    return addr.version === this.version && this.first.compare(addr.withoutZone()) <= 0 && addr.withoutZone().compare(this.last) <= 0;
  }

  /** The minimal CIDR blocks that cover exactly this range. */
  toCidrs(): Prefix[] {
    return rangeToCidrs(this.first, this.last);
  }

  toString(): string {
    return `${this.first}-${this.last}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The minimal list of CIDR blocks covering first..last exactly, ascending. */
export function rangeToCidrs(first: Address, last: Address): Prefix[] {
  const r = new IPRange(first, last);
  const out: Prefix[] = [];
  if (r.version === 4) {
    ipv4RangeToCidrs(first.w3, last.w3, (n, len) => out.push(new Prefix(Address.v4(n), len)));
  } else {
    ipv6RangeToCidrs(first.toBigInt(), last.toBigInt(), (n, len) => out.push(new Prefix(Address.fromBigInt(6, n), len)));
  }
  return out;
}

/** Parse a range `FIRST-LAST` (both ends of one family, first <= last), strictly: no spaces. */
export function parseRange(text: string): IPRange {
  const dash = text.indexOf('-');
  if (dash < 0) throw new NetkitError('range', text, 'expected FIRST-LAST');
  if (text.indexOf('-', dash + 1) >= 0) throw new NetkitError('range', text, 'more than one "-"', text.indexOf('-', dash + 1));
  const a = text.slice(0, dash);
  const b = text.slice(dash + 1);
  if (a.length === 0) throw new NetkitError('range', text, 'no address before "-"', 0);
  if (b.length === 0) throw new NetkitError('range', text, 'no address after "-"', dash);
  if (/\s/.test(a) || /\s/.test(b)) throw new NetkitError('range', text, 'spaces are not allowed around "-"', text.search(/\s/));
  const wrap = (part: string, offset: number): Address => {
    try {
      return parseAddress(part);
    } catch (e) {
      if (e instanceof NetkitError) {
        throw new NetkitError('range', text, `${e.message.replace(/^invalid /, '')}`, offset + (e.position ?? 0));
      }
      throw e;
    }
  };
  const first = wrap(a, 0);
  const last = wrap(b, dash + 1);
  if (first.zone || last.zone) throw new NetkitError('range', text, 'a zone (%) is not allowed in a range');
  if (first.version !== last.version) {
    throw new NetkitError('range', text, `the ends are of different families (IPv${first.version} and IPv${last.version})`);
  }
  if (first.compare(last) > 0) throw new NetkitError('range', text, 'the end comes before the start');
  return new IPRange(first, last);
}

/**
 * Parse one entry of an address set: an address, a network (`ADDR/LEN` or any mask
 * spelling, host bits zero) or a range `FIRST-LAST`.
 */
export function parseSetEntry(text: string): IPRange {
  if (text.indexOf('-') >= 0) return parseRange(text);
  if (text.indexOf('/') >= 0) return IPRange.fromPrefix(parseNetwork(text));
  const a = parseAddress(text);
  if (a.zone) throw new NetkitError('IP address', text, 'a zone (%) is not allowed in an address set', text.indexOf('%'));
  return new IPRange(a, a);
}

export type SetEntry = string | Address | Prefix | IPRange;

/**
 * A set of IPv4 and IPv6 addresses, kept as normalized ranges (sorted, disjoint,
 * not adjacent). Immutable once built; operations return new sets. `v4` and `v6`
 * are read-only views of lists the set owns.
 */
export class AddressSet {
  readonly #v4: IPv4Ranges;
  readonly #v6: IPv6Ranges;

  /**
   * A set from typed range lists (any order, overlaps allowed). The set takes the
   * lists over and normalizes them in place: the caller must not change them after.
   */
  constructor(v4: IPv4Ranges = new IPv4Ranges(), v6: IPv6Ranges = new IPv6Ranges()) {
    this.#v4 = v4.normalize();
    this.#v6 = v6.normalize();
  }

  /** The IPv4 ranges, ascending (a read-only view). */
  get v4(): IPv4RangeList {
    return this.#v4;
  }

  /** The IPv6 ranges, ascending (a read-only view). */
  get v6(): IPv6RangeList {
    return this.#v6;
  }

  /** A set from entries: address, network or range text, or values. */
  static from(entries: Iterable<SetEntry>): AddressSet {
    const v4 = new IPv4Ranges();
    const v6 = new IPv6Ranges();
    for (const e of entries) addRange(v4, v6, toRange(e));
    return new AddressSet(v4, v6);
  }

  /** Addresses in this set or the other. */
  union(other: AddressSet): AddressSet {
    const v4 = copyIPv4(this.#v4);
    for (let i = 0; i < other.#v4.length; i++) v4.push(other.#v4.start(i), other.#v4.end(i));
    const v6 = copyIPv6(this.#v6);
    const d = other.#v6.data;
    for (let i = 0; i < other.#v6.length; i++) v6.pushWords(d, i * 8);
    return new AddressSet(v4, v6);
  }

  /** Addresses in this set that are not in the other. */
  exclude(other: AddressSet): AddressSet {
    return new AddressSet(excludeIPv4(this.#v4, other.#v4), excludeIPv6(this.#v6, other.#v6));
  }

  /** Addresses in both sets. */
  intersect(other: AddressSet): AddressSet {
    return new AddressSet(intersectIPv4(this.#v4, other.#v4), intersectIPv6(this.#v6, other.#v6));
  }

  /** Do the two sets hold exactly the same addresses? */
  equals(other: AddressSet): boolean {
    const a = this.#v4;
    const b = other.#v4;
    if (a.length !== b.length || this.#v6.length !== other.#v6.length) return false;
    for (let i = 0; i < a.length; i++) if (a.start(i) !== b.start(i) || a.end(i) !== b.end(i)) return false;
    const x = this.#v6.data;
    const y = other.#v6.data;
    for (let k = 0; k < this.#v6.length * 8; k++) if (x[k] !== y[k]) return false;
    return true;
  }

  /** Is the address in the set? Binary search: O(log n). */
  contains(addr: Address): boolean {
    const a = addr.withoutZone();
    if (a.version === 4) {
      const r = this.#v4;
      let lo = 0;
      let hi = r.length - 1;
      if (hi < 0 || a.w3 < r.start(0)) return false;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (r.start(mid) <= a.w3) lo = mid;
        else hi = mid - 1;
      }
      return a.w3 <= r.end(lo);
    }
    const r = this.#v6;
    const v = a.toBigInt();
    let lo = 0;
    let hi = r.length - 1;
    if (hi < 0 || v < r.startBig(0)) return false;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (r.startBig(mid) <= v) lo = mid;
      else hi = mid - 1;
    }
    return v <= r.endBig(lo);
  }

  isEmpty(): boolean {
    return this.#v4.length === 0 && this.#v6.length === 0;
  }

  /** Number of addresses, IPv4 and IPv6 together. */
  size(): bigint {
    return BigInt(this.#v4.count()) + this.#v6.count();
  }

  /** The ranges, IPv4 first, ascending. */
  ranges(): IPRange[] {
    const out: IPRange[] = [];
    for (let i = 0; i < this.#v4.length; i++) out.push(new IPRange(Address.v4(this.#v4.start(i)), Address.v4(this.#v4.end(i))));
    for (let i = 0; i < this.#v6.length; i++) {
      out.push(new IPRange(Address.fromBigInt(6, this.#v6.startBig(i)), Address.fromBigInt(6, this.#v6.endBig(i))));
    }
    return out;
  }

  /** The minimal sorted list of CIDR blocks covering exactly this set, IPv4 first. */
  cidrs(): Prefix[] {
    const out: Prefix[] = [];
    for (let i = 0; i < this.#v4.length; i++) {
      ipv4RangeToCidrs(this.#v4.start(i), this.#v4.end(i), (n, len) => out.push(new Prefix(Address.v4(n), len)));
    }
    for (let i = 0; i < this.#v6.length; i++) {
      ipv6RangeToCidrWords(this.#v6, i, (n, len) => out.push(new Prefix(Address.v6(n[0]!, n[1]!, n[2]!, n[3]!), len)));
    }
    return out;
  }
}

function toRange(e: SetEntry): IPRange {
  if (typeof e === 'string') return parseSetEntry(e);
  if (e instanceof IPRange) return e;
  if (e instanceof Prefix) return IPRange.fromPrefix(e.masked());
  const a = e.withoutZone();
  return new IPRange(a, a);
}

function addRange(v4: IPv4Ranges, v6: IPv6Ranges, r: IPRange): void {
  if (r.version === 4) v4.push(r.first.w3, r.last.w3);
  else v6.push(r.first.w0, r.first.w1, r.first.w2, r.first.w3, r.last.w0, r.last.w1, r.last.w2, r.last.w3);
}

/** The minimal sorted CIDR list covering the entries (addresses, networks, ranges), IPv4 first. */
export function mergeCidrs(entries: Iterable<SetEntry>): Prefix[] {
  return AddressSet.from(entries).cidrs();
}

/** The minimal sorted CIDR list of the addresses every one of the sets holds. */
export function intersectCidrs(first: Iterable<SetEntry>, ...others: Iterable<SetEntry>[]): Prefix[] {
  let set = AddressSet.from(first);
  for (const o of others) set = set.intersect(AddressSet.from(o));
  return set.cidrs();
}

/** The minimal sorted CIDR list of the addresses in `from` that are not in `remove`. */
export function excludeCidrs(from: Iterable<SetEntry>, remove: Iterable<SetEntry>): Prefix[] {
  return AddressSet.from(from).exclude(AddressSet.from(remove)).cidrs();
}
