// netkit's validator against zones signed by BIND's dnssec-signzone, one per algorithm
// netkit supports: every RRset BIND signed verifies, the DS BIND derives matches, and
// the failures (expired, changed data, wrong DS) are named.
import { describe, expect, it } from 'vitest';
import { checkDenial, checkRrset, checkZoneKeys, compareNames, keyTag } from '../../src/io/dns/dnssec.js';
import { canonicalName, type WireRr } from '../../src/io/dns/wire.js';
import { parseZoneText } from '../../src/io/dns/zone-text.js';
import { signZone } from '../helpers/dnssec-zones.js';

const BODY = `$ORIGIN example.test.
$TTL 300
@ IN SOA ns host 1 3600 600 86400 300
@ IN NS ns
ns IN A 127.0.0.1
www IN A 192.0.2.1
Www IN A 192.0.2.2
WWW IN A 192.0.2.3
mail IN MX 10 Mail.Example.Test.
alias IN CNAME WWW.example.test.
txt IN TXT "hello world" "second"
*.wild IN A 192.0.2.9
`;

function rrsets(rrs: WireRr[]): Map<string, WireRr[]> {
  const m = new Map<string, WireRr[]>();
  for (const r of rrs) {
    if (r.type === 46) continue;
    const k = `${canonicalName(r.name)}/${r.type}`;
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return m;
}

const NOW = new Date();

describe.each(['RSASHA256', 'RSASHA512', 'ECDSAP256SHA256', 'ECDSAP384SHA384', 'ED25519'])('a zone BIND signed with %s', (alg) => {
  const z = signZone('example.test', BODY, { algorithm: alg });
  const rrs = parseZoneText(z.text);
  const keys = rrs.filter((r) => r.type === 48);
  const sigs = rrs.filter((r) => r.type === 46);

  it('every RRset verifies under the zone keys: secure', () => {
    const sets = rrsets(rrs);
    expect(sets.size).toBeGreaterThanOrEqual(10);
    for (const [k, set] of sets) {
      const r = checkRrset(set, sigs, keys, 'example.test', NOW);
      expect(r, k).toMatchObject({ status: 'secure' });
    }
  });
  it('the three-record www set (owners in three cases) sorts canonically and verifies', () => {
    const www = rrs.filter((r) => r.type === 1 && canonicalName(r.name) === 'www.example.test');
    expect(www).toHaveLength(3);
    expect(checkRrset([...www].reverse(), sigs, keys, 'example.test', NOW).status).toBe('secure');
  });
  it('a wildcard answer (owner expanded from *.wild) verifies as the wildcard', () => {
    const wild = rrs.filter((r) => r.type === 1 && r.name.startsWith('*'));
    // A server answering from a wildcard puts the query name on the records and the RRSIG.
    const expand = (r: WireRr): WireRr => ({ ...r, name: 'Some.Host.wild.example.test' });
    const wildSigs = sigs.filter((r) => r.name.startsWith('*')).map(expand);
    expect(checkRrset(wild.map(expand), wildSigs, keys, 'example.test', NOW).status).toBe('secure');
  });
  it('the DS dnssec-dsfromkey made matches the KSK, which signs the DNSKEY set: secure cut', () => {
    const r = checkZoneKeys('example.test', parseZoneText(z.ds), keys, sigs, NOW);
    expect(r.status).toBe('secure');
    expect(r.matched).toHaveLength(1);
  });
  it('the KSK itself as a trust anchor: secure cut', () => {
    expect(checkZoneKeys('example.test', parseZoneText(z.ksk), keys, sigs, NOW).status).toBe('secure');
  });
  it('a changed A record: bogus, signature does not verify', () => {
    const www = rrs.filter((r) => r.type === 1 && canonicalName(r.name) === 'ns.example.test').map((r) => ({ ...r, rdata: Uint8Array.of(127, 0, 0, 2) }));
    const r = checkRrset(www, sigs, keys, 'example.test', NOW);
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('signature does not verify');
  });
  it('the DNSKEY set signed only by the ZSK is not enough when the DS names the KSK', () => {
    const ksk = keys.find((k) => (k.rdata[1] & 1) === 1)!;
    const zskSigs = sigs.filter((s) => ((s.rdata[16] << 8) | s.rdata[17]) !== keyTag(ksk.rdata));
    const r = checkZoneKeys('example.test', parseZoneText(z.ds), keys, zskSigs, NOW);
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('DNSKEY');
  });
});

describe('signatures BIND made with a window in the past', () => {
  const z = signZone('example.test', BODY, { start: '20200101000000', end: '20200201000000' });
  const rrs = parseZoneText(z.text);
  const keys = rrs.filter((r) => r.type === 48);
  const sigs = rrs.filter((r) => r.type === 46);
  const ns = rrs.filter((r) => r.type === 1 && canonicalName(r.name) === 'ns.example.test');
  it('now: bogus, signature expired at the -e time', () => {
    const r = checkRrset(ns, sigs, keys, 'example.test', NOW);
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('signature expired at 20200201000000');
  });
  it('with the clock set inside the window (--now): secure', () => {
    expect(checkRrset(ns, sigs, keys, 'example.test', new Date('2020-01-15T00:00:00Z')).status).toBe('secure');
  });
});

describe('denial of existence with the NSEC chain BIND made', () => {
  const z = signZone('example.test', BODY);
  const rrs = parseZoneText(z.text);
  const keys = rrs.filter((r) => r.type === 48);
  // The whole chain as the "authority section": the check must find the right records itself.
  const nsecAuthority = rrs.filter((r) => r.type === 47 || (r.type === 46 && ((r.rdata[0] << 8) | r.rdata[1]) === 47));
  it.each([
    ['NXDOMAIN', 'nothing.example.test', 1, 'secure'],
    ['NXDOMAIN', 'a.b.c.example.test', 1, 'secure'],
    ['NODATA', 'www.example.test', 15, 'secure'],
    ['NODATA', 'mail.example.test', 1, 'secure'],
  ] as const)('%s %s type %d: %s', (kind, name, type, want) => {
    expect(checkDenial(kind, name, type, nsecAuthority, keys, 'example.test', NOW)).toMatchObject({ status: want });
  });
  it('NODATA for a type the NSEC lists: bogus, named', () => {
    const r = checkDenial('NODATA', 'www.example.test', 1, nsecAuthority, keys, 'example.test', NOW);
    expect(r).toMatchObject({ status: 'bogus', reason: 'NODATA: the NSEC at www.example.test lists A' });
  });
  it('NXDOMAIN for a name that exists: no NSEC covers it, bogus', () => {
    expect(checkDenial('NXDOMAIN', 'www.example.test', 1, nsecAuthority, keys, 'example.test', NOW).status).toBe('bogus');
  });
  it('NXDOMAIN below the wildcard owner\'s parent: the wildcard exists, so no proof: bogus', () => {
    const r = checkDenial('NXDOMAIN', 'x.wild.example.test', 1, nsecAuthority, keys, 'example.test', NOW);
    expect(r.status).toBe('bogus');
    expect(r.reason).toContain('wildcard *.wild.example.test');
  });
  it('an NSEC whose signature is gone: bogus', () => {
    const noSigs = nsecAuthority.filter((r) => r.type === 47);
    expect(checkDenial('NXDOMAIN', 'nothing.example.test', 1, noSigs, keys, 'example.test', NOW)).toMatchObject({ status: 'bogus' });
  });
  it('no NSEC at all (an NSEC3 zone or a bare answer): insecure, proof not checked', () => {
    expect(checkDenial('NXDOMAIN', 'nothing.example.test', 1, [], keys, 'example.test', NOW).reason).toContain('proof not checked');
  });
  it.each([
    ['example.test', 'a.example.test', -1],
    ['Z.example.test', 'a.example.test', 1],
    ['a.example.test', 'yljkjljk.a.example.test', -1],
    ['*.z.example.test', '\\001.z.example.test', 1],
    ['.', 'a', -1],
  ])('RFC 4034 6.1 order: %s vs %s', (a, b, sign) => {
    expect(Math.sign(compareNames(a, b))).toBe(sign);
  });
});
