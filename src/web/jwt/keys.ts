// Keys: secrets, PEM (SPKI, X.509, PKCS#8) and JWK / JWK Sets, all through jose, which
// is loaded on first need (decode never needs it).

import type * as JoseModule from 'jose';
import { parseJsonSafely, quoteInput, WebInputError } from '../errors.js';
import type { SigningAlgorithm } from './algorithms.js';
import { base64urlEncode } from './compact.js';

export type Jose = typeof JoseModule;
export type JWK = JoseModule.JWK;
export type CryptoKey = JoseModule.CryptoKey;

let joseModule: Promise<Jose> | undefined;
/** jose, imported once, on first need (decode never needs it). */
export function loadJose(): Promise<Jose> {
  return (joseModule ??= import('../jose.js'));
}

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

export function keyAlgorithms(jwk: JWK): SigningAlgorithm[] {
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

export function unusable(source: string, reason: string): WebInputError {
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
