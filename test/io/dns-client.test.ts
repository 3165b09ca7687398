// netkit's DNS client against the in-process fake server on loopback (UDP and TCP) and
// against injected transports: the matching rules (ID, QR, question), retries inside the
// deadline, TC -> TCP, AXFR over several messages, transport failures as statuses; and
// getaddrinfo's codes for --system. Never the machine's configured resolver.
import dgram from 'node:dgram';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeQuery } from '../../src/core/dns-wire.js';
import { DnsClient, backoff, serverLabel, type DnsTransport, type Exchange } from '../../src/io/dns/index.js';
import { DEFAULT_MAX_USES } from '../../src/io/dns/udp.js';
import { LOOKUP_ERRORS, lookupThreads, mapLookupError, systemLookup, systemServers } from '../../src/io/dns/system.js';
import { startFakeDns, type FakeDns } from '../fake-dns/server.js';
import { TEST_ZONE } from '../fake-dns/zone.js';

const err = (code: string) => Object.assign(new Error(`query failed: ${code}`), { code });

let dns: FakeDns;
beforeAll(async () => {
  dns = await startFakeDns({ zone: TEST_ZONE });
});
afterAll(async () => {
  await dns?.close();
});
beforeEach(() => {
  dns.received.length = 0;
});
const client = (timeoutMs = 2000, tries = 2) => new DnsClient({ address: '127.0.0.1', port: dns.port }, { timeoutMs, tries });

describe('DnsClient against the fake server', () => {
  it('labels itself with the server; every record has owner, type, integer TTL and data; EDNS 1232 sent', async () => {
    const c = client();
    expect(c.label).toBe(`127.0.0.1:${dns.port}`);
    const r = await c.query('alias.netkit.test', 'A');
    expect(r.status).toBe('NOERROR');
    expect(r.transport).toBe('udp');
    expect(r.message!.answers).toEqual([
      { name: 'alias.netkit.test', type: 'CNAME', ttl: 60, data: 'middle.netkit.test' },
      { name: 'middle.netkit.test', type: 'CNAME', ttl: 60, data: 'end.netkit.test' },
      { name: 'end.netkit.test', type: 'A', ttl: 30, data: '192.0.2.20' },
    ]);
    expect(r.message!.flags).toMatchObject({ qr: true, aa: true, rd: true, ra: true });
    expect(dns.received[0]!.edns).toEqual({ udpSize: 1232, do: false });
  });

  it('--dnssec sets DO; --no-edns sends no OPT record', async () => {
    await client().query('end.netkit.test', 'A', { dnssec: true });
    await client().query('end.netkit.test', 'A', { edns: false });
    expect(dns.received.map((q) => q.edns)).toEqual([{ udpSize: 1232, do: true }, null]);
  });

  it(`a random ID for every query; a socket (a random port) serves at most ${DEFAULT_MAX_USES} queries`, async () => {
    const c = client();
    const n = DEFAULT_MAX_USES * 3 + 10;
    await Promise.all(Array.from({ length: n }, () => c.query('end.netkit.test', 'A')));
    expect(dns.received).toHaveLength(n);
    const ids = new Set(dns.received.map((q) => q.id));
    const perPort = new Map<number, number>();
    for (const q of dns.received) perPort.set(q.port, (perPort.get(q.port) ?? 0) + 1);
    // n random 16-bit IDs: a few collisions are possible (about n^2 / 2^17), a sequence is not
    expect(ids.size).toBeGreaterThan(n - 10);
    expect(perPort.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...perPort.values())).toBeLessThanOrEqual(DEFAULT_MAX_USES);
    // and one socket never has two queries with the same ID in flight (replies go by ID)
    for (const port of perPort.keys()) {
      const onPort = dns.received.filter((q) => q.port === port).map((q) => q.id);
      expect(new Set(onPort).size).toBe(onPort.length);
    }
    const sorted = [...dns.received.map((q) => q.id)].sort((a, b) => a - b);
    expect(sorted.some((id, i) => i > 0 && id - sorted[i - 1]! > 1)).toBe(true);
  });

  it.each([
    ['another ID first (heard as a stray on the socket)', 'wrongid.netkit.test'],
    ['another question first', 'wrongquestion.netkit.test'],
    ['a query (QR=0) first', 'qr0.netkit.test'],
  ])('%s: ignored and counted; the right reply is used', async (_l, name) => {
    const r = await client().query(name, 'A');
    expect(r.status).toBe('NXDOMAIN'); // the zone has no records there: the real reply is NXDOMAIN
    expect(r.ignoredReplies).toBe(1);
    expect(r.message!.answers.map((a) => a.data)).not.toContain('192.0.2.66');
  });

  it('rcodes: the rcode decides, other rcodes are ERROR naming it', async () => {
    const c = client();
    const got = await Promise.all(
      ['servfail', 'refused', 'notimp', 'yxdomain', 'formerr', 'badvers', 'nxanswers'].map((n) => c.query(`${n}.netkit.test`, 'A')),
    );
    expect(got.map((r) => [r.status, r.error ?? null])).toEqual([
      ['SERVFAIL', null],
      ['REFUSED', null],
      ['ERROR', 'the server answered NOTIMP'],
      ['ERROR', 'the server answered YXDOMAIN'],
      ['ERROR', 'the server answered FORMERR'],
      ['ERROR', 'the server answered BADVERS'],
      ['NXDOMAIN', null],
    ]);
    expect(got[6]!.message!.answers).toHaveLength(2);
  });

  it('silence: TIMEOUT at the deadline, after the tries were sent with backoff', async () => {
    const r = await client(700, 3).query('silent.netkit.test', 'A');
    expect(r).toMatchObject({ status: 'TIMEOUT', error: 'no reply within 700 ms', message: null });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(690);
    expect(r.elapsedMs).toBeLessThan(1200);
    // 100 ms, then 200 ms later, then the last wait of 400 ms: three sends, one socket, one ID
    expect(dns.received.map((q) => q.transport)).toEqual(['udp', 'udp', 'udp']);
    expect(new Set(dns.received.map((q) => q.id)).size).toBe(1);
    expect(new Set(dns.received.map((q) => q.port)).size).toBe(1);
  });

  it('garbage from the server is not an answer: ERROR at the deadline, saying replies were ignored', async () => {
    const r = await client(400, 2).query('garbage.netkit.test', 'A');
    expect(r.status).toBe('ERROR');
    expect(r.error).toMatch(/^no matching reply within 400 ms \(\d ignored\)$/);
  });

  it('our ID but a cut-off body: ERROR with the reason, at once', async () => {
    const r = await client().query('badresponse.netkit.test', 'A');
    expect(r.status).toBe('ERROR');
    expect(r.error).toMatch(/^malformed reply: /);
    expect(r.elapsedMs).toBeLessThan(500);
  });

  it('TC over UDP: asked again over TCP, all 40 records', async () => {
    const r = await client().query('big.netkit.test', 'A');
    expect(r.status).toBe('NOERROR');
    expect(r.transport).toBe('tcp');
    expect(r.message!.answers).toHaveLength(40);
    expect(dns.asked('big.netkit.test').map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('a 64 KB TXT comes over TCP whole', async () => {
    const r = await client().query('bigtxt.other.test', 'TXT');
    expect(r.status).toBe('NOERROR');
    expect((r.message!.answers[0]!.data as string[]).join('').length).toBe(250 * 255);
  });

  it('--tcp asks over TCP only', async () => {
    const r = await client().query('end.netkit.test', 'A', { tcp: true });
    expect(r).toMatchObject({ status: 'NOERROR', transport: 'tcp' });
    expect(dns.received.map((q) => q.transport)).toEqual(['tcp']);
  });

  it('TTL with the high bit set is 0; SOA numbers unsigned', async () => {
    const c = client();
    expect((await c.query('highttl.netkit.test', 'A')).message!.answers[0]!.ttl).toBe(0);
    expect((await c.query('maxsoa.netkit.test', 'SOA')).message!.answers[0]!.data).toMatchObject({
      serial: 4294967295, refresh: 4294967295, retry: 4294967295, expire: 4294967295, minttl: 4294967295,
    });
  });

  it('AXFR: the zone over TCP in several messages, SOA first and last', async () => {
    const r = await client().query('netkit.test', 'AXFR');
    expect(r.status).toBe('NOERROR');
    expect(r.transport).toBe('tcp');
    const answers = r.message!.answers;
    expect(answers[0]!.type).toBe('SOA');
    expect(answers.at(-1)!.type).toBe('SOA');
    expect(r.messages).toBeGreaterThan(5);
    expect(answers.length).toBe(TEST_ZONE.records.filter((x) => /(^|\.)netkit\.test$/.test(x.name)).length + 1);
    expect(dns.received.map((q) => `${q.transport} ${q.type}`)).toEqual(['tcp AXFR']);
  });

  it('AXFR refused: REFUSED; a first message without the SOA: ERROR with the reason', async () => {
    expect((await client().query('other.test', 'AXFR')).status).toBe('REFUSED');
    const r = await client().query('nosoa.netkit.test', 'AXFR');
    expect(r).toMatchObject({ status: 'ERROR', error: "the transfer does not start with the zone's SOA (A)" });
  });

  it('a closed port: ERROR at once, port unreachable over UDP, connection refused over TCP', async () => {
    const c = new DnsClient({ address: '127.0.0.1', port: 1 }, { timeoutMs: 2000, tries: 2 });
    const r = await c.query('x.test', 'A');
    expect(r).toMatchObject({ status: 'ERROR', error: 'port unreachable: no DNS server listens there (ICMP)', transport: 'udp' });
    expect(r.elapsedMs).toBeLessThan(1000);
    const t = await c.query('x.test', 'A', { tcp: true });
    expect(t).toMatchObject({ status: 'ERROR', error: 'connection refused', transport: 'tcp' });
  });
});

describe('DnsClient over an injected transport', () => {
  /** A transport that hands `accept` the replies `make` builds from the query. */
  function fake(make: (q: Uint8Array) => Uint8Array[]): DnsTransport & { sent: Uint8Array[]; ex: Exchange[] } {
    const sent: Uint8Array[] = [];
    const ex: Exchange[] = [];
    return {
      protocol: 'fake',
      datagram: false,
      sent,
      ex,
      exchange(q, e) {
        sent.push(q);
        ex.push(e);
        for (const r of make(q)) if (e.accept(r) === 'done') return Promise.resolve();
        return new Promise((_res, rej) => e.signal.addEventListener('abort', () => rej(e.signal.reason)));
      },
    };
  }
  const withId = (q: Uint8Array, id: number, flags = 0x8180) => {
    const r = Uint8Array.from(q);
    r[0] = id >> 8;
    r[1] = id & 255;
    r[2] = flags >> 8;
    r[3] = flags & 255;
    return r;
  };

  it('the query carries the random ID; the echo with QR=1 is the answer (NODATA), ignored ones counted', async () => {
    const t = fake((q) => [withId(q, (q[0]! << 8 | q[1]!) ^ 1), withId(q, q[0]! << 8 | q[1]!, 0x0100), withId(q, q[0]! << 8 | q[1]!)]);
    const c = new DnsClient({ address: '192.0.2.53', port: 53 }, { timeoutMs: 500, tries: 1, udp: () => t, randomId: () => 0xbeef });
    const r = await c.query('x.test', 'A');
    expect(t.sent[0]!.slice(0, 2)).toEqual(Uint8Array.from([0xbe, 0xef]));
    expect(r).toMatchObject({ status: 'NODATA', ignoredReplies: 2, transport: 'fake' });
  });

  it('a transport that never answers: TIMEOUT at the deadline, its signal aborted', async () => {
    const t = fake(() => []);
    const c = new DnsClient({ address: '192.0.2.53', port: 53 }, { timeoutMs: 80, tries: 1, udp: () => t });
    const r = await c.query('x.test', 'A');
    expect(r.status).toBe('TIMEOUT');
    expect(t.ex[0]!.signal.aborted).toBe(true);
  });

  it('the same query bytes as encodeQuery would write (EDNS 1232, RD)', async () => {
    const t = fake(() => []);
    const c = new DnsClient({ address: '192.0.2.53', port: 53 }, { timeoutMs: 20, tries: 1, udp: () => t, randomId: () => 7 });
    await c.query('x.test', 'MX');
    expect(t.sent[0]).toEqual(encodeQuery({ id: 7, name: 'x.test', type: 'MX', edns: { udpSize: 1232, do: false } }));
  });
});

describe('backoff: resend delays that double and fit the deadline', () => {
  it.each([
    [700, 3, [100, 200]],
    [5000, 2, [1667]],
    [1000, 1, []],
  ] as const)('%i ms, %i tries -> %j', (t, n, want) => expect(backoff(t, n)).toEqual(want));
});

describe('getaddrinfo (--system)', () => {
  it.each([
    ['ENOTFOUND', 'NXDOMAIN', undefined],
    ['EAI_NONAME', 'NXDOMAIN', undefined],
    ['ENODATA', 'NODATA', undefined],
    // "temporary failure" comes back at once without a network: said as it is, not TIMEOUT
    ['EAI_AGAIN', 'ERROR', 'temporary failure in name resolution'],
    ['EAI_FAIL', 'SERVFAIL', 'non-recoverable'],
  ])('%s -> %s', (code, status, error) => {
    const m = mapLookupError(err(code));
    expect(m.status).toBe(status);
    if (error) expect(m.error).toContain(error);
    else expect(m.error).toBeUndefined();
  });
  it.each([
    [undefined, 4], // libuv's default thread pool
    ['16', 16],
    ['1', 1],
    ['4096', 1024], // libuv's own ceiling
    ['0', 4],
    ['lots', 4],
    ['2.5', 4],
  ])('UV_THREADPOOL_SIZE=%s: %i lookups at once', (size, threads) => {
    expect(lookupThreads(size === undefined ? {} : { UV_THREADPOOL_SIZE: size })).toBe(threads);
  });

  it('an unknown code is ERROR and says the code; every table status is known', () => {
    expect(mapLookupError(err('EWEIRD'))).toEqual({ status: 'ERROR', error: 'EWEIRD: query failed: EWEIRD' });
    for (const m of Object.values(LOOKUP_ERRORS)) expect(['NXDOMAIN', 'NODATA', 'SERVFAIL', 'ERROR']).toContain(m.status);
  });

  const lookup = (result: [Error | null, unknown], delay = 0) =>
    ({
      lookup: (_n: string, _opts: unknown, cb: (e: Error | null, v: unknown) => void) => void setTimeout(() => cb(...result), delay),
    }) as never;
  it('A: all addresses, no TTLs', async () => {
    const r = await systemLookup('h.test', 'A', { timeoutMs: 500, dns: lookup([null, [{ address: '192.0.2.7', family: 4 }]]) });
    expect(r).toMatchObject({ status: 'NOERROR', answers: [{ type: 'A', ttl: null, data: '192.0.2.7' }] });
  });
  it('no answer by the deadline is TIMEOUT', async () => {
    const r = await systemLookup('h.test', 'A', { timeoutMs: 30, dns: lookup([null, []], 300) });
    expect(r.status).toBe('TIMEOUT');
  });
  it('systemServers reads what node:dns reports from resolv.conf', () => {
    expect(systemServers({ getServers: () => ['127.0.0.53', '192.0.2.1:5353', '::1', '[2001:db8::1]:5353'] })).toEqual([
      { address: '127.0.0.53', port: 53 },
      { address: '192.0.2.1', port: 5353 },
      { address: '::1', port: 53 },
      { address: '2001:db8::1', port: 5353 },
    ]);
    expect(serverLabel({ address: '::1', port: 53 })).toBe('[::1]:53');
  });
});

describe('UDP: only the server address and port are heard', () => {
  it('a reply from another port of the same host is not taken', async () => {
    // A "server" that answers from a different socket (another source port) than the one asked.
    const asked = dgram.createSocket('udp4');
    const other = dgram.createSocket('udp4');
    await new Promise<void>((r) => asked.bind(0, '127.0.0.1', () => r()));
    await new Promise<void>((r) => other.bind(0, '127.0.0.1', () => r()));
    asked.on('message', (m, rinfo) => {
      const reply = Buffer.from(m);
      reply[2] = 0x81;
      other.send(reply, rinfo.port, rinfo.address);
    });
    try {
      const c = new DnsClient({ address: '127.0.0.1', port: asked.address().port }, { timeoutMs: 300, tries: 1 });
      const r = await c.query('x.test', 'A');
      expect(r.status).toBe('TIMEOUT');
    } finally {
      asked.close();
      other.close();
    }
  });
});
