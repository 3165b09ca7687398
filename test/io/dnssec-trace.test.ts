// The --trace walk against fake servers (no sockets): messages built with dns-packet (an
// independent encoder) and read by netkit's codec. Covers what a real tree makes hard to
// stage: an upward (lame) referral, a referral loop, silent servers, the depth limit of
// glue-less lookups, and the order servers are tried in.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/core/dns-wire.js';
import { trace, type Ask, type TraceServer } from '../../src/io/dns/trace.js';

type Packet = Parameters<typeof dnsPacket.encode>[0];
type Handler = (name: string, type: string) => Omit<Packet, 'id' | 'questions'> | 'silent';

function fakeNet(servers: Record<string, Handler>): { ask: Ask; log: string[] } {
  const log: string[] = [];
  const ask: Ask = async (s: TraceServer, name, type) => {
    log.push(`${s.address} ${name} ${type}`);
    const h = servers[s.address];
    const r = h ? h(name, type) : 'silent';
    if (r === 'silent') return { status: 'TIMEOUT', message: null, raw: null, error: 'no reply within 100 ms', elapsedMs: 100 };
    const raw = new Uint8Array(dnsPacket.encode({ id: 1, type: 'response', questions: [{ name, type: type as 'A', class: 'IN' }], ...r } as Packet));
    const m = decodeMessage(raw);
    return { status: m.rcode, message: m, raw, elapsedMs: 1 };
  };
  return { ask, log };
}

const ns = (zone: string, host: string) => ({ name: zone, type: 'NS' as const, ttl: 60, data: host });
const a = (name: string, ip: string) => ({ name, type: 'A' as const, ttl: 60, data: ip });
const referral = (zone: string, hosts: [string, string | null][]) => ({
  flags: 0,
  authorities: hosts.map(([h]) => ns(zone, h)),
  additionals: hosts.filter(([, ip]) => ip).map(([h, ip]) => a(h, ip!)),
});
const answer = (name: string, ip: string) => ({ flags: dnsPacket.AUTHORITATIVE_ANSWER, answers: [a(name, ip)] });
const ROOTS: TraceServer[] = [{ name: 'root', address: '10.0.0.1', port: 53 }];
const run = (q: string, servers: Record<string, Handler>, extra: Partial<Parameters<typeof trace>[2]> = {}) => {
  const net = fakeNet(servers);
  return trace(q, 'A', { ask: net.ask, roots: ROOTS, dnssec: false, anchors: [], now: new Date(), ...extra }).then((r) => ({ ...r, log: net.log }));
};

describe('trace with fake servers', () => {
  it('servers of a zone are tried in name order; silent and lame ones are named and skipped', async () => {
    const r = await run('www.example', {
      '10.0.0.1': () => referral('example', [['c.ns', '10.0.0.4'], ['a.ns', '10.0.0.2'], ['b.ns', '10.0.0.3']]),
      '10.0.0.2': () => 'silent',
      // b.ns answers with a referral back up to the root: lame.
      '10.0.0.3': () => referral('.', [['root', '10.0.0.1']]),
      '10.0.0.4': () => answer('www.example', '192.0.2.7'),
    });
    expect(r.status).toBe('NOERROR');
    const s = r.steps.at(-1)!;
    expect(s.server).toEqual({ name: 'c.ns', address: '10.0.0.4', port: 53 });
    expect(s.failed!.map((f) => [f.server.name, f.status])).toEqual([
      ['a.ns', 'TIMEOUT'],
      ['b.ns', 'LAME'],
    ]);
    expect(s.failed![1].error).toContain('lame: referral to ., not below example');
  });
  it('every server of a zone failing: the status of the last failure, with the reason', async () => {
    const r = await run('www.example', { '10.0.0.1': () => referral('example', [['a.ns', '10.0.0.2']]), '10.0.0.2': () => ({ flags: 2 /* rcode SERVFAIL */ }) });
    expect(r.status).toBe('SERVFAIL');
    expect(r.steps.at(-1)!.error).toBe('no server of example gave a usable reply');
  });
  it('a referral sideways (to the same zone again) is lame, not a loop forever', async () => {
    const r = await run('www.example', {
      '10.0.0.1': () => referral('example', [['a.ns', '10.0.0.2']]),
      '10.0.0.2': () => referral('example', [['a.ns', '10.0.0.2']]),
    });
    expect(r.status).toBe('LAME');
    expect(r.steps).toHaveLength(2);
  });
  it('a long chain of referrals stops at the step limit', async () => {
    // The server refers one label further down each time, towards a 60-label name.
    const labels = Array.from({ length: 60 }, (_, i) => `l${i}`);
    let calls = 0;
    const r = await run(labels.join('.'), { '10.0.0.1': () => referral(labels.slice(-++calls).join('.'), [['x', '10.0.0.1']]) }, { maxSteps: 5 });
    expect(r.status).toBe('ERROR');
    expect(r.steps).toHaveLength(6);
    expect(r.steps.at(-1)!.error).toContain('more than 5 steps');
  });
  it('glue-less name servers are looked up from the root, and the lookup depth is limited', async () => {
    // example's server is ns.other, whose server is ns.example: each needs the other first.
    const r = await run('www.example', {
      '10.0.0.1': (name) => (name.endsWith('other') ? referral('other', [['ns.example', null]]) : referral('example', [['ns.other', null]])),
    });
    expect(r.status).toBe('ERROR');
    const s = r.steps.at(-1)!;
    expect(s.resolvedNs![0].name).toBe('ns.other');
    expect(s.resolvedNs![0].addresses).toEqual([]);
    expect(r.log.length).toBeLessThan(60);
  });
  it('a glue-less server found by its own trace answers the step', async () => {
    const r = await run('www.example', {
      '10.0.0.1': (name) => (name.endsWith('other') ? answer('ns.other', '10.0.0.5') : referral('example', [['ns.other', null]])),
      '10.0.0.5': () => answer('www.example', '192.0.2.8'),
    });
    expect(r.status).toBe('NOERROR');
    expect(r.steps.at(-1)!.resolvedNs).toEqual([{ name: 'ns.other', addresses: ['10.0.0.5'] }]);
  });
});
