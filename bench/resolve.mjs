// Benchmark: bulk DNS lookups from stdin through a resolver a few milliseconds away,
// netkit resolve vs `dig -f` (one query after another), same answers checked; and the
// start-up of `netkit resolve` for one name against `node -e 0`.
//
//   npm run build && node bench/resolve.mjs [--names 2000] [--delay 5] [--runs 3]
//
// Per name is the cost of one more name in a bulk run: the slope between a run of N
// names and one of 5N (netkit) or of N/10 and N (dig, whose runs are 6 ms a name), so
// that start-up, which has its own bar, is not spread over the names. The totals are
// printed too. The "resolver a few ms away" is the test tree's fake DNS server on
// 127.0.0.1 holding every answer --delay ms. Only loopback is ever queried (dig always
// gets @127.0.0.1 -p).
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
const BIG = N * 5;
const SMALL = Math.max(1, Math.round(N / 10));
const DELAY = arg('delay', 5);
const RUNS = arg('runs', 3);
const DIG = '/usr/bin/dig';
const BIN = join(root, 'bin', 'netkit.js');
if (!existsSync(join(root, 'dist', 'cli.cjs')) && !existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

const server = await startFakeDns({ zone: bulkZone(BIG), delayMs: DELAY });
// Start-up is measured against a server that answers at once: the time is netkit's own.
const quick = await startFakeDns({ zone: bulkZone(1), delayMs: 0 });
const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-resolve-'));
const name = (i) => `h${i}.bulk.test`;
const files = {};
for (const n of [SMALL, N, BIG]) {
  files[n] = join(dir, `names-${n}.txt`);
  writeFileSync(files[n], Array.from({ length: n }, (_, i) => name(i)).join('\n') + '\n');
  files[`dig${n}`] = join(dir, `dig-${n}.txt`);
  writeFileSync(files[`dig${n}`], Array.from({ length: n }, (_, i) => `${name(i)} A`).join('\n') + '\n');
}

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
const expected = (n) => Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join('\n') + '\n';

const netkit = (n, extra = []) => ({
  name: `netkit resolve - ${extra.join(' ') || '(128 in flight, the default)'}`,
  n,
  run: () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', ...extra, '--server', server.server], files[n]),
});
const dig = (n) => ({
  name: 'dig -f (one query after another)',
  n,
  run: () => timed(DIG, [`@${server.host}`, '-p', String(server.port), '+short', '+tries=1', '+time=2', '-f', files[`dig${n}`]]),
});

// One untimed pass first: the fake server then answers from its cache of encoded replies,
// like a warm recursive resolver, so every tool below meets the same server.
await timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', server.server], files[BIG]);

// Rounds interleave the tools, so a slow spell of the machine lands on all of them.
const tools = [netkit(N), netkit(BIG), dig(SMALL), dig(N), netkit(N, ['--concurrency', '1'])];
const times = tools.map(() => []);
try {
  for (let r = 0; r < RUNS; r++) {
    for (const [k, t] of tools.entries()) {
      if (k === tools.length - 1 && r > 0) continue; // one sequential netkit run is enough to show it matches dig
      const res = await t.run();
      if (res.code !== 0) throw new Error(`${t.name} exited ${res.code}: ${res.err.slice(0, 300)}`);
      if (res.out !== expected(t.n)) throw new Error(`${t.name}: answers differ from the zone's`);
      times[k].push(res.ms);
    }
  }
} finally {
  await server.close();
}

// Start-up: one name, interleaved with node -e 0, medians.
const startCmds = [
  ['node -e 0', ['-e', '0']],
  ['netkit resolve h0.bulk.test -t A --short', [BIN, 'resolve', name(0), '-t', 'A', '--short', '--server', quick.server]],
];
const startTimes = startCmds.map(() => []);
try {
  for (let r = -3; r < 40; r++) {
    for (const [k, [, args]] of startCmds.entries()) {
      // spawned asynchronously: the fake server answers from this process's event loop
      const res = await timed(process.execPath, args);
      if (res.code !== 0) throw new Error(`${startCmds[k][0]} exited ${res.code}: ${res.err}`);
      if (r >= 0) startTimes[k].push(res.ms);
    }
  }
} finally {
  await quick.close();
  rmSync(dir, { recursive: true, force: true });
}

const med = times.map(median);
const [nkN, nkBig, digSmall, digN, nkSeq] = med;
const nkPer = (nkBig - nkN) / (BIG - N);
const digPer = (digN - digSmall) / (N - SMALL);
console.log(`resolve: names (A) from stdin, resolver ${DELAY} ms away on loopback, median of ${RUNS} interleaved runs; every run's answers identical`);
console.log('');
const rows = [
  ['tool', 'names', 'total ms', 'ms/name (total)'],
  ...tools.map((t, k) => [t.name, String(t.n), med[k].toFixed(0), (med[k] / t.n).toFixed(3)]),
];
const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log('');
console.log(`per name (slope): netkit ${nkPer.toFixed(3)} ms (${N} -> ${BIG} names), dig ${digPer.toFixed(3)} ms (${SMALL} -> ${N}): ${(digPer / nkPer).toFixed(1)}x (bar 50x)`);
console.log(`totals for ${N} names, start-up included: ${(digN / nkN).toFixed(1)}x; sequential netkit / dig: ${(nkSeq / digN).toFixed(2)}`);
const s0 = median(startTimes[0]);
const s1 = median(startTimes[1]);
console.log(`start-up, one name from a server that answers at once (40 interleaved rounds, medians): node -e 0 ${s0.toFixed(1)} ms, netkit resolve ${s1.toFixed(1)} ms: ${(s1 / s0).toFixed(2)}x (bar 1.2x)`);
