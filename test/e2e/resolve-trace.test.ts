// resolve --trace against a signed tree BIND serves inside a network namespace (root on
// 127.0.0.1, test. on 127.0.0.2, leaves on 127.0.0.3, a dead server on 127.0.0.4): the
// referral steps, glue-less NS lookups, CNAMEs across zones, a lame delegation, and the
// chain of trust: secure, insecure (no DS), bogus (DS matches no key; expired signature).
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines, netkit, type RunResult } from '../helpers/cli.js';
import { buildHierarchy, runInHierarchy, type Hierarchy } from '../helpers/bind-hierarchy.js';

let h: Hierarchy;
const results = new Map<string, RunResult>();
const T = ['--trace', '--server', '127.0.0.1', '--timeout', '2000'];

const CASES: Record<string, (h: Hierarchy) => string[]> = {
  secure: (h) => ['resolve', 'www.good.test', ...T, '--dnssec', '--trust-anchor', h.anchorKey, '--json'],
  secureHuman: (h) => ['resolve', 'www.good.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs],
  insecure: (h) => ['resolve', 'www.insecure.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  bogus: (h) => ['resolve', 'www.bogus.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  expired: (h) => ['resolve', 'www.expired.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  expiredThen: (h) => ['resolve', 'www.expired.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--now', '2020-01-15T00:00:00Z', '--json'],
  wrongAnchor: (h) => ['resolve', 'www.good.test', ...T, '--dnssec', '--trust-anchor', h.wrongAnchor, '--json'],
  cname: (h) => ['resolve', 'alias.good.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  loop: () => ['resolve', 'loop1.good.test', ...T, '--json'],
  glueless: () => ['resolve', 'www.glueless.test', ...T, '--json'],
  lame: () => ['resolve', 'www.lame.test', ...T, '--json'],
  nxdomain: () => ['resolve', 'nothing.good.test', ...T, '--json'],
  nodata: () => ['resolve', 'www.good.test', '-t', 'MX', ...T, '--json'],
  plain: () => ['resolve', 'www.good.test', ...T],
  nxdomainSec: (h) => ['resolve', 'nothing.good.test', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  nodataSec: (h) => ['resolve', 'www.good.test', '-t', 'MX', ...T, '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
  tcp: (h) => ['resolve', 'www.good.test', ...T, '--tcp', '--dnssec', '--trust-anchor', h.anchorDs, '--json'],
};

beforeAll(() => {
  h = buildHierarchy();
  const names = Object.keys(CASES);
  const rs = runInHierarchy(h, BIN, names.map((n) => CASES[n](h)));
  names.forEach((n, i) => results.set(n, rs[i]));
}, 120_000);

const steps = (name: string) => jsonLines(results.get(name)!.stdout);
const last = (name: string) => steps(name).at(-1);

describe('the walk', () => {
  it('step 1 is the --server\'s root NS set; then one step per zone cut, in order', () => {
    const s = steps('secure');
    expect(s.map((x) => x.step)).toEqual([1, 2, 3, 4]);
    expect(s[0]).toMatchObject({ zone: '.', query: { name: '.', type: 'NS' }, status: 'NOERROR', server: { address: '127.0.0.1', port: 53 } });
    expect(s[1]).toMatchObject({ zone: '.', status: 'REFERRAL', server: { name: 'a.root-servers.net', address: '127.0.0.1', port: 53 }, referral: { zone: 'test' } });
    expect(s[2]).toMatchObject({ zone: 'test', status: 'REFERRAL', server: { address: '127.0.0.2' }, referral: { zone: 'good.test', ns: [{ name: 'ns.good.test', addresses: ['127.0.0.3'] }] } });
    expect(s[3]).toMatchObject({ zone: 'good.test', status: 'NOERROR', server: { address: '127.0.0.3' }, final: { status: 'NOERROR', verdict: 'secure' } });
    expect(s[3].answers.filter((a: { type: string }) => a.type === 'A')).toEqual([{ name: 'www.good.test', type: 'A', ttl: 300, data: '192.0.2.1' }]);
    expect(results.get('secure')!.code).toBe(0);
  });
  it('the dead name server of test. (127.0.0.4) is tried, named as failed, and the next one answers', () => {
    const s = steps('secure')[2];
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatchObject({ server: { name: 'a.ns.test', address: '127.0.0.4', port: 53 }, status: 'ERROR' });
    // The client's words for the ICMP port unreachable (nothing listens on 127.0.0.4:53).
    expect(s.failed[0].error).toMatch(/refused|unreachable/);
  });
  it('glue-less: the NS address is looked up by a trace of its own and said so', () => {
    const s = steps('glueless');
    expect(s[2].referral.ns).toEqual([{ name: 'ns-far.good.test', addresses: [] }]);
    expect(s.at(-1)).toMatchObject({ zone: 'glueless.test', resolvedNs: [{ name: 'ns-far.good.test', addresses: ['127.0.0.3'] }], status: 'NOERROR' });
    expect(results.get('glueless')!.code).toBe(0);
  });
  it('a CNAME into another zone: the walk goes on from the closest known cut (test.)', () => {
    const s = steps('cname');
    const c = s.find((x) => x.status === 'CNAME');
    expect(c.answers[0]).toMatchObject({ name: 'alias.good.test', type: 'CNAME', data: 'www.insecure.test' });
    const after = s.slice(s.indexOf(c) + 1);
    expect(after[0]).toMatchObject({ zone: 'test', query: { name: 'www.insecure.test', type: 'A' }, status: 'REFERRAL' });
    expect(after.at(-1)).toMatchObject({ status: 'NOERROR', final: { status: 'NOERROR', verdict: 'insecure' } });
  });
  it('a CNAME loop stops with ERROR, exit 9', () => {
    expect(last('loop')).toMatchObject({ status: 'ERROR', final: { status: 'ERROR' } });
    expect(last('loop').error).toContain('CNAME loop');
    expect(results.get('loop')!.code).toBe(9);
  });
  it('a lame delegation (the server refuses the zone): REFUSED named, exit 9', () => {
    expect(last('lame')).toMatchObject({ zone: 'lame.test', status: 'REFUSED', failed: [{ server: { address: '127.0.0.3' }, status: 'REFUSED' }] });
    expect(results.get('lame')!.code).toBe(9);
  });
  it('NXDOMAIN with its SOA, exit 1; NODATA, exit 1', () => {
    expect(last('nxdomain')).toMatchObject({ status: 'NXDOMAIN', authority: [{ type: 'SOA', name: 'good.test' }] });
    expect(results.get('nxdomain')!.code).toBe(1);
    expect(last('nodata')).toMatchObject({ status: 'NODATA', final: { status: 'NODATA' } });
    expect(results.get('nodata')!.code).toBe(1);
  });
  it('--tcp: the same walk over TCP, the same verdict', () => {
    expect(steps('tcp').map((x) => x.status)).toEqual(steps('secure').map((x) => x.status));
    expect(last('tcp').final).toEqual({ status: 'NOERROR', verdict: 'secure' });
    expect(steps('tcp').slice(1).map((x) => x.transport)).toEqual(['tcp', 'tcp', 'tcp']);
    expect(steps('secure').slice(1).map((x) => x.transport)).toEqual(['udp', 'udp', 'udp']);
  });
  it('without --dnssec there is no dnssec field and no verdict', () => {
    expect(steps('glueless').every((x) => x.dnssec === undefined)).toBe(true);
    expect(last('glueless').final).toEqual({ status: 'NOERROR' });
  });
  it('human view: one block per step, the server, the referral, the result', () => {
    const out = results.get('plain')!.stdout;
    expect(out).toMatch(/step 2 {2}zone \. {2}www\.good\.test A {2}@ a\.root-servers\.net\. \(127\.0\.0\.1:53\)/);
    expect(out).toContain('REFERRAL to good.test.  NS ns.good.test. 127.0.0.3');
    expect(out).toContain('www.good.test. 300 A 192.0.2.1');
    expect(out).toMatch(/result: NOERROR\n$/);
    expect(results.get('plain')!.stderr).toBe('');
  });
});

describe('the chain of trust', () => {
  it('secure: every step secure, from the root KSK (DNSKEY anchor) down', () => {
    const s = steps('secure').slice(1);
    expect(s.map((x) => x.dnssec.status)).toEqual(['secure', 'secure', 'secure']);
    expect(results.get('secureHuman')!.stdout).toMatch(/result: NOERROR {2}dnssec: secure\n/);
  });
  it('NXDOMAIN and NODATA in a signed zone: the NSEC records prove them, secure; exit 1', () => {
    expect(last('nxdomainSec')).toMatchObject({ status: 'NXDOMAIN', dnssec: { status: 'secure' }, final: { status: 'NXDOMAIN', verdict: 'secure' } });
    expect(last('nodataSec')).toMatchObject({ status: 'NODATA', dnssec: { status: 'secure' }, final: { status: 'NODATA', verdict: 'secure' } });
    expect(results.get('nxdomainSec')!.code).toBe(1);
    expect(results.get('nodataSec')!.code).toBe(1);
  });
  it('insecure: the delegation without DS, said so; exit as the answer (0)', () => {
    const s = last('insecure');
    expect(s.final).toMatchObject({ status: 'NOERROR', verdict: 'insecure' });
    expect(steps('insecure')[2].dnssec.reason).toBe('insecure.test: no DS in the referral from test (unsigned delegation; proven by NSEC)');
    expect(results.get('insecure')!.code).toBe(0);
  });
  it('bogus: the DS in test. matches no key of bogus.test; exit 9', () => {
    const s = last('bogus');
    expect(s.final.verdict).toBe('bogus');
    expect(s.dnssec.reason).toMatch(/^bogus\.test: no DNSKEY matches DS key tag \d+$/);
    expect(results.get('bogus')!.code).toBe(9);
  });
  it('bogus: expired signatures, named with the expiry; exit 9', () => {
    expect(last('expired').dnssec.reason).toContain('signature expired at 20200201000000');
    expect(results.get('expired')!.code).toBe(9);
  });
  it('--now inside the signatures\' window: the same zone is secure', () => {
    expect(last('expiredThen').final).toMatchObject({ verdict: 'secure' });
    expect(results.get('expiredThen')!.code).toBe(0);
  });
  it('a trust anchor that is not the root\'s key: bogus at the root', () => {
    const s = steps('wrongAnchor');
    expect(s[1].dnssec.status).toBe('bogus');
    expect(s[1].dnssec.reason).toContain('no DNSKEY matches DS key tag');
    expect(results.get('wrongAnchor')!.code).toBe(9);
  });
});

describe('bad input: exit 2, one line', () => {
  it.each([
    [['--trace', '--dnssec', '--trust-anchor', '/nonexistent'], 'no such file'],
    [['--trace', '--dnssec', '--trust-anchor', '/etc/hostname'], '--trust-anchor'],
    [['--trace', '--dnssec', '--now', 'yesterday'], '--now "yesterday" is not a time'],
    [['--trace', '--trust-anchor', '/etc/hostname'], '--trust-anchor is for --trace --dnssec'],
    [['--trust-anchor', '/etc/hostname'], '--trust-anchor is for --trace'],
    [['--trace', '-t', 'AXFR'], 'AXFR'],
    [['--trace', '--server', '127.0.0.1', '--server', '127.0.0.2'], 'one --server at most'],
    [['--trace', '--short'], '--trace shows every step'],
  ])('%j', (args, msg) => {
    const r = netkit(['resolve', 'www.example.test', ...args]);
    expect(r.stderr).toContain(msg);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
