// Benchmark: bulk lookups from stdin over plain UDP, DNS over TLS and DNS over HTTPS,
// all against one unbound on loopback (local data, so the server's own work is the same
// in every row), with a throwaway CA. netkit's rows beside kdig asking the same names in
// one process over one kept-open TLS connection (+keepopen) for DoT. Answers are checked.
//
//   npm run build && node bench/resolve-encrypted.mjs [--names 2000] [--runs 3]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { makeCa } = await import('../test/helpers/tls-certs.ts');
const { startUnbound } = await import('../test/helpers/unbound.ts');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('names', 2000);
const RUNS = arg('runs', 3);
const BIN = join(root, 'bin', 'netkit.js');
if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

const names = Array.from({ length: N }, (_, i) => `h${i}.example.test`);
const expect = names.map((_, i) => `198.18.${i >> 8}.${i & 255}`);
const ca = makeCa();
const leaf = ca.leaf('bench', 'DNS:dns.test,IP:127.0.0.1');
const ub = await startUnbound(leaf.cert, leaf.key, names.map((n, i) => `${n}. 300 IN A ${expect[i]}`));
const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-enc-'));
const namesFile = join(dir, 'names.txt');
writeFileSync(namesFile, names.join('\n') + '\n');

function timed(cmd, args, input) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, out, err, code }));
    child.stdin.end(input ?? '');
  });
}

const input = names.join('\n') + '\n';
const rows = [
  ['netkit udp', () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', `127.0.0.1:${ub.plainPort}`], input)],
  ['netkit DoT (tls://)', () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', `tls://127.0.0.1:${ub.tlsPort}`, '--tls-ca', ca.ca, '--tls-hostname', 'dns.test'], input)],
  ['netkit DoH (https://)', () => timed(process.execPath, [BIN, 'resolve', '-', '-t', 'A', '--short', '--server', `https://127.0.0.1:${ub.httpsPort}/dns-query`, '--tls-ca', ca.ca, '--tls-hostname', 'dns.test'], input)],
  ['kdig +tls +keepopen', () => timed('kdig', ['@127.0.0.1', '-p', String(ub.tlsPort), '+tls', `+tls-ca=${ca.ca}`, '+tls-hostname=dns.test', '+keepopen', '+short', ...names.flatMap((n) => [n, 'A'])])],
];

console.log(`${N} names from stdin, unbound on loopback (local data), best of ${RUNS}`);
console.log('| run | wall ms | per name µs | answers ok |');
console.log('|---|---:|---:|:---:|');
try {
  for (const [label, fn] of rows) {
    let best = Infinity;
    let ok = true;
    for (let r = 0; r < RUNS; r++) {
      const res = await fn();
      const got = res.out.trim().split('\n');
      ok &&= res.code === 0 && got.length === N && got.every((l, i) => l === expect[i]);
      best = Math.min(best, res.ms);
    }
    console.log(`| ${label} | ${best.toFixed(0)} | ${((best * 1000) / N).toFixed(0)} | ${ok ? 'yes' : 'NO'} |`);
  }
} finally {
  await ub.stop();
}
