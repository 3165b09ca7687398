// DNSSEC checks through node:crypto: key tags (RFC 4034 appendix B), DS digests
// (RFC 4034 5.1.4, RFC 4509, RFC 6605), RRSIG verification over the canonical RRset
// (RFC 4034 3.1.8.1 and 6) with validity windows against an injected clock, and the
// zone-cut step of the chain of trust (RFC 4035 5.2). Results are values with reasons,
// never exceptions: a validator's "no" is data the trace shows.

import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import {
  canonicalName,
  canonicalNameWire,
  canonicalRdata,
  concat,
  labelCount,
  nameToLabels,
  labelsToWire,
  labelsToName,
  readName,
  sameName,
  TYPE,
  u16,
  u32,
  type WireRr,
} from './wire.js';

/** IANA DNS Security Algorithm Numbers (mnemonics as the registry writes them). */
export const ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  1: 'RSAMD5',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'DSA-NSEC3-SHA1',
  7: 'RSASHA1-NSEC3-SHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECC-GOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
};

/** The algorithms netkit verifies; a signature by any other is "unsupported algorithm". */
export const SUPPORTED_ALGORITHMS: ReadonlySet<number> = new Set([8, 10, 13, 14, 15]);

/** IANA DS digest types netkit computes: SHA-1 (RFC 4034), SHA-256 (RFC 4509), SHA-384 (RFC 6605). */
export const DIGEST_TYPES: Readonly<Record<number, { name: string; hash: string; length: number }>> = {
  1: { name: 'SHA-1', hash: 'sha1', length: 20 },
  2: { name: 'SHA-256', hash: 'sha256', length: 32 },
  4: { name: 'SHA-384', hash: 'sha384', length: 48 },
};

export function algorithmName(n: number): string {
  return ALGORITHM_NAMES[n] ?? `algorithm ${n}`;
}

export interface Dnskey {
  flags: number;
  protocol: number;
  algorithm: number;
  publicKey: Uint8Array;
  keyTag: number;
}

export interface Ds {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Uint8Array;
}

export interface Rrsig {
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  /** Seconds since the epoch modulo 2^32 (RFC 4034 3.1.5). */
  expiration: number;
  inception: number;
  keyTag: number;
  signerName: string;
  signature: Uint8Array;
  /** The RDATA before the signature field (the first part of the signed data). */
  head: Uint8Array;
}

/** A record the checks cannot read (its RDATA is too short for its type). */
export class DnssecFormatError extends Error {
  override readonly name = 'DnssecFormatError';
}

/** RFC 4034 appendix B: the key tag, a checksum over the DNSKEY RDATA. */
export function keyTag(rdata: Uint8Array): number {
  // B.1: algorithm 1 (RSA/MD5) takes the 16 bits before the last octet of the modulus.
  if (rdata.length >= 4 && rdata[3] === 1) {
    return rdata.length >= 3 ? (rdata[rdata.length - 3] << 8) | rdata[rdata.length - 2] : 0;
  }
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}

export function parseDnskey(rdata: Uint8Array): Dnskey {
  if (rdata.length < 4) throw new DnssecFormatError(`DNSKEY RDATA of ${rdata.length} octets is too short`);
  return { flags: u16(rdata, 0), protocol: rdata[2], algorithm: rdata[3], publicKey: rdata.subarray(4), keyTag: keyTag(rdata) };
}

export function parseDs(rdata: Uint8Array): Ds {
  if (rdata.length < 5) throw new DnssecFormatError(`DS RDATA of ${rdata.length} octets is too short`);
  return { keyTag: u16(rdata, 0), algorithm: rdata[2], digestType: rdata[3], digest: rdata.subarray(4) };
}

export function parseRrsig(rdata: Uint8Array): Rrsig {
  if (rdata.length < 19) throw new DnssecFormatError(`RRSIG RDATA of ${rdata.length} octets is too short`);
  const { labels, next } = readName(rdata, 18);
  return {
    typeCovered: u16(rdata, 0),
    algorithm: rdata[2],
    labels: rdata[3],
    originalTtl: u32(rdata, 4),
    expiration: u32(rdata, 8),
    inception: u32(rdata, 12),
    keyTag: u16(rdata, 16),
    signerName: labelsToName(labels),
    signature: rdata.subarray(next),
    head: rdata.subarray(0, next),
  };
}

/** RFC 4034 5.1.4: digest = hash(canonical owner name | DNSKEY RDATA); undefined for unknown digest types. */
export function dsDigest(owner: string, dnskeyRdata: Uint8Array, digestType: number): Uint8Array | undefined {
  const d = DIGEST_TYPES[digestType];
  if (!d) return undefined;
  return new Uint8Array(createHash(d.hash).update(canonicalNameWire(owner)).update(dnskeyRdata).digest());
}

/** Make the DS record a parent would publish for this DNSKEY. */
export function makeDs(owner: string, dnskeyRdata: Uint8Array, digestType: number): Ds {
  const digest = dsDigest(owner, dnskeyRdata, digestType);
  if (!digest) throw new DnssecFormatError(`unsupported DS digest type ${digestType}`);
  return { keyTag: keyTag(dnskeyRdata), algorithm: dnskeyRdata[3], digestType, digest };
}

/**
 * The octets an RRSIG signs (RFC 4034 3.1.8.1): the RRSIG RDATA without the signature
 * (signer name canonical), then each RR of the set in canonical form (6.2) with the
 * original TTL, in canonical order (6.3), duplicates dropped. An owner with more labels
 * than the RRSIG counts was expanded from a wildcard and is signed as "*.<closer>" (5.3.2).
 */
export function signedData(sig: Rrsig, rrset: readonly WireRr[]): Uint8Array {
  const head = concat([sig.head.subarray(0, 18), canonicalNameWire(sig.signerName)]);
  const ownerLabels = nameToLabels(rrset[0].name);
  let owner = labelsToWire(ownerLabels, true);
  if (sig.labels < labelCount(rrset[0].name)) {
    const keep = ownerLabels.slice(ownerLabels.length - sig.labels);
    owner = labelsToWire([Uint8Array.of(0x2a), ...keep], true);
  }
  const rdatas = rrset.map((rr) => canonicalRdata(rr.type, rr.rdata));
  rdatas.sort(compareBytes);
  const unique = rdatas.filter((r, i) => i === 0 || compareBytes(r, rdatas[i - 1]) !== 0);
  const parts: Uint8Array[] = [head];
  const t = rrset[0].type;
  const c = rrset[0].class;
  for (const r of unique) {
    const fixed = new Uint8Array(10);
    fixed[0] = t >> 8;
    fixed[1] = t & 0xff;
    fixed[2] = c >> 8;
    fixed[3] = c & 0xff;
    fixed[4] = sig.originalTtl >>> 24;
    fixed[5] = (sig.originalTtl >>> 16) & 0xff;
    fixed[6] = (sig.originalTtl >>> 8) & 0xff;
    fixed[7] = sig.originalTtl & 0xff;
    fixed[8] = r.length >> 8;
    fixed[9] = r.length & 0xff;
    parts.push(owner, fixed, r);
  }
  return concat(parts);
}

/** RFC 4034 6.3: RDATA compare as left-justified unsigned octet sequences. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** The DNSKEY public key as a node:crypto key, or a reason it cannot be one. */
export function publicKeyOf(algorithm: number, key: Uint8Array): KeyObject | string {
  try {
    switch (algorithm) {
      case 8:
      case 10: {
        // RFC 3110 2: exponent length in one octet, or 0 then two octets.
        if (key.length < 3) return 'RSA public key is too short';
        let elen = key[0];
        let p = 1;
        if (elen === 0) {
          elen = u16(key, 1);
          p = 3;
        }
        if (elen === 0 || p + elen >= key.length) return 'RSA public key has a bad exponent length';
        const e = key.subarray(p, p + elen);
        const n = key.subarray(p + elen);
        return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
      }
      case 13:
      case 14: {
        // RFC 6605 4: Q as x | y, 32 or 48 octets each.
        const size = algorithm === 13 ? 32 : 48;
        if (key.length !== 2 * size) return `ECDSA public key is ${key.length} octets, not ${2 * size}`;
        return createPublicKey({
          key: { kty: 'EC', crv: algorithm === 13 ? 'P-256' : 'P-384', x: b64url(key.subarray(0, size)), y: b64url(key.subarray(size)) },
          format: 'jwk',
        });
      }
      case 15:
        // RFC 8080 3: the 32-octet public key as RFC 8032 encodes it.
        if (key.length !== 32) return `Ed25519 public key is ${key.length} octets, not 32`;
        return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key) }, format: 'jwk' });
      default:
        return 'unsupported algorithm';
    }
  } catch (e) {
    return `public key does not load (${(e as Error).message})`;
  }
}

/** Verify one signature; true, false, or a reason the check could not run. */
export function verifySignature(algorithm: number, publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean | string {
  const key = publicKeyOf(algorithm, publicKey);
  if (typeof key === 'string') return key;
  try {
    switch (algorithm) {
      case 8:
        return cryptoVerify('sha256', data, key, signature);
      case 10:
        return cryptoVerify('sha512', data, key, signature);
      case 13:
        // RFC 6605 4: the signature is r | s, which node calls IEEE P1363 encoding.
        return cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 14:
        return cryptoVerify('sha384', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
      case 15:
        return cryptoVerify(null, data, key, signature);
      default:
        return 'unsupported algorithm';
    }
  } catch {
    return false;
  }
}

/** RFC 1982 serial number arithmetic on 32 bits: is a before b? */
function serialLess(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d !== 0 && d < 0x80000000;
}

/** `now` in RRSIG time: seconds since the epoch, modulo 2^32. */
export function rrsigTime(now: Date): number {
  return Math.floor(now.getTime() / 1000) >>> 0;
}

/** RRSIG times as dig prints them: YYYYMMDDHHmmSS, UTC (the 32-bit value nearest `near`). */
export function formatRrsigTime(t: number, near: Date = new Date()): string {
  const nowS = Math.floor(near.getTime() / 1000);
  // Pick the 2^32 cycle that puts t closest to `near`.
  const base = nowS - (nowS >>> 0);
  let s = base + t;
  if (s - nowS > 0x80000000) s -= 0x100000000;
  else if (nowS - s > 0x80000000) s += 0x100000000;
  return new Date(s * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export type Verdict = 'secure' | 'insecure' | 'bogus';

export interface RrsetCheck {
  status: Verdict;
  /** Why not secure: one line naming the zone, key tag and the check that failed. */
  reason?: string;
  /** The key that verified, when secure. */
  keyTag?: number;
  algorithm?: number;
}

/**
 * Is this RRset signed by one of these keys, inside its validity window at `now`?
 * RFC 4035 5.3.1 checks: signer is the zone, covered type and labels fit, the window
 * holds `now`, a key with that tag and algorithm verifies it. Secure if any RRSIG
 * verifies; an RRset signed only with algorithms netkit lacks is insecure (RFC 4035 5.2).
 */
export function checkRrset(
  rrset: readonly WireRr[],
  rrsigs: readonly WireRr[],
  keys: readonly WireRr[],
  zone: string,
  now: Date,
): RrsetCheck {
  if (rrset.length === 0) return { status: 'bogus', reason: 'empty RRset' };
  const what = `${canonicalName(rrset[0].name)} ${typeName(rrset[0].type)}`;
  const t = rrsigTime(now);
  const reasons: string[] = [];
  let unsupported = 0;
  let considered = 0;
  for (const rr of rrsigs) {
    let sig: Rrsig;
    try {
      sig = parseRrsig(rr.rdata);
    } catch (e) {
      reasons.push((e as Error).message);
      continue;
    }
    if (sig.typeCovered !== rrset[0].type || !sameName(rr.name, rrset[0].name)) continue;
    considered++;
    const tag = `key tag ${sig.keyTag} (${algorithmName(sig.algorithm)})`;
    if (!sameName(sig.signerName, zone)) {
      reasons.push(`RRSIG ${tag} is by ${canonicalName(sig.signerName)}, not the zone ${canonicalName(zone)}`);
      continue;
    }
    if (sig.labels > labelCount(rrset[0].name)) {
      reasons.push(`RRSIG ${tag} counts ${sig.labels} labels, more than the owner has`);
      continue;
    }
    if (!SUPPORTED_ALGORITHMS.has(sig.algorithm)) {
      unsupported++;
      reasons.push(`unsupported algorithm ${algorithmName(sig.algorithm)} (RRSIG ${tag})`);
      continue;
    }
    if (serialLess(sig.expiration, t)) {
      reasons.push(`signature expired at ${formatRrsigTime(sig.expiration, now)} (RRSIG ${tag})`);
      continue;
    }
    if (serialLess(t, sig.inception)) {
      reasons.push(`signature not valid until ${formatRrsigTime(sig.inception, now)} (RRSIG ${tag})`);
      continue;
    }
    const candidates = keys
      .map((k) => {
        try {
          return parseDnskey(k.rdata);
        } catch {
          return undefined;
        }
      })
      .filter((k): k is Dnskey => k !== undefined && k.keyTag === sig.keyTag && k.algorithm === sig.algorithm && k.protocol === 3 && (k.flags & 0x0100) !== 0);
    if (candidates.length === 0) {
      reasons.push(`no DNSKEY with ${tag} in ${canonicalName(zone)}`);
      continue;
    }
    const data = signedData(sig, rrset);
    let last: boolean | string = false;
    // Key tags collide; try every key with this tag (RFC 4035 5.3.1).
    for (const k of candidates) {
      last = verifySignature(sig.algorithm, k.publicKey, data, sig.signature);
      if (last === true) return { status: 'secure', keyTag: sig.keyTag, algorithm: sig.algorithm };
    }
    reasons.push(typeof last === 'string' ? `${last} (RRSIG ${tag})` : `signature does not verify (RRSIG ${tag})`);
  }
  if (considered === 0) return { status: 'bogus', reason: `${what}: no RRSIG` };
  if (unsupported === considered) return { status: 'insecure', reason: `${what}: ${reasons.join('; ')}` };
  return { status: 'bogus', reason: `${what}: ${reasons.filter((r) => !r.startsWith('unsupported')).join('; ')}` };
}

export interface ZoneKeysCheck extends RrsetCheck {
  /** The zone's DNSKEY RRset, trusted when secure. */
  keys: WireRr[];
  /** Key tags of the DNSKEYs a DS (or anchor) matched. */
  matched: number[];
}

/**
 * One zone cut of the chain of trust (RFC 4035 5.2): some trusted DS (or an anchor
 * DNSKEY) matches a DNSKEY of the zone, and that key signs the zone's DNSKEY RRset.
 * `anchors` holds DS records and/or DNSKEY records (a trust anchor file may give either).
 */
export function checkZoneKeys(
  zone: string,
  anchors: readonly WireRr[],
  dnskeys: readonly WireRr[],
  rrsigs: readonly WireRr[],
  now: Date,
): ZoneKeysCheck {
  const z = canonicalName(zone);
  const keys = dnskeys.filter((k) => k.type === TYPE.DNSKEY && sameName(k.name, zone));
  const dsSet = anchors.filter((a) => a.type === TYPE.DS && sameName(a.name, zone));
  const keyAnchors = anchors.filter((a) => a.type === TYPE.DNSKEY && sameName(a.name, zone));
  const usableDs = dsSet.filter((d) => {
    try {
      const ds = parseDs(d.rdata);
      return DIGEST_TYPES[ds.digestType] !== undefined && SUPPORTED_ALGORITHMS.has(ds.algorithm);
    } catch {
      return false;
    }
  });
  if (usableDs.length === 0 && keyAnchors.length === 0) {
    if (dsSet.length === 0) return { status: 'insecure', reason: `${z}: no DS in the parent`, keys, matched: [] };
    // RFC 4035 5.2: a DS set with no supported algorithm or digest is treated as insecure.
    return { status: 'insecure', reason: `${z}: unsupported algorithm or digest type in every DS`, keys, matched: [] };
  }
  if (keys.length === 0) return { status: 'bogus', reason: `${z}: no DNSKEY records`, keys, matched: [] };
  const matchedKeys: WireRr[] = [];
  for (const k of keys) {
    let info: Dnskey;
    try {
      info = parseDnskey(k.rdata);
    } catch {
      continue;
    }
    if ((info.flags & 0x0100) === 0 || info.protocol !== 3) continue;
    const byAnchor = keyAnchors.some((a) => compareBytes(a.rdata, k.rdata) === 0);
    const byDs = usableDs.some((d) => {
      const ds = parseDs(d.rdata);
      if (ds.keyTag !== info.keyTag || ds.algorithm !== info.algorithm) return false;
      const dig = dsDigest(zone, k.rdata, ds.digestType);
      return dig !== undefined && compareBytes(dig, ds.digest) === 0;
    });
    if (byAnchor || byDs) matchedKeys.push(k);
  }
  const matched = matchedKeys.map((k) => keyTag(k.rdata));
  if (matchedKeys.length === 0) {
    const tags = usableDs.map((d) => parseDs(d.rdata).keyTag);
    const what = tags.length ? `DS key tag ${[...new Set(tags)].join(', ')}` : 'the trust anchor';
    return { status: 'bogus', reason: `${z}: no DNSKEY matches ${what}`, keys, matched };
  }
  const sig = checkRrset(keys, rrsigs, matchedKeys, zone, now);
  if (sig.status !== 'secure') return { ...sig, reason: `${sig.reason} (DNSKEY RRset not signed by a key the DS names)`, keys, matched };
  return { status: 'secure', keyTag: sig.keyTag, algorithm: sig.algorithm, keys, matched };
}

const TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(TYPE).map(([k, v]) => [v, k]));
export function typeName(t: number): string {
  return TYPE_NAMES[t] ?? `TYPE${t}`;
}

/** RFC 4034 6.1: canonical order of names (labels compared from the right, lower case, as octets). */
export function compareNames(a: string, b: string): number {
  const la = nameToLabels(a).map((l) => Uint8Array.from(l, (c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c)));
  const lb = nameToLabels(b).map((l) => Uint8Array.from(l, (c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c)));
  for (let i = 1; i <= Math.min(la.length, lb.length); i++) {
    const c = compareBytes(la[la.length - i], lb[lb.length - i]);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}

interface Nsec {
  owner: string;
  next: string;
  types: Set<number>;
}

function parseNsec(rr: WireRr): Nsec {
  const { labels, next } = readName(rr.rdata, 0);
  const types = new Set<number>();
  let p = next;
  while (p + 2 <= rr.rdata.length) {
    const win = rr.rdata[p];
    const len = rr.rdata[p + 1];
    for (let i = 0; i < len && p + 2 + i < rr.rdata.length; i++) {
      const byte = rr.rdata[p + 2 + i];
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.add(win * 256 + i * 8 + bit);
    }
    p += 2 + len;
  }
  return { owner: rr.name, next: labelsToName(labels), types };
}

/** Does this NSEC say `name` does not exist (owner < name < next, the last NSEC wrapping to the apex)? */
function covers(n: Nsec, name: string): boolean {
  const afterOwner = compareNames(name, n.owner) > 0;
  const beforeNext = compareNames(name, n.next) < 0;
  return compareNames(n.owner, n.next) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
}

/** The longest name that is an ancestor of (or equal to) both. */
function commonAncestor(a: string, b: string): string {
  const la = canonicalName(a) === '.' ? [] : canonicalName(a).split('.');
  const lb = canonicalName(b) === '.' ? [] : canonicalName(b).split('.');
  const out: string[] = [];
  for (let i = 1; i <= Math.min(la.length, lb.length) && la[la.length - i] === lb[lb.length - i]; i++) out.unshift(la[la.length - i]);
  return out.length ? out.join('.') : '.';
}

/**
 * A negative answer's proof from NSEC records (RFC 4035 5.4): every NSEC RRset verifies
 * under the zone's keys, and for NXDOMAIN one NSEC covers the name and one the wildcard
 * at its closest encloser; for NODATA the NSEC at the name lists neither the type nor
 * CNAME. NSEC3 (RFC 5155) proofs are not checked: insecure, said so.
 */
export function checkDenial(
  kind: 'NXDOMAIN' | 'NODATA',
  qname: string,
  qtype: number,
  authority: readonly WireRr[],
  keys: readonly WireRr[],
  zone: string,
  now: Date,
): RrsetCheck {
  const nsecRrs = authority.filter((r) => r.type === TYPE.NSEC);
  if (nsecRrs.length === 0) {
    const nsec3 = authority.some((r) => r.type === TYPE.NSEC3);
    return { status: 'insecure', reason: `${kind}: ${nsec3 ? 'NSEC3 proof not checked' : 'no NSEC records with the answer (proof not checked)'}` };
  }
  const sigs = authority.filter((r) => r.type === TYPE.RRSIG);
  const owners = [...new Set(nsecRrs.map((r) => canonicalName(r.name)))];
  let keyTagUsed: number | undefined;
  for (const o of owners) {
    const c = checkRrset(nsecRrs.filter((r) => canonicalName(r.name) === o), sigs, keys, zone, now);
    if (c.status !== 'secure') return c;
    keyTagUsed = c.keyTag;
  }
  const nsecs = nsecRrs.map(parseNsec);
  const q = canonicalName(qname);
  if (kind === 'NODATA') {
    const at = nsecs.find((n) => canonicalName(n.owner) === q);
    if (!at) return { status: 'insecure', reason: `NODATA: no NSEC at ${q} (a wildcard NODATA proof is not checked)` };
    if (at.types.has(qtype) || at.types.has(TYPE.CNAME)) return { status: 'bogus', reason: `NODATA: the NSEC at ${q} lists ${at.types.has(qtype) ? typeName(qtype) : 'CNAME'}` };
    return { status: 'secure', ...(keyTagUsed !== undefined ? { keyTag: keyTagUsed } : {}) };
  }
  const cover = nsecs.find((n) => canonicalName(n.owner) !== q && covers(n, q));
  if (!cover) return { status: 'bogus', reason: `NXDOMAIN: no NSEC covers ${q}` };
  const enclosers = [commonAncestor(q, cover.owner), commonAncestor(q, cover.next)];
  const encloser = enclosers.sort((a, b) => labelCount(b) - labelCount(a))[0];
  const wildcard = encloser === '.' ? '*' : `*.${encloser}`;
  if (!nsecs.some((n) => covers(n, wildcard))) return { status: 'bogus', reason: `NXDOMAIN: no NSEC covers the wildcard ${wildcard}` };
  return { status: 'secure', ...(keyTagUsed !== undefined ? { keyTag: keyTagUsed } : {}) };
}
