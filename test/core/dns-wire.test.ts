// The DNS message codec against captured wire bytes: every reply in
// test/fixtures/dns/bind-replies.json was sent by BIND 9.18 (named) for a signed test zone,
// beside what `dig +short` printed for the same question. Decoding the bytes and
// presenting the answers must give dig's lines (names without the trailing dot). Then
// hand-made malformed messages, the header rules, and a property test against
// dns-packet as an independent encoder.
import { readFileSync } from 'node:fs';
import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rdataText } from '../../src/core/dns-present.js';
import { parseRecordType, typeCode } from '../../src/core/dns-types.js';
import {
  DnsFormatError,
  base32hex,
  base64,
  decodeMessage,
  encodeQuery,
  keyTag,
  replyMismatch,
  statusOf,
  type DnsMessage,
} from '../../src/core/dns-wire.js';

interface Golden {
  name: string;
  type: string;
  dnssec: boolean;
  reply: string;
  dig: string[];
}
const golden: Golden[] = JSON.parse(readFileSync(new URL('../fixtures/dns/bind-replies.json', import.meta.url), 'utf8'));
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** dig's names end in "."; netkit's do not. The fixture zone has no ". " inside its strings. */
const undot = (line: string) => line.replace(/(?<=[^\\ ])\.(?= |$)/g, '');

describe('decoding BIND replies gives what dig prints (+short, names without the final dot)', () => {
  it.each(golden.map((g) => [`${g.name} ${g.type}${g.dnssec ? ' +dnssec' : ''}`, g] as const))('%s', (_l, g) => {
    const msg = decodeMessage(bytes(g.reply));
    const ours = msg.answers.map((a) => rdataText(a));
    expect([...ours].sort()).toEqual(g.dig.map(undot).sort());
    // every TTL an integer, every record with its owner
    for (const a of [...msg.answers, ...msg.authority, ...msg.additional]) {
      expect(Number.isInteger(a.ttl)).toBe(true);
      expect(a.name.length).toBeGreaterThan(0);
    }
  });

  it('has the types the issue lists', () => {
    const types = new Set(golden.flatMap((g) => decodeMessage(bytes(g.reply)).answers.map((a) => a.type)));
    for (const t of ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA', 'NAPTR', 'SSHFP', 'TLSA', 'HTTPS', 'SVCB', 'DNSKEY', 'DS', 'RRSIG', 'NSEC', 'NSEC3PARAM', 'CDS', 'CDNSKEY', 'TYPE65280']) {
      expect(types, t).toContain(t);
    }
  });

  const find = (name: string, type: string, dnssec = false) => decodeMessage(bytes(golden.find((g) => g.name === name && g.type === type && g.dnssec === dnssec)!.reply));

  it('the header, the EDNS record and the sections of an NXDOMAIN with NSEC3 proof', () => {
    const m = find('nope.example.test', 'A', true);
    expect(m.rcode).toBe('NXDOMAIN');
    expect(m.flags).toMatchObject({ qr: true, aa: true, tc: false, rd: false });
    expect(m.answers).toEqual([]);
    expect(m.edns).toMatchObject({ version: 0, do: true });
    expect(m.authority.map((a) => a.type)).toContain('SOA');
    expect(m.authority.map((a) => a.type)).toContain('NSEC3');
    const nsec3 = m.authority.find((a) => a.type === 'NSEC3')!;
    expect(nsec3.data).toMatchObject({ hashAlgorithm: 1, flags: 1, iterations: 0, salt: 'ABCD' });
    expect(rdataText(nsec3)).toMatch(/^1 1 0 ABCD [0-9A-V]{32}( [A-Z0-9]+)*$/);
    expect(statusOf(m, 'A')).toEqual({ status: 'NXDOMAIN' });
  });

  it('structured data: TXT keeps its strings apart, SOA numbers are unsigned, DNSKEY carries its key tag', () => {
    expect(find('txt.example.test', 'TXT').answers[0]!.data).toEqual(['hello world', 'second string']);
    expect(find('txt2.example.test', 'TXT').answers[0]!.data).toEqual(['esc"quote\\back;semi', 'café', 'ctl\x1b[2J']);
    expect(find('example.test', 'SOA').answers[0]!.data).toMatchObject({ refresh: 4294967295 });
    const keys = find('example.test', 'DNSKEY', true).answers.filter((a) => a.type === 'DNSKEY');
    const sig = find('example.test', 'DNSKEY', true).answers.find((a) => a.type === 'RRSIG')!;
    expect(keys.map((k) => (k.data as { keyTag: number }).keyTag)).toContain((sig.data as { keyTag: number }).keyTag);
    expect(find('svc.example.test', 'SVCB').answers[0]!.data).toEqual({
      priority: 1,
      target: '.',
      params: [
        { key: 'mandatory', value: ['alpn', 'port'] },
        { key: 'alpn', value: ['h2', 'h3'] },
        { key: 'port', value: 8443 },
        { key: 'ipv4hint', value: ['192.0.2.1', '192.0.2.2'] },
        { key: 'ipv6hint', value: ['2001:db8::1'] },
      ],
    });
  });

  it('owner names are escaped as dig escapes them; JSON leaves out class and rdata', () => {
    expect(find('weird\\.dot.example.test', 'A').answers[0]!.name).toBe('weird\\.dot.example.test');
    expect(find('sp\\032ace.example.test', 'TXT').answers[0]!.name).toBe('sp\\032ace.example.test');
    const a = find('www.example.test', 'A').answers[0]!;
    expect(JSON.parse(JSON.stringify(a))).toEqual({ name: 'www.example.test', type: 'A', ttl: 300, data: '192.0.2.1' });
    expect(a.class).toBe('IN');
  });
});

// A hand-built reply: header + question for a.test A, then the given record bytes.
function reply(opts: { id?: number; flags?: number; an?: number[][]; qd?: number[]; counts?: number[] } = {}): Uint8Array {
  const q = opts.qd ?? [1, 0x61, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1];
  const an = opts.an ?? [];
  const counts = opts.counts ?? [opts.qd && opts.qd.length === 0 ? 0 : 1, an.length, 0, 0];
  const id = opts.id ?? 0x4242;
  const flags = opts.flags ?? 0x8180;
  const head = [id >> 8, id & 255, flags >> 8, flags & 255, ...counts.flatMap((c) => [c >> 8, c & 255])];
  return Uint8Array.from([...head, ...q, ...an.flat()]);
}
/** An A record for the question's name (pointer to offset 12). */
const rr = (type: number, ttl: number[], rdata: number[]) => [0xc0, 12, 0, type, 0, 1, ...ttl, rdata.length >> 8, rdata.length & 255, ...rdata];

describe('malformed and edge-case messages', () => {
  const bad: [string, Uint8Array, string][] = [
    ['shorter than a header', Uint8Array.from([1, 2, 3]), 'shorter than a DNS header'],
    ['a question cut short', reply().subarray(0, 20), 'runs past the end'],
    ['a record cut in its rdata (truncated message)', reply({ an: [rr(1, [0, 0, 0, 60], [192, 0, 2, 1])] }).subarray(0, 38), 'runs past the end'],
    ['A rdata of 5 bytes', reply({ an: [rr(1, [0, 0, 0, 60], [192, 0, 2, 1, 9])] }), 'A rdata of 5 bytes'],
    ['a forward compression pointer', reply({ an: [[0xc0, 40, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]] }), 'does not point backwards'],
    ['a pointer to itself (a loop)', reply({ an: [[0xc0, 29, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]] }), 'does not point backwards'],
    ['label type 0x40 (extended labels)', reply({ an: [[0x41, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4]] }), 'label type 0x40'],
    ['bytes after the last record', Uint8Array.from([...reply(), 0, 0]), '2 bytes after the last record'],
    ['MX rdata whose name runs past rdlength', reply({ an: [rr(15, [0, 0, 0, 1], [0, 10, 4, 0x6d, 0x61])] }), 'runs past the end'],
    ['an empty TXT', reply({ an: [rr(16, [0, 0, 0, 1], [])] }), 'TXT rdata is empty'],
    ['SOA rdata too short for its numbers', reply({ an: [rr(6, [0, 0, 0, 1], [0, 0, 0, 0, 0, 1])] }), 'shorter than its fields'],
    ['two OPT records', reply({ counts: [1, 0, 0, 2], an: [[0, 0, 41, 4, 208, 0, 0, 0, 0, 0, 0], [0, 0, 41, 4, 208, 0, 0, 0, 0, 0, 0]] }), 'more than one OPT'],
    ['an OPT in the answer section', reply({ an: [[0, 0, 41, 4, 208, 0, 0, 0, 0, 0, 0]] }), 'OPT record in the answer section'],
  ];
  it.each(bad)('%s: DnsFormatError naming it', (_l, msg, reason) => {
    expect(() => decodeMessage(msg)).toThrow(DnsFormatError);
    expect(() => decodeMessage(msg)).toThrow(reason);
  });

  it('a TTL with the high bit set counts as 0 (RFC 2181 §8); 0x7fffffff is kept', () => {
    const m = decodeMessage(reply({ an: [rr(1, [0x80, 0, 0, 1], [192, 0, 2, 1]), rr(1, [0x7f, 0xff, 0xff, 0xff], [192, 0, 2, 2])] }));
    expect(m.answers.map((a) => a.ttl)).toEqual([0, 0x7fffffff]);
  });

  it('an unknown type: RFC 3597 presentation, data the same text', () => {
    const m = decodeMessage(reply({ an: [rr(0xff, [0, 0, 0, 1], [])].map((r) => { r[2] = 0xfe; r[3] = 0xdc; return r; }) }));
    expect(m.answers[0]!.type).toBe('TYPE65244');
    expect(rdataText(m.answers[0]!)).toBe('\\# 0');
  });

  it('extended rcode from OPT: BADVERS (16) is ERROR naming it', () => {
    const m = decodeMessage(reply({ flags: 0x8180, counts: [1, 0, 0, 1], an: [[0, 0, 41, 4, 208, 1, 0, 0, 0, 0, 0]] }));
    expect(m.rcode).toBe('BADVERS');
    expect(statusOf(m, 'A')).toEqual({ status: 'ERROR', error: 'the server answered BADVERS' });
  });

  it('a TXT with control bytes is escaped as \\DDD in presentation', () => {
    const m = decodeMessage(reply({ an: [rr(16, [0, 0, 0, 1], [5, 0x1b, 0x5b, 0x32, 0x4a, 0x07])] }));
    expect(rdataText(m.answers[0]!)).toBe('"\\027[2J\\007"');
  });
});

describe('statusOf: the rcode decides', () => {
  const msg = (rcode: number, answers: string[] = []): DnsMessage =>
    ({ rcodeValue: rcode, rcode: ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN'][rcode], answers: answers.map((type) => ({ type })) }) as unknown as DnsMessage;
  it.each([
    ['NOERROR with the type', msg(0, ['A']), 'A', 'NOERROR'],
    ['NOERROR with only a CNAME (a chain that ends nowhere)', msg(0, ['CNAME']), 'A', 'NODATA'],
    ['NOERROR, empty', msg(0), 'A', 'NODATA'],
    ['NOERROR, CNAME asked', msg(0, ['CNAME']), 'CNAME', 'NOERROR'],
    ['ANY with anything', msg(0, ['MX']), 'ANY', 'NOERROR'],
    ['NXDOMAIN even with answers', msg(3, ['CNAME', 'A']), 'A', 'NXDOMAIN'],
    ['SERVFAIL', msg(2), 'A', 'SERVFAIL'],
    ['REFUSED', msg(5), 'A', 'REFUSED'],
    ['NOTIMP is ERROR', msg(4), 'A', 'ERROR'],
    ['YXDOMAIN is ERROR (was NODATA)', msg(6), 'A', 'ERROR'],
    ['FORMERR is ERROR', msg(1), 'A', 'ERROR'],
  ] as const)('%s', (_l, m, t, status) => expect(statusOf(m, t).status).toBe(status));
});

describe('replyMismatch: which replies are ours', () => {
  const q = { id: 0x4242, name: 'a.test', type: 'A' };
  it.each([
    ['the matching reply', reply(), null],
    ['the name in another case (0x20)', reply({ qd: [1, 0x41, 4, 0x54, 0x45, 0x73, 0x74, 0, 0, 1, 0, 1] }), null],
    ['another ID', reply({ id: 1 }), 'ID 1 instead of 16962'],
    ['QR=0: a query, not a response', reply({ flags: 0x0100 }), 'QR=0'],
    ['another name', reply({ qd: [1, 0x62, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1] }), 'question for b.test'],
    ['another type', reply({ qd: [1, 0x61, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 28, 0, 1] }), 'question type AAAA'],
    ['another class', reply({ qd: [1, 0x61, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 3] }), 'question class CH'],
    ['no question in a NOERROR', reply({ qd: [] }), 'no question'],
    ['no question in a FORMERR: taken', reply({ qd: [], flags: 0x8181 }), null],
  ] as const)('%s', (_l, wire, why) => {
    const got = replyMismatch(q, decodeMessage(wire));
    if (why === null) expect(got).toBeNull();
    else expect(got).toContain(why);
  });
});

describe('encodeQuery', () => {
  it('dns-packet reads what we write: id, flags, question, EDNS with DO and 1232', () => {
    const wire = encodeQuery({ id: 777, name: 'Example.test', type: 'MX', rd: true, edns: { udpSize: 1232, do: true } });
    const p = dnsPacket.decode(Buffer.from(wire));
    expect(p.id).toBe(777);
    expect(p.flags! & dnsPacket.RECURSION_DESIRED).toBeTruthy();
    expect(p.questions).toEqual([{ name: 'Example.test', type: 'MX', class: 'IN' }]);
    const opt = p.additionals![0] as unknown as { type: string; udpPayloadSize: number; flags: number };
    expect(opt.type).toBe('OPT');
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.flags & dnsPacket.DNSSEC_OK).toBeTruthy();
  });
  it('the root, TYPEnnn, no EDNS', () => {
    const wire = encodeQuery({ id: 1, name: '.', type: parseRecordType('TYPE65280'), edns: null });
    const p = dnsPacket.decode(Buffer.from(wire));
    expect(p.questions![0]!.name).toBe('.');
    expect(wire.length).toBe(12 + 1 + 4);
    expect(typeCode('TYPE65280')).toBe(65280);
  });
});

describe('parseRecordType', () => {
  it.each([
    ['mx', 'MX'], ['TYPE15', 'MX'], ['type65280', 'TYPE65280'], ['nsec3param', 'NSEC3PARAM'], ['axfr', 'AXFR'], ['TYPE0', 'TYPE0'],
  ])('%s -> %s', (t, want) => expect(parseRecordType(t)).toBe(want));
  it.each([
    ['TYPE65536', 'greater than 65535'],
    ['TYPE99999999999', 'greater than 65535'],
    ['TYPE015', 'leading zero'],
    ['OPT', 'not a type to ask for'],
    ['FOO', 'unknown type'],
    ['', 'empty type'],
  ])('refuses %j', (t, why) => expect(() => parseRecordType(t)).toThrow(why));
});

describe('encodings', () => {
  it('base64 and base32hex agree with Buffer and RFC 4648 test vectors', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
      expect(base64(b)).toBe(Buffer.from(b).toString("base64"));
    }));
    const enc = (s: string) => base32hex(new TextEncoder().encode(s));
    // RFC 4648 §10, without padding
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'CO', 'CPNG', 'CPNMU', 'CPNMUOG', 'CPNMUOJ1', 'CPNMUOJ1E8']);
  });
  it('keyTag: RFC 4034 Appendix B on a known key (the root KSK-2017 has tag 20326)', () => {
    const key =
      'AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=';
    const rdata = Uint8Array.from([1, 1, 3, 8, ...Buffer.from(key, 'base64')]);
    expect(keyTag(rdata)).toBe(20326);
  });
});

describe('property: messages dns-packet encodes, we decode to the same data', () => {
  const name = fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));
  const rec = fc.oneof(
    fc.tuple(name, fc.ipV4()).map(([n, a]) => ({ name: n, type: 'A', data: a, want: a })),
    fc.tuple(name, fc.integer({ min: 0, max: 65535 }), name).map(([n, p, x]) => ({ name: n, type: 'MX', data: { preference: p, exchange: x }, want: { priority: p, exchange: x } })),
    fc.tuple(name, fc.array(fc.stringMatching(/^[ -~]{0,30}$/), { minLength: 1, maxLength: 3 })).map(([n, t]) => ({ name: n, type: 'TXT', data: t, want: t })),
    fc.tuple(name, name).map(([n, t]) => ({ name: n, type: 'CNAME', data: t, want: t })),
    fc.tuple(name, fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), name).map(([n, p, w, port, t]) => ({
      name: n, type: 'SRV', data: { priority: p, weight: w, port, target: t }, want: { priority: p, weight: w, port, target: t },
    })),
    fc.tuple(name, name, name, fc.array(fc.nat(), { minLength: 5, maxLength: 5 }).map((xs) => xs.map((x) => x >>> 0))).map(([n, m, r, [a, b, c, d, e]]) => ({
      name: n, type: 'SOA',
      data: { mname: m, rname: r, serial: a, refresh: b, retry: c, expire: d, minimum: e },
      want: { nsname: m, hostmaster: r, serial: a, refresh: b, retry: c, expire: d, minttl: e },
    })),
  );
  it('A, MX, TXT, CNAME, SRV, SOA with compression', () => {
    fc.assert(
      fc.property(fc.array(rec, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 0x7fffffff }), (recs, ttl) => {
        const wire = dnsPacket.encode({
          type: 'response',
          id: 9,
          flags: dnsPacket.RECURSION_DESIRED,
          questions: [{ name: recs[0]!.name, type: 'A', class: 'IN' }],
          answers: recs.map((r) => ({ name: r.name, type: r.type, ttl, class: "IN", data: structuredClone(r.data) }) as dnsPacket.Answer),
        });
        const m = decodeMessage(Uint8Array.from(wire));
        expect(m.answers.map((a) => ({ name: a.name, type: a.type, ttl: a.ttl, data: a.data }))).toEqual(
          recs.map((r) => ({ name: r.name, type: r.type, ttl, data: r.want })),
        );
      }),
      { numRuns: 300 },
    );
  });
});
