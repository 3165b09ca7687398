// Every platform's route-table parser on fixture text (test/fixtures/routes), and the
// adapter picker with injected platforms, files and commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRoutes, lookupRoute, type Route } from '../../src/core/routes.js';
import { parseAddress } from '../../src/core/address.js';
import { decodeProcAddress, isWslKernel, runningUnderWsl, parseLinuxRoutes, parseProcNetIpv6Route, parseProcNetRoute, readLinuxRoutes } from '../../src/io/routes/linux.js';
import { parseBsdDestination, parseBsdNetstat } from '../../src/io/routes/bsd.js';
import { markPrimary, parseDarwinNetstat, parseRouteGet, readDarwinRoutes } from '../../src/io/routes/darwin.js';
import { parseGetNetRouteJson, parseRoutePrint, readWindowsRoutes } from '../../src/io/routes/windows.js';
import { readRoutes, RouteTableError, UnsupportedPlatformError } from '../../src/io/routes/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/routes/${name}`, import.meta.url), 'utf8');
/** A route as one comparable line: "dest via gw dev if metric m kind". */
const show = (r: Route) =>
  `${r.destination} ${r.gateway ? `via ${r.gateway}` : 'on-link'} dev ${r.interface} metric ${r.metric}${r.kind !== 'unicast' ? ` ${r.kind}` : ''}${r.scoped ? ' scoped' : ''}`;
const defaults = (routes: Route[], v?: 4 | 6) => defaultRoutes(routes, v).map(show);

describe('Linux /proc/net/route', () => {
  const le = parseProcNetRoute(fixture('linux-route-le.txt'), 'LE');
  it('decodes little-endian hex, decimal metrics and masks', () => {
    expect(le.map(show)).toEqual([
      '0.0.0.0/0 via 192.168.1.1 dev wlan0 metric 600',
      '0.0.0.0/0 via 10.200.0.1 dev eth0 metric 100',
      '0.0.0.0/0 on-link dev wg0 metric 50',
      '10.200.0.0/24 on-link dev eth0 metric 100',
      '192.168.1.0/24 on-link dev wlan0 metric 600',
      '172.16.0.0/12 via 10.200.0.7 dev eth0 metric 0',
      '10.200.0.128/25 via 10.200.0.9 dev eth0 metric 0',
      '203.0.113.0/24 on-link dev  metric 0 reject', // '*': no device
      '198.51.100.7/32 via 10.200.0.1 dev eth0 metric 0',
    ]); // the eth1 row is not up (flags 0000) and is left out
  });
  it('big-endian CPUs print the same table in natural byte order', () => {
    expect(parseProcNetRoute(fixture('linux-route-be.txt'), 'BE').map(show)).toEqual(le.map(show));
  });
  it('reading little-endian text as big-endian gives wrong addresses, and a backwards mask is caught', () => {
    const firstTwo = fixture('linux-route-le.txt').split('\n').slice(0, 2).join('\n');
    expect(parseProcNetRoute(firstTwo, 'BE')[0]!.gateway!.toString()).toBe('1.1.168.192');
    expect(() => parseProcNetRoute(fixture('linux-route-le.txt'), 'BE')).toThrow(/mask 00FFFFFF is not contiguous/);
  });
  it('defaults best first: the device-only default (metric 50) leads', () => {
    expect(defaults(le)).toEqual([
      '0.0.0.0/0 on-link dev wg0 metric 50',
      '0.0.0.0/0 via 10.200.0.1 dev eth0 metric 100',
      '0.0.0.0/0 via 192.168.1.1 dev wlan0 metric 600',
    ]);
  });
  it.each([
    ['0100C80A', 'LE', 0x0ac80001],
    ['0A C80001'.replace(' ', ''), 'BE', 0x0ac80001],
    ['00FFFFFF', 'LE', 0xffffff00],
  ] as const)('decodeProcAddress(%s, %s)', (hex, e, v) => expect(decodeProcAddress(hex, e)).toBe(v));
  it('blackhole and throw routes (no device, no RTF_REJECT) are reject routes, not on-link', () => {
    // Captured from `ip route add blackhole|prohibit|throw|unreachable 10.9x.0.0/16` in a namespace.
    const text = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      '*\t0000600A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0',
      '*\t0000610A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      '*\t0000620A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0',
      '*\t0000630A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      'eth0\t0000640A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    ].join('\n');
    expect(parseProcNetRoute(text, 'LE').map(show)).toEqual([
      '10.96.0.0/16 on-link dev  metric 0 reject',
      '10.97.0.0/16 on-link dev  metric 0 reject',
      '10.98.0.0/16 on-link dev  metric 0 reject',
      '10.99.0.0/16 on-link dev  metric 0 reject',
      '10.100.0.0/16 on-link dev eth0 metric 0',
    ]);
  });
  it('a table with no default', () => {
    expect(defaults(parseProcNetRoute(fixture('linux-route-nodefault.txt'), 'LE'))).toEqual([]);
  });
  it.each([
    ['too few fields', 'eth0\t00000000\t0100C80A\n', 'expected at least 8'],
    ['not hex', 'eth0\tXYZ\t0100C80A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n', 'unexpected field format'],
    ['non-contiguous mask', 'eth0\t00000000\t0100C80A\t0003\t0\t0\t0\t00FF00FF\t0\t0\t0\n', 'not contiguous'],
  ])('malformed: %s', (_why, text, msg) => {
    expect(() => parseProcNetRoute(text, 'LE')).toThrow(RouteTableError);
    expect(() => parseProcNetRoute(text, 'LE')).toThrow(msg);
  });
});

describe('Linux /proc/net/ipv6_route', () => {
  const v6 = parseProcNetIpv6Route(fixture('linux-ipv6_route.txt'));
  it('hex metrics, link-local next hops with their zone, local and reject routes; the lo catch-all and cache entries left out', () => {
    expect(v6.map(show)).toEqual([
      '::/0 via fd00:200::1 dev eth0 metric 1024',
      '::/0 via fe80::1%wlan0 dev wlan0 metric 2048',
      'fd00:200::/64 on-link dev eth0 metric 256',
      'fe80::/64 on-link dev eth0 metric 256',
      'fe80::/64 on-link dev wlan0 metric 256',
      '2001:db8:5::/48 via fd00:200::9 dev eth0 metric 1024',
      '2001:db8:dead::/48 on-link dev lo metric 1024 reject',
      '::1/128 on-link dev lo metric 0 local',
      'fd00:200::2/128 on-link dev eth0 metric 0 local',
      'ff00::/8 on-link dev eth0 metric 256',
    ]);
  });
  it('a routable next hop carries no zone; a link-local one must', () => {
    expect(v6[0]!.gateway!.zone).toBe('');
    expect(v6[1]!.gateway!.zone).toBe('wlan0');
  });
  it('only the lo catch-all: no default route', () => {
    const t = parseProcNetIpv6Route(fixture('linux-ipv6_route-nodefault.txt'));
    expect(defaults(t)).toEqual([]);
    expect(lookupRoute(t, parseAddress('2001:db8::1'))).toBeNull();
  });
  it('reject routes as a real kernel lists them (no RTF_UP) are kept, the lo catch-all still left out', () => {
    // Captured from `ip -6 route add blackhole|prohibit|throw 2001:db8:9x::/48` in a namespace.
    const text = [
      '20010db8009700000000000000000000 30 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00200200       lo',
      '20010db8009800000000000000000000 30 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000001 00000000 00200200       lo',
      '20010db8009900000000000000000000 30 00000000000000000000000000000000 00 00000000000000000000000000000000 00000400 00000003 00000000 00200200       lo',
      '00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo',
      '20010db8000100000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000000     eth0',
    ].join('\n');
    expect(parseProcNetIpv6Route(text).map(show)).toEqual([
      '2001:db8:97::/48 on-link dev lo metric 1024 reject',
      '2001:db8:98::/48 on-link dev lo metric 1024 reject',
      '2001:db8:99::/48 on-link dev lo metric 1024 reject',
    ]); // the catch-all and the route that is not up are left out
  });
  it('malformed lines are errors that name the line', () => {
    expect(() => parseProcNetIpv6Route('00 00 00\n')).toThrow(/line 1: expected 10 fields/);
  });
  it('both files together, and IPv6 disabled (no ipv6_route file)', async () => {
    const all = parseLinuxRoutes(fixture('linux-route-le.txt'), fixture('linux-ipv6_route.txt'), 'LE');
    expect(defaults(all)[3]).toBe('::/0 via fd00:200::1 dev eth0 metric 1024');
    const files: Record<string, string> = { '/proc/net/route': fixture('linux-route-le.txt') };
    const read = await readLinuxRoutes({
      readFile: async (p) => {
        if (p in files) return files[p]!;
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
      endianness: () => 'LE',
    });
    expect(defaults(read, 6)).toEqual([]);
    expect(defaults(read, 4)).toHaveLength(3);
  });
  it('no /proc at all: a RouteTableError, not a crash', async () => {
    const noProc = { readFile: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })), endianness: () => 'LE' as const };
    await expect(readLinuxRoutes(noProc)).rejects.toThrow(/\/proc\/net\/route: not found/);
  });
});

describe('WSL detection', () => {
  it.each([
    ['Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f) (gcc (GCC) 11.2.0)', true],
    ['Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) )', true],
    ['Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0)', false],
  ])('%s', (text, want) => expect(isWslKernel(text)).toBe(want));
  it('an unreadable /proc/version is not WSL', async () => {
    expect(await runningUnderWsl(async () => Promise.reject(new Error('ENOENT')))).toBe(false);
    expect(await runningUnderWsl(async () => 'Linux version 5.15.1-microsoft-standard-WSL2')).toBe(true);
  });
});

describe('macOS netstat -rn and route -n get', () => {
  const mac = parseDarwinNetstat(fixture('darwin-netstat.txt'));
  it('defaults: unscoped before interface-scoped (I), link#N is a device-only default', () => {
    expect(defaults(mac)).toEqual([
      '0.0.0.0/0 on-link dev utun4 metric 0',
      '0.0.0.0/0 via 192.168.86.1 dev en0 metric 0',
      '0.0.0.0/0 via 192.168.86.1 dev en7 metric 0 scoped',
      '0.0.0.0/0 via 10.4.0.1 dev en5 metric 0 scoped',
      '::/0 via fe80::1%en0 dev en0 metric 0',
      '::/0 via fe80::%utun0 dev utun0 metric 0 scoped',
    ]);
  });
  it('route get names the primary default, which then leads its family', () => {
    const got = parseRouteGet(fixture('darwin-route-get.txt'));
    expect(got).toMatchObject({ interface: 'en0', destination: 'default' });
    expect(got!.gateway!.toString()).toBe('192.168.86.1');
    expect(got!.flags).toContain('GATEWAY');
    expect(defaults(markPrimary(mac, got, 4))[0]).toBe('0.0.0.0/0 via 192.168.86.1 dev en0 metric 0');
    const g6 = parseRouteGet(fixture('darwin-route-get-inet6.txt'));
    expect(g6!.gateway!.toString()).toBe('fe80::1%en0');
    expect(parseRouteGet(fixture('darwin-route-get-none.txt'))).toBeNull();
  });
  it('short destinations, host routes, reject/blackhole, IPv6 zones in destinations', () => {
    const find = (d: string) => mac.filter((r) => r.destination.toString() === d).map(show);
    expect(find('127.0.0.0/8')).toEqual(['127.0.0.0/8 on-link dev lo0 metric 0']);
    expect(find('10.4.0.0/16')).toEqual(['10.4.0.0/16 on-link dev en5 metric 0']);
    expect(find('192.168.86.0/24')).toEqual(['192.168.86.0/24 on-link dev en0 metric 0']);
    expect(find('198.51.100.66/32')).toEqual(['198.51.100.66/32 via 192.168.86.254 dev en0 metric 0']);
    expect(find('203.0.113.0/24')).toEqual(['203.0.113.0/24 on-link dev en0 metric 0 reject']);
    expect(find('fe80::/64')).toContain('fe80::/64 on-link dev en0 metric 0 scoped');
    expect(find('224.0.0.0/4')).toHaveLength(1);
  });
  it('lookups: the specific host route wins over the default', () => {
    expect(lookupRoute(mac, parseAddress('198.51.100.66'))!.gateway!.toString()).toBe('192.168.86.254');
    expect(lookupRoute(mac, parseAddress('192.168.86.40'))!.gateway).toBeNull();
  });
  it('the older layout with Refs and Use columns', () => {
    const old = parseDarwinNetstat(fixture('darwin-netstat-old.txt'));
    expect(defaults(old)).toEqual(['0.0.0.0/0 via 172.20.10.1 dev en0 metric 0', '::/0 via fe80::f8a0:97ff:fe12:3456%en0 dev en0 metric 0']);
    expect(old.find((r) => r.destination.toString() === '172.20.10.0/28')).toBeDefined();
  });
  it('no default route', () => {
    expect(defaults(parseDarwinNetstat(fixture('darwin-netstat-noroute.txt')))).toEqual([]);
  });
  it('the reader runs netstat and route get; a failing route get is no default, not an error', async () => {
    const calls: string[] = [];
    const run = async (file: string, args: string[]) => {
      calls.push([file, ...args].join(' '));
      if (file === 'netstat') return fixture('darwin-netstat.txt');
      if (args.includes('-inet6')) throw new Error('exit 1');
      return fixture('darwin-route-get.txt');
    };
    const routes = await readDarwinRoutes(run);
    expect(calls).toEqual(['netstat -rn', 'route -n get default', 'route -n get -inet6 default']);
    expect(defaults(routes, 4)[0]).toBe('0.0.0.0/0 via 192.168.86.1 dev en0 metric 0');
  });
});

describe('FreeBSD and OpenBSD netstat -rn', () => {
  it('FreeBSD: G marks a gateway; UGRS ::1 rows are reject routes', () => {
    const t = parseBsdNetstat(fixture('freebsd-netstat.txt'));
    expect(defaults(t)).toEqual(['0.0.0.0/0 via 10.0.2.2 dev em0 metric 0', '::/0 via fe80::2%em0 dev em0 metric 0']);
    expect(show(lookupRoute(t, parseAddress('192.0.2.100'))!)).toBe('192.0.2.0/25 via 10.0.2.9 dev em0 metric 0');
    expect(show(lookupRoute(t, parseAddress('fe80::1'))!)).toBe('fe80::/64 on-link dev em0 metric 0'); // longest prefix, zone or not
    expect(show(lookupRoute(t, parseAddress('fe80::1%em0'))!)).toBe('fe80::/64 on-link dev em0 metric 0');
    expect(show(lookupRoute(t, parseAddress('::ffff:1.2.3.4'))!)).toBe('::ffff:0.0.0.0/96 via ::1 dev lo0 metric 0 reject');
  });
  it('FreeBSD with Refs and Use columns', () => {
    expect(defaults(parseBsdNetstat(fixture('freebsd-netstat-old.txt')))).toEqual(['0.0.0.0/0 via 198.51.100.1 dev vtnet0 metric 0']);
  });
  it('OpenBSD: Prio is the metric; the connected route names the host’s own address and has no G', () => {
    const t = parseBsdNetstat(fixture('openbsd-netstat.txt'));
    expect(defaults(t)).toEqual([
      '0.0.0.0/0 via 10.1.1.1 dev em0 metric 8',
      '0.0.0.0/0 via 192.168.7.1 dev iwm0 metric 12',
      '::/0 via fe80::1%iwm0 dev iwm0 metric 12',
    ]);
    expect(show(lookupRoute(t, parseAddress('10.1.1.99'))!)).toBe('10.1.1.0/24 on-link dev em0 metric 4');
    expect(t.some((r) => r.interface === 'lo0' && r.destination.toString() === '127.0.0.0/8')).toBe(true);
  });
  it.each([
    ['default', 4, false, '0.0.0.0/0'],
    ['127', 4, false, '127.0.0.0/8'],
    ['10.8/16', 4, false, '10.8.0.0/16'],
    ['192.168.1', 4, false, '192.168.1.0/24'],
    ['192.168.1.7', 4, true, '192.168.1.7/32'],
    ['fe80::%lo0/64', 6, false, 'fe80::/64'],
    ['::1', 6, true, '::1/128'],
    ['default', 6, false, '::/0'],
  ] as const)('destination %s (IPv%d)', (text, v, host, want) => {
    const d = parseBsdDestination(text, v, host)!;
    expect(`${d.address}/${d.prefixLength}`).toBe(want);
  });
  it.each(['300', 'a.b', '10.0/33', 'zz::/64'])('unreadable destination %s is an error naming it', (dest) => {
    const text = `Routing tables\n\nInternet${dest.includes(':') ? '6' : ''}:\nDestination Gateway Flags Netif Expire\n${dest} link#1 U em0\n`;
    expect(() => parseBsdNetstat(text)).toThrow(/line 5: cannot read destination/);
  });
});

describe('Windows', () => {
  it('Get-NetRoute JSON: one route comes as an object, not an array', () => {
    const t = parseGetNetRouteJson(fixture('windows-get-netroute-single.json'));
    expect(t.map(show)).toEqual(['0.0.0.0/0 via 192.168.1.1 dev Ethernet metric 25']);
  });
  it('Get-NetRoute JSON array: metric is route + interface metric; link-local next hop zoned by ifIndex', () => {
    const t = parseGetNetRouteJson(fixture('windows-get-netroute-array.json'));
    expect(defaults(t)).toEqual([
      '0.0.0.0/0 via 10.20.0.1 dev Ethernet metric 25',
      '0.0.0.0/0 via 192.168.1.1 dev Wi-Fi metric 50',
      '::/0 via fe80::1%18 dev Wi-Fi metric 306',
    ]);
    expect(show(lookupRoute(t, parseAddress('10.20.3.4'))!)).toBe('10.20.0.0/16 on-link dev Ethernet metric 281');
  });
  it('Get-NetRoute: empty output is an empty table; garbage is an error', () => {
    expect(parseGetNetRouteJson('\r\n')).toEqual([]);
    expect(() => parseGetNetRouteJson('Get-NetRoute : not recognized')).toThrow(RouteTableError);
    expect(() => parseGetNetRouteJson('{"DestinationPrefix":"nonsense"}')).toThrow(/DestinationPrefix/);
  });
  it('route print (English, CRLF): active routes only, wrapped IPv6 rows, interface names from the list', () => {
    const t = parseRoutePrint(fixture('windows-route-print.txt'));
    expect(defaults(t)).toEqual([
      '0.0.0.0/0 via 10.20.0.1 dev 10.20.0.33 metric 25',
      '0.0.0.0/0 via 192.168.1.1 dev 192.168.1.57 metric 50',
      '::/0 via fe80::1%18 dev Intel(R) Wi-Fi 6 AX201 160MHz metric 306',
    ]);
    expect(t.find((r) => r.destination.toString() === '2001:db8:42:0:1c2d:3e4f:5a6b:7c8d/128')).toBeDefined();
    expect(t.filter((r) => r.destination.version === 6)).toHaveLength(5); // not the persistent fe80::99 row
    expect(t.filter((r) => r.destination.toString() === '198.51.100.0/24')).toHaveLength(1);
    expect(t[0]!.interfaceAddress!.toString()).toBe('192.168.1.57');
  });
  it('route print, French headings', () => {
    const t = parseRoutePrint(fixture('windows-route-print-fr.txt'));
    expect(defaults(t)).toEqual([
      '0.0.0.0/0 via 10.88.88.2 dev 10.88.88.149 metric 10',
      '::/0 via fe80::1%17 dev Microsoft Wi-Fi Direct Virtual Adapter metric 266',
    ]);
  });
  it('route print, German, with an on-link default ("Auf Verbindung" is two words)', () => {
    const t = parseRoutePrint(fixture('windows-route-print-de.txt'));
    expect(defaults(t)).toEqual(['0.0.0.0/0 on-link dev 172.31.0.5 metric 35']);
    expect(t).toHaveLength(2);
  });
  it('the reader prefers PowerShell and falls back to route print', async () => {
    const viaPs = await readWindowsRoutes(async (file, args) => {
      // The active store only: persistent routes would otherwise be listed twice.
      if (file === 'powershell.exe' && args.some((a) => a.startsWith('Get-NetRoute -PolicyStore ActiveStore |'))) {
        return fixture('windows-get-netroute-single.json');
      }
      throw new Error('unexpected');
    });
    expect(viaPs).toHaveLength(1);
    const calls: string[] = [];
    const fallback = await readWindowsRoutes(async (file) => {
      calls.push(file);
      if (file === 'powershell.exe') throw Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
      return fixture('windows-route-print-fr.txt');
    });
    expect(calls).toEqual(['powershell.exe', 'route']);
    expect(defaults(fallback, 4)).toHaveLength(1);
  });
});

describe('readRoutes picks the adapter by platform', () => {
  it('a platform without an adapter: a clear error', async () => {
    await expect(readRoutes({ platform: 'aix' })).rejects.toThrow(UnsupportedPlatformError);
    await expect(readRoutes({ platform: 'sunos' })).rejects.toThrow(/not supported on sunos/);
  });
  it('freebsd and openbsd run netstat -rn', async () => {
    for (const platform of ['freebsd', 'openbsd', 'netbsd']) {
      const t = await readRoutes({ platform, run: async (f, a) => (f === 'netstat' && a.join(' ') === '-rn' ? fixture('freebsd-netstat.txt') : '') });
      expect(defaults(t, 4)).toEqual(['0.0.0.0/0 via 10.0.2.2 dev em0 metric 0']);
    }
  });
  it('a failing netstat is a RouteTableError naming the command', async () => {
    await expect(readRoutes({ platform: 'freebsd', run: async () => Promise.reject(new Error('spawn netstat ENOENT')) })).rejects.toThrow(
      /netstat -rn: spawn netstat ENOENT/,
    );
  });
  it('darwin, win32 and linux through injected readers', async () => {
    const darwin = await readRoutes({ platform: 'darwin', run: async (f) => (f === 'netstat' ? fixture('darwin-netstat-old.txt') : '') });
    expect(defaults(darwin, 4)).toEqual(['0.0.0.0/0 via 172.20.10.1 dev en0 metric 0']);
    const win = await readRoutes({ platform: 'win32', run: async () => fixture('windows-get-netroute-array.json') });
    expect(defaults(win, 6)).toHaveLength(1);
    const linux = await readRoutes({
      platform: 'linux',
      linux: { readFile: async (p) => (p.endsWith('ipv6_route') ? fixture('linux-ipv6_route.txt') : fixture('linux-route-be.txt')), endianness: () => 'BE' },
    });
    expect(defaults(linux)).toHaveLength(5);
  });
});

describe('property: /proc/net/route text written either byte order reads back the same routes', () => {
  it('round-trips', async () => {
    const fc = (await import('fast-check')).default;
    const hex = (v: number, e: 'LE' | 'BE') => {
      const w = e === 'BE' ? v >>> 0 : (((v & 0xff) << 24) | (((v >>> 8) & 0xff) << 16) | (((v >>> 16) & 0xff) << 8) | (v >>> 24)) >>> 0;
      return w.toString(16).toUpperCase().padStart(8, '0');
    };
    const row = fc.record({
      dest: fc.integer({ min: 0, max: 0xffffffff }),
      len: fc.integer({ min: 0, max: 32 }),
      gw: fc.option(fc.integer({ min: 1, max: 0xffffffff }), { nil: null }),
      metric: fc.integer({ min: 0, max: 0xffff }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom<'LE' | 'BE'>('LE', 'BE'), (rows, e) => {
        const text = ['Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127)]
          .concat(
            rows.map((r) => {
              const mask = r.len === 0 ? 0 : (0xffffffff << (32 - r.len)) >>> 0;
              const flags = r.gw === null ? '0001' : '0003';
              return ['eth0', hex((r.dest & mask) >>> 0, e), hex(r.gw ?? 0, e), flags, '0', '0', String(r.metric), hex(mask, e), '0', '0', '0'].join('\t').padEnd(127);
            }),
          )
          .join('\n');
        const got = parseProcNetRoute(text, e);
        return (
          got.length === rows.length &&
          got.every((g, i) => {
            const r = rows[i]!;
            const mask = r.len === 0 ? 0 : (0xffffffff << (32 - r.len)) >>> 0;
            return (
              g.destination.prefixLength === r.len &&
              g.destination.address.w3 === (r.dest & mask) >>> 0 &&
              (g.gateway?.w3 ?? null) === r.gw &&
              g.metric === r.metric
            );
          })
        );
      }),
    );
  });
});
