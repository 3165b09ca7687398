// The code cache is right or absent: V8 checks a cache only against the source's
// length, so a same-length change to the bundle with the old cache kept would run the
// old compiled code. Each case works on a copy of bin/ and dist/ (other test files run
// the real one in parallel), changes the bundle or the cache, and runs the launcher.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/commands/index.js';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const launcher = require(join(ROOT, 'bin', 'netkit.js')) as {
  ID_LINE: string;
  SLACK_MS: number;
  wrap(code: string): string;
  cacheHeader(code: string, size: number): string | null;
  writeCache(file: string, header: string, script: unknown): string;
};

const VERSION = '0.1.0';
const EDITED = '9.9.9'; // same length: V8's own check cannot tell

let dir: string;
let bundle: string;
let cache: string;

/** Copy a file keeping its times: the launcher compares the bundle's and the cache's. */
function copyKeepingTimes(from: string, to: string): void {
  copyFileSync(from, to);
  const s = statSync(from);
  utimesSync(to, s.atime, s.mtime);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-cache-test-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  for (const f of ['netkit.js', 'package.json']) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
  bundle = join(dir, 'dist', 'cli.cjs');
  cache = `${bundle}.cache`;
  copyKeepingTimes(join(ROOT, 'dist', 'cli.cjs'), bundle);
  copyKeepingTimes(join(ROOT, 'dist', 'cli.cjs.cache'), cache);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Run the copy; the environment (NODE_OPTIONS too) is the build's, as under npm test. */
function run(args: string[]): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'netkit.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NETKIT_CACHE_DEBUG: '1' },
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** The bundle with its version string changed, same length; mtime as given. */
function editBundle(edit: (code: string) => string, mtime: Date): void {
  const code = readFileSync(bundle, 'utf8');
  const next = edit(code);
  expect(next.length).toBe(code.length);
  expect(next).not.toBe(code);
  writeFileSync(bundle, next);
  utimesSync(bundle, mtime, mtime);
}
const newVersion = (code: string) => code.replace(`"${VERSION}"`, `"${EDITED}"`);
const newId = (code: string) => code.replace(/^(\/\/netkit-build:)([0-9a-f])/, (_, l, c) => l + (c === '0' ? '1' : '0'));

describe('code cache', () => {
  it('the built bundle carries its id on the first line, and the build made a cache for it and this Node', () => {
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/^\/\/netkit-build:[0-9a-f]{32}\n/);
    const id = code.slice(launcher.ID_LINE.length, code.indexOf('\n'));
    const head = readFileSync(cache).subarray(0, 200).toString('latin1');
    expect(head.startsWith(`netkit-code-cache ${id} ${statSync(bundle).size} ${process.version} ${process.arch} `)).toBe(true);
  });

  it('a fresh cache is used', () => {
    const r = run(['--version']);
    expect(r).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache used\n', code: 0 });
  });

  it('the hazard is real: V8 itself runs the OLD code from a stale cache of a same-length edit', () => {
    // Without the launcher's checks: compile the edited bundle with the old cache in a
    // child process. If this ever prints the edited version, the edit no longer reaches
    // cached code and the cases below prove nothing.
    const code = readFileSync(bundle, 'utf8');
    const headerEnd = readFileSync(cache).indexOf(0x0a) + 1;
    writeFileSync(join(dir, 'edited.cjs'), newVersion(code));
    const probe = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const { wrap } = require(${JSON.stringify(join(dir, 'bin', 'netkit.js'))});
      const data = readFileSync(${JSON.stringify(cache)}).subarray(${headerEnd});
      const s = new Script(wrap(readFileSync(${JSON.stringify(join(dir, 'edited.cjs'))}, 'utf8')), { filename: ${JSON.stringify(bundle)}, cachedData: data });
      if (s.cachedDataRejected) throw new Error('V8 rejected the cache');
      process.argv = [process.argv[0], 'netkit', '--version'];
      const mod = { exports: {} };
      s.runInThisContext()(mod.exports, require, mod, ${JSON.stringify(bundle)}, ${JSON.stringify(join(dir, 'dist'))});`;
    // (a file, not node -e: under -e V8 rejects every cache)
    writeFileSync(join(dir, 'probe.cjs'), probe);
    const r = spawnSync(process.execPath, [join(dir, 'probe.cjs')], { encoding: 'utf8', env: { ...process.env } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${VERSION}\n`);
  });

  it('a hand edit after the build (id line kept, bundle newer than the cache): the cache is not used, the edit runs', () => {
    editBundle(newVersion, new Date(statSync(cache).mtimeMs + launcher.SLACK_MS + 1000));
    const r = run(['--version']);
    expect(r).toEqual({ stdout: `${EDITED}\n`, stderr: 'netkit: cli.cjs, code cache not used: the bundle changed after the cache was made\nnetkit: cli.cjs, code cache written\n', code: 0 });
    // the call left a cache of the edited bundle, and the next call runs the edit through it
    expect(run(['--version'])).toEqual({ stdout: `${EDITED}\n`, stderr: 'netkit: cli.cjs, code cache used\n', code: 0 });
  });

  it('a bundle written just after its cache, as an installer may: the cache is used', () => {
    utimesSync(bundle, new Date(), new Date(statSync(cache).mtimeMs + launcher.SLACK_MS / 2));
    expect(run(['--version'])).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache used\n', code: 0 });
  });

  it('another build beside an old cache (new id, even with an older mtime): the cache is not used', () => {
    editBundle((c) => newId(newVersion(c)), new Date(statSync(cache).mtimeMs - 5000));
    const r = run(['--version']);
    expect(r).toEqual({ stdout: `${EDITED}\n`, stderr: 'netkit: cli.cjs, code cache not used: made for another build or Node\nnetkit: cli.cjs, code cache written\n', code: 0 });
  });

  it('a cache made by another Node version is not used, and the call leaves one for this Node', () => {
    const data = readFileSync(cache);
    const text = data.toString('latin1');
    const other = text.replace(` ${process.version} `, ` v0.0.0 `.padEnd(process.version.length + 2, '0'));
    expect(other).not.toBe(text);
    writeFileSync(cache, Buffer.from(other, 'latin1'));
    const r = run(['--version']);
    expect(r).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache not used: made for another build or Node\nnetkit: cli.cjs, code cache written\n', code: 0 });
    // an install from the registry under another Node: fast again from the second call
    expect(run(['--version']).stderr).toBe('netkit: cli.cjs, code cache used\n');
    expect(readFileSync(cache).toString('latin1')).toMatch(new RegExp(`^netkit-code-cache [0-9a-f]{32} \\d+ ${process.version} `));
  });

  it('under other Node flags: a cache file of their own, made by the first call; the default one is left alone', () => {
    const before = readFileSync(cache);
    const flagged = () =>
      spawnSync(process.execPath, ['--no-opt', join(dir, 'bin', 'netkit.js'), '--version'], { encoding: 'utf8', env: { ...process.env, NETKIT_CACHE_DEBUG: '1' } });
    const first = flagged();
    expect([first.stdout, first.stderr]).toEqual([`${VERSION}\n`, 'netkit: cli.cjs, code cache absent\nnetkit: cli.cjs, code cache written\n']);
    const own = readdirSync(join(dir, 'dist')).filter((f) => /^cli\.cjs\.[0-9a-f]{8}\.cache$/.test(f));
    expect(own).toHaveLength(1);
    expect(readFileSync(join(dir, 'dist', own[0]!)).toString('latin1')).toMatch(/^netkit-code-cache [^\n]* --no-opt\|/);
    expect(flagged().stderr).toBe('netkit: cli.cjs, code cache used\n');
    expect(readFileSync(cache).equals(before)).toBe(true);
    expect(run(['--version']).stderr).toBe('netkit: cli.cjs, code cache used\n');
  });

  it('no cache: runs without one and leaves one (not after a usage error); a bundle without a build id: leaves none', () => {
    rmSync(cache);
    expect(run(['--version'])).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache absent\nnetkit: cli.cjs, code cache written\n', code: 0 });
    expect(run(['--version'])).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache used\n', code: 0 });
    // a call that stops at a usage error leaves none: it compiled little of what calls run
    rmSync(cache);
    const typo = run(['subnett']);
    expect([typo.code, typo.stderr.split('\n').filter((l) => l.includes('code cache'))]).toEqual([
      2,
      ['netkit: cli.cjs, code cache absent', 'netkit: cli.cjs, code cache not written: the call ended with a usage or input error'],
    ]);
    editBundle((c) => c.replace(launcher.ID_LINE, '//'.padEnd(launcher.ID_LINE.length, '-')), new Date(0));
    expect(run(['--version'])).toEqual({ stdout: `${VERSION}\n`, stderr: 'netkit: cli.cjs, code cache not used: the bundle has no build id\n', code: 0 });
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.includes('cache'))).toEqual([]);
  });

  it('a cache that cannot be written is said so, and the call is not failed by it', () => {
    const header = 'netkit-code-cache x\n';
    const script = { createCachedData: () => Buffer.from('data') } as never;
    expect(launcher.writeCache(join(dir, 'no-such-dir', 'cli.cjs.cache'), header, script)).toBe('not written: ENOENT');
    expect(launcher.writeCache(join(dir, 'written.cache'), header, script)).toBe('written');
    expect(readFileSync(join(dir, 'written.cache'), 'latin1')).toBe(`${header}data`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

// A call that names a command runs that command's own bundle (bin/netkit.js). The copy
// made above holds only the whole program: the same call there is the reference.
describe('command bundles', () => {
  /** Run the real launcher (command bundles present) with NETKIT_CACHE_DEBUG. */
  function runReal(args: string[]) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'netkit.js'), ...args], { encoding: 'utf8', env: { ...process.env, NETKIT_CACHE_DEBUG: '1' } });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status };
  }

  it.each([
    [['subnet', '10.1.2.3/24'], 'commands/subnet.cjs'],
    [['same-net', '10.0.0.1', '10.0.1.1/24'], 'commands/same-net.cjs'],
    [['subnet', '010.0.0.1'], 'commands/subnet.cjs'],
    [['list', '192.0.2.0/30', '--json'], 'commands/list.cjs'],
    [['resolve', 'bad..name', '--server', '127.0.0.1:9'], 'commands/resolve.cjs'],
    [['jwt', 'decode', 'not-a-token'], 'commands/jwt.cjs'],
    [['help', 'subnet'], 'cli.cjs'],
    [['subnett', '10.0.0.1'], 'cli.cjs'],
    [['--version'], 'cli.cjs'],
  ])('%j runs %s, with its cache, and does what the whole program does', (args, bundle) => {
    const own = runReal(args);
    expect(own.stderr.split('\n')[0]).toBe(`netkit: ${bundle}, code cache used`);
    const whole = run(args);
    expect(whole.stderr.split('\n')[0]).toBe('netkit: cli.cjs, code cache used');
    expect(own.stdout).toBe(whole.stdout);
    expect(own.stderr.split('\n').slice(1)).toEqual(whole.stderr.split('\n').slice(1));
    expect(own.code).toBe(whole.code);
  });

  it.each(COMMAND_NAMES.filter((n) => n !== 'help' && n !== 'completion'))("%s --help from its own bundle is the whole program's", (name) => {
    const own = runReal([name, '--help']);
    expect(own.stderr).toBe(`netkit: commands/${name}.cjs, code cache used\n`);
    expect(own.stdout).toBe(run([name, '--help']).stdout);
    expect(own.stdout).toMatch(new RegExp(`^Usage: netkit ${name} `));
  });

  it("a command bundle without a cache: its --help leaves none, its first real call leaves one", () => {
    mkdirSync(join(dir, 'dist', 'commands'));
    copyKeepingTimes(join(ROOT, 'dist', 'commands', 'subnet.cjs'), join(dir, 'dist', 'commands', 'subnet.cjs'));
    const cacheLines = (r: { stderr: string }) => r.stderr.split('\n').filter((l) => l.includes('code cache'));
    const help = run(['subnet', '--help']);
    expect(help.stdout).toMatch(/^Usage: netkit subnet /);
    expect(cacheLines(help)).toEqual(['netkit: commands/subnet.cjs, code cache absent', "netkit: commands/subnet.cjs, code cache not written: a call for help runs little of the command's code"]);
    expect(cacheLines(run(['subnet', '10.0.0.1/24']))).toEqual(['netkit: commands/subnet.cjs, code cache absent', 'netkit: commands/subnet.cjs, code cache written']);
    expect(cacheLines(run(['subnet', '10.0.0.1/24']))).toEqual(['netkit: commands/subnet.cjs, code cache used']);
  });

  it("a command bundle's cache is checked like the whole program's: a hand edit after the build runs without it", () => {
    mkdirSync(join(dir, 'dist', 'commands'));
    const own = join(dir, 'dist', 'commands', 'subnet.cjs');
    copyKeepingTimes(join(ROOT, 'dist', 'commands', 'subnet.cjs'), own);
    copyKeepingTimes(join(ROOT, 'dist', 'commands', 'subnet.cjs.cache'), `${own}.cache`);
    expect(run(['subnet', '10.0.0.1/24']).stderr.split('\n')[0]).toBe('netkit: commands/subnet.cjs, code cache used');
    const code = readFileSync(own, 'utf8');
    const edited = code.replace('"netkit"', '"NETKIT"');
    expect(edited.length).toBe(code.length);
    expect(edited).not.toBe(code);
    writeFileSync(own, edited);
    const later = new Date(statSync(`${own}.cache`).mtimeMs + launcher.SLACK_MS + 1000);
    utimesSync(own, later, later);
    const r = run(['subnet', '--help']);
    expect(r.stderr).toBe(
      "netkit: commands/subnet.cjs, code cache not used: the bundle changed after the cache was made\nnetkit: commands/subnet.cjs, code cache not written: a call for help runs little of the command's code\n",
    );
    expect(r.stdout).toMatch(/^Usage: NETKIT subnet /);
  });
});

describe('the build', () => {
  it('removes the old caches (the whole program\'s, and the command bundles with theirs) before writing anything new', () => {
    const src = readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8');
    const rm = Math.max(src.indexOf('rmSync(join(dist, f)'), src.indexOf('rmSync(commandsDir'));
    expect(src.indexOf('rmSync(join(dist, f)')).toBeGreaterThan(0);
    expect(src.indexOf('rmSync(commandsDir')).toBeGreaterThan(0);
    for (const write of ['mkdirSync(', 'await build(', 'writeFileSync(', 'promisify(execFile)', 'execFileSync(']) {
      expect(src.indexOf(write), write).toBeGreaterThan(rm);
    }
  });

  it('made a bundle with a fresh cache for every command but help and completion, and no other', () => {
    const names = COMMAND_NAMES.filter((n) => n !== 'help' && n !== 'completion');
    const bundles = readdirSync(join(ROOT, 'dist', 'commands')).filter((f) => f.endsWith('.cjs'));
    expect(bundles.sort()).toEqual(names.map((n) => `${n}.cjs`).sort());
    for (const name of names) {
      const file = join(ROOT, 'dist', 'commands', `${name}.cjs`);
      const code = readFileSync(file, 'utf8');
      expect(code, name).toMatch(/^\/\/netkit-build:[0-9a-f]{32}\n/);
      const id = code.slice(launcher.ID_LINE.length, code.indexOf('\n'));
      const head = readFileSync(`${file}.cache`).subarray(0, 300).toString('latin1');
      // (the flags at the end are the build's, not this test runner's)
      expect(head.startsWith(`netkit-code-cache ${id} ${statSync(file).size} ${process.version} ${process.arch} `), name).toBe(true);
    }
  });
});
