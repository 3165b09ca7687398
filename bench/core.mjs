// Benchmarks for the core and `netkit subnet` (issue: the package and its pure library).
// 1. start-up: `netkit subnet 10.1.2.3/24` against `node -e 0` (and ipcalc-ng for scale),
//    medians from hyperfine, side by side in one run;
// 2. library: parse + split per second, IPv4 and IPv6, beside ip-num and ipaddr.js;
// 3. `netkit subnet - --json` on 1 million stdin lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'netkit.js');
const tmp = mkdtempSync(join(tmpdir(), 'netkit-bench-'));
const have = (p) => existsSync(p);
// `node bench/core.mjs startup` (or library, stdin) runs only those parts.
const parts = process.argv.slice(2);
const part = (name) => parts.length === 0 || parts.includes(name);

// ---- 1. start-up
if (part('startup'))
// Interleaved rounds (node -e 0, netkit, ipcalc-ng, node -e 0, ...), medians: a drift in
// the machine's speed (shared CPUs) hits every command alike, which one-command-after-
// another timing does not guarantee.
{
  const cmds = [
    ['node -e 0', process.execPath, ['-e', '0']],
    ['netkit subnet 10.1.2.3/24', process.execPath, [bin, 'subnet', '10.1.2.3/24']],
  ];
  if (have('/usr/bin/ipcalc-ng')) cmds.push(['ipcalc-ng 10.1.2.3/24', '/usr/bin/ipcalc-ng', ['10.1.2.3/24']]);
  const times = cmds.map(() => []);
  const rounds = 100;
  for (let r = -5; r < rounds; r++) {
    cmds.forEach(([, file, args], i) => {
      const t0 = process.hrtime.bigint();
      const res = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'ignore'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 0) throw new Error(`${cmds[i][0]} failed`);
      if (r >= 0) times[i].push(ms); // the first five rounds warm the caches
    });
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };
  const base = median(times[0]);
  console.log(`start-up (${rounds} interleaved rounds, medians, spawn included for every command)`);
  cmds.forEach(([name], i) => {
    const m = median(times[i]);
    console.log(`  ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}x node -e 0   ${name}`);
  });
}

// ---- 2. library throughput
const lib = await import(join(root, 'dist', 'lib', 'index.js'));
const { IPv4CidrRange, IPv6CidrRange } = await import('ip-num');
const ipaddr = (await import('ipaddr.js')).default;

function sampleV4(n) {
  const out = new Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}/${8 + (x % 25)}`;
  }
  return out;
}
function sampleV6(n) {
  const out = new Array(n);
  let x = 0x12345678;
  for (let i = 0; i < n; i++) {
    const g = [];
    for (let k = 0; k < 8; k++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      g.push(k > 3 && k < 7 && x & 1 ? '0' : (x >>> 16).toString(16));
    }
    out[i] = `${g.join(':')}/${32 + (x % 97)}`;
  }
  return out;
}
function opsPerSec(inputs, fn, seconds = 1.5) {
  for (let i = 0; i < Math.min(inputs.length, 20000); i++) fn(inputs[i]); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  const end = t0 + BigInt(seconds * 1e9);
  let now = t0;
  while (now < end) {
    for (let i = 0; i < 10000; i++) fn(inputs[(n + i) % inputs.length]);
    n += 10000;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - t0) / 1e9);
}
let sink = 0;
const netkitSplit = (t) => {
  const p = lib.parseAddressWithMask(t);
  const s = lib.subnet(p.address, p.prefixLength);
  // touch what a split gives: network, broadcast (or last), first and last host
  sink ^= s.networkAddress.w3 ^ s.lastAddress.w3 ^ s.firstHost.w3 ^ s.lastHost.w3;
};
const ipnumSplit4 = (t) => {
  const r = IPv4CidrRange.fromCidr(t);
  sink ^= Number(r.getFirst().getValue() & 1n) ^ Number(r.getLast().getValue() & 1n);
};
const ipnumSplit6 = (t) => {
  const r = IPv6CidrRange.fromCidr(t);
  sink ^= Number(r.getFirst().getValue() & 1n) ^ Number(r.getLast().getValue() & 1n);
};
const ipaddrSplit = (t) => {
  const [a, l] = ipaddr.parseCIDR(t);
  const first = ipaddr.IPv4 && a.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(t) : ipaddr.IPv6.networkAddressFromCIDR(t);
  const last = a.kind() === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(t) : ipaddr.IPv6.broadcastAddressFromCIDR(t);
  sink ^= first.toByteArray()[0] ^ last.toByteArray()[0] ^ l;
};
if (part('library')) {
// As if read from a file: flat strings (template literals build ropes, which every
// parser would first have to flatten; real input never arrives that way).
const fromFile = (lines) => lines.join('\n').split('\n');
const v4 = fromFile(sampleV4(100000));
const v6 = fromFile(sampleV6(100000));
// The peers must agree with netkit on the samples (a benchmark of wrong answers is worthless).
for (const t of v4.slice(0, 1000)) {
  const p = lib.parseAddressWithMask(t);
  const s = lib.subnet(p.address, p.prefixLength);
  if (BigInt(s.networkAddress.toBigInt()) !== IPv4CidrRange.fromCidr(t).getFirst().getValue()) throw new Error(`disagree on ${t}`);
}
// Five trials of 1.5 s each, the libraries taking turns, so a slow spell of this shared
// machine falls on all of them; the best and the median trial are printed.
const cases = [
  ['IPv4 parse+split', 'netkit', v4, netkitSplit],
  ['IPv4 parse+split', 'ip-num', v4, ipnumSplit4],
  ['IPv4 parse+split', 'ipaddr.js', v4, ipaddrSplit],
  ['IPv6 parse+split', 'netkit', v6, netkitSplit],
  ['IPv6 parse+split', 'ip-num', v6, ipnumSplit6],
  ['IPv6 parse+split', 'ipaddr.js', v6, ipaddrSplit],
];
const trials = cases.map(() => []);
for (let t = 0; t < 5; t++) cases.forEach(([, , inputs, fn], i) => trials[i].push(opsPerSec(inputs, fn)));
const best = (xs) => Math.max(...xs);
const mid = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log('\nlibrary (ops/s, 5 trials taking turns, same samples: best / median)');
cases.forEach(([what, who], i) => {
  const nk = cases.findIndex((c) => c[0] === what && c[1] === 'netkit');
  const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(11);
  console.log(`  ${what}  ${who.padEnd(9)} ${fmt(best(trials[i]))} / ${fmt(mid(trials[i]))} ops/s   netkit is ${(mid(trials[nk]) / mid(trials[i])).toFixed(1)}x (medians)`);
});
if (sink === 0.5) console.log(sink);
}

// ---- 3. one million stdin lines through `netkit subnet - --json`
if (part('stdin')) {
const input = join(tmp, 'million.txt');
writeFileSync(input, sampleV4(1_000_000).join('\n') + '\n');
const output = join(tmp, 'million.jsonl');
const runs = [];
let r;
for (let k = 0; k < 3; k++) {
  const t0 = process.hrtime.bigint();
  r = spawnSync('sh', ['-c', `node "$1" subnet - --json < "$2" > "$3"`, 'sh', bin, input, output]);
  runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
const lines = Number(execFileSync('wc', ['-l', output], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
runs.sort((a, b) => a - b);
console.log(`\nnetkit subnet - --json: 1,000,000 IPv4 lines in ${runs.map((x) => x.toFixed(2)).join(', ')} s (3 runs; ${lines} JSON lines written, exit ${r.status})`);
}
rmSync(tmp, { recursive: true, force: true });
