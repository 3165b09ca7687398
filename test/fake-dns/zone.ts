// The test zone: one row per behaviour the resolve command must handle. Names are
// under the reserved .test TLD (RFC 6761) so nothing here could ever be real.

import type { Zone, ZoneRecord } from './server.js';

const r = (name: string, type: string, ttl: number, data: unknown): ZoneRecord => ({ name, type, ttl, data });

export const SOA: ZoneRecord = r('netkit.test', 'SOA', 3600, {
  mname: 'ns1.netkit.test',
  rname: 'hostmaster.netkit.test',
  serial: 2024010101,
  refresh: 7200,
  retry: 900,
  expire: 1209600,
  minimum: 300,
});

export const TEST_ZONE: Zone = {
  soa: SOA,
  records: [
    // every type on one name
    r('all.netkit.test', 'A', 300, '192.0.2.10'),
    r('all.netkit.test', 'A', 300, '192.0.2.11'),
    r('all.netkit.test', 'AAAA', 600, '2001:db8::10'),
    r('all.netkit.test', 'MX', 3600, { preference: 10, exchange: 'mail.netkit.test' }),
    r('all.netkit.test', 'MX', 3600, { preference: 20, exchange: 'backup.netkit.test' }),
    r('all.netkit.test', 'NS', 86400, 'ns1.netkit.test'),
    r('all.netkit.test', 'TXT', 120, ['v=spf1 ', '-all']),
    r('all.netkit.test', 'CAA', 3600, { flags: 128, tag: 'issue', value: 'ca.netkit.test', issuerCritical: true }),
    r('all.netkit.test', 'NAPTR', 3600, {
      order: 100,
      preference: 10,
      flags: 'S',
      services: 'SIP+D2U',
      regexp: '',
      replacement: '_sip._udp.netkit.test',
    }),
    SOA,
    r('_sip._udp.netkit.test', 'SRV', 3600, { priority: 10, weight: 60, port: 5060, target: 'sip.netkit.test' }),
    r('2.0.0.127.in-addr.arpa', 'PTR', 3600, 'loopback-two.netkit.test'),
    r('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa', 'PTR', 3600, 'six.netkit.test'),
    // a CNAME chain: alias -> middle -> end (A), and a dangling alias
    r('alias.netkit.test', 'CNAME', 60, 'middle.netkit.test'),
    r('middle.netkit.test', 'CNAME', 60, 'end.netkit.test'),
    r('end.netkit.test', 'A', 30, '192.0.2.20'),
    // only IPv4: AAAA is NODATA
    r('v4only.netkit.test', 'A', 300, '192.0.2.30'),
    // an IDN name, stored in its punycode form (bücher.netkit.test)
    r('xn--bcher-kva.netkit.test', 'A', 300, '192.0.2.40'),
    // text beyond ASCII on the wire: UTF-8 TXT, bytes that are not UTF-8; a null MX (RFC 7505)
    r('utf8.netkit.test', 'TXT', 60, ['café ', 'ünïcode']),
    r('bytes.netkit.test', 'TXT', 60, [Buffer.from([0xff, 0xfe, 0x41])]),
    r('nullmx.netkit.test', 'MX', 60, { preference: 0, exchange: '.' }),
    // many addresses: too big for 512-byte UDP without EDNS; served with TC over UDP
    ...Array.from({ length: 40 }, (_, i) => r('big.netkit.test', 'A', 300, `198.51.100.${i + 1}`)),
    // RFC 2181 §8: a TTL with the high bit set counts as 0
    r('highttl.netkit.test', 'A', 0x80000001, '192.0.2.50'),
    // SOA numbers are unsigned 32-bit (0xffffffff is not -1)
    r('maxsoa.netkit.test', 'SOA', 60, { mname: 'ns1.netkit.test', rname: 'hostmaster.netkit.test', serial: 0xffffffff, refresh: 0xffffffff, retry: 0xffffffff, expire: 0xffffffff, minimum: 0xffffffff }),
    // control characters from the network: ESC[2J and BEL, a one-byte CSI (U+009B) and a bidi override in UTF-8
    r('a.nosoa.netkit.test', 'A', 60, '192.0.2.51'),
    r('ctl.netkit.test', 'TXT', 60, [Buffer.from('\x1b[2J\x07bell'), Buffer.from('\u009b31mred \u202egnp.exe', 'utf8')]),
  ],
  behaviour: {
    'servfail.netkit.test': 'servfail',
    'refused.netkit.test': 'refused',
    'notimp.netkit.test': 'notimp',
    'silent.netkit.test': 'silence',
    'garbage.netkit.test': 'garbage',
    'badresponse.netkit.test': 'badresponse',
    'big.netkit.test': 'truncate',
    'bigtxt.other.test': 'truncate',
    'yxdomain.netkit.test': 'yxdomain',
    'formerr.netkit.test': 'formerr',
    'badvers.netkit.test': 'badvers',
    'wrongid.netkit.test': 'wrongid',
    'wrongquestion.netkit.test': 'wrongquestion',
    'qr0.netkit.test': 'qr0',
    'nxanswers.netkit.test': 'nxanswers',
  },
  transfers: { 'netkit.test': { perMessage: 7 }, 'nosoa.netkit.test': 'nosoa' },
};

/** A TXT of 250 strings of 255 bytes (about 64 KB): only TCP can carry it. */
export const BIG_TXT = r('bigtxt.other.test', 'TXT', 60, Array.from({ length: 250 }, (_, i) => 'x'.repeat(254) + String.fromCharCode(97 + (i % 26))));
TEST_ZONE.records.push(BIG_TXT);

/** A zone of `n` names `h<i>.bulk.test`, each with one A record 10.x.y.z, for bulk tests and the benchmark. */
export function bulkZone(n: number): Zone {
  const records: ZoneRecord[] = [];
  for (let i = 0; i < n; i++) records.push(r(`h${i}.bulk.test`, 'A', 300, bulkAddress(i)));
  return { records, soa: r('bulk.test', 'SOA', 300, { ...SOA.data as object, mname: 'ns.bulk.test' }) };
}

export function bulkAddress(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}
