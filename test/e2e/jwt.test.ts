// netkit jwt, end to end on the built CLI: stdout, stderr and exit code checked apart.

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { jsonLines, netkit } from '../helpers/cli.js';

const NOW = '2026-11-26T12:00:00Z';
const SECRET = 'a-test-secret-that-is-32-bytes!!';
let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-jwt-'));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(file('rsa.key'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(file('rsa.pub'), rsa.publicKey.export({ type: 'spki', format: 'pem' }));
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(file('ec.key'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(file('ec.jwks'), JSON.stringify({ keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'k1' }] }));
  writeFileSync(file('secret.txt'), SECRET + '\n');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A one-line error, no stack trace. */
function expectOneLineError(stderr: string, piece: string): void {
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).toMatch(/^netkit: /);
  expect(stderr).toContain(piece);
  expect(stderr).not.toMatch(/\n\s+at /);
}

function sign(args: string[], claims = '{"sub":"alice","iss":"https://auth.example","aud":"api"}'): string {
  const r = netkit(['jwt', 'sign', ...args, '--now', NOW, claims]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  return r.stdout.trim();
}

describe('jwt decode', () => {
  it('explains a token: claims, times, the readable-payload warning', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET, '--exp', '1h', '--iat']);
    const r = netkit(['jwt', 'decode', t, '--now', '2026-11-28T13:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('signed JWT (JWS), alg "HS256": HMAC with SHA-256');
    expect(r.stdout).toMatch(/exp\s+expires\s+1795698000\s+2026-11-26 13:00:00 UTC \(expired 2 days ago\)/);
    expect(r.stdout).toMatch(/iat\s+issued at\s+\d+\s+2026-11-26 12:00:00 UTC \(2 days 1 hour ago\)/);
    expect(r.stdout).toContain('anyone holding this token can read its payload: signed is not encrypted');
  });

  it('--json has the documented fields', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET, '--exp', '1h', '--iat']);
    const r = netkit(['jwt', 'decode', t, '--json', '--now', NOW]);
    expect(r.code).toBe(0);
    const [j] = jsonLines(r.stdout);
    expect(j).toMatchObject({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: 'alice' },
      expired: false,
      expiresAt: '2026-11-26T13:00:00Z',
      notBefore: null,
      issuedAt: '2026-11-26T12:00:00Z',
    });
  });

  it("reads the token from stdin with '-' (Bearer prefix and line wrap allowed)", () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET]);
    const wrapped = `Bearer ${t.slice(0, 40)}\n${t.slice(40)}\n`;
    const r = netkit(['jwt', 'decode', '-', '--json', '--now', NOW], { input: wrapped });
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0].payload.sub).toBe('alice');
  });

  it('several whole tokens on stdin, one a line: a clear error, not a joined nonsense token', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET]);
    const r = netkit(['jwt', 'decode', '-'], { input: `${t}\nBearer ${t}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netkit: stdin holds 2 tokens, one a line; jwt reads one token: give them one at a time\n');
  });

  it('recognises a JWE', () => {
    const b = (s: string) => Buffer.from(s).toString('base64url');
    const jwe = [b('{"alg":"dir","enc":"A256GCM"}'), '', b('iv'), b('secret stuff'), b('tag')].join('.');
    const r = netkit(['jwt', 'decode', jwe]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('encrypted JWT (JWE)');
    expect(r.stdout).not.toContain('secret stuff');
  });

  const junk = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x1b]), Buffer.from('[31m.eyJ.x'), Buffer.alloc(100, 0xc3)]);
  it.each([
    ['wrong number of parts', ['abc.def'], undefined, "2 parts separated by '.'"],
    ['bad base64url', ['eyJhbGciOiJIUzI1NiJ9.d*f.ghi'], undefined, 'payload is not base64url: character "*" at position 22'],
    ['a header that is not JSON text', ['abc.def.ghi'], undefined, 'header is not valid UTF-8'],
    ['bad JSON', [`${Buffer.from('{alg').toString('base64url')}.e30.c2ln`], undefined, 'header is not valid JSON'],
    ['no alg', ['e30.e30.c2ln'], undefined, 'the header has no "alg"'],
    ['JSON nested 10,000 deep', [`${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('['.repeat(10000) + ']'.repeat(10000)).toString('base64url')}.c2ln`], undefined, 'nests 10000 levels deep'],
    ['a 1 MB token on stdin', ['-'], 'a'.repeat(1 << 20), 'longer than the'],
    ['binary junk and invalid UTF-8 on stdin', ['-'], junk, 'not base64url'],
    ['an empty stdin', ['-'], '', 'the token is empty'],
  ] as [string, string[], string | Buffer | undefined, string][])('malformed: %s -> exit 2, one line', (_n, args, input, piece) => {
    const r = netkit(['jwt', 'decode', ...args], input === undefined ? {} : { input });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, piece);
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('jwt verify', () => {
  it('valid with the secret: exit 0', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET, '--exp', '1h']);
    const r = netkit(['jwt', 'verify', t, '--secret', SECRET, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^valid: HS256 signature verified with a 32-byte secret; expires in 1 hour\n/);
  });

  it('the secret from a file (trailing newline dropped)', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET]);
    expect(netkit(['jwt', 'verify', t, '--secret-file', file('secret.txt')]).code).toBe(0);
    // The same secret with its newline kept would not verify.
    expect(netkit(['jwt', 'verify', t, '--secret', SECRET + '\n']).code).toBe(1);
  });

  it('RS256 with a PEM key, ES256 with a JWK Set', () => {
    const rs = sign(['--alg', 'RS256', '--key', file('rsa.key')]);
    expect(netkit(['jwt', 'verify', rs, '--key', file('rsa.pub'), '--iss', 'https://auth.example', '--aud', 'api']).code).toBe(0);
    const es = sign(['--alg', 'ES256', '--key', file('ec.key'), '--kid', 'k1']);
    const r = netkit(['jwt', 'verify', es, '--key', file('ec.jwks'), '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ valid: true, code: 'valid', header: { alg: 'ES256', kid: 'k1' }, payload: { sub: 'alice' } });
  });

  it.each([
    ['a wrong secret', ['--secret', 'not-the-secret'], 'bad-signature', 'bad signature'],
    ['expired', ['--secret', SECRET, '--now', '2026-11-26T13:00:00Z'], 'expired', 'expired now'],
    ['expired, within the clock skew', ['--secret', SECRET, '--now', '2026-11-26T13:00:29Z', '--clock-skew', '30'], 'valid', 'valid'],
    ['expired, past the clock skew', ['--secret', SECRET, '--now', '2026-11-26T13:00:30Z', '--clock-skew', '30s'], 'expired', 'allowing 30 s of clock skew'],
    ['a wrong issuer', ['--secret', SECRET, '--iss', 'https://other.example'], 'wrong-issuer', 'wrong issuer'],
    ['a wrong audience', ['--secret', SECRET, '--aud', 'web'], 'wrong-audience', 'wrong audience'],
    ['an algorithm not allowed by --alg', ['--secret', SECRET, '--alg', 'HS512'], 'refused-algorithm', 'only HS512 is allowed'],
  ])('%s: exit 1 with the reason', (_n, args, code, piece) => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET, '--exp', '1h']);
    const now = args.includes('--now') ? [] : ['--now', NOW];
    const r = netkit(['jwt', 'verify', t, ...args, ...now, '--json']);
    expect(r.code).toBe(code === 'valid' ? 0 : 1);
    expect(r.stderr).toBe('');
    const [j] = jsonLines(r.stdout);
    expect(j.code).toBe(code);
    expect(j.valid).toBe(code === 'valid');
    expect(j.reason).toContain(piece);
  });

  // Issue 12 §6: what a server refuses, netkit refuses the same way.
  it('a one-key JWK Set whose kid differs from the token\'s: no matching key, exit 1', () => {
    const es = sign(['--alg', 'ES256', '--key', file('ec.key'), '--kid', 'zzz']);
    const r = netkit(['jwt', 'verify', es, '--key', file('ec.jwks'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)[0]).toMatchObject({ valid: false, code: 'no-matching-key' });
    expect(jsonLines(r.stdout)[0].reason).toContain(`the token's kid is "zzz", and no key in the set has it (its key has kid "k1")`);
  });

  const hs = (header: object, payload: object = { sub: 'a' }) => {
    const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b(header)}.${b(payload)}`;
    return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
  };
  it('a crit the verifier does not understand is a header problem: invalid-header, exit 1', () => {
    const r = netkit(['jwt', 'verify', hs({ alg: 'HS256', crit: ['exp2'], exp2: 1 }), '--secret', SECRET, '--json']);
    expect(r.code).toBe(1);
    const [j] = jsonLines(r.stdout);
    expect(j.code).toBe('invalid-header');
    expect(j.reason).toMatch(/^invalid header: "crit" is \["exp2"\]/);
  });

  it('a signature with a second spelling (non-canonical base64url) is malformed: exit 2', () => {
    const t = hs({ alg: 'HS256' });
    expect(netkit(['jwt', 'verify', t, '--secret', SECRET]).code).toBe(0);
    // 32 bytes are 43 characters: the last carries 2 unused bits; flipping one spells the same bytes.
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const bad = t.slice(0, -1) + B64[B64.indexOf(t.at(-1)!) ^ 1]!;
    expect(Buffer.from(bad.split('.')[2]!, 'base64url')).toEqual(Buffer.from(t.split('.')[2]!, 'base64url'));
    for (const cmd of ['verify', 'decode']) {
      const r = netkit(['jwt', cmd, bad, '--secret', SECRET].slice(0, cmd === 'decode' ? 3 : 5));
      expect(r.code, cmd).toBe(2);
      expect(r.stdout).toBe('');
      expectOneLineError(r.stderr, 'signature is not canonical base64url');
    }
  });

  it('alg none is refused: exit 1', () => {
    const b = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const r = netkit(['jwt', 'verify', `${b({ alg: 'none' })}.${b({ sub: 'admin' })}.`, '--secret', SECRET]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^invalid: refused algorithm: alg "none"/);
  });

  it('HS256 signed with the public key as secret is refused: exit 1 (algorithm confusion)', () => {
    const forged = sign(['--alg', 'HS256', '--secret-file', file('rsa.pub')], '{"sub":"admin"}');
    const r = netkit(['jwt', 'verify', forged, '--key', file('rsa.pub')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the classic algorithm-confusion attack');
  });

  it.each([
    ['no key', [], 'give the key'],
    ['two keys', ['--secret', 'a', '--key', 'b'], 'alternatives'],
    ['a missing key file', ['--key', '/nonexistent/key.pem'], 'no such file'],
    ['a public key that is junk', ['--key', '/etc/hostname'], 'unusable key'],
    ['a bad --clock-skew', ['--secret', 'x', '--clock-skew', 'soon'], '--clock-skew'],
    ['a bad --now', ['--secret', 'x', '--now', 'yesterday'], '--now "yesterday"'],
  ])('%s: exit 2', (_n, args, piece) => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET]);
    const r = netkit(['jwt', 'verify', t, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, piece);
  });

  it('a malformed token is exit 2 whatever the key', () => {
    const r = netkit(['jwt', 'verify', 'not.a.jwt', '--key', '/nonexistent']);
    expect(r.code).toBe(2);
    expectOneLineError(r.stderr, 'cannot read key file');
    const r2 = netkit(['jwt', 'verify', 'a.b', '--secret', 'x']);
    expect(r2.code).toBe(2);
    expectOneLineError(r2.stderr, "2 parts separated by '.'");
  });
});

describe('jwt sign', () => {
  it('--json has token, header and payload with exp and iat from --now', () => {
    const r = netkit(['jwt', 'sign', '--alg', 'HS384', '--secret', SECRET, '--exp', '1h30m', '--iat', '--now', NOW, '--json', '{"sub":"a"}']);
    expect(r.code).toBe(0);
    const [j] = jsonLines(r.stdout);
    expect(j.header).toEqual({ alg: 'HS384', typ: 'JWT' });
    expect(j.payload).toEqual({ sub: 'a', iat: 1795694400, exp: 1795694400 + 5400 });
  });

  it('warns on stderr about a short secret, still prints the token', () => {
    const r = netkit(['jwt', 'sign', '--alg', 'HS256', '--secret', 'short', '{}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(r.stderr).toContain('the secret is 5 bytes');
  });

  it.each([
    ['alg none', ['--alg', 'none', '--secret', 'x', '{}'], 'does not make unsigned tokens'],
    ['an algorithm that does not fit', ['--alg', 'ES256', '--secret', 'x', '{}'], 'does not fit the key'],
    ['claims that are not an object', ['--alg', 'HS256', '--secret', 'x', '[1,2]'], 'claims are a JSON object'],
    ['claims that are not JSON', ['--alg', 'HS256', '--secret', 'x', '{sub:1}'], 'not valid JSON'],
    ['a bad --exp', ['--alg', 'HS256', '--secret', 'x', '--exp', 'later', '{}'], '--exp "later"'],
    ['a public key', ['--alg', 'RS256', '--key', '<rsa.pub>', '{}'], 'needs the private key'],
  ])('%s: exit 2', (_n, args, piece) => {
    const r = netkit(['jwt', 'sign', ...args.map((a) => (a === '<rsa.pub>' ? file('rsa.pub') : a))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, piece);
  });
});

describe('start-up', () => {
  // NODE_DEBUG=module makes Node's loader name every package it looks for on stderr.
  // tough-cookie stays outside the bundle, so this shows which commands load it. (jose
  // is inside the bundle, in a module initialised only by jwt verify and sign.)
  const loads = (args: string[], pkg: RegExp) => pkg.test(netkit(args, { env: { NODE_DEBUG: 'module' } }).stderr);

  it('tough-cookie stays off other commands: subnet and jwt decode do not load it', () => {
    const t = sign(['--alg', 'HS256', '--secret', SECRET]);
    expect(loads(['subnet', '210.170.1.1/24'], /tough-cookie/)).toBe(false);
    expect(loads(['jwt', 'decode', t], /tough-cookie/)).toBe(false);
  });

  it('cookie loads tough-cookie (so the check above can fail)', () => {
    expect(loads(['cookie', 'parse', 'a=b'], /tough-cookie/)).toBe(true);
  });
});
