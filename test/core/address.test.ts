import { describe, expect, it } from 'vitest';
import { Address, NetkitError, parseAddress, parseIPv4, parseIPv6, tryParseAddress } from '../../src/core/index.js';

// [input, canonical output, comment]
const VALID: [string, string, string][] = [
  ['0.0.0.0', '0.0.0.0', 'all zeros'],
  ['255.255.255.255', '255.255.255.255', 'all ones'],
  ['210.170.1.1', '210.170.1.1', "the notes' host a"],
  ['1.2.3.4', '1.2.3.4', 'plain'],
  ['10.0.0.0', '10.0.0.0', 'single zero octets are fine'],
  ['::', '::', 'unspecified'],
  ['::1', '::1', 'loopback'],
  ['1::', '1::', 'trailing ::'],
  ['2001:db8::1', '2001:db8::1', 'compressed'],
  ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 'full form: leading zeros dropped, longest run compressed'],
  ['2001:DB8::ABCD', '2001:db8::abcd', 'RFC 5952 §4.3: lower case'],
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 'RFC 5952 §4.2.3: first of equal runs'],
  ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1', 'RFC 5952 §4.2.3: the longest run'],
  ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1', 'RFC 5952 §4.2.2: a single zero group is not compressed'],
  ['0:0:0:0:0:0:0:0', '::', 'all zero groups'],
  ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8', 'no zeros'],
  ['1:0:0:0:0:0:0:0', '1::', 'compressed at the end'],
  ['::ffff:1.2.3.4', '::ffff:1.2.3.4', 'IPv4-mapped, mixed notation (RFC 5952 §5)'],
  ['::ffff:0102:0304', '::ffff:1.2.3.4', 'IPv4-mapped written in hex'],
  ['0:0:0:0:0:ffff:1.2.3.4', '::ffff:1.2.3.4', 'full mixed notation'],
  ['::1.2.3.4', '::102:304', 'deprecated IPv4-compatible form: printed in hex'],
  ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 'NAT64 written in mixed notation'],
  ['fe80::1%eth0', 'fe80::1%eth0', 'zone'],
  ['fe80::1%br-1a2b', 'fe80::1%br-1a2b', 'zone with a dash'],
  ['fe80::1%eth0.100', 'fe80::1%eth0.100', 'zone with a dot (VLAN)'],
  ['fe80::1%en_0~x', 'fe80::1%en_0~x', 'zone with _ and ~'],
  ['fe80::1%1', 'fe80::1%1', 'numeric zone'],
];

// [input, message substring, comment]
const INVALID: [string, string, string][] = [
  ['', 'empty string', 'empty'],
  ['300.1.1.1', 'octet 300 is greater than 255', 'octet range'],
  ['256.0.0.0', 'octet 256 is greater than 255', 'just over'],
  ['010.0.0.1', 'leading zero in octet "010" (octal or decimal? refusing to guess)', 'octal-looking'],
  ['1.2.3.04', 'leading zero in octet "04"', 'leading zero last'],
  ['0x7f.1', 'hexadecimal octet "0x7f"', 'hex'],
  ['0x7f000001', 'hexadecimal integer', 'hex integer'],
  ['127.1', 'shortened forms like "127.1" are not allowed', 'short form'],
  ['1.2.3', 'only 3 octets', 'three octets'],
  ['1.2.3.4.5', '5 octets', 'five octets'],
  ['2130706433', 'a bare integer is not an address', 'integer form'],
  ['１.２.３.４', 'fullwidth digit U+FF11', 'fullwidth digits'],
  ['1.2.3.4\n', 'unexpected newline at the end', 'trailing newline'],
  [' 1.2.3.4', 'unexpected space at the start', 'leading space'],
  ['1.2.3.4 ', 'unexpected space at the end', 'trailing space'],
  ['1..2.3', 'empty octet', 'empty octet'],
  ['1.2.3.', 'empty octet', 'trailing dot'],
  ['1.2.3.4%eth0', 'only allowed on an IPv6 address', 'zone on IPv4'],
  ['-1.2.3.4', "unexpected character '-'", 'sign'],
  ['+1.2.3.4', "unexpected character '+'", 'plus sign'],
  ['1.2.3.4a', "unexpected character 'a'", 'junk after'],
  ['1.2.3.٤', 'non-ASCII character U+0664', 'Arabic-Indic digit'],
  ['hello', 'not an IPv4 address (no dots) nor an IPv6 address (no colons)', 'garbage'],
  [':', 'leading ":" must be part of "::"', 'lone colon'],
  [':::', '":::"', 'triple colon'],
  ['1::2::3', 'a second "::"', 'two ellipses'],
  ['1:2:3:4:5:6:7', 'only 7 groups', 'too few groups'],
  ['1:2:3:4:5:6:7:8:9', 'more than eight groups', 'too many groups'],
  ['1:2:3:4:5:6:7::8', '"::" must stand for at least one group', 'ellipsis with 8 groups'],
  ['12345::', 'more than four hex digits', 'long group'],
  ['1:', 'ends with a single ":"', 'trailing colon'],
  ['g::1', "unexpected character 'g'", 'not hex'],
  ['::1.2.3', 'embedded IPv4 "1.2.3"', 'short embedded IPv4'],
  ['::1.2.3.4:5', 'must be the last part', 'embedded IPv4 in the middle'],
  ['::010.0.0.1', 'leading zero', 'embedded IPv4 with leading zero'],
  ['fe80::1%', 'empty zone', 'empty zone'],
  ['fe80::1%eth 0', 'zone "eth 0" has space', 'space in zone'],
  ['fe80::1%eth0/64', "zone \"eth0/64\" has character '/'", 'a prefix after a zone is not part of an address'],
  ['fe80::1%a%b', "zone \"a%b\" has character '%'", 'two zones'],
  ['fe80::1%éth', 'non-ASCII character U+00E9', 'non-ASCII zone'],
  ['[::1]', "unexpected character '['", 'brackets belong to URLs'],
];

describe('parseAddress: valid inputs', () => {
  it.each(VALID)('%s -> %s (%s)', (input, canonical) => {
    const a = parseAddress(input);
    expect(a.toString()).toBe(canonical);
    // Round trip: the canonical text parses to the same value.
    expect(parseAddress(canonical).equals(a)).toBe(true);
    expect(parseAddress(a.toString()).toString()).toBe(canonical);
  });
});

describe('parseAddress: invalid inputs', () => {
  it.each(INVALID)('%j is refused: %s (%s)', (input, message) => {
    let err: unknown;
    try {
      parseAddress(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetkitError);
    const e = err as NetkitError;
    expect(e.message).toContain(message);
    expect(e.input).toBe(input);
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.startsWith('invalid ')).toBe(true);
    expect(tryParseAddress(input)).toBeNull();
  });
});

describe('error messages', () => {
  it('names the input, escaped and quoted, and the rule', () => {
    expect(() => parseAddress('010.0.0.1')).toThrow(
      'invalid IPv4 address "010.0.0.1": leading zero in octet "010" (octal or decimal? refusing to guess)',
    );
    expect(() => parseAddress('300.1.1.1')).toThrow('invalid IPv4 address "300.1.1.1": octet 300 is greater than 255');
  });
  it('makes control characters visible', () => {
    expect(() => parseAddress('1.2.3.4\x00')).toThrow('"1.2.3.4\\x00"');
    expect(() => parseAddress('1.2.3.4\r')).toThrow('"1.2.3.4\\r"');
  });
  it('cuts a huge input and says how long it was', () => {
    const big = 'a'.repeat(100_000);
    let msg = '';
    try {
      parseAddress(big);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg.length).toBeLessThan(300);
    expect(msg).toContain('(100000 characters)');
  });
  it('gives the position of the offending character', () => {
    try {
      parseAddress('1.2.3.4a');
    } catch (e) {
      expect((e as NetkitError).position).toBe(7);
    }
    expect.assertions(1);
  });
  it('uses the family-specific kind when the syntax decides', () => {
    expect(() => parseIPv4('::1')).toThrow(/^invalid IPv4 address/);
    expect(() => parseIPv6('1.2.3.4')).toThrow(/^invalid IPv6 address/);
  });
});

describe('Address value semantics', () => {
  it('family is part of identity', () => {
    const v4 = parseAddress('10.0.0.1');
    const mapped = parseAddress('::ffff:10.0.0.1');
    expect(v4.equals(mapped)).toBe(false);
    expect(mapped.is4In6).toBe(true);
    expect(mapped.unmap().equals(v4)).toBe(true);
    expect(v4.compare(mapped)).toBe(-1);
  });
  it('zones are part of identity', () => {
    expect(parseAddress('fe80::1%eth0').equals(parseAddress('fe80::1%eth1'))).toBe(false);
    expect(parseAddress('fe80::1%eth0').withoutZone().equals(parseAddress('fe80::1'))).toBe(true);
  });
  it('converts to and from integers and bytes', () => {
    const a = parseAddress('2001:db8::ff00:42:8329');
    expect(Address.fromBigInt(6, a.toBigInt()).equals(a)).toBe(true);
    expect(Address.fromBytes(a.toBytes()).equals(a)).toBe(true);
    expect(parseAddress('1.2.3.4').toBigInt()).toBe(0x01020304n);
    expect(Array.from(parseAddress('1.2.3.4').toBytes())).toEqual([1, 2, 3, 4]);
    expect(parseAddress('2001:db8::1').toFullString()).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
  });
  it('orders IPv4 before IPv6 and by value', () => {
    const sorted = ['::1', '10.0.0.2', '10.0.0.10', '::', '1.2.3.4'].map(parseAddress).sort((x, y) => x.compare(y));
    expect(sorted.map(String)).toEqual(['1.2.3.4', '10.0.0.2', '10.0.0.10', '::', '::1']);
  });
  it('serialises to JSON as its canonical text', () => {
    expect(JSON.stringify({ a: parseAddress('2001:DB8::1') })).toBe('{"a":"2001:db8::1"}');
  });
});
