// netkit resolve end to end: the BUILT CLI against the in-process fake DNS server on
// loopback. Every run passes --server 127.0.0.1:<port>; `run` refuses to start one that
// would fall back to the machine's configured resolver.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, jsonLines, netkitAsync, type RunResult } from '../helpers/cli.js';
import { startFakeDns, type FakeDns } from '../fake-dns/server.js';
import { TEST_ZONE, bulkAddress, bulkZone } from '../fake-dns/zone.js';

let dns: FakeDns;
let bulk: FakeDns;

beforeAll(async () => {
  dns = await startFakeDns({ zone: TEST_ZONE });
  bulk = await startFakeDns({ zone: bulkZone(3000), delayMs: 2 });
});
afterAll(async () => {
  await dns?.close();
  await bulk?.close();
});
beforeEach(() => {
  dns.received.length = 0;
});

/** Run `netkit resolve` against the fake server (added unless the test names its own servers). */
function run(args: string[], opts: { input?: string; servers?: string[] } = {}): Promise<RunResult> {
  const servers = opts.servers ?? [dns.server];
  // Only --system runs may go without --server, and those tests use names from /etc/hosts.
  const system = args.includes('--system');
  if ((servers.length === 0 && !system) || servers.some((s) => !/^(127\.|\[::1|\[127\.)/.test(s))) {
    throw new Error(`test would query a non-loopback or the system's resolver: ${servers.join(' ')}`);
  }
  return netkitAsync(['resolve', ...servers.flatMap((s) => ['--server', s]), ...args], { input: opts.input });
}

/** The fields of every --json record, in order. */
const FIELDS = ['input', 'name', 'type', 'server', 'status', 'rcode', 'flags', 'answers', 'authority', 'additional', 'edns', 'transport', 'elapsedMs'];

describe('answers, one record type at a time', () => {
  // [label, args, expected JSON answers of the first query]: owner, type, TTL on every record
  const rec = (name: string, type: string, ttl: number, data: unknown) => ({ name, type, ttl, data });
  const rows: [string, string[], unknown[]][] = [
    ['A with TTLs', ['all.netkit.test', '-t', 'A'], [rec('all.netkit.test', 'A', 300, '192.0.2.10'), rec('all.netkit.test', 'A', 300, '192.0.2.11')]],
    ['AAAA with TTLs', ['all.netkit.test', '-t', 'AAAA'], [rec('all.netkit.test', 'AAAA', 600, '2001:db8::10')]],
    ['MX as an object, with its TTL', ['all.netkit.test', '-t', 'MX'], [
      rec('all.netkit.test', 'MX', 3600, { priority: 10, exchange: 'mail.netkit.test' }),
      rec('all.netkit.test', 'MX', 3600, { priority: 20, exchange: 'backup.netkit.test' }),
    ]],
    ['NS as a string', ['all.netkit.test', '-t', 'NS'], [rec('all.netkit.test', 'NS', 86400, 'ns1.netkit.test')]],
    ['TXT keeps its strings apart', ['all.netkit.test', '-t', 'TXT'], [rec('all.netkit.test', 'TXT', 120, ['v=spf1 ', '-all'])]],
    ['SOA as an object', ['netkit.test', '-t', 'SOA'], [rec('netkit.test', 'SOA', 3600,
      { nsname: 'ns1.netkit.test', hostmaster: 'hostmaster.netkit.test', serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minttl: 300 })]],
    ['SRV as an object', ['_sip._udp.netkit.test', '-t', 'SRV'], [
      rec('_sip._udp.netkit.test', 'SRV', 3600, { priority: 10, weight: 60, port: 5060, target: 'sip.netkit.test' }),
    ]],
    ['CAA as an object', ['all.netkit.test', '-t', 'CAA'], [rec('all.netkit.test', 'CAA', 3600, { critical: true, flags: 128, tag: 'issue', value: 'ca.netkit.test' })]],
    ['NAPTR as an object', ['all.netkit.test', '-t', 'NAPTR'], [rec('all.netkit.test', 'NAPTR', 3600,
      { order: 100, preference: 10, flags: 'S', service: 'SIP+D2U', regexp: '', replacement: '_sip._udp.netkit.test' })]],
    ['CNAME: the first hop', ['alias.netkit.test', '-t', 'CNAME'], [rec('alias.netkit.test', 'CNAME', 60, 'middle.netkit.test')]],
    ['A through a CNAME chain: every hop with its owner', ['alias.netkit.test', '-t', 'A'], [
      rec('alias.netkit.test', 'CNAME', 60, 'middle.netkit.test'),
      rec('middle.netkit.test', 'CNAME', 60, 'end.netkit.test'),
      rec('end.netkit.test', 'A', 30, '192.0.2.20'),
    ]],
    ['PTR from a bare IPv4 address', ['127.0.0.2'], [rec('2.0.0.127.in-addr.arpa', 'PTR', 3600, 'loopback-two.netkit.test')]],
    ['PTR from a bare IPv6 address', ['::1'], [rec('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa', 'PTR', 3600, 'six.netkit.test')]],
    ['lower-case type names work', ['all.netkit.test', '-t', 'ns'], [rec('all.netkit.test', 'NS', 86400, 'ns1.netkit.test')]],
    ['TYPEnnn names a type by number (TYPE15 is MX)', ['nullmx.netkit.test', '-t', 'TYPE15'], [rec('nullmx.netkit.test', 'MX', 60, { priority: 0, exchange: '.' })]],
    ['a TTL with the high bit set is 0 (RFC 2181)', ['highttl.netkit.test', '-t', 'A'], [rec('highttl.netkit.test', 'A', 0, '192.0.2.50')]],
  ];
  it.each(rows)('%s', async (_label, args, answers) => {
    const r = await run([...args, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [rec] = jsonLines(r.stdout);
    expect(rec.status).toBe('NOERROR');
    expect(rec.server).toBe(dns.server);
    expect(rec.answers).toEqual(answers);
    expect(typeof rec.elapsedMs).toBe('number');
  });

  it('every JSON record has exactly the documented fields, in order', async () => {
    const r = await run(['all.netkit.test', 'alias.netkit.test', '--json']);
    for (const rec of jsonLines(r.stdout)) {
      expect(Object.keys(rec)).toEqual(FIELDS);
    }
  });

  it('the message in --json: rcode, flags, sections, EDNS, transport; a negative answer has its SOA and negative TTL', async () => {
    const r = await run(['nope.netkit.test', '-t', 'A', '--json']);
    const [rec] = jsonLines(r.stdout);
    expect(rec).toMatchObject({
      status: 'NXDOMAIN',
      rcode: 'NXDOMAIN',
      flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: false },
      answers: [],
      authority: [{ name: 'netkit.test', type: 'SOA', ttl: 3600, data: { minttl: 300 } }],
      additional: [],
      edns: null, // the fake server does not answer with EDNS
      transport: 'udp',
      negativeTtl: 300,
    });
    // optional fields come after the fixed ones
    expect(Object.keys(rec)).toEqual([...FIELDS, 'negativeTtl']);
  });

  it('ANY returns records of several types, each with its own type', async () => {
    const r = await run(['all.netkit.test', '-t', 'ANY', '--json']);
    expect(r.code).toBe(0);
    const [rec] = jsonLines(r.stdout);
    expect(rec.type).toBe('ANY');
    expect(new Set(rec.answers.map((a: any) => a.type))).toEqual(new Set(['A', 'AAAA', 'MX', 'NS', 'TXT', 'NAPTR', 'CAA']));
    expect(dns.asked('all.netkit.test', 'ANY')).toHaveLength(1);
  });

  it('defaults to A and AAAA, asking the server exactly those', async () => {
    const r = await run(['all.netkit.test', '--json']);
    expect(jsonLines(r.stdout).map((x) => x.type)).toEqual(['A', 'AAAA']);
    expect(dns.received.map((q) => `${q.name} ${q.type} ${q.transport}`).sort()).toEqual([
      'all.netkit.test A udp',
      'all.netkit.test AAAA udp',
    ]);
    expect(dns.received.every((q) => q.recursionDesired)).toBe(true);
  });

  it('bare upper-case type words among the names are types (netkit resolve NAME MX)', async () => {
    const r = await run(['all.netkit.test', 'MX', '--json']);
    expect(jsonLines(r.stdout).map((x) => `${x.name} ${x.type}`)).toEqual(['all.netkit.test MX']);
  });

  it('the root name "." is a name, not an address', async () => {
    const r = await run(['.', '-t', 'NS', '--json']);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ name: '.', type: 'NS', status: 'NXDOMAIN' });
    expect(dns.asked('', 'NS')).toHaveLength(1);
  });

  it('a reverse lookup asks the in-addr.arpa name and shows the address in the table', async () => {
    const r = await run(['127.0.0.2']);
    expect(dns.asked('2.0.0.127.in-addr.arpa', 'PTR')).toHaveLength(1);
    expect(r.stdout).toMatch(/^127\.0\.0\.2\s+PTR\s+3600\s+loopback-two\.netkit\.test\s+NOERROR\s+qr aa rd ra$/m);
  });

  it("-x ADDRESS, dig's reverse flag, is the same lookup as the address among the names", async () => {
    const viaX = await run(['-x', '127.0.0.2', '-x', '::1', '--short']);
    const viaName = await run(['127.0.0.2', '::1', '--short']);
    expect(viaX.stdout).toBe('loopback-two.netkit.test\nsix.netkit.test\n');
    expect([viaX.code, viaX.stdout, viaX.stderr]).toEqual([viaName.code, viaName.stdout, viaName.stderr]);
  });

  it('a truncated UDP answer is asked again over TCP, and all 40 records arrive', async () => {
    const r = await run(['big.netkit.test', '-t', 'A', '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0].answers).toHaveLength(40);
    expect(dns.asked('big.netkit.test').map((q) => q.transport)).toEqual(['udp', 'tcp']);
    expect(jsonLines(r.stdout)[0].transport).toBe('tcp');
  });

  it('--tcp asks over TCP; --dnssec sets the DO bit; --no-edns sends no OPT', async () => {
    await run(['end.netkit.test', '-t', 'A', '--tcp', '--json']);
    await run(['end.netkit.test', '-t', 'A', '--dnssec', '--json']);
    await run(['end.netkit.test', '-t', 'A', '--no-edns', '--json']);
    expect(dns.received.map((q) => [q.transport, q.edns])).toEqual([
      ['tcp', { udpSize: 1232, do: false }],
      ['udp', { udpSize: 1232, do: true }],
      ['udp', null],
    ]);
  });
});

describe('the human table', () => {
  it('a CNAME chain: one row per hop, each with its owner and TTL; flags on the first row', async () => {
    const r = await run(['alias.netkit.test', '-t', 'A']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+TTL\s+DATA\s+STATUS\s+FLAGS$/);
    expect(lines[1]).toMatch(/^alias\.netkit\.test\s+CNAME\s+60\s+middle\.netkit\.test\s+NOERROR\s+qr aa rd ra$/);
    expect(lines[2]).toMatch(/^middle\.netkit\.test\s+CNAME\s+60\s+end\.netkit\.test\s+NOERROR$/);
    expect(lines[3]).toMatch(/^end\.netkit\.test\s+A\s+30\s+192\.0\.2\.20\s+NOERROR$/);
  });

  it('NXDOMAIN shows the authority SOA: which zone said no, and for how long', async () => {
    const r = await run(['nope.netkit.test', '-t', 'A']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^nope\.netkit\.test\s+A\s+-\s+-\s+NXDOMAIN\s+qr aa rd ra$/m);
    expect(r.stdout).toMatch(/^netkit\.test\s+SOA\s+3600\s+ns1\.netkit\.test hostmaster\.netkit\.test 2024010101 7200 900 1209600 300\s+authority$/m);
  });

  it('SOA numbers print unsigned (4294967295, not -1)', async () => {
    const r = await run(['maxsoa.netkit.test', '-t', 'SOA', '--short']);
    expect(r.stdout).toBe('ns1.netkit.test hostmaster.netkit.test 4294967295 4294967295 4294967295 4294967295 4294967295\n');
  });

  it('TXT with control bytes never reaches the terminal raw: escaped in the table, --short and --json', async () => {
    const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;
    const table = await run(['ctl.netkit.test', '-t', 'TXT']);
    const short = await run(['ctl.netkit.test', '-t', 'TXT', '--short']);
    const json = await run(['ctl.netkit.test', '-t', 'TXT', '--json']);
    for (const r of [table, short, json]) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(raw);
      expect(r.stderr).toBe('');
    }
    // dig's presentation: every byte outside printable ASCII as \DDD
    expect(short.stdout).toBe('"\\027[2J\\007bell" "\\194\\15531mred \\226\\128\\174gnp.exe"\n');
    expect(json.stdout).toContain('\\u009b31mred \\u202egnp.exe');
    expect(jsonLines(json.stdout)[0].answers[0].data).toEqual(['\x1b[2J\x07bell', '\u009b31mred \u202egnp.exe']);
  });

  it('a 64 KB TXT widens only its own row: later rows stay narrow (output linear in its size)', async () => {
    const names = ['bigtxt.other.test', ...Array.from({ length: 20 }, () => 'end.netkit.test')];
    const r = await run([...names, '-t', 'TXT']);
    const lines = r.stdout.trimEnd().split('\n');
    const long = lines.filter((l) => l.length > 1000);
    expect(long).toHaveLength(1);
    expect(r.stdout.length).toBeLessThan(64_250 * 4 + 21 * 200);
    for (const l of lines.slice(2)) expect(l.length).toBeLessThan(200);
  });
});

describe('zone transfer (AXFR)', () => {
  it('over TCP, many messages, every record in order: SOA first and last', async () => {
    const r = await run(['netkit.test', '-t', 'AXFR', '--json']);
    expect(r.code).toBe(0);
    const [rec] = jsonLines(r.stdout);
    expect(rec).toMatchObject({ type: 'AXFR', status: 'NOERROR', transport: 'tcp' });
    expect(rec.messages).toBeGreaterThan(5);
    expect(rec.answers[0].type).toBe('SOA');
    expect(rec.answers.at(-1).type).toBe('SOA');
    expect(dns.received.map((q) => `${q.transport} ${q.type}`)).toEqual(['tcp AXFR']);
  });
  it('refused: REFUSED, exit 9', async () => {
    const r = await run(['other.test', '-t', 'AXFR']);
    expect(r.code).toBe(9);
    expect(r.stdout).toMatch(/^other\.test\s+AXFR\s+-\s+-\s+REFUSED/m);
  });
  it('a reply that is not the zone: ERROR with the reason, exit 9', async () => {
    const r = await run(['nosoa.netkit.test', '-t', 'AXFR', '--json']);
    expect(r.code).toBe(9);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ status: 'ERROR', error: "the transfer does not start with the zone's SOA (A)" });
  });
});

describe('statuses and exit codes', () => {
  // [label, args, statuses in output order, exit code]
  const rows: [string, string[], string[], number][] = [
    ['NXDOMAIN is a status, exit 1', ['nope.netkit.test', '-t', 'A'], ['NXDOMAIN'], 1],
    ['NODATA (name exists, no AAAA), exit 1', ['v4only.netkit.test'], ['NOERROR', 'NODATA'], 1],
    ['SERVFAIL, exit 9', ['servfail.netkit.test', '-t', 'A'], ['SERVFAIL'], 9],
    ['REFUSED, exit 9', ['refused.netkit.test', '-t', 'A'], ['REFUSED'], 9],
    ['NOTIMP is an ERROR, exit 9', ['notimp.netkit.test', '-t', 'A'], ['ERROR'], 9],
    ['YXDOMAIN is an ERROR naming it (not NODATA), exit 9', ['yxdomain.netkit.test', '-t', 'A'], ['ERROR'], 9],
    ['BADVERS (extended rcode 16) is an ERROR, exit 9', ['badvers.netkit.test', '-t', 'A'], ['ERROR'], 9],
    ['NXDOMAIN carrying answers is NXDOMAIN: the rcode decides', ['nxanswers.netkit.test', '-t', 'A'], ['NXDOMAIN'], 1],
    ['a wrong-ID reply first is ignored; the right one counts', ['wrongid.netkit.test', '-t', 'A'], ['NXDOMAIN'], 1],
    ['a QR=0 "reply" is ignored', ['qr0.netkit.test', '-t', 'A'], ['NXDOMAIN'], 1],
    ['garbage bytes: ERROR at the deadline, exit 9', ['garbage.netkit.test', '-t', 'A', '--timeout', '300'], ['ERROR'], 9],
    ['a malformed reply: ERROR, exit 9', ['badresponse.netkit.test', '-t', 'A'], ['ERROR'], 9],
    ['9 outranks 1', ['nope.netkit.test', 'refused.netkit.test', '-t', 'A'], ['NXDOMAIN', 'REFUSED'], 9],
  ];
  it.each(rows)('%s', async (_l, args, statuses, code) => {
    const r = await run([...args, '--json']);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout).map((x) => x.status)).toEqual(statuses);
    expect(r.code).toBe(code);
  });

  it('the human table shows failures as a status, never as empty output', async () => {
    const r = await run(['nope.netkit.test', 'v4only.netkit.test', 'servfail.netkit.test', '-t', 'AAAA']);
    expect(r.code).toBe(9);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+TTL\s+DATA\s+STATUS\s+FLAGS$/);
    expect(lines[1]).toMatch(/^nope\.netkit\.test\s+AAAA\s+-\s+-\s+NXDOMAIN\s+qr aa rd ra$/);
    expect(lines[2]).toMatch(/^netkit\.test\s+SOA\s+3600\s+.*authority$/);
    expect(lines[3]).toMatch(/^v4only\.netkit\.test\s+AAAA\s+-\s+-\s+NODATA\s+qr aa rd ra$/);
    expect(lines[5]).toMatch(/^servfail\.netkit\.test\s+AAAA\s+-\s+-\s+SERVFAIL\s+qr aa rd ra$/);
    expect(r.stderr).toBe('');
  });

  it('silence: TIMEOUT within the --timeout deadline (netkit cancels), exit 9', async () => {
    const t0 = Date.now();
    const r = await run(['silent.netkit.test', '-t', 'A', '--timeout', '400', '--tries', '3', '--json']);
    const took = Date.now() - t0;
    const [rec] = jsonLines(r.stdout);
    expect(rec.status).toBe('TIMEOUT');
    expect(rec.error).toBe('no reply within 400 ms');
    expect(rec.elapsedMs).toBeGreaterThan(100);
    expect(rec.elapsedMs).toBeLessThan(1000);
    expect(r.code).toBe(9);
    // Generous bound: process start-up plus the deadline, far below c-ares' own 3 tries x backoff.
    expect(took).toBeLessThan(5000);
    // three sends inside the deadline (backoff), the same ID each time
    expect(dns.asked('silent.netkit.test').length).toBe(3);
  });

  it('a closed port: port unreachable over UDP, connection refused over TCP: ERROR with the reason, exit 9', async () => {
    const r = await run(['all.netkit.test', '-t', 'A', '--json'], { servers: ['127.0.0.1:1'] });
    const [rec] = jsonLines(r.stdout);
    expect(rec).toMatchObject({ status: 'ERROR', error: 'port unreachable: no DNS server listens there (ICMP)', server: '127.0.0.1:1', answers: [] });
    const tcp = await run(['all.netkit.test', '-t', 'A', '--json', '--tcp'], { servers: ['127.0.0.1:1'] });
    expect(jsonLines(tcp.stdout)[0]).toMatchObject({ status: 'ERROR', error: 'connection refused', transport: 'tcp' });
    expect(r.code).toBe(9);
  });
});

describe('several servers', () => {
  it('each server answers separately, labelled, in --server order', async () => {
    const r = await run(['all.netkit.test', '-t', 'A', '--json'], { servers: [dns.server, bulk.server] });
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.server, x.status])).toEqual([
      [dns.server, 'NOERROR'],
      [bulk.server, 'NXDOMAIN'],
    ]);
    expect(r.code).toBe(1);
    expect(dns.asked('all.netkit.test')).toHaveLength(1);
    expect(bulk.asked('all.netkit.test')).toHaveLength(1);
  });

  it('@SERVER among the arguments, as dig takes it, is --server: same answers, same order, mixed with --server too', async () => {
    const viaOption = await run(['all.netkit.test', 'MX', '--json'], { servers: [dns.server, bulk.server] });
    const viaAt = await netkitAsync(['resolve', `@${dns.server}`, 'all.netkit.test', 'MX', `@${bulk.server}`, '--json']);
    const mixed = await netkitAsync(['resolve', 'all.netkit.test', 'MX', '--server', dns.server, `@${bulk.server}`, '--json']);
    const strip = (out: string) => jsonLines(out).map(({ elapsedMs: _, ...rec }) => rec);
    expect(strip(viaAt.stdout)).toEqual(strip(viaOption.stdout));
    expect(strip(mixed.stdout)).toEqual(strip(viaOption.stdout));
    expect(jsonLines(viaAt.stdout).map((x) => x.server)).toEqual([dns.server, bulk.server]);
    expect([viaAt.code, viaAt.stderr]).toEqual([1, '']);
  });

  it('the table gets a SERVER column', async () => {
    const r = await run(['all.netkit.test', '-t', 'AAAA'], { servers: [dns.server, bulk.server] });
    expect(r.stdout.split('\n')[0]).toMatch(/STATUS\s+FLAGS\s+SERVER$/);
    expect(r.stdout).toMatch(new RegExp(`NOERROR +qr aa rd ra +${dns.server.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('[::1]:port is accepted (refused here: the fake server listens on IPv4 only)', async () => {
    const r = await run(['all.netkit.test', '-t', 'A', '--json', '--timeout', '2000'], { servers: [`[::1]:${dns.port}`] });
    expect(r.stderr).toBe('');
    const [rec] = jsonLines(r.stdout);
    expect(rec.server).toBe(`[::1]:${dns.port}`);
    expect(['ERROR', 'TIMEOUT']).toContain(rec.status);
  });
});

describe('--short', () => {
  it('prints only data, one a line, like dig +short', async () => {
    const r = await run(['all.netkit.test', '-t', 'A', '-t', 'MX', '-t', 'TXT', '-t', 'CAA', '--short']);
    expect(r.stdout).toBe(
      '192.0.2.10\n192.0.2.11\n10 mail.netkit.test\n20 backup.netkit.test\n"v=spf1 " "-all"\n128 issue "ca.netkit.test"\n',
    );
    expect(r.code).toBe(0);
  });

  it('SRV, SOA, NAPTR and reverse data in presentation form', async () => {
    const r = await run(['_sip._udp.netkit.test', 'SRV', '--short']);
    expect(r.stdout).toBe('10 60 5060 sip.netkit.test\n');
    const soa = await run(['netkit.test', '-t', 'SOA', '--short']);
    expect(soa.stdout).toBe('ns1.netkit.test hostmaster.netkit.test 2024010101 7200 900 1209600 300\n');
    const naptr = await run(['all.netkit.test', '-t', 'NAPTR', '--short']);
    expect(naptr.stdout).toBe('100 10 "S" "SIP+D2U" "" _sip._udp.netkit.test\n');
    const ptr = await run(['127.0.0.2', '--short']);
    expect(ptr.stdout).toBe('loopback-two.netkit.test\n');
  });

  it('says on stderr what gave no data, and exits by the worst status', async () => {
    const r = await run(['nope.netkit.test', 'refused.netkit.test', '-t', 'A', '--short']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('netkit: nope.netkit.test A: NXDOMAIN\nnetkit: refused.netkit.test A: REFUSED\n');
    expect(r.code).toBe(9);
  });
});

describe('IDN', () => {
  it('a Unicode name is sent and shown in punycode form', async () => {
    const r = await run(['bücher.netkit.test', '-t', 'A']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^xn--bcher-kva\.netkit\.test\s+A\s+300\s+192\.0\.2\.40\s+NOERROR\s+qr aa rd ra$/m);
    expect(dns.asked('xn--bcher-kva.netkit.test', 'A')).toHaveLength(1);
  });
  it('JSON keeps what was typed as input beside the ASCII name', async () => {
    const r = await run(['BÜCHER.netkit.test', '-t', 'A', '--json']);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ input: 'BÜCHER.netkit.test', name: 'xn--bcher-kva.netkit.test', status: 'NOERROR' });
  });
});

describe('bad input: exit 2, one line, no query sent', () => {
  const long = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
  // [label, args, servers, stderr fragment]
  const rows: [string, string[], string[] | undefined, string][] = [
    ['port over 65535 (Node would wrap it)', ['x.test'], ['127.0.0.1:99999'], 'port 99999 is outside 1 to 65535'],
    ['port 0', ['x.test'], ['127.0.0.1:0'], 'port 0 is outside 1 to 65535'],
    ['port not a number', ['x.test'], ['127.0.0.1:dns'], 'port "dns" is not a decimal number'],
    ['a shortened IPv4 server', ['x.test'], ['127.1'], 'invalid name server "127.1"'],
    ['IPv4 in brackets', ['x.test'], ['[127.0.0.1]:53'], 'only an IPv6 address goes in brackets'],
    ['unclosed bracket', ['x.test'], ['[::1:53'], 'without a closing "]"'],
    ['empty name', [''], undefined, 'invalid domain name "": empty name'],
    ['name over 253 characters', [long], undefined, 'name is 304 characters, more than 253'],
    ['label over 63 characters', ['a'.repeat(64) + '.test'], undefined, 'label is 64 characters, more than 63'],
    ['two dots', ['a..test'], undefined, 'empty label'],
    ['a space', ['a b.test'], undefined, 'a space is not allowed'],
    ['unknown type', ['x.test', '-t', 'FOO'], undefined, 'invalid record type "FOO": unknown type'],
    ['TYPE over 65535', ['x.test', '-t', 'TYPE65536'], undefined, 'type number 65536 is greater than 65535'],
    ['a port with a leading zero', ['x.test'], ['127.0.0.1:053'], 'port "053" has a leading zero'],
    ['host:port is not a name', ['example.com:80'], undefined, 'looks like host:port: DNS names carry no port; give the name alone (example.com)'],
    ['a URL is not a name', ['http://example.com/'], undefined, 'looks like a URL: give the host name alone (netkit resolve example.com)'],
    ['--dnssec with --no-edns', ['x.test', '--dnssec', '--no-edns'], undefined, '--dnssec needs EDNS'],
    ['--tcp with --system', ['localhost', '--system', '--tcp'], [], '--tcp and --system are alternatives'],
    ['AXFR with --system', ['localhost', '--system', '-t', 'AXFR'], [], 'a zone transfer (AXFR) needs a name server'],
    ['--timeout with a control character', ['x.test', '--timeout', '5\x1b'], undefined, '--timeout "5\\x1b" is not a whole number'],
    ['a bad IPv4 address', ['300.1.1.1'], undefined, 'octet 300 is greater than 255'],
    ['a bad IPv6 address', ['2001:db8:::1'], undefined, 'invalid IPv6 address'],
    ['no name, only a type', ['MX'], undefined, 'no name to look up'],
    ['--timeout not a number', ['x.test', '--timeout', '1s'], undefined, '--timeout "1s" is not a whole number'],
    ['--tries 0', ['x.test', '--tries', '0'], undefined, '--tries 0 is outside 1 to 10'],
    ['--concurrency 0', ['x.test', '--concurrency', '0'], undefined, '--concurrency 0 is outside'],
    // (localhost: were the check missing, getaddrinfo would answer from /etc/hosts, not the network)
    ['--system with another type', ['localhost', '--system', '-t', 'MX'], [], 'A and AAAA only'],
    ['--system with an address', ['127.0.0.1', '--system'], [], 'cannot do reverse lookups'],
    ['--system with --server', ['localhost', '--system'], undefined, 'takes no --server'],
    ['a lone "@"', ['@', 'x.test'], undefined, '"@" without a server: write @ADDRESS'],
    ['@SERVER with --system', ['localhost', '@127.0.0.1', '--system'], [], 'takes no --server (or @SERVER)'],
    ['@ a server that is no address and no host name', ['x.test', '@bad..host'], undefined, 'invalid name server "bad..host"'],
    // dig's +options: no name starts with "+", so each gets netkit's spelling
    ["dig's +short", ['x.test', '+short'], undefined, "+short is dig's spelling: netkit resolve takes --short"],
    ["dig's +time=2 (seconds)", ['x.test', '+time=2'], undefined, 'takes --timeout 2000 (milliseconds)'],
    ["dig's +retry=1 (retries)", ['x.test', '+retry=1'], undefined, 'takes --tries 2 (tries, not retries)'],
    ['another dig option', ['x.test', '+nocmd'], undefined, "+nocmd is a dig option, not a name: see 'netkit resolve --help'"],
    ['-x with a name', ['-x', 'example.com'], undefined, '-x takes an IP address'],
    ['no name at all', [], undefined, 'no name to look up'],
    ['a dig option with a control character', ['x.test', '+no\x1bcmd'], undefined, '+no\\x1bcmd is a dig option'],
  ];
  it.each(rows)('%s', async (_l, args, servers, fragment) => {
    const r = await run(args, { servers });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(fragment);
    expect(r.stderr.startsWith('netkit: ')).toBe(true);
    expect(dns.received).toHaveLength(0);
  });
});

describe('bulk from stdin', () => {
  it('answers in input order with many queries in flight, and asks each name once', async () => {
    const n = 2000;
    const input = Array.from({ length: n }, (_, i) => `h${(i * 7919) % n}.bulk.test`).join('\n') + '\n';
    bulk.received.length = 0;
    const r = await run(['-', '-t', 'A', '--short', '--concurrency', '100'], { input, servers: [bulk.server] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = Array.from({ length: n }, (_, i) => bulkAddress((i * 7919) % n)).join('\n') + '\n';
    expect(r.stdout).toBe(expected);
    expect(bulk.received).toHaveLength(n);
    // 2 ms per answer, so in order one after another would take at least 4 s; in flight together, far less.
  });

  it('bad lines are reported with their line number, the rest still resolve, exit 2; in --json a bad line keeps its place', async () => {
    const input = 'all.netkit.test\n\n# a comment\nbad..name\nnope.netkit.test\n';
    const r = await run(['-', '-t', 'A', '--json'], { input });
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => `${x.name} ${x.status}`)).toEqual(['all.netkit.test NOERROR', 'undefined undefined', 'nope.netkit.test NXDOMAIN']);
    expect(recs[1]).toEqual({ input: 'bad..name', line: 4, error: 'invalid domain name "bad..name": empty label (two dots in a row)' });
    expect(r.stderr).toBe('netkit: stdin line 4: invalid domain name "bad..name": empty label (two dots in a row)\n');
    expect(r.code).toBe(2);
  });

  it('--get prints the named fields of each record, a bad line in its place', async () => {
    const r = await run(['-', '-t', 'A', '--get', 'input,status,transport'], { input: 'all.netkit.test\nbad..name\nnope.netkit.test\n' });
    expect(r.stdout).toBe('all.netkit.test\tNOERROR\tudp\nbad..name\t\t\nnope.netkit.test\tNXDOMAIN\tudp\n');
    expect(r.code).toBe(2);
  });

  it('--get prints a field some records lack (negativeTtl, error) empty; an unknown field is still exit 2', async () => {
    const r = await run(['all.netkit.test', 'nope.netkit.test', '-t', 'A', '--get', 'name,status,negativeTtl,error']);
    const json = jsonLines((await run(['nope.netkit.test', '-t', 'A', '--json'])).stdout)[0];
    expect(json.negativeTtl).toBeGreaterThan(0);
    expect(r.stdout).toBe(`all.netkit.test\tNOERROR\t\t\nnope.netkit.test\tNXDOMAIN\t${json.negativeTtl}\t\n`);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const bad = await run(['all.netkit.test', '-t', 'A', '--get', 'name,negativeTTL']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^netkit: --get: unknown field "negativeTTL": the fields are input, name, .*elapsedMs, negativeTtl, error, ignoredReplies, messages\n$/);
  });

  it('"-" mixes with names on the command line, in order', async () => {
    const r = await run(['all.netkit.test', '-', 'end.netkit.test', '-t', 'A', '--json'], { input: '127.0.0.2\nv4only.netkit.test\n' });
    expect(jsonLines(r.stdout).map((x) => `${x.input} ${x.type}`)).toEqual([
      'all.netkit.test A',
      '127.0.0.2 PTR',
      'v4only.netkit.test A',
      'end.netkit.test A',
    ]);
  });

  it('memory stays flat: 6000 names in JSON through a 24 MB V8 heap, in order', async () => {
    const n = 6000;
    const input = Array.from({ length: n }, (_, i) => `h${i % 3000}.bulk.test`).join('\n') + '\n';
    const r = await netkitAsync(['resolve', '-', '-t', 'A', '--json', '--concurrency', '256', '--server', bulk.server], {
      input,
      env: { NODE_OPTIONS: '--max-old-space-size=24' },
      timeoutMs: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs).toHaveLength(n);
    expect(recs.every((x, i) => x.name === `h${i % 3000}.bulk.test` && x.answers[0].data === bulkAddress(i % 3000))).toBe(true);
  }, 130_000);

  it('no progress line when stderr is not a terminal', async () => {
    const input = Array.from({ length: 300 }, (_, i) => `h${i}.bulk.test`).join('\n');
    const r = await run(['-', '-t', 'A', '--short'], { input, servers: [bulk.server] });
    expect(r.stderr).toBe('');
  });
});

describe('progress line', () => {
  // `script` (util-linux) gives the command a terminal: stderr is a TTY, stdout goes to a file.
  const hasScript = !spawnSync('script', ['--version']).error && process.platform === 'linux';
  it.skipIf(!hasScript)('on a terminal stderr, for a job over a second, with stdout redirected; erased at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-progress-'));
    try {
      const names = join(dir, 'names');
      const out = join(dir, 'out');
      writeFileSync(names, Array.from({ length: 600 }, (_, i) => `h${i}.bulk.test`).join('\n') + '\n');
      // 600 names one at a time, 2 ms each: over a second.
      const cmd = `${process.execPath} ${BIN} resolve - -t A --short --concurrency 1 --server ${bulk.server} < ${names} > ${out}`;
      const tty = await new Promise<string>((resolve) => {
        const child = spawn('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, CI: '' } });
        let s = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (s += d));
        child.on('close', () => resolve(s));
      });
      expect(readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(600);
      expect(tty).toMatch(/\r\x1b\[Knetkit: \d+ queries done, \d+ in flight, \d+\/s/);
      expect(tty.trimEnd().endsWith('\r\x1b[K')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
