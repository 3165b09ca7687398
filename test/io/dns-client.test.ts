// The node:dns adapter: the error-code table, Node's answer shapes to netkit's, and the
// client's own deadline, against the in-process fake server on loopback and against
// an injected fake dns module. Never the machine's configured resolver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsClient, ERROR_CODES, mapDnsError, normalizeAnswers, serverLabel, systemLookup, type DnsModule } from '../../src/io/dns.js';
import { startFakeDns, type FakeDns } from '../fake-dns/server.js';
import { TEST_ZONE } from '../fake-dns/zone.js';

const err = (code: string) => Object.assign(new Error(`query failed: ${code}`), { code });

describe('mapDnsError: c-ares and getaddrinfo codes to statuses', () => {
  const rows: [string, string, string | undefined][] = [
    ['ENOTFOUND', 'NXDOMAIN', undefined],
    ['ENODATA', 'NODATA', undefined],
    ['ESERVFAIL', 'SERVFAIL', undefined],
    ['EREFUSED', 'REFUSED', undefined],
    ['ETIMEOUT', 'TIMEOUT', undefined],
    ['ECANCELLED', 'TIMEOUT', undefined],
    ['ECONNREFUSED', 'ERROR', 'connection refused'],
    ['EBADRESP', 'ERROR', 'malformed reply'],
    ['ENOTIMP', 'ERROR', 'NOTIMP'],
    ['EFORMERR', 'ERROR', 'FORMERR'],
    ['EAI_AGAIN', 'TIMEOUT', 'temporary failure'],
    ['EAI_FAIL', 'SERVFAIL', 'non-recoverable'],
  ];
  it.each(rows)('%s -> %s', (code, status, error) => {
    const m = mapDnsError(err(code));
    expect(m.status).toBe(status);
    if (error) expect(m.error).toContain(error);
    else expect(m.error).toBeUndefined();
  });
  it('an unknown code is ERROR and says the code', () => {
    expect(mapDnsError(err('EWEIRD'))).toEqual({ status: 'ERROR', error: 'EWEIRD: query failed: EWEIRD' });
  });
  it('every entry of the table has a known status', () => {
    const known = ['NOERROR', 'NXDOMAIN', 'NODATA', 'SERVFAIL', 'REFUSED', 'TIMEOUT', 'ERROR'];
    for (const m of Object.values(ERROR_CODES)) expect(known).toContain(m.status);
  });
});

describe("normalizeAnswers: Node's shapes to { type, ttl, data }", () => {
  const rows: [string, Parameters<typeof normalizeAnswers>[0], unknown, unknown[]][] = [
    ['A with ttl', 'A', [{ address: '192.0.2.1', ttl: 60 }], [{ type: 'A', ttl: 60, data: '192.0.2.1' }]],
    ['AAAA without ttl', 'AAAA', ['2001:db8::1'], [{ type: 'AAAA', ttl: null, data: '2001:db8::1' }]],
    ['CNAME', 'CNAME', ['b.test'], [{ type: 'CNAME', ttl: null, data: 'b.test' }]],
    ['TXT chunks joined', 'TXT', [['a', 'b'], ['c']], [{ type: 'TXT', ttl: null, data: 'ab' }, { type: 'TXT', ttl: null, data: 'c' }]],
    ['MX', 'MX', [{ exchange: 'mx.test', priority: 5 }], [{ type: 'MX', ttl: null, data: { priority: 5, exchange: 'mx.test' } }]],
    ['SRV name becomes target', 'SRV', [{ name: 't.test', port: 1, priority: 2, weight: 3 }], [
      { type: 'SRV', ttl: null, data: { priority: 2, weight: 3, port: 1, target: 't.test' } },
    ]],
    ['SOA (an object, not a list)', 'SOA', { nsname: 'ns', hostmaster: 'hm', serial: 1, refresh: 2, retry: 3, expire: 4, minttl: 5 }, [
      { type: 'SOA', ttl: null, data: { nsname: 'ns', hostmaster: 'hm', serial: 1, refresh: 2, retry: 3, expire: 4, minttl: 5 } },
    ]],
    ['CAA flags 0 is not critical', 'CAA', [{ critical: 0, iodef: 'mailto:x@test' }], [
      { type: 'CAA', ttl: null, data: { critical: false, tag: 'iodef', value: 'mailto:x@test' } },
    ]],
    ['CAA flags 128 is critical', 'CAA', [{ critical: 128, issue: 'ca.test' }], [
      { type: 'CAA', ttl: null, data: { critical: true, tag: 'issue', value: 'ca.test' } },
    ]],
    ['NAPTR', 'NAPTR', [{ flags: 'U', service: 'E2U+sip', regexp: '!^.*$!sip:x@test!', replacement: '', order: 1, preference: 2 }], [
      { type: 'NAPTR', ttl: null, data: { order: 1, preference: 2, flags: 'U', service: 'E2U+sip', regexp: '!^.*$!sip:x@test!', replacement: '' } },
    ]],
    // Node gives TXT and CAA text one character per byte: UTF-8 must be read back as UTF-8.
    ['TXT in UTF-8, as Node hands it over (latin1)', 'TXT', [[Buffer.from('café ', 'utf8').toString('latin1'), Buffer.from('ünï', 'utf8').toString('latin1')]], [
      { type: 'TXT', ttl: null, data: 'café ünï' },
    ]],
    ['TXT bytes that are not UTF-8 stay one character per byte', 'TXT', [['\xff\xfeA']], [{ type: 'TXT', ttl: null, data: '\xff\xfeA' }]],
    ['CAA value in UTF-8', 'CAA', [{ critical: 0, iodef: Buffer.from('mailto:é@test', 'utf8').toString('latin1') }], [
      { type: 'CAA', ttl: null, data: { critical: false, tag: 'iodef', value: 'mailto:é@test' } },
    ]],
    // The root name: Node gives '', dig and RFC 7505 / RFC 2782 write '.'.
    ['a null MX (RFC 7505) points at the root', 'MX', [{ exchange: '', priority: 0 }], [{ type: 'MX', ttl: null, data: { priority: 0, exchange: '.' } }]],
    ['an SRV "no service here" target is the root', 'SRV', [{ name: '', port: 0, priority: 0, weight: 0 }], [
      { type: 'SRV', ttl: null, data: { priority: 0, weight: 0, port: 0, target: '.' } },
    ]],
    ['ANY: each record by its own type', 'ANY', [
      { type: 'A', address: '192.0.2.1', ttl: 9 },
      { type: 'NS', value: 'ns.test' },
      { type: 'TXT', entries: ['x', 'y'] },
    ], [
      { type: 'A', ttl: 9, data: '192.0.2.1' },
      { type: 'NS', ttl: null, data: 'ns.test' },
      { type: 'TXT', ttl: null, data: 'xy' },
    ]],
  ];
  it.each(rows)('%s', (_l, type, raw, want) => {
    expect(normalizeAnswers(type, raw)).toEqual(want);
  });
});

describe('serverLabel', () => {
  it.each([
    [{ address: '127.0.0.1', port: 53 }, '127.0.0.1:53'],
    [{ address: '::1', port: 5353 }, '[::1]:5353'],
  ])('%j -> %s', (s, label) => expect(serverLabel(s)).toBe(label));
});

describe('DnsClient against the fake server', () => {
  let dns: FakeDns;
  beforeAll(async () => {
    dns = await startFakeDns({ zone: TEST_ZONE });
  });
  afterAll(async () => {
    await dns?.close();
  });
  const client = (timeoutMs = 2000, tries = 2) => new DnsClient({ address: '127.0.0.1', port: dns.port }, { timeoutMs, tries });

  it('labels itself with the server and answers with TTLs for A', async () => {
    const c = client();
    expect(c.label).toBe(`127.0.0.1:${dns.port}`);
    const r = await c.query('all.netkit.test', 'A');
    expect(r.status).toBe('NOERROR');
    expect(r.answers).toEqual([
      { type: 'A', ttl: 300, data: '192.0.2.10' },
      { type: 'A', ttl: 300, data: '192.0.2.11' },
    ]);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    c.close();
  });

  it('TXT in UTF-8 reads as UTF-8, other bytes one character each; a null MX points at "."', async () => {
    const c = client();
    expect((await c.query('utf8.netkit.test', 'TXT')).answers).toEqual([{ type: 'TXT', ttl: null, data: 'café ünïcode' }]);
    expect((await c.query('bytes.netkit.test', 'TXT')).answers).toEqual([{ type: 'TXT', ttl: null, data: '\xff\xfeA' }]);
    expect((await c.query('nullmx.netkit.test', 'MX')).answers).toEqual([{ type: 'MX', ttl: null, data: { priority: 0, exchange: '.' } }]);
    c.close();
  });

  it('a deadline cancels only its own query: others in flight on the same client still answer', async () => {
    const c = client(300, 1);
    const silent = c.query('silent.netkit.test', 'A');
    const others = Array.from({ length: 20 }, () => c.query('end.netkit.test', 'A'));
    const results = await Promise.all(others);
    expect(results.every((r) => r.status === 'NOERROR' && r.answers[0]?.data === '192.0.2.20')).toBe(true);
    const s = await silent;
    expect(s.status).toBe('TIMEOUT');
    expect(s.elapsedMs).toBeLessThan(1500);
    // and the client still works afterwards (its Resolvers went back to the pool)
    expect((await c.query('v4only.netkit.test', 'A')).status).toBe('NOERROR');
    c.close();
  });
});

describe('DnsClient with an injected dns module', () => {
  /** A fake Resolver: answers after `delay` ms, records setServers/cancel. */
  function fakeModule(delay: number, answer: (name: string) => [Error | null, unknown]) {
    const log: string[] = [];
    let created = 0;
    class FakeResolver {
      private pending: ((e: Error | null, v: unknown) => void)[] = [];
      constructor(readonly opts: { timeout?: number; tries?: number }) {
        created++;
        log.push(`new timeout=${opts.timeout} tries=${opts.tries}`);
      }
      setServers(s: string[]) {
        log.push(`servers ${s.join(',')}`);
      }
      getServers() {
        return ['198.51.100.53'];
      }
      cancel() {
        log.push('cancel');
        const p = this.pending;
        this.pending = [];
        for (const cb of p) cb(Object.assign(new Error('cancelled'), { code: 'ECANCELLED' }), undefined);
      }
      resolve4(name: string, _o: unknown, cb: (e: Error | null, v: unknown) => void) {
        this.pending.push(cb);
        setTimeout(() => {
          if (!this.pending.includes(cb)) return;
          this.pending = this.pending.filter((x) => x !== cb);
          const [e, v] = answer(name);
          cb(e, v);
        }, delay);
      }
    }
    const mod = { Resolver: FakeResolver, lookup: () => {} } as unknown as DnsModule;
    return { mod, log, created: () => created };
  }

  it('sets the server as host:port and spreads c-ares tries inside the deadline', async () => {
    const f = fakeModule(1, () => [null, [{ address: '192.0.2.1', ttl: 5 }]]);
    const c = new DnsClient({ address: '::1', port: 5353 }, { timeoutMs: 700, tries: 3, dns: f.mod });
    const r = await c.query('x.test', 'A');
    expect(r.status).toBe('NOERROR');
    // 700 ms over three tries that double: 100 + 200 + 400
    expect(f.log.slice(0, 2)).toEqual(['new timeout=100 tries=3', 'servers [::1]:5353']);
  });

  it('on the deadline: TIMEOUT, cancel() called, the late answer ignored', async () => {
    const f = fakeModule(200, () => [null, [{ address: '192.0.2.1', ttl: 5 }]]);
    const c = new DnsClient({ address: '127.0.0.1', port: 53 }, { timeoutMs: 50, tries: 1, dns: f.mod });
    const r = await c.query('x.test', 'A');
    expect(r).toMatchObject({ status: 'TIMEOUT', answers: [], error: 'no reply within 50 ms' });
    expect(f.log).toContain('cancel');
  });

  it('queries in flight together each get a Resolver of their own, reused afterwards', async () => {
    const f = fakeModule(5, () => [null, [{ address: '192.0.2.1', ttl: 5 }]]);
    const c = new DnsClient({ address: '127.0.0.1', port: 53 }, { timeoutMs: 1000, tries: 1, dns: f.mod });
    await Promise.all(Array.from({ length: 8 }, () => c.query('x.test', 'A')));
    expect(f.created()).toBe(8);
    await Promise.all(Array.from({ length: 8 }, () => c.query('x.test', 'A')));
    expect(f.created()).toBe(8);
  });

  it('without a server: the system configuration, labelled by its servers, no setServers', () => {
    const f = fakeModule(1, () => [null, []]);
    const c = new DnsClient(null, { timeoutMs: 100, tries: 1, dns: f.mod });
    expect(c.label).toBe('198.51.100.53');
    expect(f.log.some((l) => l.startsWith('servers'))).toBe(false);
  });

  it('an empty answer list is NODATA', async () => {
    const f = fakeModule(1, () => [null, []]);
    const c = new DnsClient({ address: '127.0.0.1', port: 53 }, { timeoutMs: 100, tries: 1, dns: f.mod });
    expect((await c.query('x.test', 'A')).status).toBe('NODATA');
  });
});

describe('systemLookup (getaddrinfo) with an injected lookup', () => {
  const lookup = (result: [Error | null, unknown], delay = 0) =>
    ({
      lookup: (_n: string, opts: unknown, cb: (e: Error | null, v: unknown) => void) => {
        calls.push(opts);
        setTimeout(() => cb(...result), delay);
      },
    }) as never;
  const calls: unknown[] = [];

  it('A: all addresses, no TTLs, family 4', async () => {
    calls.length = 0;
    const r = await systemLookup('h.test', 'A', { timeoutMs: 500, dns: lookup([null, [{ address: '192.0.2.7', family: 4 }]]) });
    expect(r.answers).toEqual([{ type: 'A', ttl: null, data: '192.0.2.7' }]);
    expect(r.status).toBe('NOERROR');
    expect(calls[0]).toMatchObject({ family: 4, all: true });
  });
  it('ENOTFOUND is NXDOMAIN', async () => {
    const r = await systemLookup('h.test', 'AAAA', { timeoutMs: 500, dns: lookup([err('ENOTFOUND'), undefined]) });
    expect(r.status).toBe('NXDOMAIN');
  });
  it('no answer by the deadline is TIMEOUT', async () => {
    const r = await systemLookup('h.test', 'A', { timeoutMs: 30, dns: lookup([null, []], 300) });
    expect(r.status).toBe('TIMEOUT');
  });
});
