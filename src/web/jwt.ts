// JSON Web Tokens, explained and checked. Decoding (structure, base64url, JSON, the
// registered claims of RFC 7519 section 4.1) is done here so that every error can say
// exactly what is wrong; every cryptographic step (key import, signing, signature
// verification, exp/nbf/iss/aud checks) is jose's, loaded on first use so that decode
// does not pay for it. Pure: no node:* imports, the clock is a parameter, keys arrive
// as text or bytes.

import type * as JoseModule from 'jose';
import { inexactIntegers, parseJsonSafely, quoteInput, WebInputError } from './errors.js';
import { humanTime, isoTime, relativeTime } from './time.js';

/** Longest token netkit reads. Tokens travel in HTTP headers, which servers cap at 8-16 KB. */
export const MAX_TOKEN_LENGTH = 65536;

/** Signature algorithms netkit verifies and signs with (RFC 7518 section 3, RFC 8037, RFC 9864). */
export const SIGNING_ALGORITHMS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA', 'Ed25519',
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export function isSigningAlgorithm(alg: unknown): alg is SigningAlgorithm {
  return typeof alg === 'string' && (SIGNING_ALGORITHMS as readonly string[]).includes(alg);
}

const ALG_TEXT: Record<string, string> = {
  HS256: 'HMAC with SHA-256', HS384: 'HMAC with SHA-384', HS512: 'HMAC with SHA-512',
  RS256: 'RSA PKCS#1 v1.5 with SHA-256', RS384: 'RSA PKCS#1 v1.5 with SHA-384', RS512: 'RSA PKCS#1 v1.5 with SHA-512',
  PS256: 'RSA-PSS with SHA-256', PS384: 'RSA-PSS with SHA-384', PS512: 'RSA-PSS with SHA-512',
  ES256: 'ECDSA on P-256 with SHA-256', ES384: 'ECDSA on P-384 with SHA-384', ES512: 'ECDSA on P-521 with SHA-512',
  EdDSA: 'EdDSA (Ed25519 or Ed448)', Ed25519: 'EdDSA on Ed25519',
  none: 'not signed at all',
};

/** A few words on what an algorithm is and what kind of key it takes. */
export function describeAlgorithm(alg: string): string {
  const text = ALG_TEXT[alg];
  if (text === undefined) return 'not a signature algorithm netkit knows';
  if (alg.startsWith('HS')) return `${text} (a shared secret: whoever can verify can also sign)`;
  if (alg === 'none') return text;
  return `${text} (a key pair: signed with the private key, verified with the public one)`;
}

type Jose = typeof JoseModule;
type JWK = JoseModule.JWK;
type CryptoKey = JoseModule.CryptoKey;

let joseModule: Promise<Jose> | undefined;
/** jose, imported once, on first need (decode never needs it). */
function loadJose(): Promise<Jose> {
  return (joseModule ??= import('./jose.js'));
}

/** base64url to bytes; the caller has checked the alphabet and length. */
function base64urlDecode(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function base64urlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---------------------------------------------------------------------------------
// Structure: compact serialisation, base64url, JSON

export interface CompactToken {
  /** The token text as read (trimmed, any "Bearer " prefix removed). */
  text: string;
  format: 'JWS' | 'JWE';
  /** The base64url parts, as in the token. */
  parts: string[];
  header: Record<string, unknown>;
  /** Claims of a JWS; null for a JWE (its payload is ciphertext). */
  payload: Record<string, unknown> | null;
  /** Length in bytes of the decoded signature (JWS) or ciphertext (JWE). */
  signatureBytes: number;
}

const PART_NAMES_JWS = ['header', 'payload', 'signature'];
const PART_NAMES_JWE = ['header', 'encrypted key', 'initialisation vector', 'ciphertext', 'authentication tag'];

/** Strip what people paste along with a token: whitespace, `Authorization:` and `Bearer `. */
export function cleanToken(raw: string): string {
  let t = raw.trim();
  t = t.replace(/^authorization\s*:\s*/i, '');
  t = t.replace(/^bearer\s+/i, '');
  return t.trim();
}

function malformed(token: string, reason: string): WebInputError {
  return new WebInputError(`invalid JWT ${quoteInput(token)}: ${reason}`);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Check one part is base64url (RFC 7515 section 2: no padding) and decode it. */
function decodePart(token: string, part: string, offset: number, name: string): Uint8Array {
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
    if (!ok) {
      const ch = part[i]!;
      const shown = quoteInput(String.fromCodePoint(part.codePointAt(i)!));
      const hint =
        ch === '=' ? ": base64url in a JWT has no '=' padding" : ch === '+' || ch === '/' ? `: '${ch}' is base64, base64url uses '-' and '_'` : '';
      throw malformed(token, `${name} is not base64url: character ${shown} at position ${offset + i}${hint}`);
    }
  }
  if (part.length % 4 === 1) throw malformed(token, `${name} is not base64url: ${part.length} character${part.length === 1 ? '' : 's'} cannot encode whole bytes (a length of 4n+1 never does)`);
  // RFC 4648 section 3.5: the bits past the last whole byte are zero. Otherwise the same
  // bytes have a second spelling, which lenient decoders accept and strict ones refuse.
  const spare = part.length % 4 === 2 ? 15 : part.length % 4 === 3 ? 3 : 0;
  if (spare !== 0) {
    const last = B64URL.indexOf(part[part.length - 1]!);
    if ((last & spare) !== 0) {
      throw malformed(
        token,
        `${name} is not canonical base64url: its last character '${part[part.length - 1]}' at position ${offset + part.length - 1} sets bits past the last byte (the one spelling of these bytes ends in '${B64URL[last & ~spare]}')`,
      );
    }
  }
  try {
    return base64urlDecode(part);
  } catch {
    throw malformed(token, `${name} is not base64url`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonObject(token: string, bytes: Uint8Array, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw malformed(token, `${name} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = parseJsonSafely(text, name);
  } catch (e) {
    throw malformed(token, (e as Error).message);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformed(token, `${name} is JSON but not an object (${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})`);
  }
  return value as Record<string, unknown>;
}

/** Read a compact JWS (3 parts) or JWE (5 parts); throws WebInputError with the reason. */
export function parseCompact(raw: string): CompactToken {
  if (raw.length > MAX_TOKEN_LENGTH * 2) {
    // Say so before even trimming a huge input.
    throw new WebInputError(`invalid JWT: ${raw.length} characters is longer than the ${MAX_TOKEN_LENGTH} netkit reads (tokens travel in HTTP headers of a few KB)`);
  }
  const token = cleanToken(raw);
  if (token.length === 0) throw new WebInputError('invalid JWT "": the token is empty');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw malformed(token, `${token.length} characters is longer than the ${MAX_TOKEN_LENGTH} netkit reads (tokens travel in HTTP headers of a few KB)`);
  }
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    const hint = parts.length === 2 ? " (an unsigned token still ends in '.')" : '';
    throw malformed(
      token,
      `${parts.length} part${parts.length === 1 ? '' : 's'} separated by '.'; a signed JWT (JWS) has 3, header.payload.signature, an encrypted one (JWE) 5${hint}`,
    );
  }
  const format = parts.length === 3 ? 'JWS' : 'JWE';
  const names = format === 'JWS' ? PART_NAMES_JWS : PART_NAMES_JWE;
  const offsets: number[] = [];
  parts.reduce((off, p) => (offsets.push(off), off + p.length + 1), 0);
  // Header first, then payload, then the rest: the error names the most basic problem.
  const part = (i: number) => decodePart(token, parts[i]!, offsets[i]!, names[i]!);
  if (parts[0]!.length === 0) throw malformed(token, 'the header is empty');
  const header = decodeJsonObject(token, part(0), 'header');
  if (typeof header.alg !== 'string') {
    throw malformed(token, header.alg === undefined ? 'the header has no "alg" (algorithm)' : 'the header\'s "alg" is not a string');
  }
  if (format === 'JWE') {
    if (typeof header.enc !== 'string') throw malformed(token, 'five parts make a JWE, but the header has no "enc" (content encryption)');
    const rest = [1, 2, 3, 4].map(part);
    return { text: token, format, parts, header, payload: null, signatureBytes: rest[2]!.length };
  }
  if (parts[1]!.length === 0) throw malformed(token, 'the payload is empty (a detached payload cannot be decoded)');
  const payload = decodeJsonObject(token, part(1), 'payload');
  return { text: token, format, parts, header, payload, signatureBytes: part(2).length };
}

// ---------------------------------------------------------------------------------
// Decode: what the token says

export interface ClaimNote {
  /** The claim's name in the token (`exp`). */
  claim: string;
  /** Its name in words (`expires`). */
  name: string;
  value: unknown;
  /** What it means, or for times the absolute and relative time. */
  meaning: string;
  /** For time claims: ISO 8601 UTC, or null when the value is not a usable NumericDate. */
  time?: string | null;
}

export interface JwtDecodeReport {
  /** JWS: signed; JWE: encrypted. */
  format: 'JWS' | 'JWE';
  encrypted: boolean;
  header: Record<string, unknown>;
  /** Null for a JWE: its payload is encrypted. */
  payload: Record<string, unknown> | null;
  algorithm: string;
  algorithmDescription: string;
  /** Is exp at or before now? False when there is no (usable) exp. */
  expired: boolean;
  /** Is nbf after now? */
  notYetValid: boolean;
  expiresAt: string | null;
  notBefore: string | null;
  issuedAt: string | null;
  /** The registered claims present, explained, in RFC 7519 order. */
  claims: ClaimNote[];
  /** Bytes of signature (JWS) or ciphertext (JWE). */
  signatureBytes: number;
  /** The moment "now" was taken as, ISO 8601. */
  now: string;
  warnings: string[];
}

const CLAIM_TEXT: Record<string, [string, string]> = {
  iss: ['issuer', 'who issued and signed the token'],
  sub: ['subject', 'whom the token is about, usually a user id'],
  aud: ['audience', 'who the token is for: a service must refuse a token not addressed to it'],
  exp: ['expires', ''],
  nbf: ['not before', ''],
  iat: ['issued at', ''],
  jti: ['token id', 'a unique id, so a server can refuse a token it has seen before (replay)'],
};

function numericDate(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && isoTime(v * 1000) !== null ? v * 1000 : null;
}

/** Decode and explain a token at time `nowMs`. Throws WebInputError for a malformed one. */
export function decodeJwt(raw: string, nowMs: number): JwtDecodeReport {
  const t = parseCompact(raw);
  const alg = t.header.alg as string;
  const warnings: string[] = [];
  const claims: ClaimNote[] = [];
  let expMs: number | null = null;
  let nbfMs: number | null = null;
  let iatMs: number | null = null;

  if (t.format === 'JWE') {
    warnings.push(`encrypted (JWE, ${String(t.header.enc)}): only the holder of the decryption key can read the payload`);
  } else {
    const p = t.payload!;
    for (const claim of Object.keys(CLAIM_TEXT)) {
      if (!(claim in p)) continue;
      const [name, meaning] = CLAIM_TEXT[claim]!;
      const value = p[claim];
      if (claim === 'exp' || claim === 'nbf' || claim === 'iat') {
        const ms = numericDate(value);
        if (ms === null && typeof value === 'number' && Number.isFinite(value)) {
          // Still a NumericDate (RFC 7519 section 2: any JSON number), and verifiers compare
          // it as one; it only lies beyond what a date can show (year 275760).
          const later = value > 0;
          claims.push({ claim, name, value, meaning: `${later ? 'later' : 'earlier'} than any date that can be shown (year ${later ? '' : '-'}275760)`, time: null });
          if (claim === 'exp') {
            expMs = later ? Infinity : -Infinity;
            warnings.push(later ? `exp is ${value}: so far ahead that in practice the token never expires` : `exp is ${value}: expired long before any date`);
          } else if (claim === 'nbf') {
            nbfMs = later ? Infinity : -Infinity;
            if (later) warnings.push(`nbf is ${value}: so far ahead that the token never becomes valid`);
          } else if (later) {
            warnings.push(`iat is ${value}: issued later than any date, the issuer's clock and this one disagree`);
          }
          continue;
        }
        if (ms === null) {
          warnings.push(`${claim} is ${describeClaimValue(value)}, not a time in seconds since 1970 (NumericDate): verifiers reject the token`);
          claims.push({ claim, name, value, meaning: 'not a NumericDate (seconds since 1970)', time: null });
          continue;
        }
        // A common slip: Date.now() (milliseconds) where seconds belong. Read as seconds
        // it lands tens of thousands of years ahead; as milliseconds, within a century of now.
        if (typeof value === 'number' && value > 1e11 && Math.abs(value - nowMs) < 100 * 365 * 86400_000) {
          warnings.push(`${claim} ${value} looks like milliseconds: read as seconds, as RFC 7519 says and verifiers do, it is ${humanTime(ms)}; as milliseconds it would be ${humanTime(value)}`);
        }
        const rel = relativeTime(ms, nowMs);
        let text: string;
        if (claim === 'exp') {
          expMs = ms;
          text = ms <= nowMs ? `expired ${rel}` : `expires ${rel}`;
        } else if (claim === 'nbf') {
          nbfMs = ms;
          text = ms > nowMs ? `not valid until then (${rel})` : `valid since ${rel}`;
        } else {
          iatMs = ms;
          text = rel;
          if (ms > nowMs + 60_000) warnings.push(`issued in the future (${rel}): the issuer's clock and this one disagree`);
        }
        claims.push({ claim, name, value, meaning: `${humanTime(ms)} (${text})`, time: isoTime(ms) });
      } else {
        if (claim === 'aud' && !(typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string')))) {
          warnings.push('aud is neither a string nor an array of strings: verifiers reject the token');
        } else if (claim !== 'aud' && typeof value !== 'string') {
          warnings.push(`${claim} is not a string: verifiers may reject the token`);
        }
        claims.push({ claim, name, value, meaning });
      }
    }
    if (alg === 'none') {
      warnings.push('alg is "none": the token is not signed, anyone could have written it, and a verifier must refuse it');
    } else if (!isSigningAlgorithm(alg)) {
      warnings.push(`alg ${quoteInput(alg)} is not a signature algorithm netkit knows`);
    }
    const keyRefs = ['jku', 'x5u', 'jwk', 'x5c'].filter((h) => h in t.header);
    if (keyRefs.length) {
      // RFC 8725 section 3.10: a token cannot vouch for itself by naming its own key.
      warnings.push(`the header carries ${keyRefs.join(', ')}: a key the token names itself proves nothing; verify with a key you trust`);
    }
    if (expMs !== null && Number.isFinite(expMs) && expMs <= nowMs) warnings.push(`expired ${relativeTime(expMs, nowMs)}`);
    if (nbfMs !== null && Number.isFinite(nbfMs) && nbfMs > nowMs) warnings.push(`not valid yet: valid from ${humanTime(nbfMs)} (${relativeTime(nbfMs, nowMs)})`);
    if (!('exp' in p)) warnings.push('no exp: the token never expires, whoever holds it can use it until the key changes');
    for (const [given, held] of inexactIntegers(utf8.decode(base64urlDecode(t.parts[1]!)))) {
      warnings.push(`the payload's integer ${given} is beyond 2^53: JavaScript (this view, and verifiers written in it) reads it as ${held}`);
    }
    warnings.push('anyone holding this token can read its payload: signed is not encrypted, so keep secrets out of it');
  }
  return {
    format: t.format,
    encrypted: t.format === 'JWE',
    header: t.header,
    payload: t.payload,
    algorithm: alg,
    algorithmDescription: t.format === 'JWE' ? `key management ${alg}, content encryption ${String(t.header.enc)}` : describeAlgorithm(alg),
    expired: expMs !== null && expMs <= nowMs,
    notYetValid: nbfMs !== null && nbfMs > nowMs,
    expiresAt: expMs === null ? null : isoTime(expMs),
    notBefore: nbfMs === null ? null : isoTime(nbfMs),
    issuedAt: iatMs === null ? null : isoTime(iatMs),
    claims,
    signatureBytes: t.signatureBytes,
    now: isoTime(nowMs) ?? String(nowMs),
    warnings,
  };
}

// ---------------------------------------------------------------------------------
// Keys: secrets, PEM (SPKI, X.509, PKCS#8) and JWK / JWK Sets, all through jose

/** Key material as the user gave it. */
export type KeyInput =
  | { kind: 'secret'; bytes: Uint8Array; source: string }
  | { kind: 'text'; text: string; source: string };

/** One usable key, as a public (or secret) JWK, with what it can do. */
export interface KeyCandidate {
  jwk: JWK;
  /** Algorithms this key can take part in. */
  algorithms: SigningAlgorithm[];
  /** `an RSA public key`, `a 32-byte secret`, `an EC P-256 public key`. */
  description: string;
  kid?: string;
  /** From a JWK Set, where the token's kid chooses the key (a lone JWK or PEM is used as given). */
  inSet?: boolean;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

function keyAlgorithms(jwk: JWK): SigningAlgorithm[] {
  switch (jwk.kty) {
    case 'oct':
      return ['HS256', 'HS384', 'HS512'];
    case 'RSA':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'EC':
      return jwk.crv === 'P-256' ? ['ES256'] : jwk.crv === 'P-384' ? ['ES384'] : jwk.crv === 'P-521' ? ['ES512'] : [];
    case 'OKP':
      return jwk.crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : [];
    default:
      return [];
  }
}

function describeJwk(jwk: JWK, priv: boolean): string {
  const kind = priv ? 'private' : 'public';
  switch (jwk.kty) {
    case 'oct': {
      const n = typeof jwk.k === 'string' ? Math.floor((jwk.k.length * 3) / 4) : 0;
      return `a ${n}-byte secret`;
    }
    case 'RSA': {
      const bits = typeof jwk.n === 'string' ? Math.floor((jwk.n.length * 3) / 4) * 8 : 0;
      return `an RSA ${kind} key${bits ? ` (${bits} bits)` : ''}`;
    }
    case 'EC':
      return `an EC ${String(jwk.crv)} ${kind} key`;
    case 'OKP':
      return `an ${String(jwk.crv)} ${kind} key`;
    default:
      return `a ${String(jwk.kty)} key`;
  }
}

function unusable(source: string, reason: string): WebInputError {
  return new WebInputError(`unusable key${source ? ` ${source}` : ''}: ${reason}`);
}

/** A JWK object to a candidate; `forSigning` keeps the private members, else they are dropped. */
function jwkCandidate(raw: unknown, source: string, forSigning: boolean): KeyCandidate {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw unusable(source, 'a JWK must be a JSON object');
  const jwk = { ...(raw as JWK) };
  if (typeof jwk.kty !== 'string') throw unusable(source, 'the JWK has no "kty" (key type)');
  const priv = typeof jwk.d === 'string';
  if (!forSigning) for (const m of PRIVATE_MEMBERS) delete (jwk as Record<string, unknown>)[m];
  else if (jwk.kty !== 'oct' && !priv) throw unusable(source, 'signing needs a private key, and this JWK has no private part ("d")');
  // key_ops (RFC 7517 section 4.3) limits what a key may do; jose refuses a mismatch with
  // a bare "Unsupported key usage". The public half of a private key verifies whatever its ops say.
  if (priv && !forSigning) delete (jwk as Record<string, unknown>).key_ops;
  else if (Array.isArray(jwk.key_ops)) {
    const need = forSigning ? 'sign' : 'verify';
    if (!jwk.key_ops.includes(need)) {
      throw unusable(source, `its "key_ops" are ${JSON.stringify(jwk.key_ops)}, without "${need}"`);
    }
    jwk.key_ops = [need];
  }
  let algs = keyAlgorithms(jwk);
  if (algs.length === 0) {
    throw unusable(source, `key type ${quoteInput(jwk.kty)}${jwk.crv ? ` on curve ${quoteInput(String(jwk.crv))}` : ''} cannot make or check any signature netkit supports`);
  }
  if (jwk.kty === 'oct' && (typeof jwk.k !== 'string' || jwk.k.length === 0)) throw unusable(source, 'the secret JWK has no "k"');
  if (typeof jwk.alg === 'string') {
    // A key that names its algorithm is used for that algorithm only (RFC 7517 section 4.4).
    algs = algs.filter((a) => a === jwk.alg);
  }
  return {
    jwk,
    algorithms: algs,
    description: describeJwk(jwk, forSigning && priv),
    ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
  };
}

/** Key algorithms jose refuses, by the DER bytes of their OID (after the 06 tag and length). */
const UNSUPPORTED_KEY_OIDS: ReadonlyArray<[string, string]> = [
  ['2b6571', 'an Ed448 key'],
  ['2b656e', 'an X25519 key (for key agreement, not signatures)'],
  ['2b656f', 'an X448 key (for key agreement, not signatures)'],
  ['2a864886f70d01010a', 'an RSA-PSS-only key (OID id-RSASSA-PSS), which jose cannot import (a plain RSA key does PS256 too)'],
  ['2a8648ce380401', 'a DSA key'],
  ['2a864886f70d010301', 'a Diffie-Hellman key'],
];
const UNSUPPORTED_CURVES: ReadonlyArray<[string, string]> = [
  ['2b8104000a', 'secp256k1 (ES256K)'],
  ['2b240303020801010', 'a Brainpool curve'],
];

/**
 * What kind of key an SPKI or PKCS#8 PEM holds, in words, when it is one netkit cannot
 * use; null when unknown. Only for the error message: a few DER headers are walked.
 */
function pemKeyKind(pem: string, pkcs8: boolean): string | null {
  let der: Uint8Array;
  try {
    const body = pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  let i = 0;
  /** Read a tag and length at i; return the content's start and end, or null. */
  const header = (tag: number): [number, number] | null => {
    if (der[i] !== tag) return null;
    let len = der[i + 1] ?? 0;
    let at = i + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n > 3) return null;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + (der[at++] ?? 0);
    }
    return [at, at + len];
  };
  const hex = (a: number, b: number) => Array.from(der.subarray(a, b), (x) => x.toString(16).padStart(2, '0')).join('');
  const outer = header(0x30);
  if (!outer) return null;
  i = outer[0];
  if (pkcs8) {
    const version = header(0x02);
    if (!version) return null;
    i = version[1];
  }
  const algId = header(0x30);
  if (!algId) return null;
  i = algId[0];
  const oid = header(0x06);
  if (!oid) return null;
  const algOid = hex(oid[0], oid[1]);
  const known = UNSUPPORTED_KEY_OIDS.find(([o]) => o === algOid);
  if (known) return known[1];
  if (algOid === '2a8648ce3d0201') {
    // id-ecPublicKey: the curve OID follows.
    i = oid[1];
    const curve = header(0x06);
    if (!curve) return null;
    const c = hex(curve[0], curve[1]);
    const name = UNSUPPORTED_CURVES.find(([o]) => c.startsWith(o))?.[1];
    return `an EC key on ${name ?? `a curve jose does not support (OID bytes ${c})`}`;
  }
  return null;
}

/** Import PEM through jose, learning its type by trying each key family (jose checks the OID). */
async function pemToJwk(pem: string, source: string, forSigning: boolean): Promise<JWK> {
  const jose = await loadJose();
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
  if (label === undefined) throw unusable(source, 'not PEM (no -----BEGIN line) and not JSON (JWK)');
  type Importer = (alg: string) => Promise<CryptoKey>;
  let importer: Importer;
  if (label === 'PUBLIC KEY') {
    if (forSigning) throw unusable(source, 'signing needs the private key, and this is a public key');
    importer = (alg) => jose.importSPKI(pem, alg, { extractable: true });
  } else if (label === 'CERTIFICATE') {
    if (forSigning) throw unusable(source, 'signing needs the private key, and this is a certificate');
    importer = (alg) => jose.importX509(pem, alg, { extractable: true });
  } else if (label === 'PRIVATE KEY') {
    importer = (alg) => jose.importPKCS8(pem, alg, { extractable: true });
  } else if (label === 'RSA PUBLIC KEY') {
    throw unusable(source, 'a PKCS#1 RSA public key; convert it to SPKI: openssl rsa -RSAPublicKey_in -in KEY -pubout');
  } else if (label === 'RSA PRIVATE KEY' || label === 'EC PRIVATE KEY') {
    throw unusable(source, `a ${label.startsWith('RSA') ? 'PKCS#1' : 'SEC1'} private key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in KEY`);
  } else if (label === 'ENCRYPTED PRIVATE KEY') {
    throw unusable(source, 'the private key is encrypted; decrypt it first: openssl pkcs8 -in KEY');
  } else {
    throw unusable(source, `PEM of type ${quoteInput(label)}; netkit reads PUBLIC KEY, CERTIFICATE and PRIVATE KEY`);
  }
  for (const alg of ['RS256', 'ES256', 'ES384', 'ES512', 'Ed25519']) {
    try {
      const key = await importer(alg);
      return await jose.exportJWK(key);
    } catch {
      // not this family; try the next
    }
  }
  const kind = label === 'CERTIFICATE' ? null : pemKeyKind(pem, label === 'PRIVATE KEY');
  if (kind) throw unusable(source, `${kind}; netkit signs and verifies with RSA, EC P-256/384/521 and Ed25519 keys`);
  throw unusable(source, `the ${label} is damaged or of a type netkit cannot use (RSA, EC P-256/384/521 and Ed25519 work)`);
}

/** Every candidate key in the input: one for a secret, PEM or JWK, several for a JWK Set. */
export async function loadKeys(input: KeyInput, purpose: 'verify' | 'sign'): Promise<KeyCandidate[]> {
  const forSigning = purpose === 'sign';
  if (input.kind === 'secret') {
    if (input.bytes.length === 0) throw unusable(input.source, 'the secret is empty');
    const jwk: JWK = { kty: 'oct', k: base64urlEncode(input.bytes) };
    return [{ jwk, algorithms: keyAlgorithms(jwk), description: `a ${input.bytes.length}-byte secret` }];
  }
  const text = input.text.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = parseJsonSafely(text, `key ${input.source}`);
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'keys' in json) {
      const keys = (json as { keys: unknown }).keys;
      if (!Array.isArray(keys)) throw unusable(input.source, 'a JWK Set\'s "keys" must be an array');
      if (forSigning) throw unusable(input.source, 'a JWK Set; signing needs one private key');
      const out: KeyCandidate[] = [];
      for (const k of keys) {
        // Keys meant for encryption, or of kinds netkit cannot use, are skipped, as a verifier would.
        if (k && typeof k === 'object' && (k as JWK).use === 'enc') continue;
        try {
          out.push({ ...jwkCandidate(k, input.source, false), inSet: true });
        } catch {
          continue;
        }
      }
      if (out.length === 0) throw unusable(input.source, 'no key in the JWK Set can check signatures');
      return out;
    }
    const c = jwkCandidate(json, input.source, forSigning);
    if (c.jwk.use === 'enc') throw unusable(input.source, 'the JWK is for encryption ("use": "enc"), not signatures');
    return [c];
  }
  const jwk = await pemToJwk(text, input.source, forSigning);
  return [jwkCandidate(jwk, input.source, forSigning)];
}

// ---------------------------------------------------------------------------------
// Verify

/** Most keys of a JWK Set one verification tries (real sets hold a handful). */
const MAX_KEYS_TRIED = 32;

export type VerifyCode =
  | 'valid'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'refused-algorithm'
  | 'no-matching-key'
  | 'invalid-header'
  | 'invalid-claim';

export interface JwtVerifyReport {
  valid: boolean;
  /** Machine-readable outcome: valid, bad-signature, expired, not-yet-valid, wrong-issuer, wrong-audience, refused-algorithm, no-matching-key, invalid-header, invalid-claim. */
  code: VerifyCode;
  /** The outcome in words. */
  reason: string;
  algorithm: string;
  /** The key that verified the token, or that was tried, in words. */
  key: string | null;
  header: Record<string, unknown>;
  payload: Record<string, unknown> | null;
}

export interface VerifyOptions {
  nowMs: number;
  /** Seconds of tolerance for exp and nbf. */
  clockSkew?: number;
  /** Accepted issuers (any of). */
  issuer?: string[];
  /** Accepted audiences (any of). */
  audience?: string[];
  /** If given, only these algorithms are accepted. */
  algorithms?: string[];
}

function list(values: string[]): string {
  return values.map((v) => quoteInput(v)).join(' or ');
}

function describeClaimValue(v: unknown): string {
  if (v === undefined) return 'absent';
  if (typeof v === 'string') return quoteInput(v);
  // JSON already escapes what needs escaping; quoting it again doubled every backslash.
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 80 ? `${json.slice(0, 80)}…(${json.length} characters)` : json;
}

/** Verify a token with candidate keys. Throws WebInputError for a malformed token or unusable key. */
export async function verifyJwt(raw: string, keys: KeyCandidate[], opts: VerifyOptions): Promise<JwtVerifyReport> {
  const t = parseCompact(raw);
  if (t.format === 'JWE') {
    throw new WebInputError(`invalid JWT ${quoteInput(t.text)}: it is encrypted (JWE); verify checks signed tokens (JWS), netkit does not decrypt`);
  }
  const alg = t.header.alg as string;
  const base = { algorithm: alg, header: t.header, payload: t.payload as Record<string, unknown> };
  const result = (code: VerifyCode, reason: string, key: string | null = null): JwtVerifyReport => ({
    valid: code === 'valid',
    code,
    reason,
    ...base,
    key,
  });

  if (alg.toLowerCase() === 'none') {
    return result('refused-algorithm', 'refused algorithm: alg "none" means the token is not signed, and unsigned tokens are never accepted');
  }
  if (!isSigningAlgorithm(alg)) {
    return result('refused-algorithm', `refused algorithm: ${quoteInput(alg)} is not a signature algorithm netkit accepts (${SIGNING_ALGORITHMS.join(', ')})`);
  }
  if (opts.algorithms && !opts.algorithms.includes(alg)) {
    return result('refused-algorithm', `refused algorithm: the token says ${alg}, and only ${opts.algorithms.join(', ')} is allowed (--alg)`);
  }

  const kid = typeof t.header.kid === 'string' ? t.header.kid : undefined;
  let pool = keys;
  // In a JWK Set the kid chooses, however many keys it holds: a server refuses a token
  // whose kid no key carries, even when the set has one key (jose's JWKS does the same).
  if (kid !== undefined && (keys.length > 1 || keys.some((k) => k.inSet))) {
    pool = keys.filter((k) => k.kid === undefined || k.kid === kid);
    if (pool.length === 0) {
      const held = keys.map((k) => k.kid).filter((x): x is string => x !== undefined);
      const has = held.length === 1 ? `its key has kid ${quoteInput(held[0]!)}` : `its keys have kid ${held.slice(0, 5).map((x) => quoteInput(x)).join(', ')}${held.length > 5 ? ', ...' : ''}`;
      return result('no-matching-key', `no matching key: the token's kid is ${quoteInput(kid)}, and no key in the set has it (${has})`);
    }
  }
  const fitting = pool.filter((k) => k.algorithms.includes(alg));
  if (fitting.length === 0) {
    const k = pool[0]!;
    const named = typeof k.jwk.alg === 'string' && keyAlgorithms({ ...k.jwk, alg: undefined }).includes(alg);
    const why = named
      ? `the key is for ${k.jwk.alg} only`
      : `the key is ${k.description}${pool.length > 1 ? ' (and no other key fits either)' : ''}`;
    const attack =
      alg.startsWith('HS') && k.jwk.kty !== 'oct'
        ? ': using a public key as an HMAC secret is the classic algorithm-confusion attack'
        : '';
    return result('refused-algorithm', `refused algorithm: the token says ${alg}, but ${why}${attack}`, k.description);
  }

  const jose = await loadJose();
  let last: JwtVerifyReport | null = null;
  // A JWK Set names its keys; trying hundreds of unnamed ones would only burn time.
  for (const k of fitting.slice(0, MAX_KEYS_TRIED)) {
    let key: CryptoKey | Uint8Array;
    try {
      key = await jose.importJWK(k.jwk, alg);
    } catch (e) {
      throw unusable('', `${k.description} could not be imported for ${alg}: ${(e as Error).message}`);
    }
    try {
      await jose.jwtVerify(t.text, key, {
        algorithms: [alg],
        currentDate: new Date(opts.nowMs),
        clockTolerance: opts.clockSkew ?? 0,
        ...(opts.issuer ? { issuer: opts.issuer } : {}),
        ...(opts.audience ? { audience: opts.audience } : {}),
      });
      return result('valid', validReason(t.payload!, alg, k, opts.nowMs), k.description);
    } catch (e) {
      const r = explainFailure(jose, e, t.header, t.payload!, opts, k.description);
      if (r.code !== 'bad-signature') return result(r.code, r.reason, k.description);
      last = result('bad-signature', r.reason, k.description);
    }
  }
  return last!;
}

function validReason(p: Record<string, unknown>, alg: string, k: KeyCandidate, nowMs: number): string {
  const exp = numericDate(p.exp);
  const tail =
    exp !== null
      ? `; expires ${relativeTime(exp, nowMs)}`
      : p.exp === undefined
        ? '; it has no exp, so it never expires'
        : `; its exp (${describeClaimValue(p.exp)}) is later than any date, so in practice it never expires`;
  return `valid: ${alg} signature verified with ${k.description}${k.kid ? ` (kid ${quoteInput(k.kid)})` : ''}${tail}`;
}

function explainFailure(jose: Jose, e: unknown, h: Record<string, unknown>, p: Record<string, unknown>, opts: VerifyOptions, key: string): { code: VerifyCode; reason: string } {
  const skew = opts.clockSkew ? ` (allowing ${opts.clockSkew} s of clock skew)` : '';
  if (e instanceof jose.errors.JWSSignatureVerificationFailed) {
    return { code: 'bad-signature', reason: `bad signature: not signed with ${key}, or altered after signing` };
  }
  if (e instanceof jose.errors.JWTExpired) {
    const exp = numericDate(p.exp);
    return { code: 'expired', reason: `expired ${exp === null ? `long before any date (exp ${describeClaimValue(p.exp)})` : `${relativeTime(exp, opts.nowMs)}, at ${humanTime(exp)}`}${skew}` };
  }
  if (e instanceof jose.errors.JWTClaimValidationFailed) {
    const claim = e.claim;
    if (claim === 'nbf' && e.reason === 'check_failed') {
      const nbf = numericDate(p.nbf);
      const from = nbf === null ? `nbf ${describeClaimValue(p.nbf)}, later than any date` : `${humanTime(nbf)} (${relativeTime(nbf, opts.nowMs)})`;
      return { code: 'not-yet-valid', reason: `not yet valid: valid from ${from}${skew}` };
    }
    if (claim === 'iss') {
      return { code: 'wrong-issuer', reason: `wrong issuer: iss is ${describeClaimValue(p.iss)}, expected ${list(opts.issuer ?? [])}` };
    }
    if (claim === 'aud') {
      return { code: 'wrong-audience', reason: `wrong audience: aud is ${describeClaimValue(p.aud)}, expected ${list(opts.audience ?? [])}` };
    }
    return { code: 'invalid-claim', reason: `invalid claim: ${claim} is ${describeClaimValue(p[claim])} (${e.reason === 'invalid' ? 'wrong type' : e.reason})` };
  }
  if (e instanceof jose.errors.JOSEAlgNotAllowed) {
    return { code: 'refused-algorithm', reason: 'refused algorithm' };
  }
  // The protected header: "crit" naming an extension a verifier does not understand
  // (RFC 7515 section 4.1.11: it must refuse the token) or malformed, "b64", and the like.
  if (e instanceof jose.errors.JOSENotSupported || e instanceof jose.errors.JWSInvalid) {
    const crit = /crit|Extension Header Parameter/.test(e.message);
    const what = crit ? `"crit" is ${describeClaimValue(h.crit)}: ` : '';
    return { code: 'invalid-header', reason: `invalid header: ${what}${e.message}${crit ? ' (RFC 7515 section 4.1.11: a verifier refuses a critical extension it does not understand)' : ''}` };
  }
  if (e instanceof jose.errors.JWTInvalid) {
    return { code: 'invalid-claim', reason: `invalid token: ${e.message}` };
  }
  if (e instanceof TypeError || e instanceof jose.errors.JOSEError) {
    // jose's refusals of the key itself, e.g. "RS256 requires key modulusLength to be 2048 bits or larger".
    throw unusable('', `${key}: ${e.message}`);
  }
  throw e;
}

// ---------------------------------------------------------------------------------
// Sign

export interface SignOptions {
  alg: string;
  claims: Record<string, unknown>;
  key: KeyCandidate;
  nowMs: number;
  /** Seconds from now until exp. */
  expiresIn?: number;
  /** Add iat = now. */
  issuedAt?: boolean;
  kid?: string;
}

export interface JwtSignReport {
  token: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Notes on stderr for people, e.g. a short secret. */
  warnings: string[];
}

const HASH_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

/** Parse the claims argument of `jwt sign`: a JSON object. */
export function parseClaims(text: string): Record<string, unknown> {
  if (text.length > MAX_TOKEN_LENGTH) throw new WebInputError(`invalid claims: ${text.length} characters is more than the ${MAX_TOKEN_LENGTH} netkit reads`);
  const v = parseJsonSafely(text, 'claims');
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new WebInputError(`invalid claims ${quoteInput(text)}: a JWT's claims are a JSON object, like '{"sub":"alice"}'`);
  }
  const [lost] = inexactIntegers(text);
  if (lost) {
    throw new WebInputError(`invalid claims: the integer ${lost[0]} is beyond 2^53, so JSON readers in JavaScript hold it as ${lost[1]} and the token would say that; write it as a string`);
  }
  return v as Record<string, unknown>;
}

export async function signJwt(o: SignOptions): Promise<JwtSignReport> {
  if (o.alg.toLowerCase() === 'none') throw new WebInputError('refused algorithm "none": netkit does not make unsigned tokens');
  if (!isSigningAlgorithm(o.alg)) {
    throw new WebInputError(`unknown algorithm ${quoteInput(o.alg)}: choose one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  if (!o.key.algorithms.includes(o.alg)) {
    throw new WebInputError(`algorithm ${o.alg} does not fit the key: it is ${o.key.description}, usable with ${o.key.algorithms.join(', ') || 'nothing netkit signs with'}`);
  }
  const jose = await loadJose();
  const warnings: string[] = [];
  const min = HASH_BYTES[o.alg];
  if (min !== undefined && typeof o.key.jwk.k === 'string') {
    const n = base64urlDecode(o.key.jwk.k).length;
    if (n < min) warnings.push(`the secret is ${n} byte${n === 1 ? "" : "s"}; ${o.alg} wants at least ${min} random bytes (RFC 7518 section 3.2)`);
  }
  let key: CryptoKey | Uint8Array;
  try {
    key = await jose.importJWK(o.key.jwk, o.alg);
  } catch (e) {
    throw unusable('', `${o.key.description} could not be imported for ${o.alg}: ${(e as Error).message}`);
  }
  const now = Math.floor(o.nowMs / 1000);
  const payload: Record<string, unknown> = { ...o.claims };
  if (o.issuedAt) payload.iat = now;
  if (o.expiresIn !== undefined) payload.exp = now + o.expiresIn;
  const kid = o.kid ?? o.key.kid;
  const header: Record<string, unknown> = { alg: o.alg, typ: 'JWT', ...(kid !== undefined ? { kid } : {}) };
  // jose refuses some claim types (e.g. a non-numeric exp); say so as input errors.
  try {
    const token = await new jose.SignJWT(payload).setProtectedHeader(header as JoseModule.JWTHeaderParameters).sign(key);
    return { token, header, payload, warnings };
  } catch (e) {
    // jose and WebCrypto refuse keys and claims with TypeError, JOSEError or DOMException.
    if (e instanceof Error) throw new WebInputError(`cannot sign: ${e.message}`);
    throw e;
  }
}

