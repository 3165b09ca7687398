// The package as users get it: `npm pack` the working tree (already built by npm test;
// --ignore-scripts, so no rebuild pulls dist/ from under the tests running beside this
// one), install the tarball globally into a temporary prefix with the network off
// (--offline: the dependencies travel inside the tarball), and run the installed netkit
// and the installed library from there, far from the source tree.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  man?: string | string[];
};

/** The environment of a user's shell: nothing of the npm run that started the tests. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function run(cmd: string, args: string[], opts: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd: opts.cwd,
    input: opts.input ?? '',
    env: opts.env ?? userEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

let tmp = '';
let prefix = '';
let tarball = '';
let netkitBin = '';
let installed = '';
let silent: Socket | undefined;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'netkit-pack-'));
  prefix = join(tmp, 'prefix');
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string }[];
  tarball = join(tmp, info.filename);
  const inst = run(
    'npm',
    ['install', '--global', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix, tarball],
    { cwd: tmp },
  );
  if (inst.status !== 0) throw new Error(`npm install -g of the tarball failed (offline):\n${inst.stderr}`);
  netkitBin = join(prefix, 'bin', 'netkit');
  installed = join(prefix, 'lib', 'node_modules', pkg.name);
}, 180_000);

afterAll(() => {
  silent?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Run the INSTALLED netkit from a directory outside the source tree. */
function netkit(args: string[], input = '') {
  const r = run(netkitBin, args, { cwd: tmp, input });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('npm pack', () => {
  it('packs what the installed netkit needs and nothing of the source tree', () => {
    const list = run('tar', ['-tzf', tarball], { cwd: tmp }).stdout.split('\n').filter(Boolean);
    for (const f of ['package/bin/netkit.js', 'package/dist/cli.cjs', 'package/dist/cli.cjs.cache', 'package/dist/commands/resolve.cjs', 'package/dist/commands/resolve.cjs.cache', 'package/dist/lib/index.js', 'package/dist/lib/index.d.ts', 'package/cjs/index.cjs', 'package/README.md', 'package/CHANGELOG.md', 'package/docs/subnet.md', 'package/package.json']) {
      expect(list, f).toContain(f);
    }
    expect(list.filter((f) => /^package\/(src|test|bench|scripts|examples)\//.test(f))).toEqual([]);
    // The CLI bundle leaves tough-cookie outside (loaded only by `cookie`): it must travel with the package.
    expect(list).toContain('package/node_modules/tough-cookie/package.json');
  });
});

describe('the globally installed netkit (npm install -g of the tarball, offline)', () => {
  it('is on the prefix bin as a link to the package launcher', () => {
    expect(existsSync(netkitBin)).toBe(true);
    expect(netkit(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('starts through its code cache (the installer writes bundle and cache in either order)', () => {
    const r = run(netkitBin, ['subnet', '10.1.2.3/24'], { cwd: tmp, env: userEnv({ NETKIT_CACHE_DEBUG: '1' }) });
    expect([r.status, r.stderr]).toEqual([0, 'netkit: commands/subnet.cjs, code cache used\n']);
    const help = run(netkitBin, ['--help'], { cwd: tmp, env: userEnv({ NETKIT_CACHE_DEBUG: '1' }) });
    expect([help.status, help.stderr]).toEqual([0, 'netkit: cli.cjs, code cache used\n']);
  });

  it('lists its commands, and every one of them answers --help', () => {
    const help = netkit(['--help']);
    expect(help.code).toBe(0);
    const commands = [...help.stdout.split(/\n\s*Commands:\s*\n/)[1].matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['subnet', 'same-net', 'resolve', 'gateway', 'interfaces', 'route', 'grep', 'merge', 'exclude', 'split', 'list', 'jwt', 'cookie']));
    for (const c of commands) {
      const r = netkit([c, '--help']);
      expect([r.code, r.stderr], c).toEqual([0, '']);
      expect(r.stdout, c).toMatch(/^Usage: netkit /);
    }
  });

  it.each([
    // [args, stdin, exit code, stdout]
    [['subnet', '210.170.1.1/24', '--json'], '', 0, /"network":"210\.170\.1\.0\/24"/],
    [['same-net', '210.170.1.1', '210.170.2.1', '--mask', '255.255.255.0'], '', 1, /^different networks under 255\.255\.255\.0 \(\/24\)/],
    [['grep', '10.0.0.0/8'], 'a 10.1.2.3 b\nc 192.0.2.1 d\n', 0, /^a 10\.1\.2\.3 b\n$/],
    [['merge'], '10.0.0.0/24\n10.0.1.0/24\n', 0, /^10\.0\.0\.0\/23\n$/],
    [['exclude', '10.0.0.0/25', '--from', '10.0.0.0/24'], '', 0, /^10\.0\.0\.128\/25\n$/],
    [['split', '192.168.1.0/24', '--prefix', '26'], '', 0, /^192\.168\.1\.0\/26\n192\.168\.1\.64\/26\n192\.168\.1\.128\/26\n192\.168\.1\.192\/26\n$/],
    [['list', '192.0.2.0/31'], '', 0, /^192\.0\.2\.0\n192\.0\.2\.1\n$/],
    [['interfaces', '--all', '--json'], '', 0, /"address":"127\.0\.0\.1"/],
    [['route', '127.0.0.1'], '', 0, /^127\.0\.0\.1: this host itself/],
    // cookie needs tough-cookie, the one dependency the bundle leaves outside
    [['cookie', 'parse', 'a=b; Domain=com', '--json'], '', 0, /Domain=com is a public suffix/],
    [['cookie', 'match', 'https://google.com/', '--from', 'https://youtube.com/', 'PREF=1'], '', 1, /^PREF: not sent: set by youtube\.com/],
    [['jwt', 'decode', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln', '--json'], '', 0, /"sub":"alice"/],
    [['subnet', '300.1.1.1'], '', 2, /^$/],
  ] as const)('netkit %j', (args, input, code, stdout) => {
    const r = netkit([...args], input);
    expect(r.stdout).toMatch(stdout);
    expect(r.code, r.stderr).toBe(code);
  });

  it('signs and verifies a JWT (jose inside the bundle)', () => {
    const signed = netkit(['jwt', 'sign', '--alg', 'HS256', '--secret', '0123456789abcdef0123456789abcdef', '{"sub":"alice"}']);
    expect(signed.code, signed.stderr).toBe(0);
    const r = netkit(['jwt', 'verify', signed.stdout.trim(), '--secret', '0123456789abcdef0123456789abcdef']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^valid: HS256 signature verified with a 32-byte secret/);
  });

  it('resolves through a DNS server on loopback (here one that never answers: TIMEOUT, exit 9)', async () => {
    silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent!.bind(0, '127.0.0.1', resolve));
    const port = silent.address().port;
    const r = netkit(['resolve', 'example.test', '-t', 'A', '--server', `127.0.0.1:${port}`, '--timeout', '300', '--json']);
    expect(r.code, r.stderr).toBe(9);
    expect(JSON.parse(r.stdout.split('\n')[0])).toMatchObject({ name: 'example.test', type: 'A', status: 'TIMEOUT' });
  });

  it.skipIf(pkg.man === undefined)('installs the man page where man finds it', () => {
    const page = join(prefix, 'share', 'man', 'man1', 'netkit.1');
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(/^\.TH NETKIT 1/m);
  });
});

describe('the installed library', () => {
  let project = '';
  beforeAll(() => {
    // A project of the user's own, with the installed package in its node_modules.
    project = join(tmp, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(installed, join(project, 'node_modules', pkg.name), 'dir');
  });

  const script = `const s = netkit.subnetReport('210.170.1.1/24'); console.log(s.network, typeof netkit.parseAddress);`;

  it('imports as an ES module', () => {
    const r = run(process.execPath, ['--input-type=module', '-e', `import * as netkit from 'netkit'; ${script}`], { cwd: project });
    expect([r.stdout, r.stderr]).toEqual(['210.170.1.0/24 function\n', '']);
  });

  it('loads with dynamic import() from CommonJS', () => {
    const r = run(process.execPath, ['--input-type=commonjs', '-e', `import('netkit').then((netkit) => { ${script} });`], { cwd: project });
    expect([r.stdout, r.stderr]).toEqual(['210.170.1.0/24 function\n', '']);
  });

  it('loads with require() where Node can require an ES module (20.19 and later)', () => {
    const r = run(process.execPath, ['--input-type=commonjs', '-e', `const netkit = require('netkit'); ${script}`], { cwd: project });
    expect(r.stdout).toBe('210.170.1.0/24 function\n');
  });

  it('says to use import() where it cannot: one clear error, not ERR_PACKAGE_PATH_NOT_EXPORTED', () => {
    const r = run(process.execPath, ['--no-experimental-require-module', '--input-type=commonjs', '-e', `require('netkit')`], { cwd: project });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("netkit's library is an ES module: load it with `const netkit = await import('netkit');`");
    expect(r.stderr).not.toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('ships its type declarations', () => {
    expect(readFileSync(join(installed, 'dist', 'lib', 'index.d.ts'), 'utf8')).toMatch(/export .*parseAddress/);
  });
});

describe('npm install -g . from the working copy (the README\'s Install)', () => {
  it('links netkit into the prefix, and the linked command runs from anywhere', () => {
    const linkPrefix = join(tmp, 'link-prefix');
    // --ignore-scripts: the README's `npm install` has built dist/ already (here: npm test has).
    const inst = run('npm', ['install', '--global', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', linkPrefix, ROOT], { cwd: tmp });
    expect(inst.status, inst.stderr).toBe(0);
    const r = run(join(linkPrefix, 'bin', 'netkit'), ['same-net', '210.170.1.1', '210.170.1.2', '--mask', '255.255.255.0'], { cwd: tmp });
    expect([r.status, r.stdout.split('\n')[0]]).toEqual([0, 'same network under 255.255.255.0 (/24): 210.170.1.0/24']);
  });

  it('runs with npx from inside the clone, without fetching anything (the README\'s first command)', () => {
    // --ignore-scripts: npx links the clone into its cache, and on the first run that would
    // run `prepare` again: a rebuild of dist/ under the tests running beside this one.
    const r = run('npx', ['--offline', '--ignore-scripts', 'netkit', 'subnet', '210.170.1.1/255.255.255.0'], { cwd: ROOT });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('210.170.1.1/24: host 210.170.1.1 on network 210.170.1.0/24 (mask given as netmask 255.255.255.0)');
  });
});
