// DNS numbers and their names, pure: record types (IANA "Resource Record (RR) TYPEs"),
// classes, response codes (RFC 1035 4.1.1, RFC 6891 extended rcodes). The names are the
// ones dig prints; a number with no name is written TYPEnnn / CLASSnnn (RFC 3597 §5).

import { NetkitError } from './errors.js';

/** Record types by mnemonic, as IANA lists them (the ones a resolver may meet). */
export const TYPE_CODES: Readonly<Record<string, number>> = {
  A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12, HINFO: 13,
  MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22, 'NSAP-PTR': 23, SIG: 24,
  KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, EID: 31, NIMLOC: 32, SRV: 33, ATMA: 34, NAPTR: 35,
  KX: 36, CERT: 37, A6: 38, DNAME: 39, SINK: 40, OPT: 41, APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46,
  NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50, NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, NINFO: 56,
  RKEY: 57, TALINK: 58, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65,
  SPF: 99, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249, TSIG: 250, IXFR: 251,
  AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255, URI: 256, CAA: 257, AVC: 258, DOA: 259, AMTRELAY: 260,
  TA: 32768, DLV: 32769,
};

const TYPE_NAMES: string[] = [];
for (const [name, code] of Object.entries(TYPE_CODES)) TYPE_NAMES[code] = name;

/** The mnemonic of a type number, or `TYPEnnn` (RFC 3597 §5) when it has none. */
export function typeName(code: number): string {
  return TYPE_NAMES[code] ?? `TYPE${code}`;
}

/** Types that are not asked for by a stub's plain query (meta-types and obsolete ones). */
const NOT_ASKABLE = new Set(['OPT', 'TKEY', 'TSIG', 'IXFR', 'MAILB', 'MAILA', 'MD', 'MF']);

/**
 * The types `netkit resolve` decodes into structured data and presents as dig does; any
 * other type is asked for by name or as TYPEnnn and shown in RFC 3597's `\# len hex`.
 */
export const RECORD_TYPES = [
  'A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'PTR', 'CAA', 'NAPTR', 'ANY',
  'SSHFP', 'TLSA', 'HTTPS', 'SVCB', 'DNSKEY', 'DS', 'RRSIG', 'NSEC', 'NSEC3', 'NSEC3PARAM',
  'CDS', 'CDNSKEY', 'DNAME', 'HINFO', 'AXFR',
] as const;

/** A record type as netkit names it: a mnemonic (`MX`) or `TYPEnnn`. */
export type RecordType = string;

const TYPE_KIND = 'record type' as const;

/**
 * Parse a record type the way dig takes it: a mnemonic, case-insensitively (`mx`), or
 * `TYPEnnn` with nnn 0..65535 (RFC 3597 §5; `TYPE15` is MX). Returns the mnemonic, or
 * `TYPEnnn` for numbers without one.
 */
export function parseRecordType(text: string): RecordType {
  const t = text.trim().toUpperCase();
  if (t === '') throw new NetkitError(TYPE_KIND, text, 'empty type');
  const m = /^TYPE([0-9]+)$/.exec(t);
  if (m) {
    const digits = m[1]!;
    if (digits.length > 1 && digits.startsWith('0')) throw new NetkitError(TYPE_KIND, text, 'type number with a leading zero');
    const n = digits.length > 5 ? Infinity : Number(digits);
    if (n > 65535) throw new NetkitError(TYPE_KIND, text, `type number ${digits} is greater than 65535`);
    const name = typeName(n);
    if (NOT_ASKABLE.has(name)) throw new NetkitError(TYPE_KIND, text, `${name} is not a type to ask for`);
    return name;
  }
  if (Object.hasOwn(TYPE_CODES, t) && !NOT_ASKABLE.has(t)) return t;
  const reason = NOT_ASKABLE.has(t)
    ? `${t} is not a type to ask for`
    : `unknown type (netkit knows ${RECORD_TYPES.join(', ')}, the other IANA mnemonics, and TYPEnnn)`;
  throw new NetkitError(TYPE_KIND, text, reason);
}

/** The number of a type netkit names (a mnemonic or TYPEnnn). */
export function typeCode(type: RecordType): number {
  const code = TYPE_CODES[type];
  if (code !== undefined) return code;
  const m = /^TYPE([0-9]{1,5})$/.exec(type);
  if (m && Number(m[1]) <= 65535) return Number(m[1]);
  throw new NetkitError(TYPE_KIND, type, 'unknown type');
}

/** Classes (RFC 1035 3.2.4, RFC 2136). */
const CLASS_NAMES: Record<number, string> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };

export function className(code: number): string {
  return CLASS_NAMES[code] ?? `CLASS${code}`;
}

/** Response codes: the header's four bits, extended to twelve by EDNS (RFC 6891 6.1.3). */
const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN',
  7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE', 11: 'DSOTYPENI', 16: 'BADVERS', 17: 'BADKEY',
  18: 'BADTIME', 19: 'BADMODE', 20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE',
};

export function rcodeName(code: number): string {
  return RCODE_NAMES[code] ?? `RCODE${code}`;
}

/** Opcodes (RFC 1035, 1996, 2136). */
const OPCODE_NAMES: Record<number, string> = { 0: 'QUERY', 1: 'IQUERY', 2: 'STATUS', 4: 'NOTIFY', 5: 'UPDATE', 6: 'DSO' };

export function opcodeName(code: number): string {
  return OPCODE_NAMES[code] ?? `OPCODE${code}`;
}

/** DNSSEC algorithm numbers, for the keyTag computation's one special case (RSA/MD5). */
export const ALG_RSAMD5 = 1;
