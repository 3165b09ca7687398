// End-to-end: intersect, compare, --count per input and the firewall options (issue
// 14), run as a shell runs the built netkit, checked against iprange on random IPv4
// lists, and the firewall recipes of docs/bulk.md fed to the real ipset and nft inside
// a network namespace of the test's own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines, netkit } from '../helpers/cli.js';

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-bulk-sets-'));
});

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const IPRANGE = has('iprange');

// A small deterministic generator: lists clustered in 10.0.0.0/14 so they overlap.
function lists(seed: number, n: number): string[] {
  let s = seed;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const int = (k: number) => Math.floor(rnd() * k);
  const v4 = (v: number) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = 0x0a000000 + int(1 << 18);
    const r = rnd();
    if (r < 0.4) out.push(v4(base));
    else if (r < 0.8) {
      const len = 20 + int(13);
      out.push(`${v4((base & (0xffffffff << (32 - len))) >>> 0)}/${len}`);
    } else out.push(`${v4(base)}-${v4(base + int(3000))}`);
  }
  return out;
}

/** iprange writes a /32 as a bare address. */
const iprangeNorm = (text: string) => text.replace(/^([0-9.]+)$/gm, '$1/32');

function iprange(args: string[]): { stdout: string; code: number | null } {
  const r = spawnSync('iprange', args, { encoding: 'utf8' });
  return { stdout: r.stdout, code: r.status };
}

describe('intersect', () => {
  it('what every set holds, IPv4 and IPv6, minimal CIDRs or ranges', () => {
    const a = file('i-a.txt', '10.0.0.0/16\n2001:db8::/32\n192.0.2.1\n');
    const b = file('i-b.txt', '10.0.1.0/24\n10.0.200.0-10.0.200.5\n2001:db8:1::/48\n198.51.100.0/24\n');
    const r = netkit(['intersect', a, b]);
    expect(r.stdout).toBe('10.0.1.0/24\n10.0.200.0/30\n10.0.200.4/31\n2001:db8:1::/48\n');
    expect([r.stderr, r.code]).toEqual(['', 0]);
    expect(netkit(['intersect', a, b, '10.0.0.0/8', '--ranges']).stdout).toBe('10.0.1.0-10.0.1.255\n10.0.200.0-10.0.200.5\n');
  });

  it('nothing in common: no output, exit 0 (the empty set is an answer)', () => {
    const r = netkit(['intersect', '10.0.0.0/24', '10.0.1.0/24']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0]);
  });

  it('--json: one record per block', () => {
    expect(jsonLines(netkit(['intersect', '--json', '10.0.0.0/23', '10.0.1.0/24,::1', '::/0']).stdout)).toEqual([]);
    expect(jsonLines(netkit(['intersect', '--json', '10.0.0.0/23', '10.0.1.0/24,::1']).stdout)).toEqual([
      { network: '10.0.1.0/24', family: 4, first: '10.0.1.0', last: '10.0.1.255', addresses: '256' },
    ]);
  });

  it('a bad line in any set: nothing printed, the line named, exit 2', () => {
    const a = file('i-bad.txt', '10.0.0.0/16\n10.0.0.300\n');
    const r = netkit(['intersect', '10.0.0.0/8', a]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `netkit: ${a}:2: invalid IPv4 address "10.0.0.300": octet 300 is greater than 255\n` +
        'netkit: nothing printed: 1 entry could not be read (above), and the common part would be narrower than it is\n',
    );
    expect(r.code).toBe(2);
  });

  it('one set is a usage error', () => {
    const r = netkit(['intersect', '10.0.0.0/8']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', 'netkit: intersect: give two or more sets (files or entries)\n', 2]);
  });

  it.skipIf(!IPRANGE)('identical to iprange --common on random lists', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const a = file(`c-a-${seed}.txt`, lists(seed, 400).join('\n') + '\n');
      const b = file(`c-b-${seed}.txt`, lists(seed + 100, 400).join('\n') + '\n');
      const c = file(`c-c-${seed}.txt`, lists(seed + 200, 300).join('\n') + '\n');
      const ours = netkit(['intersect', a, b, c]);
      expect(ours.code).toBe(0);
      expect(ours.stdout).toBe(iprangeNorm(iprange(['--common', a, b, c]).stdout));
      expect(ours.stdout.length).toBeGreaterThan(0);
    }
  });
});

describe('compare', () => {
  it('equal sets: nothing printed, exit 0, however written', () => {
    const r = netkit(['compare', '10.0.0.0/24,2001:db8::/127', '10.0.0.0-10.0.0.255,2001:db8::,2001:db8::1']);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '', 0]);
  });

  it('different sets: only-A blocks after "< ", only-B after "> ", exit 1', () => {
    const r = netkit(['compare', '10.0.0.0/23,::1', '10.0.1.0/24,10.0.9.9,::1']);
    expect(r.stdout).toBe('< 10.0.0.0/24\n> 10.0.9.9/32\n');
    expect([r.stderr, r.code]).toEqual(['', 1]);
    expect(netkit(['compare', '--ranges', '10.0.0.0/23', '10.0.1.0/24']).stdout).toBe('< 10.0.0.0-10.0.0.255\n');
  });

  it('--quiet: only the exit code', () => {
    expect(netkit(['compare', '-q', '10.0.0.0/23', '10.0.1.0/24'])).toMatchObject({ stdout: '', stderr: '', code: 1 });
    expect(netkit(['compare', '-q', '10.0.0.0/24', '10.0.0.0/24'])).toMatchObject({ stdout: '', stderr: '', code: 0 });
  });

  it('--json: one record per block with its side and input', () => {
    const a = file('cmp-a.txt', '10.0.0.0/23\n');
    const r = netkit(['compare', '--json', a, '10.0.1.0/24,2001:db8::/64']);
    expect(jsonLines(r.stdout)).toEqual([
      { side: 'a', input: a, network: '10.0.0.0/24', family: 4, first: '10.0.0.0', last: '10.0.0.255', addresses: '256' },
      {
        side: 'b', input: '10.0.1.0/24,2001:db8::/64', network: '2001:db8::/64', family: 6,
        first: '2001:db8::', last: '2001:db8::ffff:ffff:ffff:ffff', addresses: '18446744073709551616',
      },
    ]);
    expect(r.code).toBe(1);
  });

  it('three sets or more: the overlap of every pair, as a table and as JSON', () => {
    const sets = ['10.0.0.0/24', '10.0.0.0/25', '10.0.0.0/26,::/126'];
    const r = netkit(['compare', ...sets]);
    expect(r.stdout).toBe(
      [
        'set a        set b                 a    b  common  only a  only b',
        '10.0.0.0/24  10.0.0.0/25         256  128     128     128       0',
        '10.0.0.0/24  10.0.0.0/26,::/126  256   68      64     192       4',
        '10.0.0.0/25  10.0.0.0/26,::/126  128   68      64      64       4',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    const j = jsonLines(netkit(['compare', '--json', ...sets]).stdout);
    expect(j[1]).toEqual({
      a: '10.0.0.0/24', b: '10.0.0.0/26,::/126', aAddresses: '256', bAddresses: '68', commonAddresses: '64', onlyA: '192', onlyB: '4', equal: false,
    });
    expect(netkit(['compare', '10.0.0.0/24', '10.0.0.0/25,10.0.0.128/25', '10.0.0.0-10.0.0.255']).code).toBe(0);
  });

  it('file names are escaped in the table (untrusted text)', () => {
    const evil = file('evil\x1b[2J.txt', '10.0.0.0/24\n');
    const r = netkit(['compare', evil, '10.0.0.0/25', '10.0.0.0/26']);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('evil\\x1b[2J.txt');
  });

  it('bad input: one set, a bad line, --quiet with --json: exit 2, one line, nothing on stdout', () => {
    const bad = file('cmp-bad.txt', '10.0.0.0/24\n10.0.0.1/24\n');
    const cases: [string[], string][] = [
      [['compare', '10.0.0.0/24'], 'netkit: compare: give two or more sets to compare (files or entries)\n'],
      [['compare', '-q', '--json', '10.0.0.0/24', '10.0.0.0/24'], 'netkit: compare: --quiet prints nothing; --json goes without it\n'],
      [
        ['compare', bad, '10.0.0.0/24'],
        `netkit: ${bad}:2: invalid network "10.0.0.1/24": host bits are set (the network is 10.0.0.0/24)\nnetkit: nothing printed: 1 entry could not be read (above), and the comparison would be wrong\n`,
      ],
    ];
    for (const [args, err] of cases) {
      const r = netkit(args);
      expect([r.stdout, r.code], args.join(' ')).toEqual(['', 2]);
      expect(r.stderr, args.join(' ')).toBe(err);
    }
  });

  it.skipIf(!IPRANGE)('the two sides together are iprange --diff, and the exit codes agree', () => {
    for (const seed of [7, 8, 9, 10]) {
      const a = file(`d-a-${seed}.txt`, lists(seed, 500).join('\n') + '\n');
      const b = file(`d-b-${seed}.txt`, lists(seed + 50, 500).join('\n') + '\n');
      const ours = netkit(['compare', a, b]);
      // iprange prints both sides' blocks in one ascending list (not merged across sides)
      const key = (l: string) => l.split(/[./]/).reduce((v, o, i) => (i < 4 ? v * 256 + Number(o) : v), 0);
      const sorted = (t: string) => t.split('\n').filter(Boolean).sort((x, y) => key(x) - key(y));
      const peer = iprange([a, '--diff', b]);
      expect(sorted(ours.stdout.replace(/^[<>] /gm, ''))).toEqual(sorted(iprangeNorm(peer.stdout)));
      expect(ours.stdout).toMatch(/^< /m);
      expect(ours.stdout).toMatch(/^> /m);
      expect(ours.code).toBe(peer.code === 0 ? 0 : 1);
    }
    const same = file('d-same.txt', '10.0.0.0/24\n');
    expect(iprange([same, '--diff', '/dev/null']).code).toBe(1);
  });
});

describe('--count per input, then the total', () => {
  it('merge: addresses, blocks, name (as wc), then the union', () => {
    const a = file('n-a.txt', '10.0.0.0/23\n10.0.3.7\n');
    const b = file('n-b.txt', '10.0.1.0/24\n::/127\n');
    const r = netkit(['merge', '--count', a, b]);
    expect(r.stdout).toBe(`513 2 ${a}\n258 2 ${b}\n515 3 total\n`);
    expect(netkit(['merge', '--count'], { input: '10.0.0.0/24\n10.0.0.0/25\n::/127\n' }).stdout).toBe('258 2 stdin\n258 2 total\n');
  });

  it('intersect and exclude: the inputs, then the result', () => {
    const a = file('n-c.txt', '10.0.0.0/23\n10.0.3.7\n');
    const b = file('n-d.txt', '10.0.1.0/24\n::/127\n');
    expect(netkit(['intersect', '--count', a, b]).stdout).toBe(`513 2 ${a}\n258 2 ${b}\n256 1 total\n`);
    expect(netkit(['exclude', '--count', b, '--from', a]).stdout).toBe(`513 2 ${a}\n258 2 ${b} (taken out)\n257 2 total\n`);
    expect(jsonLines(netkit(['exclude', '--count', '--json', b, '--from', a]).stdout).map((r) => [r.input, r.role, r.addresses])).toEqual([
      [a, 'from', '513'],
      [b, 'remove', '258'],
      [null, undefined, '257'],
    ]);
  });

  it('--json records carry the input (null on the total)', () => {
    expect(jsonLines(netkit(['merge', '--count', '--json', '10.0.0.0/24', '::/0']).stdout)).toEqual([
      { input: '10.0.0.0/24', addresses: '256', ipv4Addresses: '256', ipv6Addresses: '0', networks: 1, ranges: 1 },
      { input: '::/0', addresses: (1n << 128n).toString(), ipv4Addresses: '0', ipv6Addresses: (1n << 128n).toString(), networks: 1, ranges: 1 },
      { input: null, addresses: (256n + (1n << 128n)).toString(), ipv4Addresses: '256', ipv6Addresses: (1n << 128n).toString(), networks: 2, ranges: 2 },
    ]);
  });

  it('blocks are counted as printed: after --min-prefix', () => {
    expect(netkit(['merge', '--count', '--min-prefix', '24', '10.0.0.0/22']).stdout).toBe('1024 4 10.0.0.0/22\n1024 4 total\n');
  });

  it.skipIf(!IPRANGE)('unique addresses per file as iprange --count-unique-all', () => {
    const files = [11, 12, 13].map((s) => file(`u-${s}.txt`, lists(s, 300).join('\n') + '\n'));
    const peer = new Map(
      iprange(['--count-unique-all', ...files])
        .stdout.trim()
        .split('\n')
        .map((l) => l.split(','))
        .map((f) => [f[0]!, f[2]!]),
    );
    const ours = netkit(['merge', '--count', ...files]).stdout.trim().split('\n');
    for (const f of files) expect(ours.find((l) => l.endsWith(` ${f}`))!.trim().split(/\s+/)[0]).toBe(peer.get(f));
  });
});

describe('firewall-ready output', () => {
  it('--prefix and --suffix wrap every block or range; with --join too', () => {
    expect(netkit(['merge', '--prefix', 'add bl ', '--suffix', ' -exist', '10.0.0.0/24,10.0.1.5']).stdout).toBe('add bl 10.0.0.0/24 -exist\nadd bl 10.0.1.5/32 -exist\n');
    expect(netkit(['merge', '--ranges', '--prefix', '[', '--suffix', ']', '10.0.0.0/24,::1']).stdout).toBe('[10.0.0.0-10.0.0.255]\n[::1-::1]\n');
    expect(netkit(['exclude', '10.0.0.0/9', '--from', '10.0.0.0/8', '--join', ', ', '--prefix', '"', '--suffix', '"']).stdout).toBe('"10.128.0.0/9"\n');
  });

  it('--min-prefix splits what is shorter; --prefixes keeps only the lengths given (and /32, /128)', () => {
    expect(netkit(['merge', '--min-prefix', '25', '10.0.0.0/24,10.0.1.7']).stdout).toBe('10.0.0.0/25\n10.0.0.128/25\n10.0.1.7/32\n');
    expect(netkit(['merge', '--prefixes', '24,30', '10.0.0.0/23,10.0.9.0/29,10.0.9.8/31']).stdout).toBe(
      '10.0.0.0/24\n10.0.1.0/24\n10.0.9.0/30\n10.0.9.4/30\n10.0.9.8/32\n10.0.9.9/32\n',
    );
    expect(netkit(['merge', '--prefixes', '64', '2001:db8::/63,::1']).stdout).toBe('::1/128\n2001:db8::/64\n2001:db8:0:1::/64\n');
    expect(netkit(['intersect', '--min-prefix', '26', '10.0.0.0/8', '10.1.0.0/25']).stdout).toBe('10.1.0.0/26\n10.1.0.64/26\n');
  });

  it('bad shaping options: exit 2, one line, nothing printed', () => {
    const cases: [string[], string][] = [
      [['merge', '--prefixes', '', '10.0.0.0/8'], 'netkit: --prefixes: the list of prefix lengths is empty\n'],
      [['merge', '--prefixes', '24,,32', '10.0.0.0/8'], 'netkit: --prefixes: "" is not a prefix length (0 to 32 for IPv4, 0 to 128 for IPv6)\n'],
      [['merge', '--prefixes', '24,129', '10.0.0.0/8'], 'netkit: --prefixes: "129" is not a prefix length (0 to 32 for IPv4, 0 to 128 for IPv6)\n'],
      [['merge', '--prefixes', '24,48', '10.0.0.0/8'], 'netkit: --prefixes 24,48: /48 is longer than an IPv4 prefix (0 to 32), and the result holds IPv4 addresses\n'],
      [['merge', '--min-prefix', '033', '10.0.0.0/8'], 'netkit: --min-prefix: "033" is not a prefix length (0 to 32 for IPv4, 0 to 128 for IPv6)\n'],
      [['merge', '--min-prefix', '24', '--prefixes', '24', '10.0.0.0/8'], 'netkit: merge: --min-prefix and --prefixes are alternatives: choose one\n'],
      [['merge', '--min-prefix', '24', '--ranges', '10.0.0.0/8'], 'netkit: merge: --min-prefix shapes CIDR blocks, not --ranges\n'],
      [['intersect', '--prefix', 'x', '--json', '10.0.0.0/8', '10.0.0.0/9'], 'netkit: intersect: --prefix and --suffix go with the list of blocks or ranges, not --count or --json\n'],
    ];
    for (const [args, err] of cases) {
      const r = netkit(args);
      expect([r.stdout, r.stderr, r.code], args.join(' ')).toEqual(['', err, 2]);
    }
  });

  it.skipIf(!IPRANGE)('--min-prefix and --prefixes as iprange prints them, on random lists', () => {
    for (const seed of [21, 22, 23]) {
      const f = file(`p-${seed}.txt`, lists(seed, 300).join('\n') + '\n');
      for (const opt of [['--min-prefix', '24'], ['--min-prefix', '28'], ['--prefixes', '16,24,28'], ['--prefixes', '22,26,30']]) {
        const ours = netkit(['merge', ...opt, f]);
        expect(ours.stdout, opt.join(' ')).toBe(iprangeNorm(iprange([...opt, f]).stdout));
      }
    }
  });
});

// The recipes of docs/bulk.md, run for real: the kernel's answer is the test.
const NETNS = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;

function inNetns(script: string): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync('unshare', ['-n', 'sh', '-ec', script], { encoding: 'utf8', env: { ...process.env, NETKIT: `${process.execPath} ${BIN}` } });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe.skipIf(!NETNS)('firewall recipes, inside a network namespace', () => {
  it.skipIf(!has('ipset'))('ipset restore takes merge --prefix, and the kernel set holds what the list holds', () => {
    const list = file('fw-ipset.txt', '10.0.0.0/24\n10.0.1.0/24\n10.9.9.9\n192.0.2.0-192.0.2.9\n');
    const r = inNetns(`
      ipset create blocklist hash:net
      $NETKIT merge --prefix 'add blocklist ' ${list} | ipset restore
      ipset list blocklist -output save | sed -n 's/^add blocklist //p' | sort -V
      ipset test blocklist 192.0.2.9 2>&1 || true
      ipset test blocklist 192.0.2.10 2>&1 || true`);
    expect(r.stderr.replace(/^.*(is|is NOT) in set.*\n/gm, '')).toBe('');
    expect(r.stdout.split('\n').filter((l) => /^[0-9./]+$/.test(l))).toEqual(['10.0.0.0/23', '10.9.9.9', '192.0.2.0/29', '192.0.2.8/31']);
    expect(r.stdout + r.stderr).toMatch(/192\.0\.2\.9 is in set blocklist/);
    expect(r.stdout + r.stderr).toMatch(/192\.0\.2\.10 is NOT in set blocklist/);
    expect(r.code).toBe(0);
  });

  it.skipIf(!has('ipset'))('an ipset hash:net with --prefixes: the set lists exactly those lengths', () => {
    const list = file('fw-ipset2.txt', '10.0.0.0/22\n10.1.0.0/30\n');
    const r = inNetns(`
      ipset create bl2 hash:net
      $NETKIT merge --prefixes 24,32 --prefix 'add bl2 ' ${list} | ipset restore
      ipset list bl2 -output save | sed -n 's/^add bl2 //p' | sort -V`);
    expect(r.stdout.trim().split('\n')).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.1.0.0', '10.1.0.1', '10.1.0.2', '10.1.0.3']);
    expect(r.code).toBe(0);
  });

  it.skipIf(!has('nft'))('nft add element takes merge --join', () => {
    const list = file('fw-nft.txt', '10.0.0.0/24\n10.0.1.0/24\n203.0.113.7\n');
    const r = inNetns(`
      nft add table inet filter
      nft add set inet filter blocklist '{ type ipv4_addr; flags interval; }'
      nft add element inet filter blocklist "{ $($NETKIT merge --join ', ' ${list}) }"
      nft list set inet filter blocklist`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/elements = \{ 10\.0\.0\.0\/23, 203\.0\.113\.7 \}/);
    expect(r.code).toBe(0);
  });

  it.skipIf(!has('iptables'))('iptables rules from --prefix and --suffix, fed to iptables-restore', () => {
    const list = file('fw-ipt.txt', '198.51.100.0/25\n198.51.100.128/25\n');
    const r = inNetns(`
      { echo '*filter'; $NETKIT merge --prefix '-A INPUT -s ' --suffix ' -j DROP' ${list}; echo COMMIT; } | iptables-restore
      iptables -S INPUT`);
    expect(r.stdout).toContain('-A INPUT -s 198.51.100.0/24 -j DROP');
    expect(r.code).toBe(0);
  });
});
