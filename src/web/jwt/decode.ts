// Decode: what a token says, with the registered claims of RFC 7519 section 4.1
// explained. No cryptography: jose is not loaded.

import { inexactIntegers, quoteInput } from '../errors.js';
import { humanTime, isoTime, relativeTime } from '../time.js';
import { describeAlgorithm, isSigningAlgorithm } from './algorithms.js';
import { base64urlDecode, parseCompact, utf8 } from './compact.js';

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

export function numericDate(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && isoTime(v * 1000) !== null ? v * 1000 : null;
}

/**
 * One time claim (exp, nbf, iat) explained; its warnings go to `warnings`. `ms` is the
 * time it stands for: ±Infinity for a NumericDate beyond any date, null when unusable.
 */
function timeClaim(claim: string, name: string, value: unknown, nowMs: number, warnings: string[]): { note: ClaimNote; ms: number | null } {
  const ms = numericDate(value);
  if (ms === null && typeof value === 'number' && Number.isFinite(value)) {
    // Still a NumericDate (RFC 7519 section 2: any JSON number), and verifiers compare
    // it as one; it only lies beyond what a date can show (year 275760).
    const later = value > 0;
    if (claim === 'exp') {
      warnings.push(later ? `exp is ${value}: so far ahead that in practice the token never expires` : `exp is ${value}: expired long before any date`);
    } else if (claim === 'nbf') {
      if (later) warnings.push(`nbf is ${value}: so far ahead that the token never becomes valid`);
    } else if (later) {
      warnings.push(`iat is ${value}: issued later than any date, the issuer's clock and this one disagree`);
    }
    const meaning = `${later ? 'later' : 'earlier'} than any date that can be shown (year ${later ? '' : '-'}275760)`;
    return { note: { claim, name, value, meaning, time: null }, ms: claim === 'iat' ? null : later ? Infinity : -Infinity };
  }
  if (ms === null) {
    warnings.push(`${claim} is ${describeClaimValue(value)}, not a time in seconds since 1970 (NumericDate): verifiers reject the token`);
    return { note: { claim, name, value, meaning: 'not a NumericDate (seconds since 1970)', time: null }, ms: null };
  }
  // A common slip: Date.now() (milliseconds) where seconds belong. Read as seconds
  // it lands tens of thousands of years ahead; as milliseconds, within a century of now.
  if (typeof value === 'number' && value > 1e11 && Math.abs(value - nowMs) < 100 * 365 * 86400_000) {
    warnings.push(`${claim} ${value} looks like milliseconds: read as seconds, as RFC 7519 says and verifiers do, it is ${humanTime(ms)}; as milliseconds it would be ${humanTime(value)}`);
  }
  const rel = relativeTime(ms, nowMs);
  let text: string;
  if (claim === 'exp') text = ms <= nowMs ? `expired ${rel}` : `expires ${rel}`;
  else if (claim === 'nbf') text = ms > nowMs ? `not valid until then (${rel})` : `valid since ${rel}`;
  else {
    text = rel;
    if (ms > nowMs + 60_000) warnings.push(`issued in the future (${rel}): the issuer's clock and this one disagree`);
  }
  return { note: { claim, name, value, meaning: `${humanTime(ms)} (${text})`, time: isoTime(ms) }, ms };
}

/** The warnings about the header: the algorithm, and keys the token names for itself. */
function headerWarnings(header: Record<string, unknown>, alg: string, warnings: string[]): void {
  if (alg === 'none') {
    warnings.push('alg is "none": the token is not signed, anyone could have written it, and a verifier must refuse it');
  } else if (!isSigningAlgorithm(alg)) {
    warnings.push(`alg ${quoteInput(alg)} is not a signature algorithm netkit knows`);
  }
  const keyRefs = ['jku', 'x5u', 'jwk', 'x5c'].filter((h) => h in header);
  if (keyRefs.length) {
    // RFC 8725 section 3.10: a token cannot vouch for itself by naming its own key.
    warnings.push(`the header carries ${keyRefs.join(', ')}: a key the token names itself proves nothing; verify with a key you trust`);
  }
}

/** Decode and explain a token at time `nowMs`. Throws WebInputError for a malformed one. */
export function decodeJwt(raw: string, nowMs: number): JwtDecodeReport {
  const t = parseCompact(raw);
  const alg = t.header.alg as string;
  const warnings: string[] = [];
  const claims: ClaimNote[] = [];
  const times: Record<string, number | null> = { exp: null, nbf: null, iat: null };

  if (t.format === 'JWE') {
    warnings.push(`encrypted (JWE, ${String(t.header.enc)}): only the holder of the decryption key can read the payload`);
  } else {
    const p = t.payload!;
    for (const claim of Object.keys(CLAIM_TEXT)) {
      if (!(claim in p)) continue;
      const [name, meaning] = CLAIM_TEXT[claim]!;
      const value = p[claim];
      if (claim in times) {
        const { note, ms } = timeClaim(claim, name, value, nowMs, warnings);
        times[claim] = ms;
        claims.push(note);
        continue;
      }
      if (claim === 'aud' && !(typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string')))) {
        warnings.push('aud is neither a string nor an array of strings: verifiers reject the token');
      } else if (claim !== 'aud' && typeof value !== 'string') {
        warnings.push(`${claim} is not a string: verifiers may reject the token`);
      }
      claims.push({ claim, name, value, meaning });
    }
    headerWarnings(t.header, alg, warnings);
    const { exp, nbf } = times;
    if (exp != null && Number.isFinite(exp) && exp <= nowMs) warnings.push(`expired ${relativeTime(exp, nowMs)}`);
    if (nbf != null && Number.isFinite(nbf) && nbf > nowMs) warnings.push(`not valid yet: valid from ${humanTime(nbf)} (${relativeTime(nbf, nowMs)})`);
    if (!('exp' in p)) warnings.push('no exp: the token never expires, whoever holds it can use it until the key changes');
    for (const [given, held] of inexactIntegers(utf8.decode(base64urlDecode(t.parts[1]!)))) {
      warnings.push(`the payload's integer ${given} is beyond 2^53: JavaScript (this view, and verifiers written in it) reads it as ${held}`);
    }
    warnings.push('anyone holding this token can read its payload: signed is not encrypted, so keep secrets out of it');
  }
  const { exp, nbf, iat } = times;
  return {
    format: t.format,
    encrypted: t.format === 'JWE',
    header: t.header,
    payload: t.payload,
    algorithm: alg,
    algorithmDescription: t.format === 'JWE' ? `key management ${alg}, content encryption ${String(t.header.enc)}` : describeAlgorithm(alg),
    expired: exp != null && exp <= nowMs,
    notYetValid: nbf != null && nbf > nowMs,
    expiresAt: exp == null ? null : isoTime(exp),
    notBefore: nbf == null ? null : isoTime(nbf),
    issuedAt: iat == null ? null : isoTime(iat),
    claims,
    signatureBytes: t.signatureBytes,
    now: isoTime(nowMs) ?? String(nowMs),
    warnings,
  };
}

/** A claim value for a message: a string quoted, anything else as JSON, cut at 80 characters. */
export function describeClaimValue(v: unknown): string {
  if (v === undefined) return 'absent';
  if (typeof v === 'string') return quoteInput(v);
  // JSON already escapes what needs escaping; quoting it again doubled every backslash.
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 80 ? `${json.slice(0, 80)}…(${json.length} characters)` : json;
}
