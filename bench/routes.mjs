// Benchmarks for gateway, interfaces and route (issue 4), against iproute2 on the same
// host: start-up-dominated commands on a small table, then a lookup in a large table
// (20,000 routes, the size of a busy router's FIB slice) built in a network namespace.
// Medians from hyperfine, measured in one run. Linux and root only (unshare -n).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'netkit.js');
const tmp = mkdtempSync(join(tmpdir(), 'netkit-bench-routes-'));
const node = process.execPath;

if (!existsSync('/usr/bin/hyperfine')) {
  console.log('routes: skipped (hyperfine is not installed)');
  process.exit(0);
}
if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.log('routes: skipped (needs Linux and root for network namespaces)');
  process.exit(0);
}

function table(title, pairs, routes) {
  const setup = [
    'set -e',
    'ip link set dev lo up',
    'ip link add name nka type veth peer name nkb',
    'ip link set dev nka up',
    'ip link set dev nkb up',
    'ip addr add 10.9.0.2/16 dev nka',
    'ip route add default via 10.9.0.1 metric 100',
    'ip route add default via 10.9.0.254 metric 50',
  ];
  if (routes > 0) {
    // Random-looking /24s via a router on the link, added in one batch.
    const lines = [];
    let x = 0x9e3779b9;
    for (let i = 0; i < routes; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const a = 11 + (x >>> 24) % 200;
      lines.push(`route replace ${a}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.0/24 via 10.9.${i % 250}.1 metric ${i % 7}`);
    }
    writeFileSync(join(tmp, 'batch'), lines.join('\n') + '\n');
    setup.push(`ip -batch ${join(tmp, "batch")}`);
  }
  const json = join(tmp, `${title.replace(/\W+/g, '-')}.json`);
  const cmds = pairs.flat();
  setup.push(`hyperfine -N --warmup 5 --runs 40 --export-json ${json} ${cmds.map((c) => `'${c}'`).join(' ')} >/dev/null`);
  const r = spawnSync('unshare', ['-n', 'sh', '-c', setup.join('\n')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const res = JSON.parse(readFileSync(json, 'utf8')).results;
  const ms = (c) => res.find((x) => x.command === c).median * 1000;
  console.log(`${title}`);
  console.log(`  ${'netkit'.padEnd(44)} ${'ms'.padStart(7)}   ${'peer'.padEnd(28)} ${'ms'.padStart(7)}   ratio`);
  for (const [ours, peer] of pairs) {
    const a = ms(ours);
    const b = ms(peer);
    console.log(`  ${ours.replace(`${node} ${bin}`, 'netkit').padEnd(44)} ${a.toFixed(1).padStart(7)}   ${peer.padEnd(28)} ${b.toFixed(1).padStart(7)}   ${(a / b).toFixed(1)}x`);
  }
}

const nk = (args) => `${node} ${bin} ${args}`;
try {
  // JSON on both sides: the same information, machine-readable, no table drawing.
  table('small table (2 defaults, 1 connected network), hyperfine medians of 40 runs', [
    [nk('gateway --json'), 'ip -j route show default'],
    [nk('route 9.9.9.9 --json'), 'ip -j route get 9.9.9.9'],
    [nk('interfaces --json'), 'ip -j addr'],
    [`${node} -e 0`, 'true'],
  ], 0);
  table('large table (20,000 routes)', [
    [nk('route 9.9.9.9 --json'), 'ip -j route get 9.9.9.9'],
    [nk('gateway --json'), 'ip -j route show default'],
  ], 20000);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
