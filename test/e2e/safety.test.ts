// Untrusted text never reaches a terminal raw (issue 12 §1). Every C0 control, DEL, a
// C1 control (U+009B, a one-byte CSI), a bidi override (U+202E) and a line separator
// (U+2028) go through every command's input paths: arguments, option values, stdin
// lines and file names. Whatever the command answers, its stdout and stderr hold no raw
// control character, a bad input costs exactly one `netkit:` line, and nothing is an
// internal error (exit 70). Commands that could reach a resolver run in a network
// namespace of their own (unshare -rn), where no packet can leave.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isUnsafeCodePoint } from '../../src/core/safe-text.js';
import { BIN, ROOT, type RunResult } from '../helpers/cli.js';

const CONTROLS: string[] = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\x7f', '\u009b', '\u202e', '\u2028'];
/** argv and file names cannot hold NUL. */
const ARGV_CONTROLS = CONTROLS.filter((c) => c !== '\0');
/** One argument holding every one of them (the error echoes it whole, escaped). */
const ALL = ARGV_CONTROLS.join('');
/** stdin lines: a newline would end the line, so it is left to the other paths. */
const LINE_CONTROLS = CONTROLS.filter((c) => c !== '\n');

function unshareAvailable(): boolean {
  if (process.platform !== 'linux') return false;
  const r = spawnSync('unshare', ['-rn', 'true']);
  return !r.error && r.status === 0;
}
const NETNS = unshareAvailable();

const tmp = mkdtempSync(join(tmpdir(), 'netkit-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the built netkit (in a fresh network namespace when `isolated`); clean env, no TTY. */
function run(args: string[], opts: { input?: string | Buffer; isolated?: boolean } = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.NETKIT_DEBUG;
  const [cmd, argv] = opts.isolated ? ['unshare', ['-rn', process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, cwd: tmp });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code });
    });
    child.stdin.on('error', () => {}); // a command that reads no stdin may exit first
    child.stdin.end(opts.input ?? '');
  });
}

/** The first raw unsafe character in text (newlines end lines and are allowed), or null. */
function rawControl(text: string): string | null {
  for (const line of text.split('\n')) {
    for (const ch of line) {
      if (isUnsafeCodePoint(ch.codePointAt(0)!)) return `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(line.slice(0, 120))}`;
    }
  }
  return null;
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

/**
 * The common promise: no raw control on either stream, never exit 70, every stderr line
 * a `netkit:` line; and when `bad` is given, exit 2 with exactly that many lines.
 */
function expectSafe(r: RunResult, what: string, bad?: number): void {
  expect(rawControl(r.stdout), `${what}: stdout`).toBeNull();
  expect(rawControl(r.stderr), `${what}: stderr`).toBeNull();
  expect([0, 1, 2], `${what}: exit ${r.code}, stderr ${r.stderr}`).toContain(r.code);
  for (const l of lines(r.stderr)) expect(l, what).toMatch(/^netkit: /);
  if (bad !== undefined) {
    expect(r.code, `${what}: ${r.stderr}`).toBe(2);
    expect(lines(r.stderr), what).toHaveLength(bad);
  }
}

/** Run cases two at a time (the machine has two cores), each checked as it ends. */
async function all<T>(items: T[], each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

const SECRET = 's'.repeat(32);
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('every control character through every input path', () => {
  it('arguments and option values: one escaped netkit: line, exit 2', { timeout: 180_000 }, async () => {
    const tokenOk = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"a"}')}.${'A'.repeat(43)}`;
    // [argv, netkit: lines expected with exit 2 (0: exit 0; -1: any exit but 70), in a network namespace]
    const cases: [string[], number, boolean?][] = [
      [[ALL], 1], // an unknown command (commander's own message)
      [[`\x1b]0;pwned\x07`], 1],
      [['subnet', `--x${ALL}`], 1], // an unknown option
      [['subnet', `fe80::1%e${ALL}`], 1], // the zone, echoed in the reason
      [['subnet', `fe80::1%eth0${ALL}/64`], 1],
      [['subnet', `::ffff:1.2.3.${ALL}`], 1], // the embedded IPv4, echoed in the reason
      [['subnet', `10.0.0.${ALL}`], 1],
      [['subnet', `10.0.0.1/2${ALL}`, '--json'], 1],
      [['subnet', '10.0.0.1', '--mask', `2${ALL}`], 1],
      [['subnet', `abcd::${ALL}`], 1], // a group, echoed in the reason
      [['same-net', `10.0.0.${ALL}`, '10.0.0.2', '-m', '24'], 1],
      [['same-net', '10.0.0.1', '10.0.0.2', '-m', `255.${ALL}`], 1],
      [['split', '192.168.1.0/24', '--hosts', `1${ALL}`], 1],
      [['split', '192.168.1.0/24', '--prefix', `2${ALL}`], 1],
      [['split', '192.168.1.0/24', '--count', `2${ALL}`], 1],
      [['split', '192.168.1.0/24', '--prefix', '26', '--limit', `1${ALL}`], 1],
      [['list', '10.0.0.0/8', '--limit', `5${ALL}`], 1],
      [['list', `10.0.0.${ALL}-10.0.0.9`], 1],
      [['merge', `x${ALL}`], 1], // neither a file nor an address
      [['exclude', '10.0.0.0/8', '--from', `x${ALL}`], 1],
      [['grep', `x${ALL}`, '/dev/null'], 1],
      [['grep', '-f', `x${ALL}`, '/dev/null'], 1],
      [['grep', '-e', `10.0.0.${ALL}`, '/dev/null'], 1],
      [['route', `x${ALL}`], 1, true],
      [['route', `fe80::1%${ALL}`], 1, true],
      [['resolve', `x${ALL}`, '--server', '127.0.0.1:9'], 1, true],
      [['resolve', 'a.test', '--timeout', `5${ALL}`], 1, true],
      [['resolve', 'a.test', '--server', `127.0.0.1:${ALL}`], 1, true],
      [['resolve', 'a.test', '--type', `A${ALL}`, '--server', '127.0.0.1:9'], 1, true],
      [['jwt', 'decode', `eyJ${ALL}`], 1],
      [['jwt', 'decode', tokenOk, '--now', `1${ALL}`], 1],
      [['jwt', 'verify', tokenOk, '--secret', SECRET, '--clock-skew', `5${ALL}`], 1],
      [['jwt', 'verify', tokenOk, '--secret', SECRET, '--alg', `HS${ALL}`], 1],
      [['jwt', 'verify', tokenOk, '--key', `k${ALL}.pem`], 1],
      [['jwt', 'sign', '--alg', `HS${ALL}`, '--secret', SECRET], 1],
      [['jwt', 'sign', '--alg', 'HS256', '--secret', SECRET, '--exp', `1${ALL}`], 1],
      [['jwt', 'sign', '--alg', 'HS256', '--secret', SECRET, `{"sub":"${ALL}"}`], 1],
      [['cookie', 'parse', `a=b${ALL}`], 1],
      [['cookie', 'parse', `a${ALL}=b`], 1],
      [['cookie', 'parse', 'a=b', '--now', `1${ALL}`], 1],
      [['cookie', 'match', `https://a.example/${ALL}`, 'a=b'], -1], // the URL parser percent-encodes them, as browsers do
      [['cookie', 'match', 'https://a.example/', 'a=b', '--from', `x${ALL}`], 1],
    ];
    await all(cases, async ([args, bad, isolated]) => {
      if (isolated && !NETNS) return;
      const r = await run(args, { isolated: Boolean(isolated) });
      const what = JSON.stringify(args);
      if (bad <= 0) {
        expectSafe(r, what);
        if (bad === 0) expect(r.code, what).toBe(0);
      } else expectSafe(r, what, bad);
    });
  });

  it('each control character alone, in an octet and in a zone: one line per argument', async () => {
    // subnet reports each bad argument and goes on: one run, one line per input
    const args = ARGV_CONTROLS.flatMap((c) => [`10.0.${c}.1`, `fe80::1%e${c}`]);
    expectSafe(await run(['subnet', ...args]), 'subnet, one control character an argument', args.length);
    expectSafe(await run(['subnet', '--json', ...args]), 'subnet --json, one control character an argument', args.length);
  });

  it('stdin: one bad line per control character, one netkit: line each', { timeout: 120_000 }, async () => {
    const n = LINE_CONTROLS.length;
    const addresses = LINE_CONTROLS.map((c) => `10.0.${c}.1`).join('\n') + '\n';
    const cases: [string[], string, number, boolean?][] = [
      [['subnet', '-'], addresses, n],
      [['subnet', '-', '--json'], addresses, n],
      [['merge', '-'], addresses, n + 1], // each line, then "nothing printed"
      [['exclude', '-', '--from', '10.0.0.0/8'], addresses, n + 1], // each line, then "nothing printed"
      [['grep', '-v', '-f', '-', '/dev/null'], addresses, n + 1], // each line, then "nothing printed"
      [['route', '-'], addresses, n, true],
      [['resolve', '-', '--server', '127.0.0.1:9', '--timeout', '500'], LINE_CONTROLS.map((c) => `a${c}b.test`).join('\n') + '\n', n, true],
    ];
    await all(cases, async ([args, input, bad, isolated]) => {
      if (isolated && !NETNS) return;
      expectSafe(await run(args, { input, isolated: Boolean(isolated) }), `${JSON.stringify(args)} < stdin`, bad);
    });
    // A token on stdin: one line, one error.
    expectSafe(await run(['jwt', 'decode', '-'], { input: `eyJ${LINE_CONTROLS.join('')}.x.y\n` }), 'jwt decode -', 1);
  });

  it('stdin cookies: each line is a result or one netkit: line, nothing raw', async () => {
    const input = LINE_CONTROLS.map((c) => `a=b${c}c`).join('\n') + '\n';
    for (const json of [false, true]) {
      const r = await run(['cookie', 'parse', '-', ...(json ? ['--json'] : [])], { input });
      expectSafe(r, `cookie parse - ${json ? '--json' : ''}`);
      if (json) expect(lines(r.stdout).length + lines(r.stderr).length).toBe(LINE_CONTROLS.length);
      else expect(lines(r.stderr).length).toBeGreaterThan(0);
    }
  });

  it('file names: every control character in a name, one line per bad line or missing file', { timeout: 120_000 }, async () => {
    const dir = join(tmp, 'names');
    mkdirSync(dir);
    const names = ARGV_CONTROLS.map((c, i) => join(dir, `bad${c}name${i}.txt`));
    for (const f of names) writeFileSync(f, '10.0.0.0/24\n300.1.1.1\n');
    const missing = ARGV_CONTROLS.map((c, i) => join(dir, `none${c}${i}.txt`));
    const n = names.length;
    const cases: [string[], number][] = [
      [['merge', ...names], n + 1],
      [['exclude', ...names, '--from', '10.0.0.0/8'], n + 1],
      [['grep', ...names.flatMap((f) => ['-f', f]), '/dev/null'], n],
      [['grep', '-v', ...names.flatMap((f) => ['-f', f]), '/dev/null'], n + 1],
      [['grep', '10.0.0.0/8', ...missing], n],
      [['merge', missing[0]!], 1],
      [['jwt', 'verify', 'a.b.c', '--secret-file', missing[1]!], 1],
    ];
    await all(cases, async ([args, bad]) => expectSafe(await run(args), `${args[0]} ${args[1]} with control characters in file names`, bad));
  });
});

describe('text from tokens, cookies and the host', () => {
  it('JWT claims with C1, bidi and line separators are shown escaped (table and --json)', async () => {
    const payload = `{"name":"gnp\u202eexe","csi":"\u009b31m","ls":"a\u2028b","esc":"\\u001b[2J"}`;
    const token = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payload)}.${'A'.repeat(43)}`;
    for (const json of [false, true]) {
      const r = await run(['jwt', 'decode', token, ...(json ? ['--json'] : [])]);
      expectSafe(r, 'jwt decode');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('\\u202e');
      if (json) expect(JSON.parse(r.stdout).payload.name).toBe('gnp\u202eexe'); // still the same value
    }
  });

  it('cookie text with bidi controls is shown escaped', async () => {
    const r = await run(['cookie', 'parse', 'a=gnp\u202eexe; Path=/\u2066x']);
    expectSafe(r, 'cookie parse bidi');
    expect(r.stdout + r.stderr).toMatch(/\\u202e|\\u2066/);
  });

  it.skipIf(!NETNS)('an interface named with an escape sequence: interfaces and route show it escaped', async () => {
    const evil = 'e\x1b[31m';
    const script = [
      'set -e',
      'ip link set lo up',
      `ip link add name "$EVIL" type veth peer name nkq1`,
      'ip link set "$EVIL" up',
      'ip link set nkq1 up', // both ends up: an interface without carrier has no address to list
      'ip addr add 10.9.9.1/24 dev "$EVIL"',
      'set +e',
      `"$NODE" "$BIN" interfaces; echo "exit $?"`,
      `"$NODE" "$BIN" interfaces --json; echo "exit $?"`,
      `"$NODE" "$BIN" route 10.9.9.5; echo "exit $?"`,
      `"$NODE" "$BIN" route fe80::1%nosuch0; echo "exit $?"`,
    ].join('\n');
    const r = spawnSync('unshare', ['-rn', 'sh', '-c', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, EVIL: evil, NODE: process.execPath, BIN, FORCE_COLOR: undefined, NO_COLOR: undefined },
    });
    expect(r.stdout).toContain('e\\x1b[31m');
    expect(rawControl(r.stdout)).toBeNull();
    expect(rawControl(r.stderr)).toBeNull();
    expect(r.stdout.match(/exit \d+/g)).toEqual(['exit 0', 'exit 0', 'exit 0', 'exit 2']);
    // the "no interface nosuch0" line lists this host's names, escaped, on one line
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('e\\x1b[31m');
  });
});
