// The wire reader DNSSEC stands on: names inside RDATA come back uncompressed (the
// signed form), malformed messages are a WireError with a reason, and queries built
// here decode the same in dns-packet (an independent codec).
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { buildQuery, canonicalName, canonicalRdata, isSubdomain, labelCount, parseMessage, WireError } from '../../src/io/dns/wire.js';

// Header: id 0x1234, QR AA, 1 question, 2 answers.
const HEADER = [0x12, 0x34, 0x84, 0x00, 0, 1, 0, 2, 0, 0, 0, 0];
// Question at offset 12: example.com MX IN
const Q = [7, ...Buffer.from('example'), 3, ...Buffer.from('com'), 0, 0, 15, 0, 1];
// Answer 1: owner pointer to 12, MX, IN, TTL 300, rdata = pref 10, "Mail" + pointer to 12.
const A1 = [0xc0, 12, 0, 15, 0, 1, 0, 0, 1, 44, 0, 9, 0, 10, 4, ...Buffer.from('Mail'), 0xc0, 12];
// Answer 2: owner pointer, A 192.0.2.1.
const A2 = [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1];

describe('parseMessage', () => {
  it('expands a compressed name inside MX RDATA', () => {
    const m = parseMessage(Uint8Array.from([...HEADER, ...Q, ...A1, ...A2]));
    expect(m.id).toBe(0x1234);
    expect(m.question).toEqual([{ name: 'example.com', type: 15, class: 1 }]);
    expect(m.answer[0]).toMatchObject({ name: 'example.com', type: 15, ttl: 300 });
    expect(Buffer.from(m.answer[0].rdata).toString('hex')).toBe('000a044d61696c076578616d706c6503636f6d00');
    expect(Buffer.from(canonicalRdata(15, m.answer[0].rdata)).toString('hex')).toBe('000a046d61696c076578616d706c6503636f6d00');
    expect(Array.from(m.answer[1].rdata)).toEqual([192, 0, 2, 1]);
  });
  it.each([
    ['a header cut short', [0x12, 0x34, 0x84], /shorter than a DNS header/],
    ['a pointer to itself', [...HEADER.slice(0, 5), 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1], /loops/],
    ['a label past the end', [...HEADER.slice(0, 5), 1, 0, 0, 0, 0, 0, 0, 9, 0x61], /past the end/],
    ['an answer count with no answers', [...HEADER, ...Q], /past the end/],
  ])('%s: WireError', (_, bytes, msg) => {
    expect(() => parseMessage(Uint8Array.from(bytes as number[]))).toThrow(WireError);
    expect(() => parseMessage(Uint8Array.from(bytes as number[]))).toThrow(msg as RegExp);
  });
});

describe('buildQuery', () => {
  it('dns-packet reads the question, RD and the DO bit back', () => {
    const q = dnsPacket.decode(Buffer.from(buildQuery(4242, 'Sub.Example.org', 48, { dnssecOk: true })));
    expect(q.id).toBe(4242);
    expect(q.questions).toEqual([{ name: 'Sub.Example.org', type: 'DNSKEY', class: 'IN' }]);
    expect(q.flags! & 0x100).toBe(0x100);
    const opt = q.additionals![0] as unknown as { type: string; udpPayloadSize: number; flags: number };
    expect(opt.type).toBe('OPT');
    expect(opt.udpPayloadSize).toBe(1232);
    expect(opt.flags & 0x8000).toBe(0x8000);
  });
  it('the root name is one zero octet', () => {
    expect(Array.from(buildQuery(1, '.', 2).subarray(12, 17))).toEqual([0, 0, 2, 0, 1]);
  });
});

describe('names', () => {
  it.each([
    ['WWW.Example.COM.', 'www.example.com'],
    ['.', '.'],
    ['a\\.b.example', 'a\\.b.example'],
  ])('canonicalName(%s) = %s', (a, b) => expect(canonicalName(a)).toBe(b));
  it.each([
    ['www.example.com', 3],
    ['*.example.com', 2],
    ['.', 0],
  ])('labelCount(%s) = %d', (n, c) => expect(labelCount(n)).toBe(c));
  it.each([
    ['www.example.com', 'example.com', true],
    ['example.com', 'example.com', true],
    ['WWW.EXAMPLE.com', 'Example.Com.', true],
    ['anything', '.', true],
    ['badexample.com', 'example.com', false],
    ['com', 'example.com', false],
  ])('isSubdomain(%s, %s) = %s', (c, p, r) => expect(isSubdomain(c, p)).toBe(r));
});
