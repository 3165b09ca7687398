// The name server behind the docs' DNS examples (blocks marked `<!-- doctest: dns -->`):
// the test tree's fake server with a small zone under the reserved .test TLD (RFC 6761),
// on 127.0.0.1:53 inside the network namespace the doc-test runs the block in, so the
// examples show real answers and nothing leaves the namespace. It writes "ready" on
// stdout once it listens, and serves until it is killed.
import { startFakeDns } from '../fake-dns/server.js';
import type { Zone, ZoneRecord } from '../fake-dns/server.js';

const r = (name: string, type: string, ttl: number, data: unknown): ZoneRecord => ({ name, type, ttl, data });

const SOA = r('example.test', 'SOA', 3600, {
  mname: 'ns1.example.test',
  rname: 'hostmaster.example.test',
  serial: 2026112901,
  refresh: 7200,
  retry: 900,
  expire: 1209600,
  minimum: 300,
});

export const DOCS_ZONE: Zone = {
  soa: SOA,
  records: [
    SOA,
    r('example.test', 'NS', 86400, 'ns1.example.test'),
    r('example.test', 'A', 3600, '192.0.2.10'),
    r('example.test', 'AAAA', 3600, '2001:db8::10'),
    r('example.test', 'MX', 3600, { preference: 10, exchange: 'mail.example.test' }),
    r('example.test', 'MX', 3600, { preference: 20, exchange: 'backup.example.test' }),
    r('example.test', 'TXT', 300, ['v=spf1 mx -all']),
    r('example.test', 'CAA', 3600, { flags: 0, tag: 'issue', value: 'ca.example.test', issuerCritical: false }),
    r('www.example.test', 'CNAME', 300, 'example.test'),
    r('ns1.example.test', 'A', 3600, '192.0.2.53'),
    r('mail.example.test', 'A', 3600, '192.0.2.25'),
    r('_sip._udp.example.test', 'SRV', 3600, { priority: 10, weight: 60, port: 5060, target: 'sip.example.test' }),
    r('10.2.0.192.in-addr.arpa', 'PTR', 3600, 'example.test'),
    r('xn--bcher-kva.example.test', 'A', 300, '192.0.2.40'),
  ],
  behaviour: { 'broken.example.test': 'servfail' },
};

const dns = await startFakeDns({ zone: DOCS_ZONE, host: '127.0.0.1', port: Number(process.argv[2] ?? 53) });
process.stdout.write('ready\n');
const stop = () => void dns.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
