// End-to-end: the built netkit, as a user's shell runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, jsonLines, netkit } from '../helpers/cli.js';

const JSON_FIELDS = [
  'input', 'family', 'address', 'zone', 'prefixLength', 'maskForm', 'netmask', 'hostmask', 'network', 'networkAddress',
  'broadcast', 'firstHost', 'lastHost', 'addresses', 'usableHosts', 'hostOffset', 'addressRole', 'addressClass', 'reverseZone',
  'ptr', 'special', 'isLoopback', 'isMulticast', 'isLinkLocal', 'isUnspecified', 'isGloballyReachable', 'isPrivate',
  'embeddedIPv4', 'nextNetwork', 'previousNetwork', 'addressBinary', 'netmaskBinary',
];

describe('netkit subnet', () => {
  it("explains the notes' example", () => {
    const r = netkit(['subnet', '210.170.1.1/255.255.255.0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('host 210.170.1.1 on network 210.170.1.0/24');
    expect(r.stdout).toMatch(/Broadcast\s+210\.170\.1\.255/);
    expect(r.stdout).toMatch(/Hosts\s+254 usable of 256 addresses/);
    // the binary view marks the boundary with a separator when there is no colour
    expect(r.stdout).toContain('11010010.10101010.00000001|00000001  210.170.1 | 1');
    expect(r.stdout).toContain('11111111.11111111.11111111|00000000');
    // no escape codes into a pipe
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('accepts the ipcalc form: an address and a mask as two arguments', () => {
    const a = netkit(['subnet', '210.170.1.1', '255.255.255.0', '--json']);
    const b = netkit(['subnet', '210.170.1.1/24', '--json']);
    expect(a.code).toBe(0);
    const [ja] = jsonLines(a.stdout);
    const [jb] = jsonLines(b.stdout);
    expect({ ...ja, input: '', maskForm: '' }).toEqual({ ...jb, input: '', maskForm: '' });
    expect(ja.maskForm).toBe('netmask');
  });

  it('reads a wildcard mask and says so', () => {
    const r = netkit(['subnet', '10.0.0.7/0.0.0.255']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mask given as wildcard 0.0.0.255, read as netmask 255.255.255.0');
  });

  it('--mask applies to bare addresses', () => {
    const r = netkit(['subnet', '10.1.2.3', '10.9.9.9', '--mask', '16', '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((o) => o.network)).toEqual(['10.1.0.0/16', '10.9.0.0/16']);
  });

  it('prints every documented JSON field, big counts as decimal strings', () => {
    const r = netkit(['subnet', '2001:db8::1/64', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!);
    expect(Object.keys(o)).toEqual(JSON_FIELDS);
    expect(o.addresses).toBe('18446744073709551616');
    expect(o.usableHosts).toBe('18446744073709551615');
    expect(o.broadcast).toBeNull();
    expect(o.addressClass).toBeNull();
    expect(o.special.name).toBe('Documentation');
    expect(o.reverseZone).toBe('0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.');
  });

  it('gives IPv4 fields exactly', () => {
    const [o] = jsonLines(netkit(['subnet', '192.168.77.200/20', '--json']).stdout);
    expect(o).toMatchObject({
      input: '192.168.77.200/20', family: 4, address: '192.168.77.200', zone: null, prefixLength: 20, maskForm: 'prefix',
      netmask: '255.255.240.0', hostmask: '0.0.15.255', network: '192.168.64.0/20', networkAddress: '192.168.64.0',
      broadcast: '192.168.79.255', firstHost: '192.168.64.1', lastHost: '192.168.79.254', addresses: '4096',
      usableHosts: '4094', hostOffset: '3528', addressClass: 'C', reverseZone: '64-79.168.192.in-addr.arpa.',
      ptr: '200.77.168.192.in-addr.arpa.', isPrivate: true, isGloballyReachable: false, nextNetwork: '192.168.80.0/20',
      previousNetwork: '192.168.48.0/20', addressBinary: '11000000.10101000.01001101.11001000',
    });
    expect(o.special).toMatchObject({ block: '192.168.0.0/16', name: 'Private-Use', rfc: 'RFC 1918' });
  });

  it('reports the embedded IPv4 of a mapped address', () => {
    const [o] = jsonLines(netkit(['subnet', '::ffff:192.0.2.1', '--json']).stdout);
    expect(o.address).toBe('::ffff:192.0.2.1');
    expect(o.special.block).toBe('::ffff:0:0/96');
    expect(o.embeddedIPv4).toMatchObject({ via: 'ipv4-mapped', address: '192.0.2.1' });
  });

  it('--shell prints KEY=value lines that eval safely', () => {
    const r = netkit(['subnet', '210.170.1.1/24', '--shell']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("NETWORK='210.170.1.0'\n");
    expect(r.stdout).toContain("PREFIX='24'\n");
    expect(r.stdout).toContain("BROADCAST='210.170.1.255'\n");
    const out = execFileSync('sh', ['-c', `eval "$(cat)"; printf '%s %s %s' "$NETWORK" "$PREFIX" "$ADDRSPACE"`], {
      input: netkit(['subnet', '10.0.0.1/8', '--shell']).stdout,
      encoding: 'utf8',
    });
    expect(out).toBe('10.0.0.0 8 Private Use'); // ipcalc-ng's word, not the registry's
  });

  it("--shell keeps ipcalc-ng's meanings under its names, netkit's under its own", () => {
    const v6 = netkit(['subnet', '2001:db8::1/64', '--shell']).stdout;
    // as `ipcalc-ng --minaddr --maxaddr --addresses 2001:db8::1/64` prints them
    expect(v6).toContain("MINADDR='2001:db8::'\n");
    expect(v6).toContain("MAXADDR='2001:db8::ffff:ffff:ffff:ffff'\n");
    expect(v6).toContain("ADDRESSES='18446744073709551616'\n");
    expect(v6).toContain("FIRSTHOST='2001:db8::1'\n");
    expect(v6).toContain("USABLE='18446744073709551615'\n");
    const v4 = netkit(['subnet', '10.0.0.1/30', '--shell']).stdout;
    expect(v4).toContain("MINADDR='10.0.0.1'\nMAXADDR='10.0.0.2'\nADDRESSES='2'\n");
  });

  it('reads stdin: blank lines and comments skipped, a bad line reported with its number, the rest processed, exit 2', () => {
    const r = netkit(['subnet', '-', '--json'], { input: '10.0.0.1/8\n\n# a comment\n300.1.1.1\n2001:db8::/32\r\n' });
    expect(r.code).toBe(2);
    // the bad line keeps its place in the JSON stream
    expect(jsonLines(r.stdout).map((o) => o.network ?? o)).toEqual([
      '10.0.0.0/8',
      { input: '300.1.1.1', line: 4, error: 'invalid IPv4 address "300.1.1.1": octet 300 is greater than 255' },
      '2001:db8::/32',
    ]);
    expect(r.stderr).toBe('netkit: stdin line 4: invalid IPv4 address "300.1.1.1": octet 300 is greater than 255\n');
  });

  it('colours only when asked or on a terminal', () => {
    expect(netkit(['subnet', '10.0.0.1/8'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\x1b[');
    expect(netkit(['subnet', '10.0.0.1/8', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\x1b[');
    expect(netkit(['subnet', '10.0.0.1/8', '--json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\x1b[');
    expect(netkit(['subnet', '10.0.0.1/8'], { env: { NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  });

  const haveScript = existsSync('/usr/bin/script');
  it.skipIf(!haveScript)(haveScript ? 'colours network and host bits on a terminal' : 'colour on a terminal (skipped: no /usr/bin/script to make a pty)', () => {
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} subnet 10.0.0.1/30`, '/dev/null'], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    // network bits bold cyan, host bits yellow
    expect(r.stdout).toContain('\x1b[36m00001010.00000000.00000000.000000\x1b[39m');
    expect(r.stdout).toContain('\x1b[33m01\x1b[39m');
    const off = spawnSync('script', ['-qec', `${process.execPath} ${BIN} subnet 10.0.0.1/30`, '/dev/null'], { encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
    expect(off.stdout).not.toContain('\x1b[');
  });

  // The list of bad input: one line on stderr, exit 2, nothing on stdout.
  const BAD: [string, string][] = [
    ['garbage', 'invalid IP address "garbage"'],
    ['300.1.1.1', 'invalid IPv4 address "300.1.1.1": octet 300 is greater than 255'],
    ['010.0.0.1', 'invalid IPv4 address "010.0.0.1": leading zero in octet "010" (octal or decimal? refusing to guess)'],
    ['0x7f.1', 'hexadecimal octet "0x7f" is not allowed'],
    ['127.1', 'shortened forms like "127.1" are not allowed'],
    ['2130706433', 'a bare integer is not an address'],
    ['１２７.0.0.1', 'fullwidth digit'],
    ['10.0.0.1\n', '"10.0.0.1\\n": unexpected newline at the end'],
    ['', 'invalid IP address "": empty string'],
    ['10.0.0.1/33', '/33 is longer than an IPv4 address'],
    ['10.0.0.1/255.0.255.0', 'not contiguous: 11111111.00000000.11111111.00000000'],
    ['fe80::1%eth0/ffff::', 'an IPv6 mask is written as a prefix length: write /LEN (ffff:: is /16)'],
    ['::/::', 'write /LEN (:: is /0)'], // once read as /0
    ['2001:db8::/ffff:ffff::', 'write /LEN (ffff:ffff:: is /32)'],
    ['10.0.0.1%eth0/24', 'a zone (%) is only allowed on an IPv6 address'],
    ['1.2.3.4\x1b[31m', '\\x1b[31m'],
  ];
  it.each(BAD)('refuses %j with one line and exit 2', (input, message) => {
    const r = netkit(['subnet', input]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr.startsWith('netkit: ')).toBe(true);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // never a stack trace
  });

  it('refuses a 100 kB argument in one short line', () => {
    const r = netkit(['subnet', '1'.repeat(100_000)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.length).toBeLessThan(400);
    expect(r.stderr).toContain('(100000 characters)');
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['subnet'], ['subnet', '1.2.3.4', '--bogus'], ['nosuchcommand'], ['subnet', '1.2.3.4', '--json', '--shell']]) {
      const r = netkit(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.startsWith('netkit: ')).toBe(true);
    }
  });

  const haveFull = existsSync('/dev/full');
  it.skipIf(!haveFull)(haveFull ? 'a full disk is one line and exit 2, not a stack trace' : 'full disk (skipped: no /dev/full)', () => {
    for (const args of [['subnet', '1.2.3.4'], ['subnet', '1.2.3.4', '--json'], ['--help']]) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" "$@" > /dev/full`, 'sh', ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('netkit: cannot write the output: ENOSPC\n');
    }
  });

  it("a usage error points at the help of the command it was in", () => {
    expect(netkit(['subnet']).stderr).toBe("netkit: missing required argument 'input' (see 'netkit subnet --help')\n");
    expect(netkit(['jwt', 'decode']).stderr).toBe("netkit: missing required argument 'token' (see 'netkit jwt decode --help')\n");
    expect(netkit(['nosuch']).stderr).toContain("(see 'netkit --help')");
    // alternatives refused before anything is sent
    const r = netkit(['resolve', 'example.com', '--json', '--short', '--server', '127.0.0.1:9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('netkit: --json and --short are alternatives: choose one\n');
  });

  it('--help goes to stdout and exits 0', () => {
    const r = netkit(['subnet', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: netkit subnet');
    expect(r.stderr).toBe('');
  });
});

describe('subnet: interfaces, mapped addresses and the traps (issue 12 §4, §7)', () => {
  it('takes interface notation with a zone, as netkit interfaces prints it: a host on that link', () => {
    const r = netkit(['subnet', 'fe80::fc:ff:fe00:1%eth0/64', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [o] = jsonLines(r.stdout);
    expect([o.address, o.zone, o.network, o.addressRole]).toEqual(['fe80::fc:ff:fe00:1', 'eth0', 'fe80::/64', 'host']);
    const h = netkit(['subnet', 'fe80::fc:ff:fe00:1%eth0/64']);
    expect(h.stdout.split('\n')[0]).toContain('host fe80::fc:ff:fe00:1 on network fe80::/64 on link eth0');
  });
  // [input, addressRole, what the first line says, what the picture's last line says (IPv4 octet-aligned) or null]
  const ROLES: [string, string, string, string | null][] = [
    ['10.0.0.255/24', 'broadcast', 'the broadcast address of network 10.0.0.0/24, not a host', 'all ones: the broadcast address, which no host can use'],
    ['10.0.0.0/24', 'network', 'the network 10.0.0.0/24 itself: its network address, which no host can use', 'all zeros: the network address, which no host can use'],
    ['10.0.0.5/24', 'host', 'host 10.0.0.5 on network 10.0.0.0/24', 'The host part .5 numbers this host.'],
    ['10.0.0.63/26', 'broadcast', 'the broadcast address of network 10.0.0.0/26', null],
    ['10.0.0.255/31', 'host', 'host 10.0.0.255 on network 10.0.0.254/31', null], // RFC 3021: both are hosts
    ['10.0.0.254/31', 'host', 'host 10.0.0.254 on network 10.0.0.254/31', null],
    ['10.0.0.255/32', 'host', 'a single address', null],
    ['2001:db8::/64', 'subnet-router-anycast', 'the network 2001:db8::/64 itself: its Subnet-Router anycast address', null],
    ['2001:db8::ffff:ffff:ffff:ffff/64', 'host', 'host 2001:db8::ffff:ffff:ffff:ffff on network 2001:db8::/64', null], // IPv6 has no broadcast
  ];
  it.each(ROLES)('%s is %s', (input, role, first, last) => {
    const j = netkit(['subnet', input, '--json']);
    expect(j.code).toBe(0);
    expect(jsonLines(j.stdout)[0].addressRole).toBe(role);
    const h = netkit(['subnet', input]);
    expect(h.code).toBe(0);
    expect(h.stdout.split('\n')[0]).toContain(first);
    if (last !== null) expect(h.stdout).toContain(last);
    expect(h.stdout).not.toMatch(role === 'host' ? /no host can use/ : /numbers this host/);
  });
  it('the stdin fast path gives the same addressRole', () => {
    const r = netkit(['subnet', '-', '--json'], { input: '10.0.0.255/24\n10.0.0.0/24\n10.0.0.1/24\n10.0.0.1/31\n' });
    expect(jsonLines(r.stdout).map((o) => o.addressRole)).toEqual(['broadcast', 'network', 'host', 'host']);
  });
  it('ADDR MASK ADDR is ambiguous: exit 2, both spellings shown', () => {
    const r = netkit(['subnet', '10.0.0.1', '255.255.255.0', '10.0.0.2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^netkit: ambiguous: /);
    expect(lines[0]).toContain("'netkit subnet 10.0.0.1/255.255.255.0 10.0.0.2'");
    expect(lines[0]).toContain("'netkit subnet 10.0.0.1/32 255.255.255.0/32 10.0.0.2/32'");
    // Not ambiguous: the ipcalc pair, a mask that is no address, a middle address that is no mask, --mask.
    expect(netkit(['subnet', '10.0.0.1', '255.255.255.0']).code).toBe(0);
    expect(netkit(['subnet', '10.0.0.1', '10.0.0.9', '10.0.0.2']).code).toBe(0);
    expect(netkit(['subnet', '-m', '24', '10.0.0.1', '255.255.255.0', '10.0.0.2']).code).toBe(0);
    expect(netkit(['subnet', '10.0.0.1/24', '255.255.255.0', '10.0.0.2']).code).toBe(0);
  });
  // IPv6 masks are lengths (RFC 4291): an address after an IPv6 address that reads as a
  // netmask was most likely meant as one. [args, exit, piece of the one stderr line]
  const V6: [string[], number, string][] = [
    [['2001:db8::1', 'ffff:ffff:ffff:ffff::'], 2, "an IPv6 mask is written as a prefix length: write 'netkit subnet 2001:db8::1/64', or 'netkit subnet 2001:db8::1/128 ffff:ffff:ffff:ffff::/128' for 2 single addresses"],
    [['2001:db8::1', 'ffff:ffff::', '2001:db8::2'], 2, "write 'netkit subnet 2001:db8::1/32 2001:db8::2'"],
    [['2001:db8::1', '::'], 0, ''], // :: is no mask anyone writes: two addresses
    [['2001:db8::1', '2001:db8::2'], 0, ''],
    [['2001:db8::1', 'ffff:ffff::1'], 0, ''], // not ones-then-zeros: an address
    [['10.0.0.1', 'ffff::'], 0, ''], // an IPv6 "mask" after an IPv4 address: two addresses of two families
  ];
  it.each(V6)('IPv6 %j: exit %i', (args, code, piece) => {
    const r = netkit(['subnet', ...args]);
    expect(r.code).toBe(code);
    if (code === 2) {
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(piece);
    } else expect(r.stderr).toBe('');
  });
  it('an IPv4-mapped loopback or private address says so, in JSON and in words', () => {
    const [o] = jsonLines(netkit(['subnet', '::ffff:127.0.0.1', '--json']).stdout);
    expect([o.isLoopback, o.isPrivate, o.isGloballyReachable, o.special.block, o.embeddedIPv4.address]).toEqual([true, false, false, '::ffff:0:0/96', '127.0.0.1']);
    const [p] = jsonLines(netkit(['subnet', '::ffff:10.1.1.1', '--json']).stdout);
    expect([p.isLoopback, p.isPrivate]).toEqual([false, true]);
    expect(netkit(['subnet', '::ffff:127.0.0.1']).stdout).toMatch(/Kind +IPv4-mapped Address .*: loopback/);
  });
});

describe('netkit same-net', () => {
  const A = '210.170.1.1';
  const B = '210.170.1.2';
  const C = '210.170.2.1';
  it("notes: a and b share 255.255.255.0's network (exit 0)", () => {
    const r = netkit(['same-net', A, B, '--mask', '255.255.255.0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('same network under 255.255.255.0 (/24): 210.170.1.0/24');
  });
  it('notes: c is apart under 255.255.255.0 (exit 1), with the shared prefix', () => {
    const r = netkit(['same-net', A, C, '--mask', '255.255.255.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'different networks under 255.255.255.0 (/24): 210.170.1.0/24 vs 210.170.2.0/24\n' +
        '(they would share 210.170.0.0/22; traffic between them goes through a router)\n',
    );
  });
  it('notes: all three together under 255.255.0.0', () => {
    const r = netkit(['same-net', A, B, C, '--mask', '255.255.0.0', '--json']);
    expect(r.code).toBe(0);
    const [o] = jsonLines(r.stdout);
    expect(o).toEqual({
      sameNetwork: true,
      reason: 'same network',
      prefixLength: 16,
      netmask: '255.255.0.0',
      members: [
        { address: A, zone: null, network: '210.170.0.0/16', role: 'host' },
        { address: B, zone: null, network: '210.170.0.0/16', role: 'host' },
        { address: C, zone: null, network: '210.170.0.0/16', role: 'host' },
      ],
      commonPrefixLength: 22,
      commonNetwork: '210.170.0.0/22',
      warnings: [],
    });
  });
  it('three addresses, one apart, under /24: exit 1', () => {
    const r = netkit(['same-net', A, B, C, '-m', '24', '--json']);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout)[0].sameNetwork).toBe(false);
  });
  it('shows the bits where they diverge', () => {
    const r = netkit(['same-net', A, C, '-m', '24', '--bits']);
    expect(r.stdout).toContain('210.170.1.1  11010010.10101010.000000|01.00000001');
    expect(r.stdout).toContain('210.170.2.1  11010010.10101010.000000|10.00000001');
  });
  it('mixed families are different networks, with that reason, whatever the masks', () => {
    for (const args of [
      ['10.0.0.1', '::ffff:10.0.0.1', '-m', '0'],
      ['10.0.0.1', '::1'], // no mask at all
      ['10.0.0.1/24', '::1/64'], // prefixes that could never agree
    ]) {
      const r = netkit(['same-net', ...args, '--json']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe('');
      const [o] = jsonLines(r.stdout);
      expect(o.reason).toBe('different address families');
      expect(o.sameNetwork).toBe(false);
      expect(o.prefixLength).toBeNull();
    }
    expect(netkit(['same-net', '10.0.0.1', '::1', '-m', '255.0.255.0']).code).toBe(2);
  });
  it('link-local addresses on different zones are different links (exit 1)', () => {
    const r = netkit(['same-net', 'fe80::1%eth0', 'fe80::2%eth1', '-m', '64']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('different zones');
  });
  it('names a broadcast or network address: still exit 0, a warning on stderr and in JSON', () => {
    const r = netkit(['same-net', '10.0.0.255', '10.0.0.5', '-m', '24']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('same network');
    expect(r.stderr).toBe('netkit: warning: 10.0.0.255 is the broadcast address of 10.0.0.0/24: a packet to it goes to every host on the network, so no host can use it (only /31 and /32 have no broadcast address)\n');
    const j = netkit(['same-net', '10.0.0.255', '10.0.0.0', '-m', '24', '--json']);
    const [o] = jsonLines(j.stdout);
    expect(o.members.map((a: { role: string }) => a.role)).toEqual(['broadcast', 'network']);
    expect(o.warnings).toHaveLength(2);
    expect(j.stderr.trim().split('\n')).toHaveLength(2);
    // /31: both addresses are hosts, nothing to warn about.
    const p = netkit(['same-net', '10.0.0.254', '10.0.0.255', '-m', '31']);
    expect([p.code, p.stderr]).toEqual([0, '']);
  });
  it('takes interfaces with zones and compares the links', () => {
    const same = netkit(['same-net', 'fe80::1%eth0/64', 'fe80::2%eth0/64']);
    expect([same.code, same.stderr]).toEqual([0, '']);
    const apart = netkit(['same-net', 'fe80::1%eth0/64', 'fe80::2%eth1/64', '--json']);
    expect(apart.code).toBe(1);
    expect(jsonLines(apart.stdout)[0].reason).toBe('different zones');
    const mask = netkit(['same-net', 'fe80::1%eth0', 'fe80::2', '-m', 'ffff:ffff:ffff:ffff::']);
    expect(mask.code).toBe(2);
    expect(mask.stderr).toContain('write /LEN (ffff:ffff:ffff:ffff:: is /64)');
  });
  it('per-address prefixes must agree (exit 2)', () => {
    const r = netkit(['same-net', '10.0.0.1/24', '10.0.0.2/16']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('different prefix lengths');
  });
  it('bad input exits 2 with one line', () => {
    for (const args of [['same-net', '10.0.0.1'], ['same-net', '10.0.0.1', '300.0.0.1', '-m', '24'], ['same-net', '10.0.0.1', '10.0.0.2', '-m', '255.0.255.0']]) {
      const r = netkit(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
