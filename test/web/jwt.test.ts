// JWT decode/verify/sign. Keys are generated here with node:crypto, and node:crypto is
// the independent second implementation: tokens it signs must verify, tokens netkit
// signs must verify under node:crypto, and deterministic algorithms must agree byte
// for byte (the known answers).

import { createHmac, generateKeyPairSync, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebInputError } from '../../src/web/errors.js';
import {
  decodeJwt,
  loadKeys,
  parseClaims,
  signJwt,
  verifyJwt,
  type KeyCandidate,
  type KeyInput,
  type VerifyOptions,
} from '../../src/web/jwt.js';

const b64u = (x: string | Buffer) => Buffer.from(x).toString('base64url');
const T = 1_795_000_000; // a fixed NumericDate in 2026
const NOW = T * 1000;

type Alg = 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA' | 'Ed25519';

interface Pair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const rsa: Pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec: Record<string, Pair> = {
  'P-256': generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  'P-384': generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  'P-521': generateKeyPairSync('ec', { namedCurve: 'P-521' }),
};
const ed: Pair = generateKeyPairSync('ed25519');
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');

function pairFor(alg: Alg): Pair | null {
  if (alg.startsWith('HS')) return null;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return rsa;
  if (alg === 'ES256') return ec['P-256']!;
  if (alg === 'ES384') return ec['P-384']!;
  if (alg === 'ES512') return ec['P-521']!;
  return ed;
}

const pem = (k: KeyObject, type: 'spki' | 'pkcs8') => k.export({ type, format: 'pem' }) as string;

/** Sign with node:crypto, independently of jose. */
function nodeSignature(alg: Alg, input: string): Buffer {
  const bits = alg.slice(2);
  if (alg.startsWith('HS')) return createHmac(`sha${bits}`, SECRET).update(input).digest();
  const pair = pairFor(alg)!;
  if (alg === 'EdDSA' || alg === 'Ed25519') return nodeSign(null, Buffer.from(input), pair.privateKey);
  if (alg.startsWith('RS')) return nodeSign(`sha${bits}`, Buffer.from(input), pair.privateKey);
  if (alg.startsWith('PS')) {
    return nodeSign(`sha${bits}`, Buffer.from(input), { key: pair.privateKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: Number(bits) / 8 });
  }
  return nodeSign(`sha${bits}`, Buffer.from(input), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
}

function nodeCheck(alg: Alg, input: string, sig: Buffer): boolean {
  const bits = alg.slice(2);
  if (alg.startsWith('HS')) return createHmac(`sha${bits}`, SECRET).update(input).digest().equals(sig);
  const pair = pairFor(alg)!;
  if (alg === 'EdDSA' || alg === 'Ed25519') return nodeVerify(null, Buffer.from(input), pair.publicKey, sig);
  if (alg.startsWith('RS')) return nodeVerify(`sha${bits}`, Buffer.from(input), pair.publicKey, sig);
  if (alg.startsWith('PS')) {
    return nodeVerify(`sha${bits}`, Buffer.from(input), { key: pair.publicKey, padding: 6, saltLength: Number(bits) / 8 }, sig);
  }
  return nodeVerify(`sha${bits}`, Buffer.from(input), { key: pair.publicKey, dsaEncoding: 'ieee-p1363' }, sig);
}

/** A token made entirely with node:crypto. */
function nodeToken(alg: Alg, payload: object, header: object = { alg, typ: 'JWT' }): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${nodeSignature(alg, input).toString('base64url')}`;
}

function unsigned(header: object, payload: object, sig = ''): string {
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.${sig}`;
}

const secretInput: KeyInput = { kind: 'secret', bytes: new Uint8Array(SECRET), source: '--secret' };
const text = (t: string, source = 'key.pem'): KeyInput => ({ kind: 'text', text: t, source });

async function verifyKeys(alg: Alg): Promise<KeyCandidate[]> {
  const p = pairFor(alg);
  return loadKeys(p ? text(pem(p.publicKey, 'spki')) : secretInput, 'verify');
}
async function signKey(alg: Alg): Promise<KeyCandidate> {
  const p = pairFor(alg);
  return (await loadKeys(p ? text(pem(p.privateKey, 'pkcs8')) : secretInput, 'sign'))[0]!;
}

const opts = (o: Partial<VerifyOptions> = {}): VerifyOptions => ({ nowMs: NOW, ...o });

const ALGS: Alg[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const DETERMINISTIC = new Set<Alg>(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'EdDSA', 'Ed25519']);

describe('known answers for every algorithm, against node:crypto', () => {
  it.each(ALGS)('%s: a token node:crypto signed verifies', async (alg) => {
    const token = nodeToken(alg, { sub: 'alice', exp: T + 60 });
    const r = await verifyJwt(token, await verifyKeys(alg), opts());
    expect(r).toMatchObject({ valid: true, code: 'valid', algorithm: alg, payload: { sub: 'alice' } });
  });

  it.each(ALGS)('%s: a token netkit signed verifies under node:crypto', async (alg) => {
    const s = await signJwt({ alg, claims: { sub: 'bob' }, key: await signKey(alg), nowMs: NOW, issuedAt: true, expiresIn: 3600 });
    const [h, p, sig] = s.token.split('.');
    expect(nodeCheck(alg, `${h}.${p}`, Buffer.from(sig!, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toEqual({ sub: 'bob', iat: T, exp: T + 3600 });
    expect(s.header).toEqual({ alg, typ: 'JWT' });
    if (DETERMINISTIC.has(alg)) {
      // Same key, same input, deterministic scheme: the very same token.
      expect(s.token).toBe(nodeToken(alg, { sub: 'bob', iat: T, exp: T + 3600 }));
    }
  });

  it.each(ALGS)('%s: a changed payload is a bad signature', async (alg) => {
    const token = nodeToken(alg, { sub: 'alice' });
    const [h, , sig] = token.split('.');
    const forged = `${h}.${b64u(JSON.stringify({ sub: 'admin' }))}.${sig}`;
    const r = await verifyJwt(forged, await verifyKeys(alg), opts());
    expect(r).toMatchObject({ valid: false, code: 'bad-signature' });
    expect(r.reason).toMatch(/^bad signature/);
  });

  it('HS256 known answer: RFC 7515 appendix A.1', async () => {
    // The example token and key of RFC 7515 A.1 (a JWK with a base64url "k").
    const jwk = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
    const token =
      'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const keys = await loadKeys(text(JSON.stringify(jwk), 'rfc.jwk'), 'verify');
    const before = await verifyJwt(token, keys, opts({ nowMs: 1300819379_000 }));
    expect(before).toMatchObject({ valid: true, payload: { iss: 'joe', exp: 1300819380 } });
    const at = await verifyJwt(token, keys, opts({ nowMs: 1300819380_000 }));
    expect(at.code).toBe('expired');
  });

  it('verifies with an X.509 certificate, a PKCS#8 private key, a JWK and a JWK Set', async () => {
    const token = nodeToken('ES256', { sub: 'x' }, { alg: 'ES256', kid: 'k2' });
    const pub = ec['P-256']!.publicKey;
    const jwk = pub.export({ format: 'jwk' });
    for (const input of [
      text(pem(ec['P-256']!.privateKey, 'pkcs8')),
      text(JSON.stringify(jwk)),
      text(JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' }, { ...jwk, kid: 'k2' }] })),
    ]) {
      const r = await verifyJwt(token, await loadKeys(input, 'verify'), opts());
      expect(r.valid).toBe(true);
    }
  });
});

describe('attacks', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])('alg %s is refused whatever the key', async (alg) => {
    for (const keyAlg of ['HS256', 'RS256', 'ES256', 'EdDSA'] as Alg[]) {
      const r = await verifyJwt(unsigned({ alg }, { sub: 'admin' }), await verifyKeys(keyAlg), opts());
      expect(r).toMatchObject({ valid: false, code: 'refused-algorithm' });
      expect(r.reason).toContain('not signed');
    }
  });

  it('alg none with a signature attached is still refused', async () => {
    const r = await verifyJwt(unsigned({ alg: 'none' }, { sub: 'admin' }, b64u('sig')), await verifyKeys('HS256'), opts());
    expect(r.code).toBe('refused-algorithm');
  });

  it('HS256 signed with the RSA public key as the HMAC secret is refused (algorithm confusion)', async () => {
    const pubPem = pem(rsa.publicKey, 'spki');
    const input = `${b64u(JSON.stringify({ alg: 'HS256' }))}.${b64u(JSON.stringify({ sub: 'admin' }))}`;
    const forged = `${input}.${createHmac('sha256', pubPem).update(input).digest('base64url')}`;
    for (const keyText of [pubPem, JSON.stringify(rsa.publicKey.export({ format: 'jwk' }))]) {
      const r = await verifyJwt(forged, await loadKeys(text(keyText), 'verify'), opts());
      expect(r).toMatchObject({ valid: false, code: 'refused-algorithm' });
      expect(r.reason).toContain('algorithm-confusion');
    }
  });

  it.each([
    ['ES256 token, RSA key', 'ES256', 'RS256'],
    ['RS256 token, EC key', 'RS256', 'ES256'],
    ['ES384 token, P-256 key', 'ES384', 'ES256'],
    ['EdDSA token, RSA key', 'EdDSA', 'RS256'],
    ['RS256 token, HMAC secret', 'RS256', 'HS256'],
  ] as [string, Alg, Alg][])('%s: refused algorithm', async (_n, tokenAlg, keyAlg) => {
    const r = await verifyJwt(nodeToken(tokenAlg, { sub: 'x' }), await verifyKeys(keyAlg), opts());
    expect(r.code).toBe('refused-algorithm');
  });

  it('a JWK that names its algorithm accepts only that one (RS256 key, PS256 token)', async () => {
    const jwk = { ...rsa.publicKey.export({ format: 'jwk' }), alg: 'RS256' };
    const keys = await loadKeys(text(JSON.stringify(jwk)), 'verify');
    expect((await verifyJwt(nodeToken('RS256', {}), keys, opts())).valid).toBe(true);
    const r = await verifyJwt(nodeToken('PS256', {}), keys, opts());
    expect(r.code).toBe('refused-algorithm');
    expect(r.reason).toContain('for RS256 only');
  });

  it('--alg pins the algorithm even when the key would fit', async () => {
    const r = await verifyJwt(nodeToken('HS512', {}), await verifyKeys('HS256'), opts({ algorithms: ['HS256'] }));
    expect(r.code).toBe('refused-algorithm');
    expect((await verifyJwt(nodeToken('HS256', {}), await verifyKeys('HS256'), opts({ algorithms: ['HS256'] }))).valid).toBe(true);
  });

  it('an unknown algorithm is refused, not crashed on', async () => {
    const r = await verifyJwt(unsigned({ alg: 'HS1' }, {}, 'AAAA'), await verifyKeys('HS256'), opts());
    expect(r.code).toBe('refused-algorithm');
  });
});

describe('time claims at the boundaries (injected clock)', () => {
  const keysP = verifyKeys('HS256');
  const at = async (payload: object, nowMs: number, clockSkew = 0) => verifyJwt(nodeToken('HS256', payload), await keysP, opts({ nowMs, clockSkew }));

  it.each([
    ['one second before exp', T - 1, 0, 'valid'],
    ['1 ms before exp (seconds are whole)', T * 1000 - 1, 0, 'valid'],
    ['exactly at exp (RFC 7519: now must be before exp)', T, 0, 'expired'],
    ['one second after exp', T + 1, 0, 'expired'],
    ['9 s after exp with 10 s skew', T + 9, 10, 'valid'],
    ['10 s after exp with 10 s skew', T + 10, 10, 'expired'],
  ])('exp: %s', async (_n, now, skew, code) => {
    const nowMs = now > 1e11 ? now : now * 1000;
    expect((await at({ exp: T }, nowMs, skew)).code).toBe(code);
  });

  it.each([
    ['exactly at nbf', T, 0, 'valid'],
    ['one second before nbf', T - 1, 0, 'not-yet-valid'],
    ['5 s before nbf with 5 s skew', T - 5, 5, 'valid'],
    ['6 s before nbf with 5 s skew', T - 6, 5, 'not-yet-valid'],
  ])('nbf: %s', async (_n, now, skew, code) => {
    expect((await at({ nbf: T }, now * 1000, skew)).code).toBe(code);
  });

  it('reasons say when, absolute and relative', async () => {
    expect((await at({ exp: T }, (T + 2 * 86400) * 1000)).reason).toBe('expired 2 days ago, at 2026-11-18 11:06:40 UTC');
    expect((await at({ nbf: T }, (T - 3 * 3600) * 1000)).reason).toBe('not yet valid: valid from 2026-11-18 11:06:40 UTC (in 3 hours)');
    expect((await at({ exp: T }, (T - 3600) * 1000)).reason).toMatch(/; expires in 1 hour$/);
  });

  it('decode says expired at the same boundary as verify', () => {
    const token = nodeToken('HS256', { exp: T });
    expect(decodeJwt(token, T * 1000 - 1).expired).toBe(false);
    expect(decodeJwt(token, T * 1000).expired).toBe(true);
    const nbf = nodeToken('HS256', { nbf: T });
    expect(decodeJwt(nbf, T * 1000).notYetValid).toBe(false);
    expect(decodeJwt(nbf, T * 1000 - 1000).notYetValid).toBe(true);
  });

  it('a numeric exp/nbf beyond any date is still a NumericDate: decode and verify agree, in words', async () => {
    const far = decodeJwt(nodeToken('HS256', { exp: 1e20 }), NOW);
    expect(far).toMatchObject({ expired: false, expiresAt: null });
    expect(far.warnings).toContain('exp is 100000000000000000000: so far ahead that in practice the token never expires');
    expect(far.warnings.some((w) => w.includes('verifiers reject'))).toBe(false);
    expect((await at({ exp: 1e20 }, NOW)).reason).toMatch(/; its exp \(100000000000000000000\) is later than any date, so in practice it never expires$/);

    const past = decodeJwt(nodeToken('HS256', { exp: -1e20 }), NOW);
    expect(past).toMatchObject({ expired: true, expiresAt: null });
    expect(await at({ exp: -1e20 }, NOW)).toMatchObject({ code: 'expired', reason: 'expired long before any date (exp -100000000000000000000)' });

    expect(decodeJwt(nodeToken('HS256', { nbf: 1e20 }), NOW)).toMatchObject({ notYetValid: true, notBefore: null });
    expect(await at({ nbf: 1e20 }, NOW)).toMatchObject({
      code: 'not-yet-valid',
      reason: 'not yet valid: valid from nbf 100000000000000000000, later than any date',
    });
  });

  it('exp and iat in milliseconds (Date.now()) are pointed out', () => {
    const r = decodeJwt(nodeToken('HS256', { exp: NOW + 3600_000, iat: NOW }), NOW);
    expect(r.warnings.filter((w) => /^(exp|iat) \d+ looks like milliseconds: read as seconds/.test(w))).toHaveLength(2);
    expect(r.warnings.find((w) => w.startsWith('exp'))).toMatch(/as milliseconds it would be 2026-11-18 12:06:40 UTC$/);
    // Seconds, as they should be: no such warning.
    expect(decodeJwt(nodeToken('HS256', { exp: T + 3600, iat: T }), NOW).warnings.some((w) => w.includes('milliseconds'))).toBe(false);
  });

  it('a wrongly typed time claim is quoted once in the warning', () => {
    expect(decodeJwt(nodeToken('HS256', { exp: 'tomorrow' }), NOW).warnings).toContain(
      'exp is "tomorrow", not a time in seconds since 1970 (NumericDate): verifiers reject the token',
    );
  });

  it('a non-numeric exp is an invalid claim', async () => {
    const r = await at({ exp: 'tomorrow' }, NOW);
    expect(r.code).toBe('invalid-claim');
    expect(r.reason).toContain('exp');
  });
});

describe('issuer and audience', () => {
  const keysP = verifyKeys('HS256');
  const check = async (payload: object, o: Partial<VerifyOptions>) => verifyJwt(nodeToken('HS256', payload), await keysP, opts(o));

  it.each([
    ['matching iss', { iss: 'https://a.example' }, { issuer: ['https://a.example'] }, 'valid'],
    ['iss among several accepted', { iss: 'b' }, { issuer: ['a', 'b'] }, 'valid'],
    ['wrong iss', { iss: 'https://evil.example' }, { issuer: ['https://a.example'] }, 'wrong-issuer'],
    ['missing iss', {}, { issuer: ['a'] }, 'wrong-issuer'],
    ['matching aud', { aud: 'api' }, { audience: ['api'] }, 'valid'],
    ['aud array containing ours', { aud: ['web', 'api'] }, { audience: ['api'] }, 'valid'],
    ['wrong aud', { aud: 'web' }, { audience: ['api'] }, 'wrong-audience'],
    ['missing aud', {}, { audience: ['api'] }, 'wrong-audience'],
    ['no iss/aud required', { iss: 'x', aud: 'y' }, {}, 'valid'],
  ])('%s', async (_n, payload, o, code) => {
    expect((await check(payload, o)).code).toBe(code);
  });

  it('the reason names what was found and expected', async () => {
    const r = await check({ iss: 'https://evil.example' }, { issuer: ['https://a.example'] });
    expect(r.reason).toBe('wrong issuer: iss is "https://evil.example", expected "https://a.example"');
  });
});

describe('issuer and audience: claims that are not strings are shown as JSON, escaped once', () => {
  const keysP = verifyKeys('HS256');
  it.each([
    [{ aud: ['web', 'app'] }, { audience: ['api'] }, 'wrong audience: aud is ["web","app"], expected "api"'],
    [{ aud: ['a"b'] }, { audience: ['api'] }, 'wrong audience: aud is ["a\\"b"], expected "api"'],
    [{ iss: 42 }, { issuer: ['a'] }, 'wrong issuer: iss is 42, expected "a"'],
    [{ aud: ['x'.repeat(100)] }, { audience: ['api'] }, `wrong audience: aud is ["${'x'.repeat(78)}…(104 characters), expected "api"`],
  ])('%j', async (payload, o, reason) => {
    const r = await verifyJwt(nodeToken('HS256', payload), await keysP, opts(o));
    expect(r.reason).toBe(reason);
  });
});

describe('keys jose cannot use are named by their type', () => {
  const kinds: Array<[string, Pair, RegExp]> = [
    ['Ed448', generateKeyPairSync('ed448'), /an Ed448 key/],
    ['X25519', generateKeyPairSync('x25519'), /an X25519 key \(for key agreement/],
    ['secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }), /an EC key on secp256k1 \(ES256K\)/],
    ['brainpool', generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }), /an EC key on a Brainpool curve/],
    ['RSA-PSS', generateKeyPairSync('rsa-pss', { modulusLength: 2048 }), /an RSA-PSS-only key/],
  ];
  it.each(kinds)('%s: public key for verify, private key for sign', async (_n, pair, what) => {
    const tail = /; netkit signs and verifies with RSA, EC P-256\/384\/521 and Ed25519 keys$/;
    for (const [k, use] of [[pem(pair.publicKey, 'spki'), 'verify'], [pem(pair.privateKey, 'pkcs8'), 'sign'], [pem(pair.privateKey, 'pkcs8'), 'verify']] as const) {
      const e = await loadKeys(text(k), use).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WebInputError);
      expect((e as Error).message).toMatch(what);
      expect((e as Error).message).toMatch(tail);
    }
  });
  it('a damaged PEM still gets the general message', async () => {
    const e = await loadKeys(text('-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n'), 'verify').catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/the PUBLIC KEY is damaged or of a type netkit cannot use/);
  });
});

describe('JWK key_ops', () => {
  const priv = { ...(ec['P-256']!.privateKey.export({ format: 'jwk' }) as Record<string, unknown>) };
  const { d: _d, ...pub } = priv;
  const jwk = (o: object) => text(JSON.stringify(o), 'k.jwk');
  it('a public key whose ops leave out verify: named as such, not jose\'s "Unsupported key usage"', async () => {
    await expect(loadKeys(jwk({ ...pub, key_ops: ['encrypt'] }), 'verify')).rejects.toThrow('unusable key k.jwk: its "key_ops" are ["encrypt"], without "verify"');
    await expect(loadKeys(jwk({ ...priv, key_ops: ['decrypt'] }), 'sign')).rejects.toThrow('without "sign"');
  });
  it('ops that allow it verify and sign; a private key\'s public half verifies whatever its ops', async () => {
    const signer = (await loadKeys(jwk({ ...priv, key_ops: ['sign'] }), 'sign'))[0]!;
    const { token } = await signJwt({ alg: 'ES256', key: signer, claims: {}, nowMs: NOW });
    for (const k of [{ ...pub, key_ops: ['verify'] }, { ...pub, key_ops: ['sign', 'verify'] }, { ...priv, key_ops: ['sign'] }, { keys: [{ ...pub, key_ops: ['encrypt'] }, { ...pub, key_ops: ['verify'] }] }]) {
      expect((await verifyJwt(token, await loadKeys(jwk(k), 'verify'), opts())).code).toBe('valid');
    }
  });
});

describe('base64url lengths that cannot be', () => {
  it.each([
    ['a.e30.c2ln', 'header is not base64url: 1 character cannot encode whole bytes (a length of 4n+1 never does)'],
    ['eyJhbGciOiJIUzI1NiJ9.e30.c2lnc', 'signature is not base64url: 5 characters cannot encode whole bytes (a length of 4n+1 never does)'],
  ])('%s', (token, piece) => {
    expect(() => decodeJwt(token, NOW)).toThrow(piece);
  });
});

describe('non-canonical base64url: a second spelling of the same bytes is refused in every part (RFC 4648 section 3.5)', () => {
  // Flip unused low bits of the last character: lenient decoders give the same bytes.
  const token = nodeToken('HS256', { sub: 'a' }, { alg: 'HS256', x: 12 }); // 22, 11 and 32 bytes: no part a multiple of 3
  const [h, p, sig] = token.split('.') as [string, string, string];
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bump = (part: string) => {
    const spare = part.length % 4 === 2 ? 15 : 3;
    const last = B64.indexOf(part.at(-1)!);
    return part.slice(0, -1) + B64[(last & ~spare) | 1]!;
  };
  it('the parts of the test token have spare bits (length not a multiple of 4)', () => {
    for (const part of [h, p, sig]) expect(part.length % 4, part).not.toBe(0);
    // The bumped spelling still decodes to the same bytes under a lenient decoder.
    expect(Buffer.from(bump(sig), 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
  });
  it.each([
    ['header', () => `${bump(h)}.${p}.${sig}`],
    ['payload', () => `${h}.${bump(p)}.${sig}`],
    ['signature', () => `${h}.${p}.${bump(sig)}`],
  ])('%s', async (name, make) => {
    const t = make();
    expect(() => decodeJwt(t, NOW)).toThrow(WebInputError);
    expect(() => decodeJwt(t, NOW)).toThrow(`${name} is not canonical base64url: its last character`);
    await expect(verifyJwt(t, await verifyKeys('HS256'), opts())).rejects.toThrow('not canonical base64url');
  });
  it('names the canonical last character', () => {
    // "e30" is {}: 3 characters, the last carries 2 spare bits; "e31" spells the same byte.
    expect(() => decodeJwt(`${h}.e31.${sig}`, NOW)).toThrow("payload is not canonical base64url: its last character '1' at position " + (h.length + 3) + " sets bits past the last byte (the one spelling of these bytes ends in '0')");
  });
  it('the canonical token still verifies', async () => {
    expect((await verifyJwt(token, await verifyKeys('HS256'), opts())).valid).toBe(true);
  });
  it('every canonical encoding is accepted and every other spelling refused (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 15 }), (bytes, flip) => {
        const good = Buffer.from(bytes).toString('base64url');
        const t = `${h}.${p}.${good}`;
        expect(decodeJwt(t, NOW).signatureBytes).toBe(bytes.length);
        const spare = good.length % 4 === 2 ? 15 : good.length % 4 === 3 ? 3 : 0;
        if ((flip & spare) === 0) return;
        const bad = good.slice(0, -1) + B64[B64.indexOf(good.at(-1)!) ^ (flip & spare)]!;
        expect(() => decodeJwt(`${h}.${p}.${bad}`, NOW)).toThrow('not canonical base64url');
      }),
      { numRuns: 500 },
    );
  });
});

describe('crit: a header problem, not a claim (RFC 7515 section 4.1.11)', () => {
  it.each([
    ['an extension netkit does not understand', { alg: 'HS256', crit: ['exp2'], exp2: 1 }, 'invalid header: "crit" is ["exp2"]'],
    ['crit naming a parameter the header lacks', { alg: 'HS256', crit: ['zzz'] }, 'invalid header: "crit" is ["zzz"]'],
    ['crit that is not an array', { alg: 'HS256', crit: 'exp2', exp2: 1 }, 'invalid header: "crit" is "exp2"'],
    ['crit empty', { alg: 'HS256', crit: [] }, 'invalid header: "crit" is []'],
  ])('%s', async (_n, header, piece) => {
    const r = await verifyJwt(nodeToken('HS256', { sub: 'a' }, header), await verifyKeys('HS256'), opts());
    expect(r.valid).toBe(false);
    expect(r.code).toBe('invalid-header');
    expect(r.reason).toContain(piece);
  });
  it('a wrongly typed claim is still invalid-claim', async () => {
    const r = await verifyJwt(nodeToken('HS256', { exp: 'soon' }), await verifyKeys('HS256'), opts());
    expect(r.code).toBe('invalid-claim');
  });
});

describe('integers beyond 2^53', () => {
  it('sign refuses claims whose integer JavaScript would change, and names both values', () => {
    expect(() => parseClaims('{"id":9007199254740993}')).toThrow(
      'invalid claims: the integer 9007199254740993 is beyond 2^53, so JSON readers in JavaScript hold it as 9007199254740992 and the token would say that; write it as a string',
    );
    // Exact ones, strings, decimals and exponents are left alone.
    expect(parseClaims('{"a":9007199254740992,"b":"9007199254740993","c":-9007199254740991,"d":1.5e300,"e":12345678901234567.5}')).toBeTruthy();
  });
  it('decode warns when the payload holds one, with the value it shows', () => {
    const r = decodeJwt(unsigned({ alg: 'HS256' }, {}, 'c2ln').replace(/^([^.]+)\.[^.]*/, `$1.${b64u('{"id":12345678901234567890,"s":"12345678901234567890"}')}`), NOW);
    expect(r.warnings.filter((w) => w.includes('2^53'))).toEqual([
      "the payload's integer 12345678901234567890 is beyond 2^53: JavaScript (this view, and verifiers written in it) reads it as 12345678901234567000",
    ]);
    expect(decodeJwt(nodeToken('HS256', { id: 9007199254740991 }), NOW).warnings.some((w) => w.includes('2^53'))).toBe(false);
  });
});

describe('JWK Sets', () => {
  const jwk1 = { ...ec['P-256']!.publicKey.export({ format: 'jwk' }), kid: 'one' };
  const jwk2 = { ...ed.publicKey.export({ format: 'jwk' }), kid: 'two' };
  const set = JSON.stringify({ keys: [jwk1, jwk2, { kty: 'RSA', use: 'enc', n: 'AQAB', e: 'AQAB', kid: 'three' }] });

  it('picks the key by kid', async () => {
    const keys = await loadKeys(text(set), 'verify');
    expect(keys).toHaveLength(2); // the encryption key is skipped
    expect((await verifyJwt(nodeToken('EdDSA', {}, { alg: 'EdDSA', kid: 'two' }), keys, opts())).valid).toBe(true);
    const r = await verifyJwt(nodeToken('EdDSA', {}, { alg: 'EdDSA', kid: 'nine' }), keys, opts());
    expect(r).toMatchObject({ code: 'no-matching-key', reason: `no matching key: the token's kid is "nine", and no key in the set has it (its keys have kid "one", "two")` });
  });

  it('without kid, tries every key that fits the algorithm', async () => {
    const keys = await loadKeys(text(set), 'verify');
    expect((await verifyJwt(nodeToken('ES256', {}), keys, opts())).valid).toBe(true);
  });

  it('a key the token carries in its header is never used', async () => {
    const attacker = generateKeyPairSync('ed25519');
    const header = { alg: 'EdDSA', jwk: attacker.publicKey.export({ format: 'jwk' }) };
    const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify({ sub: 'admin' }))}`;
    const forged = `${input}.${nodeSign(null, Buffer.from(input), attacker.privateKey).toString('base64url')}`;
    expect((await verifyJwt(forged, await verifyKeys('EdDSA'), opts())).code).toBe('bad-signature');
  });

  // A server chooses by kid in a set of any size: a one-key set is no exception.
  // [token kid, kid of the one key in the set, code]
  it.each([
    ['k1', 'zzz', 'no-matching-key'],
    ['k1', 'k1', 'valid'],
    ['k1', undefined, 'valid'], // a key without kid stays a candidate
    [undefined, 'zzz', 'valid'], // a token without kid: every fitting key is tried
  ])('one-key JWK Set: token kid %s, key kid %s -> %s', async (tokenKid, keyKid, code) => {
    const jwk = { ...ed.publicKey.export({ format: 'jwk' }), ...(keyKid ? { kid: keyKid } : {}) };
    const keys = await loadKeys(text(JSON.stringify({ keys: [jwk] })), 'verify');
    const r = await verifyJwt(nodeToken('EdDSA', {}, { alg: 'EdDSA', ...(tokenKid ? { kid: tokenKid } : {}) }), keys, opts());
    expect(r.code).toBe(code);
    if (code === 'no-matching-key') expect(r.reason).toBe(`no matching key: the token's kid is "k1", and no key in the set has it (its key has kid "zzz")`);
  });
  it('a lone JWK (not a set) is used as given, whatever its kid', async () => {
    const jwk = { ...ed.publicKey.export({ format: 'jwk' }), kid: 'zzz' };
    const keys = await loadKeys(text(JSON.stringify(jwk)), 'verify');
    expect((await verifyJwt(nodeToken('EdDSA', {}, { alg: 'EdDSA', kid: 'k1' }), keys, opts())).code).toBe('valid');
  });

  it('a kid pointing at the wrong key is a bad signature, not a crash', async () => {
    const other = { ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid: 'two' };
    const keys = await loadKeys(text(JSON.stringify({ keys: [other] })), 'verify');
    expect((await verifyJwt(nodeToken('EdDSA', {}, { alg: 'EdDSA', kid: 'two' }), keys, opts())).code).toBe('bad-signature');
  });
});

describe('unusable keys are input errors', () => {
  it.each([
    ['an empty secret', { kind: 'secret', bytes: new Uint8Array(0), source: '--secret' } as KeyInput, 'the secret is empty'],
    ['junk text', text('hello'), 'not PEM'],
    ['a PKCS#1 RSA public key', text('-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----'), 'PKCS#1'],
    ['an encrypted private key', text('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----'), 'encrypted'],
    ['damaged SPKI', text('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'), 'damaged'],
    ['a JWK without kty', text('{"k":"abc"}'), 'no "kty"'],
    ['an unknown kty', text('{"kty":"XYZ"}'), 'cannot make or check'],
    ['an encryption JWK', text(JSON.stringify({ ...rsa.publicKey.export({ format: 'jwk' }), use: 'enc' })), 'for encryption'],
    ['an empty JWK Set', text('{"keys":[]}'), 'no key in the JWK Set'],
    ['bad JSON', text('{"kty": '), 'not valid JSON'],
    ['JSON 10,000 deep', text('['.repeat(10000) + ']'.repeat(10000)), 'nests 10000 levels'],
  ])('%s', async (_n, input, message) => {
    await expect(loadKeys(input, 'verify')).rejects.toThrow(WebInputError);
    await expect(loadKeys(input, 'verify')).rejects.toThrow(message);
  });

  it('an RSA key under 2048 bits is unusable (jose refuses it), not a crash', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const input = `${b64u(JSON.stringify({ alg: 'RS256' }))}.${b64u('{}')}`;
    const token = `${input}.${nodeSign('sha256', Buffer.from(input), small.privateKey).toString('base64url')}`;
    const keys = await loadKeys(text(pem(small.publicKey, 'spki')), 'verify');
    await expect(verifyJwt(token, keys, opts())).rejects.toThrow(WebInputError);
    await expect(verifyJwt(token, keys, opts())).rejects.toThrow('2048 bits');
  });

  it('an Ed448 key is unusable: only Ed25519 is supported', async () => {
    const e448 = generateKeyPairSync('ed448');
    await expect(loadKeys(text(pem(e448.publicKey, 'spki')), 'verify')).rejects.toThrow('an Ed448 key; netkit signs and verifies with RSA, EC P-256/384/521 and Ed25519 keys');
  });

  it('signing needs a private key', async () => {
    await expect(loadKeys(text(pem(rsa.publicKey, 'spki')), 'sign')).rejects.toThrow('needs the private key');
    await expect(loadKeys(text(JSON.stringify(ed.publicKey.export({ format: 'jwk' }))), 'sign')).rejects.toThrow('no private part');
  });

  it('sign refuses none, unknown algorithms and algorithms that do not fit the key', async () => {
    const k = await signKey('HS256');
    await expect(signJwt({ alg: 'none', claims: {}, key: k, nowMs: NOW })).rejects.toThrow('does not make unsigned tokens');
    await expect(signJwt({ alg: 'HS1', claims: {}, key: k, nowMs: NOW })).rejects.toThrow('unknown algorithm');
    await expect(signJwt({ alg: 'RS256', claims: {}, key: k, nowMs: NOW })).rejects.toThrow('does not fit the key');
  });

  it('sign warns about a secret shorter than the hash', async () => {
    const [k] = await loadKeys({ kind: 'secret', bytes: new TextEncoder().encode('short'), source: '--secret' }, 'sign');
    const r = await signJwt({ alg: 'HS256', claims: {}, key: k!, nowMs: NOW });
    expect(r.warnings.join()).toContain('at least 32');
  });
});

describe('decode', () => {
  it('explains the registered claims with absolute and relative times', () => {
    const token = nodeToken('HS256', { iss: 'https://auth.example', sub: 'alice', aud: 'api', exp: T - 2 * 86400, nbf: T - 3 * 86400, iat: T - 3 * 86400, jti: 'j1' });
    const r = decodeJwt(token, NOW);
    expect(r.claims.map((c) => c.claim)).toEqual(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
    expect(r).toMatchObject({
      format: 'JWS',
      encrypted: false,
      algorithm: 'HS256',
      expired: true,
      expiresAt: '2026-11-16T11:06:40Z',
      notBefore: '2026-11-15T11:06:40Z',
      issuedAt: '2026-11-15T11:06:40Z',
    });
    expect(r.claims.find((c) => c.claim === 'exp')!.meaning).toBe('2026-11-16 11:06:40 UTC (expired 2 days ago)');
    expect(r.warnings).toContain('expired 2 days ago');
    expect(r.warnings.some((w) => w.includes('anyone holding this token can read its payload'))).toBe(true);
  });

  it('warns when the token names its own key (jku, x5u, jwk)', () => {
    const r = decodeJwt(unsigned({ alg: 'RS256', jku: 'https://evil.example/jwks.json' }, {}, 'c2ln'), NOW);
    expect(r.warnings.some((w) => w.includes('the header carries jku'))).toBe(true);
    expect(decodeJwt(unsigned({ alg: 'RS256' }, {}, 'c2ln'), NOW).warnings.some((w) => w.includes('header carries'))).toBe(false);
  });

  it('warns about alg none and a missing exp', () => {
    const r = decodeJwt(unsigned({ alg: 'none' }, { sub: 'x' }), NOW);
    expect(r.warnings.some((w) => w.includes('not signed'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('no exp'))).toBe(true);
    expect(r.expired).toBe(false);
  });

  it('recognises a JWE (five parts) as encrypted', () => {
    const jwe = `${b64u(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }))}.${b64u('k')}.${b64u('iv')}.${b64u('ciphertext')}.${b64u('tag')}`;
    const r = decodeJwt(jwe, NOW);
    expect(r).toMatchObject({ format: 'JWE', encrypted: true, payload: null, algorithm: 'RSA-OAEP-256' });
    expect(r.warnings[0]).toContain('encrypted');
  });

  it('accepts a pasted "Bearer" or "Authorization:" prefix and surrounding space', () => {
    const token = nodeToken('HS256', { sub: 'a' });
    expect(decodeJwt(`  Authorization: Bearer ${token}\n`, NOW).payload).toEqual({ sub: 'a' });
  });

  const h = b64u('{"alg":"HS256"}');
  const p = b64u('{"sub":"a"}');
  it.each([
    ['empty', '', 'the token is empty'],
    ['one part', 'abc', '1 part separated'],
    ['two parts', `${h}.${p}`, "an unsigned token still ends in '.'"],
    ['four parts', `${h}.${p}.x.y`, '4 parts'],
    ['six parts', 'a.b.c.d.e.f', '6 parts'],
    ['a bad character', `${h}.${p}.ab*c`, 'signature is not base64url: character "*" at position'],
    ['padding', `${h}.${b64u('{"sub":"ab"}')}=.x`, "no '=' padding"],
    ['base64 not base64url', `${h}.${p}.ab+c`, "'+' is base64"],
    ['impossible length', `${h}.${p}.abcde`, 'cannot encode whole bytes'],
    ['empty header', `.${p}.x`, 'the header is empty'],
    ['empty payload', `${h}..x`, 'the payload is empty'],
    ['header not JSON', `${b64u('{alg:HS256}')}.${p}.x`, 'header is not valid JSON'],
    ['payload not JSON', `${h}.${b64u('hello')}.x`, 'payload is not valid JSON'],
    ['payload an array', `${h}.${b64u('[1,2]')}.x`, 'not an object (an array)'],
    ['payload null', `${h}.${b64u('null')}.x`, 'not an object (null)'],
    ['header without alg', `${b64u('{"typ":"JWT"}')}.${p}.x`, 'no "alg"'],
    ['alg not a string', `${b64u('{"alg":1}')}.${p}.x`, '"alg" is not a string'],
    ['invalid UTF-8 in the payload', `${h}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.x`, 'payload is not valid UTF-8'],
    ['JSON nested 10,000 deep', `${h}.${b64u('{"a":' + '['.repeat(10000) + ']'.repeat(10000) + '}')}.x`, 'nests 10001 levels deep'],
    ['a 1 MB string', 'a'.repeat(1 << 20), 'longer than the 65536'],
    ['a 70 KB token', `${h}.${b64u(JSON.stringify({ x: 'y'.repeat(70000) }))}.x`, 'longer than the 65536'],
    ['binary junk', '\u0000\u0001\u00ff\ufffd.\u001b[31m.x', 'not base64url'],
    ['five parts without enc', `${h}.a.b.c.d`, 'no "enc"'],
  ])('malformed: %s', (_n, token, message) => {
    let err: unknown;
    try {
      decodeJwt(token, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WebInputError);
    const msg = (err as Error).message;
    expect(msg).toContain(message);
    expect(msg).not.toMatch(/[\n\r\u001b]/); // one line, no escape sequences
    expect(msg.length).toBeLessThan(400);
  });

  it('any string either decodes or is a WebInputError (never another exception)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.base64String(), { maxLength: 6 }).map((a) => a.join('.'))), (s) => {
        try {
          decodeJwt(s, NOW);
        } catch (e) {
          if (!(e instanceof WebInputError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sign then decode round-trips any claims object', () => {
  it('property: payload out equals claims in', async () => {
    const k = await signKey('HS256');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), async (claims) => {
        // JSON round-trip first: -0 and the like have no JSON spelling.
        const c = JSON.parse(JSON.stringify(claims)) as Record<string, unknown>;
        delete c.exp;
        delete c.nbf;
        delete c.iat;
        const s = await signJwt({ alg: 'HS256', claims: c, key: k, nowMs: NOW });
        expect(decodeJwt(s.token, NOW).payload).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it('parseClaims wants a JSON object', () => {
    expect(parseClaims('{"sub":"a"}')).toEqual({ sub: 'a' });
    expect(() => parseClaims('[1]')).toThrow('claims are a JSON object');
    expect(() => parseClaims('{')).toThrow('not valid JSON');
    expect(() => parseClaims('{"a":' + '['.repeat(10000) + ']'.repeat(10000) + '}')).toThrow('nests');
  });
});
