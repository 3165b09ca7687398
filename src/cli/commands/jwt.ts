// netkit jwt: decode, verify and sign JSON Web Tokens. A JWT is signed, not encrypted:
// decode shows everything anyone holding the token can read; verify says whether a key
// vouches for it. jose (all the cryptography) is loaded only when a jwt command runs.

// node:fs, not node:fs/promises: the promise API drags readline and streams into
// every netkit start-up, and a key file is small.
import { readFileSync, statSync } from 'node:fs';
import { NOW_HELP, outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { nowFrom, parseDuration } from '../../web/time.js';
import type { KeyInput } from '../../web/jwt.js';
import { renderJwtDecode, renderJwtVerify } from '../render/jwt.js';

interface CommonOptions extends OutputOptions {
  now?: string;
}
interface VerifyOptions extends CommonOptions {
  secret?: string;
  secretFile?: string;
  key?: string;
  clockSkew: string;
  iss: string[];
  aud: string[];
  alg: string[];
}
interface SignOptions extends CommonOptions {
  alg?: string;
  secret?: string;
  secretFile?: string;
  key?: string;
  exp?: string;
  iat?: boolean;
  kid?: string;
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** Largest key file netkit reads: a JWK Set of a big identity provider is a few tens of KB. */
const MAX_KEY_FILE = 1024 * 1024;

const JWT_NOW_HELP = `${NOW_HELP} and old tokens`;

export const register: Register = (program, wrap) => {
  const jwt = program
    .command('jwt')
    .description('JSON Web Tokens: decode (anyone can read a JWT), verify a signature with a key, sign one for tests');

  const decode = jwt
    .command('decode')
    .description('show header, payload and the registered claims explained, with times absolute and relative')
    .argument('<token>', "the token (a leading 'Bearer ' is dropped); '-' reads it from stdin")
    .option('--now <time>', JWT_NOW_HELP);
  outputOptions(decode);
  decode.addHelpText(
    'after',
    `
Examples:
  netkit jwt decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln...
  pbpaste | netkit jwt decode -
  netkit jwt decode "$TOKEN" --json | jq .payload

Exit codes: 0 a well-formed token (even an expired one), 2 malformed (parts, base64url, JSON).`,
  );
  decode.action(wrap(runDecode));

  const verify = jwt
    .command('verify')
    .description('check the signature and the exp/nbf/iss/aud claims; exit 0 valid, 1 invalid')
    .argument('<token>', "the token; '-' reads it from stdin")
    .option('--secret <secret>', 'HMAC secret (HS256/384/512), as UTF-8 text')
    .option('--secret-file <file>', 'HMAC secret from a file (its bytes; one trailing newline is dropped)')
    .option('--key <file>', 'public key: PEM (SPKI "PUBLIC KEY", X.509 "CERTIFICATE", or a PKCS#8 private key), a JWK or a JWK Set')
    .option('--clock-skew <seconds>', 'tolerance for exp and nbf, in seconds (or 30s, 5m)', '0')
    .option('--iss <issuer>', 'require this issuer (repeat or comma-separate to accept any of several)', collect, [])
    .option('--aud <audience>', 'require this audience (repeat or comma-separate)', collect, [])
    .option('--alg <alg>', 'accept only these algorithms (repeat or comma-separate); the key type limits them anyway', collect, [])
    .option('--now <time>', JWT_NOW_HELP);
  outputOptions(verify);
  verify.addHelpText(
    'after',
    `
Examples:
  netkit jwt verify "$TOKEN" --secret 'my-shared-secret'
  netkit jwt verify "$TOKEN" --key public.pem --iss https://auth.example.com --aud api
  netkit jwt verify "$TOKEN" --key jwks.json --clock-skew 30

alg "none" is always refused, and so is an algorithm that does not fit the key
(an HS256 token checked against an RSA key is the classic algorithm-confusion attack).

Exit codes: 0 valid, 1 invalid (bad signature, expired, not yet valid, wrong issuer or
audience, refused algorithm, no matching key, invalid header or claim), 2 malformed token
or unusable key.`,
  );
  verify.action(wrap(runVerify));

  const sign = jwt
    .command('sign')
    .description('make a signed token from claims, for tests and local development')
    .argument('[claims]', "the claims as a JSON object (default {}); '-' reads them from stdin")
    .requiredOption('--alg <alg>', 'HS256 HS384 HS512 RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA Ed25519')
    .option('--secret <secret>', 'HMAC secret, as UTF-8 text')
    .option('--secret-file <file>', 'HMAC secret from a file (one trailing newline is dropped)')
    .option('--key <file>', 'private key: PKCS#8 PEM ("PRIVATE KEY") or a private JWK')
    .option('--exp <duration>', 'expire after this long: 90 (seconds), 30m, 1h, 7d, 1w, 1h30m')
    .option('--iat', 'add iat (issued at) = now')
    .option('--kid <kid>', 'key id to put in the header')
    .option('--now <time>', JWT_NOW_HELP);
  outputOptions(sign);
  sign.addHelpText(
    'after',
    `
Examples:
  netkit jwt sign --alg HS256 --secret dev-secret-of-32-bytes-or-more!! --exp 1h --iat '{"sub":"alice"}'
  netkit jwt sign --alg ES256 --key private.pem '{"sub":"alice","aud":"api"}'

Prints the token alone on stdout (TOKEN=$(netkit jwt sign ...)); --json adds header and payload.`,
  );
  sign.action(wrap(runSign));
};

/** The token argument, or stdin for '-' (lines joined: a token wrapped by a terminal still reads). */
async function readArg(ctx: Context, arg: string, what: string, limit: number): Promise<string> {
  if (arg !== '-') return arg;
  const parts: string[] = [];
  let size = 0;
  for await (const { text } of ctx.stdinLines()) {
    size += text.length;
    if (size > limit) throw new CliError(`${what} on stdin is longer than the ${limit} characters netkit reads`, EXIT.INPUT);
    parts.push(what === 'token' ? text.trim() : text);
  }
  if (what === 'token') {
    // Joining is for one token wrapped over lines; several whole tokens, one a line, would
    // join into nonsense ("five parts make a JWE..."). A whole one starts with a header
    // (base64url of '{"', "eyJ") and has its two dots on its line.
    const whole = parts.filter((l) => /^(?:authorization\s*:\s*)?(?:bearer\s+)?eyJ[^.]*\.[^.]*\./i.test(l)).length;
    if (whole > 1) throw new CliError(`stdin holds ${whole} tokens, one a line; jwt reads one token: give them one at a time`, EXIT.INPUT);
  }
  return parts.join(what === 'token' ? '' : '\n');
}

async function readFileLimited(path: string, what: string): Promise<Uint8Array> {
  try {
    const s = statSync(path);
    if (!s.isFile()) throw new CliError(`cannot read ${what} ${JSON.stringify(path)}: not a regular file`, EXIT.INPUT);
    if (s.size > MAX_KEY_FILE) throw new CliError(`cannot read ${what} ${JSON.stringify(path)}: ${s.size} bytes is more than a key file should be`, EXIT.INPUT);
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? (e as Error).message;
    throw new CliError(`cannot read ${what} ${JSON.stringify(path)}: ${why}`, EXIT.INPUT);
  }
}

/** Exactly one of --secret, --secret-file, --key, as KeyInput. */
async function keyInput(opts: { secret?: string; secretFile?: string; key?: string }): Promise<KeyInput> {
  const given = [opts.secret !== undefined, opts.secretFile !== undefined, opts.key !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new UsageError(given === 0 ? 'give the key: --secret S, --secret-file FILE or --key FILE' : '--secret, --secret-file and --key are alternatives: give one');
  }
  if (opts.secret !== undefined) return { kind: 'secret', bytes: new TextEncoder().encode(opts.secret), source: '--secret' };
  if (opts.secretFile !== undefined) {
    let bytes = await readFileLimited(opts.secretFile, 'secret file');
    // `echo secret > file` adds a newline nobody meant as part of the secret.
    if (bytes.at(-1) === 10) bytes = bytes.subarray(0, bytes.at(-2) === 13 ? -2 : -1);
    return { kind: 'secret', bytes, source: JSON.stringify(opts.secretFile) };
  }
  const bytes = await readFileLimited(opts.key!, 'key file');
  return { kind: 'text', text: new TextDecoder().decode(bytes), source: JSON.stringify(opts.key) };
}

async function runDecode(ctx: Context, opts: CommonOptions, tokenArg: string): Promise<void> {
  const jwt = await import('../../web/jwt.js');
  const nowMs = nowFrom(opts.now);
  const token = await readArg(ctx, tokenArg, 'token', jwt.MAX_TOKEN_LENGTH * 2);
  const r = jwt.decodeJwt(token, nowMs);
  if (ctx.json) ctx.jsonLine(r);
  else ctx.out.write(renderJwtDecode(r, ctx.style, ctx.width));
}

async function runVerify(ctx: Context, opts: VerifyOptions, tokenArg: string): Promise<void> {
  const jwt = await import('../../web/jwt.js');
  const nowMs = nowFrom(opts.now);
  const skew = parseDuration(opts.clockSkew);
  if (skew === null) throw new UsageError(`--clock-skew ${JSON.stringify(opts.clockSkew)} is not a number of seconds (or 30s, 5m)`);
  for (const a of opts.alg) {
    if (!jwt.isSigningAlgorithm(a)) throw new UsageError(`--alg ${JSON.stringify(a)} is not one of ${jwt.SIGNING_ALGORITHMS.join(', ')}`);
  }
  const input = await keyInput(opts);
  const token = await readArg(ctx, tokenArg, 'token', jwt.MAX_TOKEN_LENGTH * 2);
  // The token's form is checked before the key, so a malformed token says so whatever the key.
  jwt.parseCompact(token);
  const keys = await jwt.loadKeys(input, 'verify');
  const r = await jwt.verifyJwt(token, keys, {
    nowMs,
    clockSkew: skew,
    ...(opts.iss.length ? { issuer: opts.iss } : {}),
    ...(opts.aud.length ? { audience: opts.aud } : {}),
    ...(opts.alg.length ? { algorithms: opts.alg } : {}),
  });
  if (ctx.json) ctx.jsonLine(r);
  else ctx.out.write(renderJwtVerify(r, ctx.style, ctx.width));
  ctx.setExit(r.valid ? EXIT.OK : EXIT.NO);
}

async function runSign(ctx: Context, opts: SignOptions, claimsArg: string | undefined): Promise<void> {
  const jwt = await import('../../web/jwt.js');
  const nowMs = nowFrom(opts.now);
  const alg = opts.alg!;
  let expiresIn: number | undefined;
  if (opts.exp !== undefined) {
    const d = parseDuration(opts.exp);
    if (d === null) throw new UsageError(`--exp ${JSON.stringify(opts.exp)} is not a duration: 90 (seconds), 30m, 1h, 7d, 1w`);
    expiresIn = d;
  }
  const input = await keyInput(opts);
  const claimsText = claimsArg === undefined ? '{}' : await readArg(ctx, claimsArg, 'claims', jwt.MAX_TOKEN_LENGTH);
  const claims = jwt.parseClaims(claimsText);
  const [key] = await jwt.loadKeys(input, 'sign');
  const r = await jwt.signJwt({
    alg,
    claims,
    key: key!,
    nowMs,
    ...(expiresIn !== undefined ? { expiresIn } : {}),
    issuedAt: Boolean(opts.iat),
    ...(opts.kid !== undefined ? { kid: opts.kid } : {}),
  });
  for (const w of r.warnings) ctx.warn(`warning: ${w}`);
  if (ctx.json) ctx.jsonLine({ token: r.token, header: r.header, payload: r.payload });
  else ctx.line(r.token);
}
