// `netkit resolve --system` (getaddrinfo) and the no---server default (the system's
// configured name servers) can only be tested where we control the system resolver:
// inside a fresh network and mount namespace whose /etc/resolv.conf points at the fake
// server on 127.0.0.1:53 and whose /etc/hosts is ours. Needs root on Linux; skipped
// elsewhere with the reason printed. Nothing here can reach the host's resolver: the
// namespace has no network but its own loopback.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, jsonLines } from '../helpers/cli.js';

function canUnshare(): string | null {
  if (process.platform !== 'linux') return `needs Linux namespaces (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'needs root for unshare -n -m and bind mounts';
  const r = spawnSync('unshare', ['-n', '-m', 'true'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `unshare -n -m failed: ${r.error?.message ?? r.stderr.trim()}`;
  return null;
}

const skipReason = canUnshare();
if (skipReason) console.warn(`resolve --system tests skipped: ${skipReason}`);

const dir = mkdtempSync(join(tmpdir(), 'netkit-resolve-ns-'));
const resolvConf = join(dir, 'resolv.conf');
const hosts = join(dir, 'hosts');
writeFileSync(resolvConf, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
// a resolv.conf whose only server has nothing listening: getaddrinfo's "temporary failure"
const deadConf = join(dir, 'resolv-dead.conf');
writeFileSync(deadConf, 'nameserver 127.0.0.9\noptions timeout:1 attempts:1\n');
writeFileSync(hosts, '127.0.0.1 localhost\n192.0.2.99 hosts-only.test\n2001:db8::99 hosts-only.test\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface NsResult {
  stdout: string;
  stderr: string;
  code: number | null;
  received: { transport: string; name: string; type: string }[];
}

/** Run netkit inside the namespace, with the fake server on 127.0.0.1:53 there. */
function inNamespace(args: string[], conf = resolvConf, env: NodeJS.ProcessEnv = {}): NsResult {
  const script = [
    'set -e',
    'ip link set lo up',
    `mount --bind ${JSON.stringify(conf)} /etc/resolv.conf`,
    `mount --bind ${JSON.stringify(hosts)} /etc/hosts`,
    'exec "$@"',
  ].join('\n');
  const r = spawnSync(
    'unshare',
    ['-n', '-m', 'bash', '-c', script, 'ns', process.execPath, '--import', 'tsx', 'test/fake-dns/ns-run.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } },
  );
  if (r.status !== 0) throw new Error(`namespace run failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe.skipIf(skipReason !== null)('resolve through the system resolver, in a network namespace', () => {
  it('--system asks getaddrinfo, which asks the resolv.conf server: answers, no TTLs, server "system"', () => {
    const r = inNamespace(['resolve', '--system', 'all.netkit.test', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.type, x.server, x.status])).toEqual([
      ['A', 'system', 'NOERROR'],
      ['AAAA', 'system', 'NOERROR'],
    ]);
    expect(recs[0].answers).toEqual([
      { name: 'all.netkit.test', type: 'A', ttl: null, data: '192.0.2.10' },
      { name: 'all.netkit.test', type: 'A', ttl: null, data: '192.0.2.11' },
    ]);
    expect(recs[1].answers).toEqual([{ name: 'all.netkit.test', type: 'AAAA', ttl: null, data: '2001:db8::10' }]);
    expect(recs[0]).toMatchObject({ rcode: null, flags: null, authority: [], edns: null, transport: 'getaddrinfo' });
    expect(r.received.some((q) => q.name === 'all.netkit.test' && q.type === 'A')).toBe(true);
  });

  // getaddrinfo runs on libuv's 4 threads and a lookup's deadline starts when it is asked:
  // with 128 in flight, 24 lookups of 300 to 600 ms each queued 6 deep and the later ones timed
  // out at 1500 ms before a thread took them. In flight is now at most the thread count.
  it('--system in bulk from a slow resolver: no lookup times out waiting for a thread', () => {
    const names = Array.from({ length: 24 }, () => 'all.netkit.test');
    const r = inNamespace(['resolve', '--system', ...names, '-t', 'A', '--timeout', '1500', '--json'], resolvConf, { NS_RUN_DELAY_MS: '300' });
    expect(jsonLines(r.stdout).map((x) => x.status)).toEqual(names.map(() => 'NOERROR'));
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.received.length).toBe(24);
  });

  it('--system sees /etc/hosts, as other programs on the host do (no DNS query for it)', () => {
    const r = inNamespace(['resolve', '--system', 'hosts-only.test', '--short']);
    expect(r.stdout).toBe('192.0.2.99\n2001:db8::99\n');
    expect(r.code).toBe(0);
    expect(r.received.filter((q) => q.name === 'hosts-only.test')).toEqual([]);
  });

  it('--system: a name that does not exist is NXDOMAIN, exit 1', () => {
    const r = inNamespace(['resolve', '--system', 'nope.netkit.test', '-t', 'A', '--json']);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ status: 'NXDOMAIN', server: 'system', answers: [] });
    expect(r.code).toBe(1);
  });

  it('--system in the table: TTL "-" and a note on stderr saying why', () => {
    const r = inNamespace(['resolve', '--system', 'hosts-only.test', '-t', 'A']);
    expect(r.stdout).toMatch(/^hosts-only\.test\s+A\s+-\s+192\.0\.2\.99\s+NOERROR\s+-$/m);
    expect(r.stderr).toContain('no TTLs');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it("without --server: the system's configured name server (resolv.conf), labelled by its address", () => {
    const r = inNamespace(['resolve', 'all.netkit.test', '-t', 'MX', '--json']);
    const [rec] = jsonLines(r.stdout);
    expect(rec.server).toBe('127.0.0.1');
    expect(rec.status).toBe('NOERROR');
    expect(rec.answers[0]).toEqual({ name: 'all.netkit.test', type: 'MX', ttl: 3600, data: { priority: 10, exchange: 'mail.netkit.test' } });
    expect(r.received.filter((q) => q.name === 'all.netkit.test' && q.type === 'MX')).toHaveLength(1);
  });

  it('--system when no name server answers: getaddrinfo\'s "temporary failure" said as such (ERROR, not TIMEOUT), exit 9', () => {
    const r = inNamespace(['resolve', '--system', 'all.netkit.test', '-t', 'A', '--json'], deadConf);
    const [rec] = jsonLines(r.stdout);
    expect(rec.status).toBe('ERROR');
    expect(rec.error).toContain('temporary failure in name resolution');
    expect(r.code).toBe(9);
  });

  it('without --server, a configured server with nothing listening: port unreachable, exit 9', () => {
    const r = inNamespace(['resolve', 'all.netkit.test', '-t', 'A', '--json'], deadConf);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ server: '127.0.0.9', status: 'ERROR', error: 'port unreachable: no DNS server listens there (ICMP)' });
    expect(r.code).toBe(9);
  });

  it('--server given by host name is resolved by the system first (here from /etc/hosts)', () => {
    const r = inNamespace(['resolve', '--server', 'localhost:53', 'end.netkit.test', '-t', 'A', '--json']);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ server: '127.0.0.1:53', status: 'NOERROR' });
  });

  it('--server given by a host name that does not resolve: exit 2, one line', () => {
    const r = inNamespace(['resolve', '--server', 'no-such-server.netkit.test', 'end.netkit.test']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netkit: cannot find the address of name server "no-such-server.netkit.test": NXDOMAIN\n');
  });
});
