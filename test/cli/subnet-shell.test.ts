// `netkit subnet --shell` against the real ipcalc-ng: for random networks (biased to the
// registry blocks and to prefixes around their edges), every ipcalc-ng key netkit prints
// has ipcalc-ng's value, ADDRSPACE's words included. One shell runs ipcalc-ng for all
// the samples (one process, not thousands).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../src/core/address.js';
import { subnetReport } from '../../src/core/report.js';
import { ipcalcAddrspace } from '../../src/cli/render/addrspace.js';
import { renderSubnetShell } from '../../src/cli/render/subnet.js';

const hasIpcalc = spawnSync('ipcalc-ng', ['--version']).status === 0;

const V4_BASES = ['0.0.0.0', '10.0.0.0', '100.64.0.0', '127.0.0.0', '169.254.0.0', '172.16.0.0', '192.0.0.0', '192.0.0.8',
  '192.0.0.9', '192.0.0.10', '192.0.0.170', '192.0.0.171', '192.0.2.0', '192.31.196.0', '192.52.193.0', '192.88.99.0',
  '192.168.0.0', '192.175.48.0', '198.18.0.0', '198.51.100.0', '203.0.113.0', '224.0.0.0', '240.0.0.0', '255.255.255.255', '8.8.8.8'];
const V6_BASES = ['::', '::1', '::ffff:0:0', '64:ff9b::', '64:ff9b:1::', '100::', '2001::', '2001:1::1', '2001:1::2', '2001:1::3',
  '2001:2::', '2001:3::', '2001:4:112::', '2001:10::', '2001:20::', '2001:30::', '2001:db8::', '2002::', '2620:4f:8000::',
  '3fff::', '2000::', '5f00::', 'fc00::', 'fd00::', 'fe80::', 'fec0::', 'ff00::', '4000::', '8000::'];

const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const v4 = fc.oneof(
  octets.map((o) => o.join('.')),
  fc.tuple(fc.constantFrom(...V4_BASES), fc.nat(255)).map(([b, x]) => b.replace(/\d+$/, (last) => String(Math.min(255, Number(last) + (x % 3))))),
);
const word = fc.nat(0xffff).map((n) => n.toString(16));
const v6 = fc.oneof(
  fc.array(word, { minLength: 8, maxLength: 8 }).map((w) => w.join(':')),
  fc.tuple(fc.constantFrom(...V6_BASES), word).map(([b, w]) => (b.endsWith('::') ? `${b}${w}` : b)),
);
const sample = fc.oneof(
  fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(v6, fc.constantFrom(3, 7, 8, 9, 10, 15, 16, 22, 23, 27, 28, 31, 32, 33, 47, 48, 95, 96, 127, 128)).map(([a, p]) => `${a}/${p}`),
);

/** ipcalc-ng -j --all-info for every input, in one shell. */
function ipcalc(inputs: string[]): Record<string, string>[] {
  const script = 'while IFS= read -r a; do ipcalc-ng -j --all-info "$a" | tr -d "\\n"; echo; done';
  const r = spawnSync('bash', ['-c', script], { input: inputs.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  return r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
}

function shellPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.trimEnd().split('\n')) {
    const m = /^([A-Z]+)='(.*)'$/.exec(line);
    if (!m) throw new Error(`not a KEY='value' line: ${line}`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

// The keys compared. Left out, where netkit answers on purpose and ipcalc-ng 1.0.2 is off:
// ADDRESS (ipcalc-ng omits it when the address is the network), BROADCAST (ipcalc-ng prints
// 255.255.255.255 for a /31 and the address for a /32: neither has one), REVERSEDNS for a
// /31 (ipcalc-ng writes x-255), ADDRESSES for 0.0.0.0/0 and ::/0 (ipcalc-ng: 2^32-1, nothing),
// and ADDRCLASS of 239.0.0.0/8 (ipcalc-ng 1.0.2 says Class E; 224-239 is class D, RFC 5771).
const IPCALC_KEYS = ['NETWORK', 'NETMASK', 'PREFIX', 'ADDRSPACE', 'ADDRCLASS', 'MINADDR', 'MAXADDR'];
// ipcalc-ng writes an IPv4-compatible address (::1.2.3.4) the old way; compare the values.
const same = (a: string, b: string) => a === b || (a.includes(':') && b.includes(':') && parseAddress(a).equals(parseAddress(b)));

describe.skipIf(!hasIpcalc)('--shell mirrors ipcalc-ng', () => {
  it('table: the words ipcalc-ng uses for well-known networks', () => {
    const rows: [string, number, string][] = [
      ['8.8.8.0', 24, 'Internet'],
      ['10.0.0.0', 7, 'Private Use'], // the network decides, not the block's length
      ['192.0.0.0', 8, 'IPv4 Service Continuity Prefix'],
      ['2001:db8::', 31, 'Global Unicast'], // too short for Documentation
      ['2001:db8::', 33, 'Documentation'],
      ['fc00::', 6, 'Unique Local Unicast'],
      ['fe80::', 10, 'Link-Scoped Unicast'],
      ['ff00::', 8, 'Multicast'],
      ['::', 127, 'Reserved'],
    ];
    for (const [net, len, word] of rows) expect([net, len, ipcalcAddrspace(net, len)]).toEqual([net, len, word]);
  });

  it('property: ADDRSPACE and the other ipcalc-ng keys equal ipcalc-ng -j --all-info on 1000 random networks', () => {
    const seed = Number(process.env.NETKIT_SEED) || Date.now();
    const inputs = fc.sample(sample, { numRuns: 1000, seed });
    const theirs = ipcalc(inputs);
    expect(theirs).toHaveLength(inputs.length);
    const bad: string[] = [];
    inputs.forEach((input, i) => {
      const ours = shellPairs(renderSubnetShell(subnetReport(input)));
      for (const k of IPCALC_KEYS) {
        const want = theirs[i]![k] ?? '';
        if (k === 'ADDRCLASS' && theirs[i]!.NETWORK?.startsWith('239.')) continue;
        if (!same(ours[k] ?? '', want)) bad.push(`${input} ${k}: netkit ${JSON.stringify(ours[k])}, ipcalc-ng ${JSON.stringify(want)}`);
      }
    });
    expect(bad.slice(0, 20), `seed ${seed}: ${bad.length} disagreements`).toEqual([]);
  });

  it('every key is in every block, empty where it does not apply (eval never keeps an earlier value)', () => {
    const keys = (t: string) => Object.keys(shellPairs(t));
    const a = renderSubnetShell(subnetReport('10.0.0.1/24'));
    const b = renderSubnetShell(subnetReport('2001:db8::1/64'));
    expect(keys(a)).toEqual(keys(b));
    expect(shellPairs(b).BROADCAST).toBe('');
    expect(shellPairs(b).ADDRCLASS).toBe('');
  });
});
