// jwt and cookie fit the terminal: the BUILT netkit on a real pseudo-terminal (script(1))
// of a set width; into a pipe the same commands keep their unwrapped lines.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, netkit } from '../helpers/cli.js';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function onTerminal(cols: number, args: string[]): { out: string; code: number | null } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.COLUMNS;
  const r = spawnSync('script', ['-qec', `stty cols ${cols} rows 50; ${quoted}`, '/dev/null'], { encoding: 'utf8', env, timeout: 20_000 });
  return { out: r.stdout.replace(/\r/g, ''), code: r.status };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const widest = (s: string) => Math.max(...lines(s).map((l) => l.length));
const squeeze = (s: string) => s.replace(/\s+/g, '');

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
// a long claim of one word (a URL), a long claim of many words, and the registered claims
const LONG_URL = 'https://id.example.test/realms/' + 'tenant-'.repeat(20) + 'end';
const LONG_TEXT = Array.from({ length: 30 }, (_, i) => `scope${i}`).join(' ');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: LONG_URL, sub: 'user-1', scope: LONG_TEXT, exp: 4102444800, iat: 1700000000 })}.c2lnbmF0dXJl`;
const COOKIE = `sid=${'a1b2c3d4'.repeat(20)}; Domain=example.test; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax`;
const NOW = ['--now', '2026-01-01T00:00:00Z'];

describe.skipIf(!hasScript)('jwt and cookie on a terminal', () => {
  it.each([80, 60])('jwt decode with long claims fits %i columns, nothing lost', (cols) => {
    const { out, code } = onTerminal(cols, ['jwt', 'decode', TOKEN]);
    expect(code).toBe(0);
    expect(widest(out)).toBeLessThanOrEqual(cols);
    expect(squeeze(out)).toContain(squeeze(JSON.stringify(LONG_URL)));
    expect(squeeze(out)).toContain(squeeze(JSON.stringify(LONG_TEXT)));
    // the claims table still names each claim at the start of its row
    for (const c of ['iss', 'sub', 'exp', 'iat']) expect(out).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });

  it('jwt decode into a pipe: one line per claim, the long value whole on it', () => {
    const r = netkit(['jwt', 'decode', TOKEN]);
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeGreaterThan(160);
    expect(lines(r.stdout).filter((l) => /^ {2}iss +/.test(l))[0]).toContain(JSON.stringify(LONG_URL));
  });

  it.each([80, 50])('cookie parse with a long value fits %i columns', (cols) => {
    const { out, code } = onTerminal(cols, ['cookie', 'parse', ...NOW, COOKIE]);
    expect(code).toBe(0);
    expect(widest(out)).toBeLessThanOrEqual(cols);
    expect(squeeze(out)).toContain('a1b2c3d4'.repeat(20));
    expect(out).toMatch(/^value +a1b2c3d4/m);
    expect(out).toMatch(/^sameSite +Lax:/m);
  });

  it('cookie parse into a pipe keeps the value on one line', () => {
    const r = netkit(['cookie', 'parse', ...NOW, COOKIE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^value +${'a1b2c3d4'.repeat(20)}$`, 'm'));
  });
});
