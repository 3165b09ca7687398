// DoT and DoH through netkit's client against unbound started here on loopback with a
// certificate from a throwaway CA: answers equal kdig's, many queries share one
// connection/session, and every certificate failure is an ERROR naming the problem.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsClient } from '../../src/io/dns/client.js';
import { HttpsTransport } from '../../src/io/dns/https.js';
import { TlsTransport } from '../../src/io/dns/tls.js';
import type { DnsTransport } from '../../src/io/dns/transport.js';
import { makeCa, type TestCa } from '../helpers/tls-certs.js';
import { startUnbound, type Unbound } from '../helpers/unbound.js';

const NAMES = Array.from({ length: 40 }, (_, i) => `h${i}.example.test`);
const DATA = [
  'www.example.test. 300 IN A 192.0.2.1',
  'www.example.test. 300 IN AAAA 2001:db8::1',
  'mail.example.test. 300 IN MX 10 www.example.test.',
  'txt.example.test. 300 IN TXT "hello world" "second"',
  ...NAMES.map((n, i) => `${n}. 300 IN A 198.51.100.${i}`),
];

let ca: TestCa;
let ub: Unbound;
let caPem: string;

beforeAll(async () => {
  ca = makeCa();
  const leaf = ca.leaf('good', 'DNS:dns.test,IP:127.0.0.1');
  caPem = readFileSync(ca.ca, 'utf8');
  ub = await startUnbound(leaf.cert, leaf.key, DATA);
});
afterAll(async () => {
  await ub?.stop();
});

const client = (t: DnsTransport) => new DnsClient({ address: '127.0.0.1', port: 0 }, { timeoutMs: 5000, tries: 1, udp: () => t, tcp: () => t });

function kdig(args: string[]): string[] {
  return execFileSync('kdig', ['@127.0.0.1', `+tls-ca=${ca.ca}`, '+tls-hostname=dns.test', '+short', ...args], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .sort();
}

const short = (r: Awaited<ReturnType<DnsClient['query']>>): string[] =>
  (r.message?.answers ?? []).map((a) => (typeof a.data === 'string' ? a.data : JSON.stringify(a.data))).sort();

describe.each([
  ['tls', () => new TlsTransport({ address: '127.0.0.1', port: ub.tlsPort }, { hostname: 'dns.test', ca: [caPem] }), () => ['-p', String(ub.tlsPort), '+tls']],
  ['https', () => new HttpsTransport({ address: '127.0.0.1', port: ub.httpsPort, host: 'dns.test', path: '/dns-query' }, { ca: [caPem] }), () => ['-p', String(ub.httpsPort), '+https=/dns-query']],
] as const)('DNS over %s', (proto, make, kdigArgs) => {
  it('A and AAAA equal kdig\'s answers; the result names the transport', async () => {
    const t = make();
    for (const type of ['A', 'AAAA']) {
      const r = await client(t).query('www.example.test', type);
      expect(r.status).toBe('NOERROR');
      expect(r.transport).toBe(proto);
      expect(short(r)).toEqual(kdig([...kdigArgs(), 'www.example.test', type]));
    }
    t.close();
  });
  it('a refused name comes back REFUSED (unbound answers, nothing leaves the machine)', async () => {
    const t = make();
    expect((await client(t).query('elsewhere.org', 'A')).status).toBe('REFUSED');
    t.close();
  });
  it('40 names at once share one connection and each gets its own answer', async () => {
    const t = make();
    const c = client(t);
    const rs = await Promise.all(NAMES.map((n) => c.query(n, 'A')));
    rs.forEach((r, i) => expect(short(r)).toEqual([`198.51.100.${i}`]));
    expect(t instanceof TlsTransport ? t.connections : (t as HttpsTransport).sessions).toBe(1);
    t.close();
  });
});

describe('certificate failures: ERROR with the problem named, no fallback', () => {
  // A TLS server with a chosen certificate; the handshake fails before any DNS is spoken.
  async function serve(cert: { key: string; cert: string }): Promise<{ port: number; close: () => void }> {
    const srv = tls.createServer({ key: readFileSync(cert.key), cert: readFileSync(cert.cert), ALPNProtocols: ['dot', 'h2'] }, (s) => s.on('error', () => {}));
    srv.on('tlsClientError', () => {});
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    return { port: (srv.address() as { port: number }).port, close: () => srv.close() };
  }
  it.each([
    ['expired', () => ca.leaf('expired', 'DNS:dns.test,IP:127.0.0.1', { start: '20200101000000Z', end: '20200201000000Z' }), { ca: true, hostname: 'dns.test' }, 'TLS: certificate expired'],
    ['unknown CA', () => ca.leaf('good2', 'DNS:dns.test,IP:127.0.0.1'), { ca: false, hostname: 'dns.test' }, 'TLS: certificate signed by an unknown CA'],
    ['wrong host', () => ca.leaf('other', 'DNS:other.test'), { ca: true, hostname: 'dns.test' }, 'TLS: certificate is not for dns.test'],
    ['an address not in the certificate', () => ca.leaf('other2', 'DNS:dns.test'), { ca: true, hostname: undefined }, 'TLS: certificate is not for 127.0.0.1'],
  ])('%s', async (_, leaf, o, message) => {
    const s = await serve(leaf());
    for (const t of [
      new TlsTransport({ address: '127.0.0.1', port: s.port }, { ...(o.hostname ? { hostname: o.hostname } : {}), ca: o.ca ? [caPem] : [] }),
      new HttpsTransport({ address: '127.0.0.1', port: s.port, host: o.hostname ?? '127.0.0.1', path: '/dns-query' }, { ca: o.ca ? [caPem] : [] }),
    ]) {
      const r = await client(t).query('www.example.test', 'A');
      expect(r.status).toBe('ERROR');
      expect(r.error).toContain(message);
      t.close();
    }
    s.close();
  });
});
