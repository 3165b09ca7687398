// Domain names, record types and name-server arguments: table-driven, plus properties
// (punycode round-trips; our IDN conversion agrees with the WHATWG URL one on plain labels).
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetkitError } from '../../src/core/errors.js';
import {
  DnsNameError,
  dnsNameToUnicode,
  parseDnsName,
  parseRecordType,
  parseServerSpec,
  punycodeDecode,
  punycodeEncode,
} from '../../src/core/dnsname.js';

describe('parseDnsName: accepted', () => {
  const rows: [string, string, string][] = [
    ['plain name', 'example.com', 'example.com'],
    ['one trailing dot dropped', 'example.com.', 'example.com'],
    ['case kept for ASCII', 'Example.COM', 'Example.COM'],
    ['service labels with _', '_sip._udp.example.com', '_sip._udp.example.com'],
    ['a wildcard label', '*.example.com', '*.example.com'],
    ['RFC 2317 classless reverse', '0/26.2.0.192.in-addr.arpa', '0/26.2.0.192.in-addr.arpa'],
    ['the root', '.', '.'],
    ['IDN: German', 'bücher.de', 'xn--bcher-kva.de'],
    ['IDN: upper case maps to lower before encoding', 'BÜCHER.de', 'xn--bcher-kva.de'],
    ['IDN: Cyrillic TLD too', 'пример.испытание', 'xn--e1afmkfd.xn--80akhbyknj4f'],
    ['IDN: Japanese', '例え.テスト', 'xn--r8jz45g.xn--zckzah'],
    ['IDN: ideographic full stop separates labels', '例え。テスト', 'xn--r8jz45g.xn--zckzah'],
    ['IDN: NFD input normalised to NFC first', 'bu\u0308cher.de', 'xn--bcher-kva.de'],
    ['already punycode passes through', 'xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['63-character label', 'a'.repeat(63) + '.com', 'a'.repeat(63) + '.com'],
    ['253 characters exactly', ('a'.repeat(62) + '.').repeat(4) + 'a', ('a'.repeat(62) + '.').repeat(4) + 'a'],
  ];
  it.each(rows)('%s: %s', (_l, input, ascii) => {
    expect(parseDnsName(input)).toBe(ascii);
  });
});

describe('parseDnsName: refused', () => {
  const rows: [string, string, string, number | undefined][] = [
    ['empty', '', 'empty name', undefined],
    ['leading dot', '.example.com', 'empty label at the start', 0],
    ['two dots', 'a..b', 'empty label (two dots in a row)', 2],
    ['label of 64', 'a'.repeat(64) + '.com', 'label is 64 characters, more than 63', 0],
    ['254 characters', ('a'.repeat(62) + '.').repeat(4) + 'ab', 'name is 254 characters, more than 253', undefined],
    ['a space', 'a b.com', 'a space is not allowed in a name', 1],
    ['a control character', 'a\u0001b.com', 'control character U+0001 is not allowed in a name', 1],
    ['an @', 'user@example.com', '"@" is not allowed in a name', 4],
    ['IDN label too long once encoded', Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x4e00 + i * 37)).join('') + '.de', 'in ASCII form', 0],
  ];
  it.each(rows)('%s', (_l, input, reason, position) => {
    let err: unknown;
    try {
      parseDnsName(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DnsNameError);
    expect(err).toBeInstanceOf(NetkitError);
    const e = err as DnsNameError;
    expect(e.reason).toContain(reason);
    expect(e.message.startsWith('invalid domain name "')).toBe(true);
    expect(e.message).not.toContain('\n');
    if (position !== undefined) expect(e.position).toBe(position);
  });
});

describe('punycode (RFC 3492)', () => {
  // Sample strings from RFC 3492 section 7.1 (the expected encodings, lower-cased).
  const rows: [string, string, string][] = [
    ['(A) Arabic (Egyptian)', '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F', 'egbpdaj6bu4bxfgehfvwxn'],
    ['(B) Chinese (simplified)', '\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
    ['(L) 3年B組金八先生', '3\u5E74B\u7D44\u91D1\u516B\u5148\u751F', '3B-ww4c5e180e575a65lsy2b'],
    ['German', 'bücher', 'bcher-kva'],
    ['all ASCII gets a trailing delimiter', 'abc', 'abc-'],
  ];
  it.each(rows)('%s', (_l, unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });

  it('decode(encode(s)) is s for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => punycodeDecode(punycodeEncode(s)) === s));
  });

  it('refuses bad input', () => {
    expect(() => punycodeDecode('abc-!!')).toThrow(RangeError);
    expect(() => punycodeDecode('ü-abc')).toThrow(RangeError);
  });

  it('agrees with WHATWG URL domainToASCII on lower-case letters from several scripts', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyz0123456789', ...'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ', ...'абвгдежзийклмнопрстуфхцчшщыэюя', ...'αβγδεζηθικλμνξοπρστυφχψω', ...'あいうえおかきくけこ日本語中文'];
    const label = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      // (a last label starting with a digit is an IPv4 number to the URL parser: left out)
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }).filter((l) => !/^[0-9]/.test(l[l.length - 1]!)), (labels) => {
        const name = labels.join('.');
        const ours = parseDnsName(name);
        expect(ours).toBe(domainToASCII(name));
        expect(dnsNameToUnicode(ours)).toBe(name);
      }),
    );
  });
});

describe('parseRecordType', () => {
  it.each(['A', 'aaaa', 'Mx', 'ANY', 'naptr', ' txt '])('%s', (t) => {
    expect(parseRecordType(t)).toBe(t.trim().toUpperCase());
  });
  it.each([
    ['FOO', 'unknown type'],
    ['', 'empty type'],
    ['TYPE65536', 'greater than 65535'],
  ])('refuses %j', (t, reason) => {
    expect(() => parseRecordType(t)).toThrow(NetkitError);
    expect(() => parseRecordType(t)).toThrow(reason);
  });
});

describe('parseServerSpec', () => {
  const ok: [string, string, { host: string; port: number; isName: boolean }][] = [
    ['IPv4, default port 53', '192.0.2.53', { host: '192.0.2.53', port: 53, isName: false }],
    ['IPv4 with a port', '127.0.0.1:5353', { host: '127.0.0.1', port: 5353, isName: false }],
    ['bare IPv6', '2001:db8::53', { host: '2001:db8::53', port: 53, isName: false }],
    ['bare IPv6 written long is canonicalised', '2001:0db8:0:0:0:0:0:53', { host: '2001:db8::53', port: 53, isName: false }],
    ['bracketed IPv6', '[::1]', { host: '::1', port: 53, isName: false }],
    ['bracketed IPv6 with port', '[::1]:5353', { host: '::1', port: 5353, isName: false }],
    ['host name', 'ns1.example.net', { host: 'ns1.example.net', port: 53, isName: true }],
    ['host name with port', 'localhost:5353', { host: 'localhost', port: 5353, isName: true }],
    ['port 65535', '127.0.0.1:65535', { host: '127.0.0.1', port: 65535, isName: false }],
    ['port 1', '127.0.0.1:1', { host: '127.0.0.1', port: 1, isName: false }],
  ];
  it.each(ok)('%s: %s', (_l, text, want) => {
    expect(parseServerSpec(text)).toEqual(want);
  });

  const bad: [string, string, string][] = [
    ['empty', '', 'empty server address'],
    ['port 0', '127.0.0.1:0', 'port 0 is outside 1 to 65535'],
    ['port with a leading zero (127.0.0.1:053)', '127.0.0.1:053', 'port "053" has a leading zero'],
    ['port 65536', '127.0.0.1:65536', 'port 65536 is outside 1 to 65535'],
    ['port 99999 (Node would wrap it)', '127.0.0.1:99999', 'port 99999 is outside 1 to 65535'],
    ['a huge port', '127.0.0.1:123456789012345678901', 'is outside 1 to 65535'],
    ['negative port', '127.0.0.1:-1', 'is not a decimal number'],
    ['empty port', '127.0.0.1:', 'empty port'],
    ['empty host', ':53', 'empty host'],
    ['shortened IPv4', '127.1', 'only 3 octets'.replace('3', '2')],
    ['octet too big', '256.0.0.1:53', 'greater than 255'],
    ['IPv4 in brackets', '[127.0.0.1]:53', 'only an IPv6 address goes in brackets'],
    ['unclosed bracket', '[::1:53', 'without a closing "]"'],
    ['junk after bracket', '[::1]53', 'expected ":PORT" after "]"'],
    ['zoned IPv6', 'fe80::1%eth0', 'zoned'],
    ['bad IPv6', '2001:db8:::1', 'invalid name server'],
    ['bad host name', 'ns..example', 'not an IP address, and not a host name'],
  ];
  it.each(bad)('refuses %s', (_l, text, reason) => {
    let err: unknown;
    try {
      parseServerSpec(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetkitError);
    expect((err as Error).message).toContain(reason);
    expect((err as Error).message).toContain('invalid name server');
  });

  it('any port 1..65535 round-trips; any other number is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (p) => {
        const text = `127.0.0.1:${p}`;
        if (p >= 1 && p <= 65535) expect(parseServerSpec(text).port).toBe(p);
        else expect(() => parseServerSpec(text)).toThrow(/outside 1 to 65535/);
      }),
    );
  });
});
