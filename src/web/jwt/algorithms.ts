// The signature algorithms netkit verifies and signs with, and what each is in words.

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
