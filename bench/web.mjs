// Benchmark: what a jwt or cookie command costs a shell script, per call. jose and
// tough-cookie are loaded only by these commands; this measures that they stay off
// `netkit subnet`'s start-up and what they add when used, next to the peers a script
// would otherwise call: openssl for an RS256 signature check, plain `node -e 0`.
//
//   npm run build && node bench/web.mjs [--runs 30]
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'netkit.js');
if (!['cli.js', 'cli.cjs'].some((f) => existsSync(join(root, 'dist', f)))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 30;

const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-web-'));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pub = join(dir, 'rsa.pub');
writeFileSync(pub, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'alice', exp: 4102444800 })}`;
const sig = sign('sha256', Buffer.from(input), rsa.privateKey);
const token = `${input}.${sig.toString('base64url')}`;
writeFileSync(join(dir, 'data'), input);
writeFileSync(join(dir, 'sig'), sig);

const node = process.execPath;
const cases = [
  { name: 'node -e 0 (Node start-up alone)', cmd: node, args: ['-e', '0'] },
  { name: 'netkit subnet 210.170.1.1/24', cmd: node, args: [BIN, 'subnet', '210.170.1.1/24'], base: true },
  { name: 'netkit jwt decode', cmd: node, args: [BIN, 'jwt', 'decode', token] },
  { name: 'netkit jwt verify (RS256, PEM)', cmd: node, args: [BIN, 'jwt', 'verify', token, '--key', pub] },
  { name: 'openssl dgst -verify (RS256 signature only)', cmd: '/usr/bin/openssl', args: ['dgst', '-sha256', '-verify', pub, '-signature', join(dir, 'sig'), join(dir, 'data')], peer: true },
  { name: 'netkit cookie parse', cmd: node, args: [BIN, 'cookie', 'parse', 'sid=1; Domain=youtube.com; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600'] },
  { name: 'netkit cookie match', cmd: node, args: [BIN, 'cookie', 'match', 'https://google.com/', '--from', 'https://youtube.com/', 'PREF=f6=8'] },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Rounds interleave the commands, so a busy moment on the machine hits all of them alike.
const available = cases.filter((c) => existsSync(c.cmd));
const times = new Map(available.map((c) => [c, []]));
for (const c of available) spawnSync(c.cmd, c.args, { stdio: 'ignore' }); // warm the file cache
for (let r = 0; r < RUNS; r++) {
  for (const c of available) {
    const t0 = process.hrtime.bigint();
    const out = spawnSync(c.cmd, c.args, { encoding: 'utf8' });
    times.get(c).push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (out.status !== 0 && !(c.name.includes('match') && out.status === 1)) {
      console.error(`${c.name}: exit ${out.status}: ${out.stderr}`);
      process.exitCode = 1;
    }
  }
}
const results = cases.map((c) => ({ ...c, ms: times.has(c) ? median(times.get(c)) : null }));
rmSync(dir, { recursive: true, force: true });

const base = results.find((r) => r.base).ms;
const peer = results.find((r) => r.peer)?.ms;
const w = Math.max(...results.map((r) => r.name.length));
console.log(`median wall time per call over ${RUNS} runs (one process each)\n`);
console.log(`${'command'.padEnd(w)}  ${'median ms'.padStart(9)}  ${'vs subnet'.padStart(9)}  ${'vs openssl'.padStart(10)}`);
for (const r of results) {
  if (r.ms === null) {
    console.log(`${r.name.padEnd(w)}  ${'n/a'.padStart(9)}`);
    continue;
  }
  const vsPeer = peer ? `${(r.ms / peer).toFixed(2)}x` : '-';
  console.log(`${r.name.padEnd(w)}  ${r.ms.toFixed(1).padStart(9)}  ${`${(r.ms / base).toFixed(2)}x`.padStart(9)}  ${vsPeer.padStart(10)}`);
}
