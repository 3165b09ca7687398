// The built netkit asking unbound (started here on loopback) over DNS over TLS and DNS
// over HTTPS: answers, --json transport, bulk over one connection, certificate failures
// (exit 9, one stderr line), and the URL syntax's bad input (exit 2, one line).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, netkit, netkitAsync } from '../helpers/cli.js';
import { makeCa, type TestCa } from '../helpers/tls-certs.js';
import { startUnbound, type Unbound } from '../helpers/unbound.js';

const BULK = Array.from({ length: 200 }, (_, i) => `n${i}.example.test`);
let ca: TestCa;
let ub: Unbound;

beforeAll(async () => {
  ca = makeCa();
  const leaf = ca.leaf('good', 'DNS:dns.test,IP:127.0.0.1');
  ub = await startUnbound(leaf.cert, leaf.key, [
    'www.example.test. 300 IN A 192.0.2.1',
    'www.example.test. 300 IN AAAA 2001:db8::1',
    'mx.example.test. 300 IN MX 10 www.example.test.',
    ...BULK.map((n, i) => `${n}. 300 IN A 198.51.${i >> 8}.${i & 255}`),
  ]);
});
afterAll(async () => {
  await ub?.stop();
});

const tlsUrl = () => `tls://127.0.0.1:${ub.tlsPort}`;
const dohUrl = () => `https://127.0.0.1:${ub.httpsPort}/dns-query`;
const kdig = (args: string[]) =>
  execFileSync('kdig', ['@127.0.0.1', `+tls-ca=${ca.ca}`, '+tls-hostname=dns.test', '+short', ...args], { encoding: 'utf8' }).trim().split('\n').sort();

describe.each([
  ['tls', tlsUrl, () => ['-p', String(ub.tlsPort), '+tls']],
  ['https', dohUrl, () => ['-p', String(ub.httpsPort), '+https=/dns-query']],
] as const)('resolve --server %s://', (transport, url, kdigArgs) => {
  it('--short equals kdig +short for A, AAAA and MX', async () => {
    for (const t of ['A', 'AAAA', 'MX']) {
      const r = await netkitAsync(['resolve', 'www.example.test', 'mx.example.test', '-t', t, '--server', url(), '--tls-ca', ca.ca, '--tls-hostname', 'dns.test', '--short']);
      const name = t === 'MX' ? 'mx.example.test' : 'www.example.test';
      // Names compared without the final dot: the presentation of names is resolve's own choice.
      const strip = (l: string) => l.replace(/\.$/, '');
      expect(r.stdout.trim().split('\n').filter(Boolean).map(strip).sort()).toEqual(kdig([...kdigArgs(), name, t]).map(strip));
    }
  });
  it('--json names the transport and the server URL', async () => {
    const r = await netkitAsync(['resolve', 'www.example.test', '-t', 'A', '--server', url(), '--tls-ca', ca.ca, '--tls-hostname', 'dns.test', '--json']);
    expect(r.code).toBe(0);
    const [rec] = jsonLines(r.stdout);
    expect(rec.transport).toBe(transport);
    expect(rec.server).toBe(url().replace('/dns-query', '') + (transport === 'https' ? '/dns-query' : ''));
    expect(rec.answers).toEqual([{ name: 'www.example.test', type: 'A', ttl: 300, data: '192.0.2.1' }]);
  });
  it('bulk: 200 names from stdin, in order, all answered', async () => {
    const r = await netkitAsync(['resolve', '-', '-t', 'A', '--server', url(), '--tls-ca', ca.ca, '--tls-hostname', 'dns.test', '--json'], { input: BULK.join('\n') });
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => x.name)).toEqual(BULK);
    expect(recs.map((x) => x.answers[0].data)).toEqual(BULK.map((_, i) => `198.51.${i >> 8}.${i & 255}`));
  });
  it('NODE_EXTRA_CA_CERTS is trusted like --tls-ca', async () => {
    const r = await netkitAsync(['resolve', 'www.example.test', '-t', 'A', '--server', url(), '--tls-hostname', 'dns.test', '--short'], { env: { NODE_EXTRA_CA_CERTS: ca.ca } });
    expect(r.stdout).toBe('192.0.2.1\n');
    expect(r.code).toBe(0);
  });
  it('without the CA: ERROR, exit 9, one stderr line naming the unknown CA; nothing on stdout but the row', async () => {
    const r = await netkitAsync(['resolve', 'www.example.test', '-t', 'A', '--server', url(), '--tls-hostname', 'dns.test', '--short']);
    expect(r.code).toBe(9);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/ERROR \(TLS: certificate signed by an unknown CA/);
  });
  it('wrong host: ERROR naming the host, exit 9', async () => {
    const r = await netkitAsync(['resolve', 'www.example.test', '-t', 'A', '--server', url(), '--tls-ca', ca.ca, '--tls-hostname', 'other.test', '--json']);
    expect(r.code).toBe(9);
    const [rec] = jsonLines(r.stdout);
    expect(rec.status).toBe('ERROR');
    expect(rec.error).toContain('certificate is not for other.test');
  });
});

describe('an expired server certificate', () => {
  it('ERROR "certificate expired", exit 9', async () => {
    const leaf = ca.leaf('expired', 'DNS:dns.test,IP:127.0.0.1', { start: '20200101000000Z', end: '20200201000000Z' });
    const srv = tls.createServer({ key: readFileSync(leaf.key), cert: readFileSync(leaf.cert) }, (s) => s.on('error', () => {}));
    srv.on('tlsClientError', () => {});
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    const r = await netkitAsync(['resolve', 'www.example.test', '-t', 'A', '--server', `tls://127.0.0.1:${port}`, '--tls-ca', ca.ca, '--short']);
    srv.close();
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('TLS: certificate expired');
  });
});

describe('bad input: exit 2, one line', () => {
  it.each([
    [['--server', 'ftp://127.0.0.1'], 'unknown scheme "ftp"'],
    [['--server', 'http://127.0.0.1/dns-query'], 'needs https://'],
    [['--server', 'https://127.0.0.1'], 'needs a path'],
    [['--server', 'tls://127.0.0.1:0'], 'port 0 is outside 1 to 65535'],
    [['--server', 'tls://127.0.0.1:65536'], 'port 65536 is outside 1 to 65535'],
    [['--server', 'tls://127.0.0.1/x'], 'takes no path'],
    [['--server', 'tls:127.0.0.1'], 'write the URL as tls://HOST'],
    [['--server', '127.0.0.1', '--tls-hostname', 'dns.test'], '--tls-hostname is for tls:// and https://'],
    [['--server', 'tls://127.0.0.1', '--tls-ca', '/nonexistent/ca.pem'], 'no such file'],
    [['--trace', '--system'], '--trace asks the name servers'],
  ])('%j', (args, msg) => {
    const r = netkit(['resolve', 'www.example.test', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(msg);
    expect(r.stderr).toMatch(/^netkit: /);
  });
  it('a --tls-ca file with no certificate in it', () => {
    const f = join(ca.dir, 'empty.pem');
    writeFileSync(f, 'not a certificate\n');
    const r = netkit(['resolve', 'www.example.test', '--server', 'tls://127.0.0.1', '--tls-ca', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no PEM certificate');
  });
});
