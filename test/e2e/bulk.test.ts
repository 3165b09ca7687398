// End-to-end: the built netkit's bulk tools (grep, merge, exclude, split, list) as a
// shell runs them: stdout, stderr and the exit code checked separately.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, netkit } from '../helpers/cli.js';

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-bulk-'));
});
afterAll(() => {
  // the temporary directory is left for the OS to clean (other runs may share tmp)
});

const LOG = [
  'Nov 26 10:00:01 sshd[1]: Failed password for root from 10.1.2.3 port 22 ssh2',
  'Nov 26 10:00:02 sshd[2]: Failed password for root from 203.0.113.9 port 22 ssh2',
  'Nov 26 10:00:03 sshd[3]: Connection closed by [2001:db8::7]:51234',
  'Nov 26 10:00:04 cron[4]: no address here',
  'Nov 26 10:00:05 nginx: ::ffff:192.168.7.8 - - "GET / HTTP/1.1" 200',
  'Nov 26 10:00:06 sshd[5]: from host1.2.3.4x and 10.0.0.1. at the end of a sentence',
  '',
].join('\n');

describe('netkit grep', () => {
  it('prints the lines with an address inside the networks; exit 0', () => {
    const log = file('auth.log', LOG);
    const r = netkit(['grep', '10.0.0.0/8,2001:db8::/32', log]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'Nov 26 10:00:01 sshd[1]: Failed password for root from 10.1.2.3 port 22 ssh2',
      'Nov 26 10:00:03 sshd[3]: Connection closed by [2001:db8::7]:51234',
    ]);
  });

  it('reads the dotted tail of an IPv4-mapped address as IPv4 too (dual-stack server logs)', () => {
    const r = netkit(['grep', '192.168.0.0/16'], { input: LOG });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::ffff:192.168.7.8');
  });

  it('networks separated by spaces, and ranges', () => {
    const r = netkit(['grep', '203.0.113.0-203.0.113.9 192.0.2.1'], { input: LOG });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('203.0.113.9');
  });

  it('exit 1 and no output when nothing matches', () => {
    const r = netkit(['grep', '198.51.100.0/24'], { input: LOG });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });

  it('-c counts; -v selects lines with addresses, none inside; -i adds lines without', () => {
    expect(netkit(['grep', '-c', '10.0.0.0/8'], { input: LOG })).toMatchObject({ stdout: '1\n', code: 0 });
    expect(netkit(['grep', '-c', '198.51.100.0/24'], { input: LOG })).toMatchObject({ stdout: '0\n', code: 1 });
    const v = netkit(['grep', '-v', '10.0.0.0/8'], { input: LOG });
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('203.0.113.9');
    expect(v.stdout).toContain('2001:db8::7');
    expect(v.stdout).not.toContain('no address here');
    expect(v.stdout).not.toContain('10.1.2.3');
    const vi = netkit(['grep', '-v', '-i', '10.0.0.0/8'], { input: LOG });
    expect(vi.stdout).toContain('no address here');
  });

  it('a line with several addresses matches when any of them does', () => {
    const input = 'pair 8.8.8.8 10.0.0.1\nonly 8.8.4.4\n';
    expect(netkit(['grep', '10.0.0.0/8'], { input }).stdout).toBe('pair 8.8.8.8 10.0.0.1\n');
    expect(netkit(['grep', '-v', '10.0.0.0/8'], { input }).stdout).toBe('only 8.8.4.4\n');
  });

  it('-x looks only at the start of the line', () => {
    const list = '10.0.0.1\nfoo 10.0.0.2\n10.0.0.3:80\n';
    expect(netkit(['grep', '-x', '10.0.0.0/8'], { input: list }).stdout).toBe('10.0.0.1\n10.0.0.3:80\n');
  });

  it('-f FILE: bad lines reported with file:line, the rest used, exit 2 at the end', () => {
    const nets = file('nets.txt', '# ours\n10.0.0.0/8\n10.0.0.1/8\n2001:db8::/32\n');
    const r = netkit(['grep', '-f', nets], { input: LOG });
    expect(r.stdout).toContain('10.1.2.3');
    expect(r.stdout).toContain('2001:db8::7');
    expect(r.stderr).toBe(`netkit: ${nets}:3: invalid network "10.0.0.1/8": host bits are set (the network is 10.0.0.0/8)\n`);
    expect(r.code).toBe(2);
  });

  it('several files: lines prefixed with the file name; a missing file is reported, the rest searched', () => {
    const a = file('a.log', 'x 10.0.0.1\n');
    const b = file('b.log', 'y 10.0.0.2\n');
    const r = netkit(['grep', '10.0.0.0/8', a, join(dir, 'missing.log'), b]);
    expect(r.stdout).toBe(`${a}:x 10.0.0.1\n${b}:y 10.0.0.2\n`);
    expect(r.stderr).toBe(`netkit: ${join(dir, 'missing.log')}: no such file\n`);
    expect(r.code).toBe(2);
    expect(netkit(['grep', '--no-filename', '10.0.0.0/8', a, b]).stdout).toBe('x 10.0.0.1\ny 10.0.0.2\n');
  });

  it('a bad network on the command line is a usage error', () => {
    const r = netkit(['grep', '10.0.0.0/33'], { input: LOG });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^netkit: invalid prefix length "33": \/33 is longer than an IPv4 address/);
  });

  it('a last line without a newline, and CRLF lines, are read', () => {
    const r = netkit(['grep', '10.0.0.0/8'], { input: 'a 10.0.0.1\r\nb 10.0.0.2' });
    expect(r.stdout).toBe('a 10.0.0.1\r\nb 10.0.0.2\n');
  });

  it.skipIf(!existsSync('/usr/bin/grepcidr'))('prints what grepcidr prints on a generated log (all modes)', () => {
    const lines: string[] = [];
    let x = 12345;
    const rnd = () => (x = (x * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 3000; i++) {
      const v4 = `${rnd() % 224}.${rnd() % 256}.${rnd() % 256}.${rnd() % 256}`;
      const v6 = `2001:db8:${(rnd() % 65536).toString(16)}::${(rnd() % 65536).toString(16)}`;
      const ip = i % 10 === 0 ? v6 : i % 17 === 0 ? 'localhost' : v4;
      lines.push(`Nov 26 10:${String(i % 60).padStart(2, '0')}:00 sshd[${i}]: from ${ip} port ${rnd() % 65536}`);
    }
    const log = file('gen.log', lines.join('\n') + '\n');
    const nets = '10.0.0.0/8,100.64.0.0/10,192.168.0.0/16,2001:db8:8000::/33';
    for (const flags of [[], ['-c'], ['-v'], ['-x']]) {
      const ours = netkit(['grep', ...flags, nets, log]);
      const theirs = spawnSync('/usr/bin/grepcidr', [...flags, nets, log], { encoding: 'utf8' });
      expect(ours.stdout, flags.join(' ')).toBe(theirs.stdout);
      expect(ours.code).toBe(theirs.status);
    }
  });
});

describe('netkit merge', () => {
  it('the minimal sorted CIDR list, IPv4 first', () => {
    const r = netkit(['merge'], { input: '10.0.1.0/24\n2001:db8::/33\n10.0.0.0/24\n2001:db8:8000::/33\n10.0.2.0-10.0.3.255\n192.0.2.1\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('10.0.0.0/22\n192.0.2.1/32\n2001:db8::/32\n');
  });

  it('entries inline as arguments, files, and stdin together', () => {
    const f = file('m.txt', '10.0.2.0/23\n');
    const r = netkit(['merge', '10.0.0.0/24,10.0.1.0/24', f]);
    expect(r.stdout).toBe('10.0.0.0/22\n');
  });

  it('--ranges and --count', () => {
    expect(netkit(['merge', '--ranges'], { input: '10.0.0.0/24\n10.0.1.0-10.0.1.9\n::1\n' }).stdout).toBe('10.0.0.0-10.0.1.9\n::1-::1\n');
    expect(netkit(['merge', '--count'], { input: '10.0.0.0/24\n10.0.0.0/25\n::/127\n' }).stdout).toBe('258 2 stdin\n258 2 total\n');
  });

  it('--json: one record per block, field names are API', () => {
    const r = netkit(['merge', '--json', '10.0.0.0/23,2001:db8::/127']);
    expect(jsonLines(r.stdout)).toEqual([
      { network: '10.0.0.0/23', family: 4, first: '10.0.0.0', last: '10.0.1.255', addresses: '512' },
      { network: '2001:db8::/127', family: 6, first: '2001:db8::', last: '2001:db8::1', addresses: '2' },
    ]);
    const c = jsonLines(netkit(['merge', '--count', '--json', '10.0.0.0/24', '::/0']).stdout)[2];
    expect(c).toEqual({
      input: null,
      addresses: (256n + (1n << 128n)).toString(),
      ipv4Addresses: '256',
      ipv6Addresses: (1n << 128n).toString(),
      networks: 2,
      ranges: 2,
    });
  });

  it('bad lines: file:line on stderr, nothing printed (a narrower firewall set is the danger), exit 2', () => {
    const f = file('bad.txt', '10.0.0.0/24\n10.0.1.0/24 # office\n300.1.1.1\n10.0.0.0/8x\n');
    const r = netkit(['merge', f]);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `netkit: ${f}:3: invalid IPv4 address "300.1.1.1": octet 300 is greater than 255`,
      expect.stringMatching(new RegExp(`^netkit: ${f.replace(/[.]/g, '\\.')}:4: invalid prefix length "8x"`)),
      'netkit: nothing printed: 2 entries could not be read (above), and the merged set would miss them',
    ]);
    expect(r.code).toBe(2);
  });

  it('stdin line numbers', () => {
    const r = netkit(['merge'], { input: '10.0.0.0/24\nnope\n' });
    expect(r.stderr).toMatch(/^netkit: stdin:2: invalid IP address "nope"/);
    expect(r.code).toBe(2);
  });

  it('a missing file is an error, exit 2', () => {
    const r = netkit(['merge', join(dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`netkit: ${join(dir, 'nope.txt')}: no such file (nor an address, network or range)\n`);
  });

  const python = spawnSync('python3', ['-c', 'import ipaddress'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!python)("IPv6 merge is Python's collapse_addresses", () => {
    // Python draws random networks (and some ranges' worth of single addresses) in a
    // small corner of 2001:db8::/96, so that many of them touch and merge.
    const gen = `
import ipaddress, random
random.seed(7)
base = int(ipaddress.ip_address("2001:db8::"))
for _ in range(3000):
    plen = random.choice([112, 116, 120, 124, 126, 127, 128, 128, 128])
    off = random.getrandbits(24) & ~((1 << (128 - plen)) - 1)
    print(ipaddress.ip_network((base + off, plen)))
`;
    const input = execFileSync('python3', ['-c', gen], { encoding: 'utf8' });
    const want = execFileSync(
      'python3',
      ['-c', 'import ipaddress,sys\nfor n in ipaddress.collapse_addresses(ipaddress.ip_network(l) for l in sys.stdin.read().split()): print(n)'],
      { input, encoding: 'utf8' },
    );
    expect(want.split('\n').length).toBeGreaterThan(100); // a real test: many blocks remain
    const ours = netkit(['merge'], { input });
    expect(ours.code).toBe(0);
    expect(ours.stderr).toBe('');
    // compare as networks written by Python (it spells a few addresses differently, equally validly)
    const norm = execFileSync('python3', ['-c', 'import ipaddress,sys\nfor l in sys.stdin.read().split(): print(ipaddress.ip_network(l))'], {
      input: ours.stdout,
      encoding: 'utf8',
    });
    expect(norm).toBe(want);
  });
});

describe('netkit exclude', () => {
  it('everything but the LAN, for AllowedIPs', () => {
    const r = netkit(['exclude', '192.168.1.0/24', '--from', '0.0.0.0/0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const nets = r.stdout.trim().split('\n');
    expect(nets).toHaveLength(24);
    expect(nets).toContain('192.168.0.0/24');
    expect(nets).not.toContain('192.168.1.0/24');
  });

  it('both families, --from repeatable, sets from files', () => {
    const rm = file('rm.txt', '10.0.0.0/8\n::1\n');
    const r = netkit(['exclude', rm, '--from', '10.0.0.0/7', '--from', '::/127']);
    expect(r.stdout).toBe('11.0.0.0/8\n::/128\n');
  });

  it('--join: one line for WireGuard AllowedIPs', () => {
    const r = netkit(['exclude', '192.168.0.0/16,fc00::/7', '--from', '192.168.0.0/15,::/0', '--join', ', ']);
    expect(r.stdout).toBe('192.169.0.0/16, ::/1, 8000::/2, c000::/3, e000::/4, f000::/5, f800::/6, fe00::/7\n');
    expect(r.code).toBe(0);
    expect(netkit(['exclude', '10.0.0.0/8', '--from', '10.0.0.0/8', '--join', ',']).stdout).toBe('');
    const bad = netkit(['merge', '--join', ',', '--count', '10.0.0.0/8']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('netkit: merge: --join goes with the list of blocks or ranges, not --count or --json\n');
  });

  it('--ranges, --count', () => {
    expect(netkit(['exclude', '10.0.0.5', '--from', '10.0.0.0/29', '--ranges']).stdout).toBe('10.0.0.0-10.0.0.4\n10.0.0.6-10.0.0.7\n');
    expect(netkit(['exclude', '10.0.0.5', '--from', '10.0.0.0/29', '--count']).stdout).toBe('8 1 10.0.0.0/29\n1 1 10.0.0.5 (taken out)\n7 3 total\n');
  });

  it('--from is required; a bad inline entry is exit 2', () => {
    const r = netkit(['exclude', '10.0.0.0/8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from/);
    const b = netkit(['exclude', '10.0.0.0/8', '--from', '10.0.0.1/8']);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('netkit: invalid network "10.0.0.1/8": host bits are set (the network is 10.0.0.0/8)\n');
    expect(b.stdout).toBe('');
  });
});

describe('netkit split', () => {
  it('--hosts into a pipe: the subnets, one CIDR a line', () => {
    const r = netkit(['split', '192.168.1.0/24', '--hosts', '100,50,20']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('192.168.1.0/25\n192.168.1.128/26\n192.168.1.192/27\n');
  });

  it('--json: the plan with what is left free', () => {
    const r = netkit(['split', '192.168.1.0/24', '--hosts', '20,100,50', '--json']);
    const [rec] = jsonLines(r.stdout);
    expect(rec.network).toBe('192.168.1.0/24');
    expect(rec.mode).toBe('hosts');
    expect(rec.subnets.map((s: any) => [s.network, s.requestedHosts, s.request, s.usableHosts])).toEqual([
      ['192.168.1.0/25', '100', 1, '126'],
      ['192.168.1.128/26', '50', 2, '62'],
      ['192.168.1.192/27', '20', 0, '30'],
    ]);
    expect(rec.subnets[0]).toEqual({
      network: '192.168.1.0/25', prefixLength: 25, first: '192.168.1.0', last: '192.168.1.127', firstHost: '192.168.1.1',
      lastHost: '192.168.1.126', broadcast: '192.168.1.127', addresses: '128', usableHosts: '126', requestedHosts: '100', request: 1,
    });
    expect(rec.free).toEqual([{ network: '192.168.1.224/27', first: '192.168.1.224', last: '192.168.1.255', addresses: '32' }]);
    expect([rec.addresses, rec.usedAddresses, rec.freeAddresses]).toEqual(['256', '224', '32']);
  });

  it('--prefix and --count', () => {
    expect(netkit(['split', '10.0.0.0/24', '--prefix', '26']).stdout).toBe('10.0.0.0/26\n10.0.0.64/26\n10.0.0.128/26\n10.0.0.192/26\n');
    expect(netkit(['split', '10.0.0.0/24', '--prefix', '/25']).stdout).toBe('10.0.0.0/25\n10.0.0.128/25\n');
    const c = jsonLines(netkit(['split', '10.0.0.0/24', '--count', '3', '--json']).stdout)[0];
    expect(c.subnets.map((s: any) => s.network)).toEqual(['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26']);
    expect(c.free.map((s: any) => s.network)).toEqual(['10.0.0.192/26']);
  });

  it('into a pipe there is no picture', () => {
    expect(netkit(['split', '10.0.0.0/24', '--count', '3']).stdout).not.toContain('[');
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('on a terminal: a picture of the network, then the table with the free blocks', () => {
    // script(1) gives netkit a pseudo-terminal as stdout
    const r = spawnSync('script', ['-qc', `node ${JSON.stringify(join(process.cwd(), 'bin/netkit.js'))} split 192.168.1.0/24 --hosts 100,50,20`, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
    });
    const out = r.stdout.replace(/\r/g, '');
    expect(out).toContain('192.168.1.0/24  3 subnets, 224 of 256 addresses used, 32 free\n');
    expect(out).toContain('[' + 'A'.repeat(32) + 'B'.repeat(16) + 'C'.repeat(8) + '·'.repeat(8) + ']\n');
    expect(out).toMatch(/A {2}192\.168\.1\.0\/25 +100 +126 +192\.168\.1\.1 +192\.168\.1\.126 +192\.168\.1\.127/);
    expect(out).toMatch(/· {2}192\.168\.1\.224\/27 +free +192\.168\.1\.224 +192\.168\.1\.255 +32 addresses/);
  });

  it.each([
    [['--hosts', '300'], '300 hosts need a /23 (510 usable), larger than 192.168.1.0/24 (254 usable)'],
    [['--prefix', '20'], 'cannot split 192.168.1.0/24 into /20s: a /20 is larger than the network; a /24 splits into /24 to /32 subnets'],
    [['--hosts', '200,100,50'], 'a /23 would hold them all; 192.168.1.0/24 has room for 200'],
    [['--count', '300'], 'a /24 holds at most 256 (/32s)'],
    [['--hosts', '10,x'], '--hosts: "x" is not a whole number of at least 1'],
    [['--prefix', '26', '--count', '2'], 'give exactly one of --prefix, --count or --hosts'],
  ])('impossible: %j is exit 2 saying what fits', (args, message) => {
    const r = netkit(['split', '192.168.1.0/24', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
  });

  it('too many subnets need --limit or --all', () => {
    const r = netkit(['split', '10.0.0.0/8', '--prefix', '32']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('netkit: 10.0.0.0/8 splits into 16777216 /32s, more than --limit 65536: raise --limit or pass --all\n');
    const ok = netkit(['split', '2001:db8::/32', '--prefix', '48', '--limit', '70000']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')).toHaveLength(65537);
  });
});

describe('netkit list', () => {
  it('every address of a network, network and broadcast included', () => {
    const r = netkit(['list', '192.0.2.0/30']);
    expect(r).toMatchObject({ stdout: '192.0.2.0\n192.0.2.1\n192.0.2.2\n192.0.2.3\n', stderr: '', code: 0 });
  });
  it('ranges, IPv6, --json', () => {
    expect(netkit(['list', '10.0.0.255-10.0.1.1']).stdout).toBe('10.0.0.255\n10.0.1.0\n10.0.1.1\n');
    expect(netkit(['list', '2001:db8::ff-2001:db8::100']).stdout).toBe('2001:db8::ff\n2001:db8::100\n');
    expect(jsonLines(netkit(['list', '192.0.2.1', '--json']).stdout)).toEqual([{ address: '192.0.2.1' }]);
  });
  it('more than --limit is an error unless --all', () => {
    const r = netkit(['list', '10.0.0.0/15']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netkit: 10.0.0.0/15 has 131072 addresses, more than --limit 65536: raise --limit or pass --all\n');
    const all = netkit(['list', '10.0.0.0/15', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')).toHaveLength(131073);
    expect(netkit(['list', '10.0.0.0/29', '--limit', '4']).code).toBe(2);
    expect(netkit(['list', '10.0.0.0/30', '--limit', '4']).code).toBe(0);
  });
  it('a closed pipe ends the listing quietly', () => {
    const out = execFileSync('sh', ['-c', `node bin/netkit.js list 10.0.0.0/8 --all | head -2; echo "status \${PIPESTATUS:-ok}"`], { encoding: 'utf8' });
    expect(out).toBe('10.0.0.0\n10.0.0.1\nstatus ok\n');
  });
  it('host bits set is an error', () => {
    const r = netkit(['list', '10.0.0.1/30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('netkit: invalid network "10.0.0.1/30": host bits are set (the network is 10.0.0.0/30)\n');
  });
});
