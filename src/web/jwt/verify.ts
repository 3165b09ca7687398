// Verify: the algorithm against the key, the key by kid, then the signature and the
// time, issuer and audience claims, all jose's; the outcome explained in words.

import { quoteInput, WebInputError } from '../errors.js';
import { humanTime, relativeTime } from '../time.js';
import { isSigningAlgorithm, SIGNING_ALGORITHMS } from './algorithms.js';
import { parseCompact } from './compact.js';
import { describeClaimValue, numericDate } from './decode.js';
import { keyAlgorithms, loadJose, unusable, type CryptoKey, type Jose, type KeyCandidate } from './keys.js';

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
