// Benchmark: bulk DNS lookups from stdin through a resolver a few milliseconds away,
// netkit resolve vs `dig -f` (one query after another), same answers checked.
//
//   npm run build && node bench/resolve.mjs [--names 1000] [--delay 5] [--runs 3]
//
// The "resolver a few ms away" is the test tree's fake DNS server on 127.0.0.1 holding
// every answer --delay ms. Only loopback is ever queried (dig always gets @127.0.0.1 -p).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startFakeDns } = await import('../test/fake-dns/server.ts');
const { bulkZone } = await import('../test/fake-dns/zone.ts');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('names', 2000);
const DELAY = arg('delay', 5);
const RUNS = arg('runs', 3);
const DIG = '/usr/bin/dig';
const BIN = join(root, 'bin', 'netkit.js');
if (!existsSync(join(root, 'dist', 'cli.cjs')) && !existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

const server = await startFakeDns({ zone: bulkZone(N), delayMs: DELAY });
const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-resolve-'));
const namesFile = join(dir, 'names.txt');
const digFile = join(dir, 'dig.txt');
const names = Array.from({ length: N }, (_, i) => `h${i}.bulk.test`);
writeFileSync(namesFile, names.join('\n') + '\n');
writeFileSync(digFile, names.map((n) => `${n} A`).join('\n') + '\n');

/** Run a command to completion; stdout captured, wall time measured. */
function timed(cmd, args, stdinFile) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    if (stdinFile) child.stdin.end(readFileSync(stdinFile));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, out, err, code }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tools = [
  {
    name: `netkit resolve - (concurrency 64, default)`,
    run: () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', server.server], namesFile),
  },
  {
    name: 'netkit resolve - --concurrency 1',
    run: () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--concurrency', '1', '--server', server.server], namesFile),
  },
  {
    name: 'dig -f (sequential)',
    run: () => timed(DIG, [`@${server.host}`, '-p', String(server.port), '+short', '+tries=1', '+time=2', '-f', digFile]),
  },
];

// One untimed pass first: the fake server then answers from its cache of encoded replies,
// like a warm recursive resolver, so every tool below meets the same server.
await timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', server.server], namesFile);

const expected = names.map((_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join('\n') + '\n';
const results = [];
try {
  for (const t of tools) {
    const times = [];
    for (let r = 0; r < RUNS; r++) {
      const res = await t.run();
      if (res.code !== 0) throw new Error(`${t.name} exited ${res.code}: ${res.err.slice(0, 300)}`);
      if (res.out !== expected) throw new Error(`${t.name}: answers differ from the zone's`);
      times.push(res.ms);
    }
    results.push({ name: t.name, ms: median(times) });
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const dig = results.find((r) => r.name.startsWith('dig')).ms;
console.log(`resolve: ${N} names (A), resolver ${DELAY} ms away on loopback, median of ${RUNS} runs; every run's answers identical`);
console.log('');
const w = Math.max(...results.map((r) => r.name.length));
console.log(`${'tool'.padEnd(w)}  ${'total ms'.padStart(9)}  ${'ms/name'.padStart(8)}  ${'vs dig'.padStart(7)}`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(w)}  ${r.ms.toFixed(0).padStart(9)}  ${(r.ms / N).toFixed(3).padStart(8)}  ${(dig / r.ms).toFixed(1).padStart(6)}x`,
  );
}
