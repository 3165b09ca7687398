#!/usr/bin/env node
// Benchmark of the bulk tools against their Debian peers, measured side by side in
// one run (rounds interleaved, medians of wall time, peak memory from /usr/bin/time):
//   grep vs grepcidr on 1M log lines and 5M bare addresses;
//   merge of 2M IPv4 CIDRs and ranges vs iprange (time and peak memory);
//   intersect and compare of two 1M lists vs iprange --common and iprange --diff;
//   IPv6 merge vs IPv4 merge of the same count (1M each): per entry at most 2x.
// Every comparison first checks that the outputs are identical; IPv6 merge is checked
// against Python's ipaddress.collapse_addresses on 100k networks.
//
//   npm run build && node bench/bulk.mjs [--rounds N] [--big] [--keep]
//   --big adds a merge of ten million entries (time and peak memory, once).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/netkit.js', import.meta.url));
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 5;
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
const hex = (n) => n.toString(16);

/** Write lines made by fn(i), in pieces (5M lines do not fit one string comfortably). */
function write(name, count, fn) {
  const p = join(dir, name);
  writeFileSync(p, '');
  let buf = [];
  for (let i = 0; i < count; i++) {
    buf.push(fn(i));
    if (buf.length === 200_000) {
      writeFileSync(p, buf.join('\n') + '\n', { flag: 'a' });
      buf = [];
    }
  }
  if (buf.length) writeFileSync(p, buf.join('\n') + '\n', { flag: 'a' });
  return p;
}

/** An IPv4 set line: 60% CIDRs (many /32s, some large blocks), 40% ranges. */
function setLine(space = 0xdf000000) {
  const base = 0x01000000 + int(space);
  if (rnd() < 0.6) {
    const len = [32, 32, 32, 32, 32, 32, 31, 30, 29, 28, 27, 26, 25, 24, 24, 24, 23, 22, 20, 16][int(20)];
    const net = (base & ((0xffffffff << (32 - len)) >>> 0)) >>> 0;
    return len === 32 && rnd() < 0.5 ? v4(net) : `${v4(net)}/${len}`;
  }
  return `${v4(base)}-${v4(Math.min(0xffffffff, base + 1 + int(5000)))}`;
}

/** A sparse IPv4 line in 10.0.0.0/4-sized space: mostly addresses, some small blocks and ranges (lists that share a part). */
function sparseLine() {
  const base = 0x10000000 + int(0x10000000);
  const r = rnd();
  if (r < 0.7) return v4(base);
  if (r < 0.9) {
    const len = 24 + int(5);
    return `${v4((base & ((0xffffffff << (32 - len)) >>> 0)) >>> 0)}/${len}`;
  }
  return `${v4(base)}-${v4(base + 1 + int(64))}`;
}

/** An IPv6 set line under 2001:db8::/32: /48 to /64 networks and /120 to /128 hosts. */
function setLine6() {
  const len = [48, 56, 64, 64, 64, 120, 128, 128][int(8)];
  const g = [0x2001, 0xdb8, int(65536), int(65536), int(65536), int(65536), int(65536), int(65536)];
  for (let k = 0; k < 8; k++) {
    const keep = Math.max(0, Math.min(16, len - 16 * k));
    g[k] = keep === 0 ? 0 : g[k] & ((0xffff << (16 - keep)) & 0xffff);
  }
  return `${g.map(hex).join(':')}/${len}`;
}

console.error('generating data in', dir);
const LOG = write('auth-1m.log', 1_000_000, (i) => {
  const r = rnd();
  const ip = r < 0.8 ? v4((1 + int(223)) * 16777216 + int(16777216)) : r < 0.9 ? `2001:db8:${hex(int(65536))}::${hex(int(65536))}` : 'localhost';
  return `Nov 26 10:${String(i % 60).padStart(2, '0')}:${String(i % 59).padStart(2, '0')} host sshd[${i % 30000}]: Failed password for root from ${ip} port ${1024 + int(64000)} ssh2`;
});
const LIST = write('ips-5m.txt', 5_000_000, () => v4((1 + int(223)) * 16777216 + int(16777216)));
const SET2M = write('set-2m.txt', 2_000_000, () => setLine());
// two sparse 1M lists in the same space, so they share a part and differ in many places
const A1M = write('a-1m.txt', 1_000_000, () => sparseLine());
const B1M = write('b-1m.txt', 1_000_000, () => sparseLine());
const V4_1M = write('v4-1m.txt', 1_000_000, () => setLine());
const V6_1M = write('v6-1m.txt', 1_000_000, () => setLine6());
const NETS = '10.0.0.0/8,100.64.0.0/10,192.168.0.0/16,172.16.0.0/12,2001:db8:8000::/33';
const NETS4 = '10.0.0.0/8,100.64.0.0/10,192.168.0.0/16,172.16.0.0/12';

/** Run once: wall ms (hrtime around the spawn) and peak RSS in MB (/usr/bin/time %M). */
function run(cmd, argv, outFile) {
  const fd = openSync(outFile ?? '/dev/null', 'w');
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], { stdio: ['ignore', fd, 'pipe'], maxBuffer: 1 << 26, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const mb = Number(r.stderr.trim().split('\n').pop()) / 1024;
  return { ms, mb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// iprange writes a /32 as a bare address
const bare32 = (peerOut) => peerOut.replace(/^([0-9.]+)$/gm, '$1/32');
// compare marks sides with "< " and "> "; iprange --diff prints both sides in one ascending list
const key = (l) => l.split(/[./-]/).slice(0, 4).reduce((v, o) => v * 256 + Number(o), 0);
const unmark = (out) => out.replace(/^[<>] /gm, '').split('\n').filter(Boolean).sort((x, y) => key(x) - key(y)).join('\n') + '\n';
const sorted = (out) => out.split('\n').filter(Boolean).sort((x, y) => key(x) - key(y)).join('\n') + '\n';

const cases = [
  { name: 'grep, 1M log lines (v4+v6 networks)', ours: ['node', [BIN, 'grep', NETS, LOG]], peer: ['grepcidr', [NETS, LOG]], bar: 1.0 },
  { name: 'grep -v, 1M log lines', ours: ['node', [BIN, 'grep', '-v', NETS, LOG]], peer: ['grepcidr', ['-v', NETS, LOG]], bar: 1.0 },
  { name: 'grep, 5M bare addresses (IPv4 networks)', ours: ['node', [BIN, 'grep', NETS4, LIST]], peer: ['grepcidr', [NETS4, LIST]], bar: 1.0 },
  { name: 'grep -x, 5M bare addresses', ours: ['node', [BIN, 'grep', '-x', NETS4, LIST]], peer: ['grepcidr', ['-x', NETS4, LIST]], bar: 1.0 },
  { name: 'grep -c, 5M bare addresses', ours: ['node', [BIN, 'grep', '-c', NETS4, LIST]], peer: ['grepcidr', ['-c', NETS4, LIST]], bar: 1.0 },
  { name: 'merge, 2M IPv4 CIDRs and ranges', ours: ['node', [BIN, 'merge', SET2M]], peer: ['iprange', [SET2M]], normalize: bare32, bar: 1.0, memory: true },
  { name: 'intersect, two 1M IPv4 lists', ours: ['node', [BIN, 'intersect', A1M, B1M]], peer: ['iprange', ['--common', A1M, B1M]], normalize: bare32, bar: 1.0 },
  {
    name: 'compare, two 1M IPv4 lists',
    ours: ['node', [BIN, 'compare', A1M, B1M]],
    peer: ['iprange', [A1M, '--diff', B1M]],
    oursNormalize: unmark,
    normalize: (p) => sorted(bare32(p)),
    bar: 1.0,
  },
  // the same count of IPv6 and IPv4 entries: "peer" here is netkit's own IPv4 merge
  { name: 'merge, 1M IPv6 networks', ours: ['node', [BIN, 'merge', V6_1M]], peer: ['node', [BIN, 'merge', V4_1M]], peerName: 'IPv4 merge 1M', bar: 2.0, noCheck: true },
];

const missing = ['grepcidr', 'iprange'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
if (missing.length) console.error(`missing peers: ${missing.join(', ')} (their rows are skipped)`);
const skip = (c) => missing.includes(c.peer[0]);

// Identical output first.
for (const c of cases) {
  if (skip(c)) continue;
  const a = join(dir, 'ours.out');
  const b = join(dir, 'peer.out');
  run(c.ours[0], c.ours[1], a);
  let ours = readFileSync(a, 'latin1');
  c.lines = ours.split('\n').length - 1;
  if (c.noCheck) continue;
  run(c.peer[0], c.peer[1], b);
  let peer = readFileSync(b, 'latin1');
  if (c.oursNormalize) ours = c.oursNormalize(ours);
  if (c.normalize) peer = c.normalize(peer);
  c.identical = ours === peer;
}

// Then time, interleaved.
for (const c of cases) c.t = { ours: [], peer: [], oursMb: [], peerMb: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const c of cases) {
    if (skip(c)) continue;
    const order = r % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
    for (const who of order) {
      const { ms, mb } = run(c[who][0], c[who][1]);
      c.t[who].push(ms);
      c.t[`${who}Mb`].push(mb);
    }
  }
}

// IPv6 merge against Python.
let v6 = 'skipped (no python3)';
if (spawnSync('python3', ['-c', 'import ipaddress']).status === 0) {
  const gen = spawnSync('python3', ['-c', `
import ipaddress, random
random.seed(5)
base = int(ipaddress.ip_address("2001:db8::"))
for _ in range(100000):
    plen = random.choice([108, 112, 116, 120, 124, 127, 128, 128])
    off = random.getrandbits(36) & ~((1 << (128 - plen)) - 1)
    print(ipaddress.ip_network((base + off, plen)))
`], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const V6 = join(dir, 'v6-100k.txt');
  writeFileSync(V6, gen);
  const py = 'import ipaddress,sys\nfor n in ipaddress.collapse_addresses(ipaddress.ip_network(l) for l in open(sys.argv[1]).read().split()): print(n)';
  const t0 = process.hrtime.bigint();
  const want = spawnSync('python3', ['-c', py, V6], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
  const pyMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const ourOut = join(dir, 'v6.out');
  const ourMs = run('node', [BIN, 'merge', V6], ourOut).ms;
  const norm = spawnSync('python3', ['-c', 'import ipaddress,sys\nfor l in open(sys.argv[1]).read().split(): print(ipaddress.ip_network(l))', ourOut], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  }).stdout;
  v6 = `${norm === want ? 'identical' : 'DIFFERENT'} to collapse_addresses (${want.split('\n').length - 1} blocks from 100k entries; netkit ${ourMs.toFixed(0)} ms, Python ${pyMs.toFixed(0)} ms, one run)`;
}

let big = null;
if (args.includes('--big')) {
  const BIG = write('set-10m.txt', 10_000_000, () => setLine(0xfe000000));
  const once = (cmd, argv) => {
    const { ms, mb } = run(cmd, argv);
    return `${(ms / 1000).toFixed(1)} s, ${mb.toFixed(0)} MB peak`;
  };
  big = `netkit ${once('node', [BIN, 'merge', BIG])}; iprange ${missing.includes('iprange') ? '-' : once('iprange', [BIG])}`;
}

const rows = [['case', 'netkit ms', 'peer ms', 'ratio', 'bar', 'output', 'peak MB (netkit / peer)']];
for (const c of cases) {
  const peerName = c.peerName ?? c.peer[0];
  if (skip(c)) {
    rows.push([c.name, '-', '-', '-', `${c.bar}x`, `${c.peer[0]} missing`, '']);
    continue;
  }
  const o = median(c.t.ours);
  const p = median(c.t.peer);
  const ratio = o / p;
  rows.push([
    `${c.name} vs ${peerName}`,
    o.toFixed(0),
    p.toFixed(0),
    `${ratio.toFixed(2)}x`,
    `${ratio <= c.bar ? '<=' : 'OVER'} ${c.bar}x`,
    c.noCheck ? `${c.lines} lines (checked below)` : c.identical ? `identical (${c.lines} lines)` : 'DIFFERENT',
    c.memory ? `${median(c.t.oursMb).toFixed(0)} / ${median(c.t.peerMb).toFixed(0)}` : '',
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
const floor = median(Array.from({ length: 5 }, () => run('node', ['-e', '0']).mb));
console.log(`Node's own floor (node -e 0, median of 5): ${floor.toFixed(1)} MB peak`);
for (const c of cases.filter((k) => k.memory && !skip(k))) {
  const ours = median(c.t.oursMb);
  const bar = median(c.t.peerMb) + floor;
  console.log(`${c.name}: peak ${ours.toFixed(1)} MB, bar ${bar.toFixed(1)} MB (${c.peer[0]}'s peak plus Node's floor): ${ours <= bar ? 'met' : 'OVER'}`);
}
console.log(`IPv6 merge: ${v6}`);
if (big) console.log(`merge of 10M entries (one run): ${big}`);
console.log(`medians of ${ROUNDS} interleaved rounds; node ${process.version}`);
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
