// Sign: tokens for tests and examples, with jose.

import type * as JoseModule from 'jose';
import { inexactIntegers, parseJsonSafely, quoteInput, WebInputError } from '../errors.js';
import { isSigningAlgorithm, SIGNING_ALGORITHMS } from './algorithms.js';
import { base64urlDecode, MAX_TOKEN_LENGTH } from './compact.js';
import { loadJose, unusable, type CryptoKey, type KeyCandidate } from './keys.js';

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
