// JSON Web Tokens, explained and checked. Decoding (structure, base64url, JSON, the
// registered claims of RFC 7519 section 4.1) is done here so that every error can say
// exactly what is wrong; every cryptographic step (key import, signing, signature
// verification, exp/nbf/iss/aud checks) is jose's, loaded on first use so that decode
// does not pay for it. Pure: no node:* imports, the clock is a parameter, keys arrive
// as text or bytes.
//
// The modules live in jwt/: compact (structure, base64url, JSON), decode, keys, verify,
// sign, and the algorithm table. This file is their public face, so importers keep one path.

export { describeAlgorithm, isSigningAlgorithm, SIGNING_ALGORITHMS, type SigningAlgorithm } from './jwt/algorithms.js';
export { cleanToken, MAX_TOKEN_LENGTH, parseCompact, type CompactToken } from './jwt/compact.js';
export { decodeJwt, type ClaimNote, type JwtDecodeReport } from './jwt/decode.js';
export { loadKeys, type KeyCandidate, type KeyInput } from './jwt/keys.js';
export { verifyJwt, type JwtVerifyReport, type VerifyCode, type VerifyOptions } from './jwt/verify.js';
export { parseClaims, signJwt, type JwtSignReport, type SignOptions } from './jwt/sign.js';
