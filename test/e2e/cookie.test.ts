// netkit cookie, end to end on the built CLI: stdout, stderr and exit code checked apart.

import { describe, expect, it } from 'vitest';
import { jsonLines, netkit } from '../helpers/cli.js';

const NOW = ['--now', '2026-11-26T12:00:00Z'];

function expectOneLineError(stderr: string, piece: string): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^netkit: /);
  expect(stderr).toContain(piece);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('\u001b');
}

describe('cookie parse', () => {
  it('explains every attribute', () => {
    const r = netkit(['cookie', 'parse', 'sid=31d4d96e; Domain=youtube.com; Path=/watch; Max-Age=3600; Secure; HttpOnly; SameSite=Lax', ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^name\s+sid$/m);
    expect(r.stdout).toMatch(/^domain\s+youtube\.com and all its subdomains \(Domain=youtube\.com\)$/m);
    expect(r.stdout).toMatch(/^expires\s+2026-11-26 13:00:00 UTC \(in 1 hour\), from Max-Age=3600$/m);
    expect(r.stdout).toMatch(/^secure\s+yes: sent only over https$/m);
    expect(r.stdout).not.toContain('!');
  });

  it('--json has the documented fields, one line per cookie', () => {
    const r = netkit(['cookie', 'parse', '--json', ...NOW, 'a=1; SameSite=None', '__Host-b=2; Secure; Path=/']);
    expect(r.code).toBe(0);
    const [a, b] = jsonLines(r.stdout);
    expect(a).toEqual(
      expect.objectContaining({
        name: 'a', value: '1', domain: null, path: null, expires: null, maxAge: null,
        secure: false, httpOnly: false, sameSite: 'None', partitioned: false,
        warnings: ['SameSite=None without Secure: browsers reject the cookie'],
      }),
    );
    expect(b).toMatchObject({ name: '__Host-b', prefix: '__Host-', warnings: [] });
  });

  it('a bad cookie among good ones: the good ones print, exit 2, one line each on stderr', () => {
    const r = netkit(['cookie', 'parse', '--json', 'a=1', 'bad\u0001cookie', 'c=3']);
    expect(r.code).toBe(2);
    expect(jsonLines(r.stdout).map((j) => j.name)).toEqual(['a', 'c']);
    expectOneLineError(r.stderr, 'control character "\\x01" at position 3');
  });

  it("reads Set-Cookie lines from stdin with '-'", () => {
    const r = netkit(['cookie', 'parse', '-', '--json'], { input: 'a=1; Path=/\r\n\nb=2\n' });
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((j) => j.name)).toEqual(['a', 'b']);
  });

  it.each([
    ['a 128 KB line on stdin (under the 1 MiB line cap)', 'a=' + 'x'.repeat(1 << 17), 'longer than the 65536'],
    ['binary junk and invalid UTF-8 on stdin', Buffer.from([0x61, 0x3d, 0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x33, 0x31, 0x6d]), 'control character'],
  ] as [string, string | Buffer, string][])('%s: exit 2, one line', (_n, input, piece) => {
    const r = netkit(['cookie', 'parse', '-'], { input });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, piece);
  });
});

describe('cookie: browser-exact parsing (RFC 6265bis, issue 12 §5)', () => {
  // [Set-Cookie, parse exit, name, value, a piece of a warning or null, match stored]
  const ROWS: [string, string, string, string | null, boolean][] = [
    ['=', '', '', 'empty name and empty value: browsers ignore the cookie', false],
    ['; bar', '', '', 'empty name and empty value', false],
    ['=a=bar', '', 'a=bar', 'send it back as "a=bar"', true],
    ['foo', '', 'foo', 'nameless cookie', true],
    [`a=${'x'.repeat(4095)}`, 'a', 'x'.repeat(4095), null, true],
    [`a=${'x'.repeat(4096)}`, 'a', 'x'.repeat(4096), 'over the 4096 browsers accept', false],
    ['a=1; SameSite=None', 'a', '1', 'SameSite=None without Secure', false],
    ['a=1; Partitioned', 'a', '1', 'Partitioned without Secure', false],
    ['a=1; Partitioned; Secure; SameSite=None', 'a', '1', null, true],
  ];
  it.each(ROWS)('%j: parse exit 0 with the warning, match says stored=%s', (cookie, name, value, warning, stored) => {
    const p = netkit(['cookie', 'parse', '--json', cookie, ...NOW]);
    expect([p.code, p.stderr]).toEqual([0, '']);
    const [o] = jsonLines(p.stdout);
    expect([o.name, o.value]).toEqual([name, value]);
    if (warning === null) expect(o.warnings).toEqual([]);
    else expect(o.warnings.join('\n')).toContain(warning);
    const m = netkit(['cookie', 'match', '--json', 'https://youtube.com/', cookie, ...NOW]);
    expect(m.code).toBe(stored ? 0 : 1);
    expect(jsonLines(m.stdout)[0].stored).toBe(stored);
  });
  it.each([
    ['Cookie: a=1; b=2', "this is a Cookie request header (the name=value pairs a browser sends back), not a Set-Cookie value: 'netkit cookie parse' and 'netkit cookie match' read the Set-Cookie response headers"],
    ['Authorization: Bearer a.b.c', "'netkit jwt decode' reads a bearer token"],
  ])('a pasted request header %j: exit 2, one line naming the command that reads it', (header, piece) => {
    for (const args of [['cookie', 'parse', header], ['cookie', 'match', 'https://youtube.com/', header]]) {
      const r = netkit(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expectOneLineError(r.stderr, piece);
    }
  });
  it('a pasted Set-Cookie: prefix is read as the value it carries', () => {
    const r = netkit(['cookie', 'parse', '--json', 'Set-Cookie: a=1; Path=/', ...NOW]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ name: 'a', value: '1', path: '/', input: 'a=1; Path=/' });
  });
});

describe('cookie match', () => {
  it("the notes' example: set by youtube.com, so not sent to google.com (exit 1)", () => {
    const r = netkit(['cookie', 'match', 'https://google.com/', '--from', 'https://youtube.com/', 'PREF=f6=8', ...NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('PREF: not sent: set by youtube.com, so not sent to google.com (a cookie goes back only to the site that set it)\n');
  });

  it('all sent: exit 0', () => {
    const r = netkit(['cookie', 'match', 'https://www.youtube.com/watch', '--from', 'https://youtube.com/', 'a=1; Domain=youtube.com', 'b=2; Domain=youtube.com; Path=/watch; Secure', ...NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(r.stdout).toContain('a: sent: set by youtube.com for Domain=youtube.com, which covers its subdomain www.youtube.com');
  });

  it('--json: one object per cookie with the documented fields', () => {
    const r = netkit(['cookie', 'match', '--json', 'http://youtube.com/', '--from', 'https://youtube.com/', 'a=1', 'b=2; Secure', 'c=3; Domain=com', ...NOW]);
    expect(r.code).toBe(1);
    const rows = jsonLines(r.stdout);
    expect(rows.map((j) => [j.cookie, j.stored, j.sent])).toEqual([
      ['a', true, true],
      ['b', true, false],
      ['c', false, false],
    ]);
    expect(rows[1]).toMatchObject({ url: 'http://youtube.com/', from: 'https://youtube.com/', reason: 'Secure, so sent only over https, not with this http request' });
  });

  it('--from defaults to the request URL', () => {
    const r = netkit(['cookie', 'match', '--json', 'https://youtube.com/x', 'a=1; Path=/y', ...NOW]);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ from: 'https://youtube.com/x', stored: true, sent: false });
  });

  it('--site and --subresource judge SameSite', () => {
    const args = ['cookie', 'match', 'https://youtube.com/', '--site', 'https://news.example/', '--json', ...NOW, 'lax=1; SameSite=Lax', 'none=1; SameSite=None; Secure'];
    const link = netkit(args);
    expect(link.code).toBe(0);
    expect(jsonLines(link.stdout).map((j) => j.sent)).toEqual([true, true]);
    const image = netkit([...args, '--subresource']);
    expect(image.code).toBe(1);
    expect(jsonLines(image.stdout).map((j) => [j.cookie, j.sent, j.site])).toEqual([
      ['lax', false, 'https://news.example/'],
      ['none', true, 'https://news.example/'],
    ]);
  });

  it.each([
    ['--subresource without --site', ['https://youtube.com/', '--subresource', 'a=1'], '--subresource needs --site'],
    ['a URL without scheme', ['youtube.com', 'a=1'], 'write the scheme: https://youtube.com'],
    ['a bad --from', ['https://youtube.com/', '--from', 'mailto:x@y', 'a=1'], 'not mailto'],
    ['a bad --now', ['https://youtube.com/', '--now', 'noon', 'a=1'], '--now "noon"'],
  ])('%s: exit 2', (_n, args, piece) => {
    const r = netkit(['cookie', 'match', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r.stderr, piece);
  });

  it('a bad cookie among good ones: exit 2 beats 1', () => {
    const r = netkit(['cookie', 'match', 'https://google.com/', '--from', 'https://youtube.com/', 'a=1', '', ...NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('a: not sent');
    expectOneLineError(r.stderr, 'it is empty');
  });
});
