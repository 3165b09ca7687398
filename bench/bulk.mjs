#!/usr/bin/env node
// Benchmark of the bulk tools against their Debian peers, measured side by side in
// one run (rounds interleaved, medians): netkit grep vs grepcidr on a million lines
// (log lines and a bare address list), netkit merge vs iprange on 500k IPv4 CIDRs and
// ranges. Every comparison first checks that the outputs are identical, and IPv6
// merge is checked against Python's ipaddress.collapse_addresses.
//
//   npm run build && node bench/bulk.mjs [--rounds N] [--big] [--keep]
//   --big adds a merge of ten million entries (time and peak memory, once).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/netkit.js', import.meta.url));
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 7;
const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-bulk-'));

// A small deterministic generator (so every run measures the same data).
let seed = 20261126;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const int = (n) => Math.floor(rnd() * n);
const v4 = (v) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;

function write(name, lines) {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

console.error('generating data in', dir);
const logLines = [];
for (let i = 0; i < 1_000_000; i++) {
  const r = rnd();
  const ip = r < 0.8 ? v4((1 + int(223)) * 16777216 + int(16777216)) : r < 0.9 ? `2001:db8:${int(65536).toString(16)}::${int(65536).toString(16)}` : 'localhost';
  logLines.push(`Nov 26 10:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')} host sshd[${i % 30000}]: Failed password for root from ${ip} port ${1024 + int(64000)} ssh2`);
}
const LOG = write('auth-1m.log', logLines);
const listLines = [];
for (let i = 0; i < 1_000_000; i++) listLines.push(v4((1 + int(223)) * 16777216 + int(16777216)));
const LIST = write('ips-1m.txt', listLines);
const setLines = [];
for (let i = 0; i < 500_000; i++) {
  const base = 0x01000000 + int(0xdf000000);
  if (rnd() < 0.6) {
    const len = [32, 32, 32, 32, 32, 32, 31, 30, 29, 28, 27, 26, 25, 24, 24, 24, 23, 22, 20, 16][int(20)];
    const net = (base & (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0)) >>> 0;
    setLines.push(len === 32 && rnd() < 0.5 ? v4(net) : `${v4(net)}/${len}`);
  } else {
    setLines.push(`${v4(base)}-${v4(Math.min(0xffffffff, base + 1 + int(5000)))}`);
  }
}
const SET = write('set-500k.txt', setLines);
const NETS = '10.0.0.0/8,100.64.0.0/10,192.168.0.0/16,172.16.0.0/12,2001:db8:8000::/33';
const NETS4 = '10.0.0.0/8,100.64.0.0/10,192.168.0.0/16,172.16.0.0/12';

function run(cmd, argv, outFile) {
  const fd = openSync(outFile ?? '/dev/null', 'w');
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const cases = [
  { name: 'grep, 1M log lines (v4+v6 networks)', ours: ['node', [BIN, 'grep', NETS, LOG]], peer: ['grepcidr', [NETS, LOG]], bar: 1.25 },
  { name: 'grep -v, 1M log lines', ours: ['node', [BIN, 'grep', '-v', NETS, LOG]], peer: ['grepcidr', ['-v', NETS, LOG]], bar: 1.25 },
  { name: 'grep, 1M bare addresses (IPv4 networks)', ours: ['node', [BIN, 'grep', NETS4, LIST]], peer: ['grepcidr', [NETS4, LIST]], bar: 1.25 },
  { name: 'grep -x, 1M bare addresses', ours: ['node', [BIN, 'grep', '-x', NETS4, LIST]], peer: ['grepcidr', ['-x', NETS4, LIST]], bar: 1.25 },
  { name: 'grep -c, 1M bare addresses', ours: ['node', [BIN, 'grep', '-c', NETS4, LIST]], peer: ['grepcidr', ['-c', NETS4, LIST]], bar: 1.25 },
  {
    name: 'merge, 500k IPv4 CIDRs and ranges',
    ours: ['node', [BIN, 'merge', SET]],
    peer: ['iprange', [SET]],
    // iprange writes a /32 as a bare address
    normalize: (peerOut) => peerOut.replace(/^([0-9.]+)$/gm, '$1/32'),
    bar: 2,
  },
];

const missing = ['grepcidr', 'iprange'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
if (missing.length) console.error(`missing peers: ${missing.join(', ')} (their rows are skipped)`);

// Identical output first.
for (const c of cases) {
  if (missing.includes(c.peer[0])) continue;
  const a = join(dir, 'ours.out');
  const b = join(dir, 'peer.out');
  run(c.ours[0], c.ours[1], a);
  run(c.peer[0], c.peer[1], b);
  const ours = readFileSync(a, 'latin1');
  let peer = readFileSync(b, 'latin1');
  if (c.normalize) peer = c.normalize(peer);
  c.identical = ours === peer;
  c.lines = ours.split('\n').length - 1;
}

// Then time, interleaved.
for (const c of cases) {
  c.t = { ours: [], peer: [] };
}
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    if (missing.includes(c.peer[0])) continue;
    const order = r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const who of order) c.t[who].push(run(c[who][0], c[who][1]));
  }
}

// IPv6 merge against Python.
let v6 = 'skipped (no python3)';
if (spawnSync('python3', ['-c', 'import ipaddress']).status === 0) {
  const gen = spawnSync('python3', ['-c', `
import ipaddress, random
random.seed(5)
base = int(ipaddress.ip_address("2001:db8::"))
for _ in range(200000):
    plen = random.choice([108, 112, 116, 120, 124, 127, 128, 128])
    off = random.getrandbits(36) & ~((1 << (128 - plen)) - 1)
    print(ipaddress.ip_network((base + off, plen)))
`], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const V6 = join(dir, 'v6-200k.txt');
  writeFileSync(V6, gen);
  const py = 'import ipaddress,sys\nfor n in ipaddress.collapse_addresses(ipaddress.ip_network(l) for l in open(sys.argv[1]).read().split()): print(n)';
  const t0 = process.hrtime.bigint();
  const want = spawnSync('python3', ['-c', py, V6], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const pyMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const ourOut = join(dir, 'v6.out');
  const ourMs = run('node', [BIN, 'merge', V6], ourOut);
  const norm = spawnSync('python3', ['-c', 'import ipaddress,sys\nfor l in open(sys.argv[1]).read().split(): print(ipaddress.ip_network(l))', ourOut], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  }).stdout;
  v6 = `${norm === want ? 'identical' : 'DIFFERENT'} to collapse_addresses (${want.split('\n').length - 1} blocks from 200k entries; netkit ${ourMs.toFixed(0)} ms, Python ${pyMs.toFixed(0)} ms, one run)`;
}

let big = null;
if (args.includes('--big')) {
  // merge of ten million entries: time and peak memory (RSS), against iprange
  const lines = [];
  const BIG = join(dir, 'set-10m.txt');
  writeFileSync(BIG, '');
  for (let i = 0; i < 10_000_000; i++) {
    const v = int(4294967296);
    const r = rnd();
    lines.push(r < 0.5 ? v4(v) : r < 0.8 ? `${v4((v & 0xffffff00) >>> 0)}/24` : `${v4(v)}-${v4(Math.min(0xffffffff, v + 1 + int(1000)))}`);
    if (lines.length === 100_000) {
      writeFileSync(BIG, lines.join('\n') + '\n', { flag: 'a' });
      lines.length = 0;
    }
  }
  const timed = (cmd, argv) => {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const [sec, kb] = r.stderr.trim().split('\n').pop().split(' ');
    return `${Number(sec).toFixed(1)} s, ${(Number(kb) / 1024).toFixed(0)} MB peak`;
  };
  big = `netkit ${timed('node', [BIN, 'merge', BIG])}; iprange ${missing.includes('iprange') ? '-' : timed('iprange', [BIG])}`;
}

const rows = [['case', 'netkit ms', 'peer ms', 'ratio', 'bar', 'output']];
for (const c of cases) {
  if (missing.includes(c.peer[0])) {
    rows.push([c.name, '-', '-', '-', `${c.bar}x`, `${c.peer[0]} missing`]);
    continue;
  }
  const o = median(c.t.ours);
  const p = median(c.t.peer);
  const ratio = o / p;
  rows.push([
    `${c.name} vs ${c.peer[0]}`,
    o.toFixed(0),
    p.toFixed(0),
    `${ratio.toFixed(2)}x`,
    `${ratio <= c.bar ? '<=' : 'OVER'} ${c.bar}x`,
    c.identical ? `identical (${c.lines} lines)` : 'DIFFERENT',
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
console.log(`IPv6 merge: ${v6}`);
if (big) console.log(`merge of 10M entries (one run): ${big}`);
console.log(`medians of ${ROUNDS} interleaved rounds; node ${process.version}`);
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
