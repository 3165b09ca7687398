// Real hosts, built in anonymous network namespaces (unshare -n, veth pairs), and the
// BUILT CLI run inside them: gateway, interfaces and route must read the kernel's own
// tables right. Nothing leaves a namespace; names come from a namespace-private
// /etc/hosts (a bind mount in a private mount namespace), never from a real resolver.
// Needs Linux and root (CI has both); elsewhere the suite is skipped with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines, ROOT, type RunResult } from '../helpers/cli.js';

function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `network namespaces are Linux-only (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'needs root for unshare -n and ip link';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link add name nkp0 type veth peer name nkp1'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `unshare -n with a veth pair failed: ${probe.error?.message ?? probe.stderr.trim()}`;
  return null;
}
const SKIP = netnsUnavailable();
if (SKIP) console.warn(`[netns-routes] skipped: ${SKIP}`);

const tmp = mkdtempSync(join(tmpdir(), 'netkit-netns-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let runId = 0;

/**
 * Build a host with `setup` (shell lines run as root inside a fresh network
 * namespace), then run netkit once per argument list; each run's stdout, stderr and
 * exit code come back apart.
 */
function host(setup: string[], runs: string[][], opts: { hosts?: string; input?: string } = {}): RunResult[] {
  const dir = join(tmp, String(++runId));
  spawnSync('mkdir', ['-p', dir]);
  const lines = ['set -e', 'ip link set dev lo up', ...setup];
  if (opts.hosts !== undefined) {
    writeFileSync(join(dir, 'hosts'), opts.hosts);
    // Files only: no DNS at all, and were it consulted, a resolver on the namespace's own loopback.
    writeFileSync(join(dir, 'nsswitch.conf'), 'hosts: files\n');
    writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    lines.push(
      `mount --bind ${q(join(dir, 'hosts'))} /etc/hosts`,
      `mount --bind ${q(join(dir, 'nsswitch.conf'))} /etc/nsswitch.conf`,
      `mount --bind ${q(join(dir, 'resolv.conf'))} /etc/resolv.conf`,
    );
  }
  lines.push('set +e');
  // Every run reads opts.input on stdin (or nothing).
  const input = join(dir, 'input');
  writeFileSync(input, opts.input ?? '');
  runs.forEach((args, i) => {
    const o = q(join(dir, `${i}`));
    lines.push(`${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')} <${q(input)} >${o}.out 2>${o}.err; echo $? >${o}.code`);
  });
  const r = spawnSync('unshare', opts.hosts !== undefined ? ['-n', '-m', 'sh', '-c', lines.join('\n')] : ['-n', 'sh', '-c', lines.join('\n')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`namespace setup failed (${r.status}): ${r.stderr}`);
  return runs.map((_, i) => {
    const f = (ext: string) => readFileSync(join(dir, `${i}.${ext}`), 'utf8');
    return { stdout: f('out'), stderr: f('err'), code: Number(f('code').trim()) };
  });
}

const VETH = (a: string, b: string) => [
  `ip link add name ${a} type veth peer name ${b}`,
  `ip link set dev ${a} up`,
  `ip link set dev ${b} up`,
];

describe.skipIf(SKIP !== null)(`netns hosts${SKIP ? ` (skipped: ${SKIP})` : ''}`, () => {
  describe('two IPv4 defaults with different metrics, an IPv6 default via fe80::1, a device-only default, a specific route', () => {
    const setup = [
      ...VETH('nka', 'nkb'),
      ...VETH('nkc', 'nkd'),
      'ip addr add 10.9.0.2/24 dev nka',
      'ip -6 addr add fd00:9::2/64 dev nka nodad',
      'ip addr add 10.77.0.2/30 dev nkc',
      'ip route add default via 10.9.0.1 metric 100',
      'ip route add default via 10.9.0.254 metric 50',
      'ip route add default dev nkc metric 300',
      'ip route add 172.16.0.0/12 via 10.9.0.7',
      'ip route add 10.9.0.128/25 via 10.9.0.9',
      'ip -6 route add default via fe80::1 dev nka',
      'ip -6 route add 2001:db8:5::/48 via fd00:9::9',
      'ip route add unreachable 203.0.113.0/24',
    ];
    const [gw, gw4, gw6, both, route, routeText, ifaces, ifacesAll, rejected, zoned] = host(setup, [
      ['gateway', '--json'],
      ['gateway', '-4', '--json'],
      ['gateway', '-6'],
      ['gateway', '-4', '-6'],
      ['route', '10.9.0.77', '10.9.0.200', '172.20.1.1', '8.8.8.8', '2001:db8::1', '2001:db8:5::1', 'fd00:9::7', '10.9.0.2', '127.0.0.9', '--json'],
      ['route', '10.9.0.77', '8.8.8.8'],
      ['interfaces', '--json'],
      ['interfaces', '--all', '--json'],
      ['route', '203.0.113.5', '--json'],
      ['route', 'fe80::7%nka', '--json'],
    ]);

    it('gateway --json: every default, best first, IPv4 then IPv6', () => {
      expect(gw!.code).toBe(0);
      expect(gw!.stderr).toBe('');
      const rows = jsonLines(gw!.stdout);
      expect(rows.find((r) => r.family === 6)?.zone).toBe('nka');
      expect(rows.map((r) => [r.family, r.gateway, r.interface, r.metric, r.sourceAddress, r.network, r.deviceOnly, r.primary])).toEqual([
        [4, '10.9.0.254', 'nka', 50, '10.9.0.2', '10.9.0.0/24', false, true],
        [4, '10.9.0.1', 'nka', 100, '10.9.0.2', '10.9.0.0/24', false, false],
        [4, null, 'nkc', 300, '10.77.0.2', '10.77.0.0/30', true, false],
        // The link-local router's zone is a field of its own; the interface's own address is the routable one.
        [6, 'fe80::1', 'nka', 1024, 'fd00:9::2', 'fd00:9::/64', false, true],
      ]);
    });
    it('gateway -4 / -6 filter by family; both at once is a usage error', () => {
      expect(jsonLines(gw4!.stdout).map((r) => r.family)).toEqual([4, 4, 4]);
      expect(gw6!.code).toBe(0);
      expect(gw6!.stdout).toMatch(/^family\s+gateway\s+interface\s+metric\s+address\s+network/);
      expect(gw6!.stdout).toContain('fe80::1%nka');
      expect(gw6!.stdout).not.toContain('10.9.0.');
      expect(both!.code).toBe(2);
      expect(both!.stdout).toBe('');
      expect(both!.stderr).toMatch(/^netkit: -4 and -6 are alternatives/);
    });
    it('route: longest prefix, then metric; on-link in terms of the mask', () => {
      expect(route!.code).toBe(0);
      const rows = jsonLines(route!.stdout);
      const pick = (r: any) => [r.destination, r.kind, r.onLink, r.interface, r.gateway, r.route];
      expect(rows.map(pick)).toEqual([
        ['10.9.0.77', 'on-link', true, 'nka', null, '10.9.0.0/24'],
        ['10.9.0.200', 'gateway', false, 'nka', '10.9.0.9', '10.9.0.128/25'],
        ['172.20.1.1', 'gateway', false, 'nka', '10.9.0.7', '172.16.0.0/12'],
        ['8.8.8.8', 'gateway', false, 'nka', '10.9.0.254', '0.0.0.0/0'],
        ['2001:db8::1', 'gateway', false, 'nka', 'fe80::1', '::/0'],
        ['2001:db8:5::1', 'gateway', false, 'nka', 'fd00:9::9', '2001:db8:5::/48'],
        ['fd00:9::7', 'on-link', true, 'nka', null, 'fd00:9::/64'],
        ['10.9.0.2', 'local', true, 'nka', null, null],
        ['127.0.0.9', 'local', true, 'lo', null, null],
      ]);
      expect(rows[0]).toMatchObject({ network: '10.9.0.0/24', prefixLength: 24, netmask: '255.255.255.0', hostAddress: '10.9.0.2', hostInterface: 'nka', sourceAddress: '10.9.0.2', metric: 0 });
      expect(rows[1].note).toMatch(/inside 10\.9\.0\.0\/24 .*more specific route 10\.9\.0\.128\/25/);
      expect(rows[3]).toMatchObject({ network: null, metric: 50, sourceAddress: '10.9.0.2' });
    });
    it('route to an unreachable (reject) route: exit 1, the route named, no device', () => {
      expect(rejected!.code).toBe(1);
      expect(rejected!.stderr).toBe('');
      expect(jsonLines(rejected!.stdout)[0]).toMatchObject({ kind: 'unreachable', onLink: false, route: '203.0.113.0/24', interface: null, gateway: null });
    });
    it('route to a zoned link-local address: on-link on that link', () => {
      expect(zoned!.code).toBe(0);
      expect(jsonLines(zoned!.stdout)[0]).toMatchObject({ destination: 'fe80::7', zone: 'nka', kind: 'on-link', interface: 'nka', route: 'fe80::/64', network: 'fe80::/64', note: null });
    });
    it('route, human view', () => {
      expect(routeText!.code).toBe(0);
      expect(routeText!.stdout).toContain('10.9.0.77: on-link on nka: sent directly, no router');
      expect(routeText!.stdout).toMatch(/network\s+10\.9\.0\.0\/24 under mask 255\.255\.255\.0: same network as this host's 10\.9\.0\.2 \(nka\)/);
      expect(routeText!.stdout).toContain('8.8.8.8: via gateway 10.9.0.254 on nka');
      expect(routeText!.stdout).toMatch(/route\s+0\.0\.0\.0\/0 \(the default route\) via 10\.9\.0\.254 dev nka metric 50/);
    });
    it('interfaces: one row per address; loopback only with --all', () => {
      expect(ifaces!.code).toBe(0);
      const rows = jsonLines(ifaces!.stdout);
      expect(rows.some((r) => r.interface === 'lo')).toBe(false);
      const a4 = rows.find((r) => r.address === '10.9.0.2');
      expect(a4).toMatchObject({ interface: 'nka', family: 4, prefixLength: 24, network: '10.9.0.0/24', broadcast: '10.9.0.255', internal: false, kind: 'private', isPrivate: true, zone: null });
      expect(a4.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(rows.find((r) => r.address === '10.77.0.2')).toMatchObject({ prefixLength: 30, broadcast: '10.77.0.3' });
      expect(rows.find((r) => r.address === 'fd00:9::2')).toMatchObject({ family: 6, network: 'fd00:9::/64', broadcast: null, kind: 'unique-local' });
      const ll = rows.find((r) => r.interface === 'nka' && r.family === 6 && r.isLinkLocal);
      expect(ll).toMatchObject({ zone: 'nka', network: 'fe80::/64' });
      expect(ll.scopeId).toBeGreaterThan(0);
      const all = jsonLines(ifacesAll!.stdout);
      expect(all.find((r) => r.address === '127.0.0.1')).toMatchObject({ interface: 'lo', internal: true, kind: 'loopback', mac: null });
      expect(all.length).toBeGreaterThan(rows.length);
    });
  });

  describe('a device-only default and nothing else', () => {
    const [gw, route] = host(
      [...VETH('nkt', 'nku'), 'ip addr add 10.66.0.2/32 dev nkt', 'ip route add default dev nkt'],
      [['gateway', '-4', '--json'], ['route', '1.1.1.1', '--json']],
    );
    it('gateway shows it as device-only', () => {
      expect(gw!.code).toBe(0);
      expect(jsonLines(gw!.stdout)).toEqual([
        { family: 4, gateway: null, zone: null, interface: 'nkt', metric: 0, sourceAddress: '10.66.0.2', network: '10.66.0.2/32', deviceOnly: true, primary: true, scoped: false },
      ]);
    });
    it('route: straight onto the link, no router', () => {
      expect(jsonLines(route!.stdout)[0]).toMatchObject({ kind: 'on-link', onLink: true, interface: 'nkt', gateway: null, route: '0.0.0.0/0', network: null });
    });
  });

  describe('an IPv6 multipath default', () => {
    const [gw6] = host(
      [...VETH('nka', 'nkb'), 'ip -6 addr add fd00:9::2/64 dev nka nodad', 'ip -6 route add default nexthop via fd00:9::1 nexthop via fd00:9::fe'],
      [['gateway', '-6', '--json']],
    );
    it('every next hop is listed, the first primary', () => {
      expect(gw6!.code).toBe(0);
      expect(jsonLines(gw6!.stdout).map((r) => [r.gateway, r.interface, r.metric, r.primary])).toEqual([
        ['fd00:9::1', 'nka', 1024, true],
        ['fd00:9::fe', 'nka', 1024, false],
      ]);
    });
  });

  describe('a host with no default route', () => {
    const [gw, gw6, onlink, offnet, mixed] = host(
      [...VETH('nka', 'nkb'), 'ip addr add 10.9.0.2/24 dev nka'],
      [['gateway'], ['gateway', '-6', '--json'], ['route', '10.9.0.5'], ['route', '8.8.8.8', '--json'], ['route', '10.9.0.5', '8.8.8.8', '300.1.1.1', '--json']],
    );
    it('gateway: exit 1 and one line on stderr', () => {
      expect(gw!.code).toBe(1);
      expect(gw!.stdout).toBe('');
      expect(gw!.stderr).toBe('netkit: no default route: this host reaches only its directly connected networks\n');
      expect(gw6!.code).toBe(1);
      expect(gw6!.stdout).toBe('');
      expect(gw6!.stderr).toBe('netkit: no IPv6 default route: this host reaches only its directly connected IPv6 networks\n');
    });
    it('route: its own network is still on-link; anything else is unreachable (exit 1)', () => {
      expect(onlink!.code).toBe(0);
      expect(onlink!.stdout).toContain('10.9.0.5: on-link on nka');
      expect(offnet!.code).toBe(1);
      expect(jsonLines(offnet!.stdout)[0]).toMatchObject({ destination: '8.8.8.8', kind: 'unreachable', onLink: false, gateway: null, route: null });
    });
    it('a bad destination among good ones: reported, the rest answered, exit 2', () => {
      expect(mixed!.code).toBe(2);
      // the bad one keeps its place in the JSON stream
      expect(jsonLines(mixed!.stdout).map((r) => r.kind ?? r.error)).toEqual(['on-link', 'unreachable', 'invalid IPv4 address "300.1.1.1": octet 300 is greater than 255']);
      expect(mixed!.stderr).toBe('netkit: invalid IPv4 address "300.1.1.1": octet 300 is greater than 255\n');
    });
  });

  describe("destinations from stdin ('-'), and names that cannot be host names", () => {
    const [piped, twice, badNames] = host(
      [...VETH('nka', 'nkb'), 'ip addr add 10.9.0.2/24 dev nka'],
      [['route', '-', '10.9.0.7', '--json'], ['route', '-', '-'], ['route', '--', '-x.test', 'a-.example', 'a..example', 'printer.lan']],
      { hosts: '127.0.0.1 localhost\n10.9.0.40 printer.lan\n', input: '10.9.0.5\n\n# a comment\n300.1.1.1\n  8.8.8.8  \n' },
    );
    it("'-' reads one destination a line, in argument order; a bad line is reported with its number", () => {
      expect(piped!.code).toBe(2);
      expect(jsonLines(piped!.stdout).map((r) => [r.input, r.kind ?? `line ${r.line}`])).toEqual([
        ['10.9.0.5', 'on-link'],
        ['300.1.1.1', 'line 4'], // {input, line, error}: in its place
        ['8.8.8.8', 'unreachable'],
        ['10.9.0.7', 'on-link'],
      ]);
      expect(piped!.stderr).toBe('netkit: stdin line 4: invalid IPv4 address "300.1.1.1": octet 300 is greater than 255\n');
      expect(twice!.code).toBe(2);
      expect(twice!.stderr).toBe('netkit: "-" (stdin) given more than once\n');
    });
    it('labels starting or ending with "-", or empty, are refused before any lookup', () => {
      expect(badNames!.code).toBe(2);
      expect(badNames!.stderr).toBe(
        ['-x.test', 'a-.example', 'a..example'].map((n) => `netkit: invalid destination "${n}": neither an address nor a host name\n`).join(''),
      );
      expect(badNames!.stdout).toContain('10.9.0.40 (printer.lan): on-link on nka');
    });
  });

  describe('a zone this host does not have', () => {
    const [zones] = host([...VETH('nka', 'nkb'), 'ip -6 addr add fd00:9::2/64 dev nka nodad'], [['route', 'fe80::1%nope', 'fe80::1%nka', 'fe80::1%999', '--json']]);
    it('is an input error naming the interfaces there are, not an unreachable destination', () => {
      expect(zones!.code).toBe(2);
      expect(jsonLines(zones!.stdout).map((r) => [r.destination ?? r.input, r.zone, r.kind ?? r.line])).toEqual([
        ['fe80::1%nope', undefined, null], // {input, line: null, error} for an argument
        ['fe80::1', 'nka', 'on-link'],
        ['fe80::1%999', undefined, null],
      ]);
      expect(zones!.stderr).toBe(
        'netkit: "fe80::1%nope": this host has no interface nope; it has lo, nka, nkb\n' +
          'netkit: "fe80::1%999": this host has no interface 999 (by index); it has lo, nka, nkb\n',
      );
    });
  });

  describe('names from the namespace’s own /etc/hosts', () => {
    const [named, unknown] = host(
      [...VETH('nka', 'nkb'), 'ip addr add 10.9.0.2/24 dev nka', 'ip -6 addr add fd00:9::2/64 dev nka nodad', 'ip route add default via 10.9.0.1'],
      [['route', 'printer.netkit.test', 'far.netkit.test', '--json'], ['route', 'nosuch.invalid']],
      { hosts: '127.0.0.1 localhost\n10.9.0.40 printer.netkit.test\nfd00:9::40 printer.netkit.test\n192.0.2.80 far.netkit.test\n' },
    );
    it('each address a name stands for gets its own answer, with the name kept', () => {
      expect(named!.code).toBe(0);
      const rows = jsonLines(named!.stdout);
      expect(rows.map((r) => [r.input, r.destination, r.kind, r.gateway])).toEqual(
        expect.arrayContaining([
          ['printer.netkit.test', '10.9.0.40', 'on-link', null],
          ['printer.netkit.test', 'fd00:9::40', 'on-link', null],
          ['far.netkit.test', '192.0.2.80', 'gateway', '10.9.0.1'],
        ]),
      );
      expect(rows).toHaveLength(3);
    });
    it('a name that does not resolve: one line, exit 1', () => {
      expect(unknown!.code).toBe(1);
      expect(unknown!.stdout).toBe('');
      expect(unknown!.stderr).toMatch(/^netkit: cannot resolve "nosuch\.invalid": no such name\n$/);
    });
  });
});
