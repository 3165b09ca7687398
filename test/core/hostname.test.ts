// parseHostName: the names `netkit route` hands to the system resolver (RFC 1123 host
// names on top of parseDnsName), one row per rule.
import { describe, expect, it } from 'vitest';
import { DnsNameError, parseHostName } from '../../src/core/dnsname.js';

describe('parseHostName', () => {
  it.each([
    ['example.com', 'example.com'], // plain
    ['example.com.', 'example.com'], // one final dot dropped, as parseDnsName
    ['a-b.example', 'a-b.example'], // inner hyphen
    ['_srv.example', '_srv.example'], // underscore, as the route command allowed before
    ['localhost', 'localhost'], // one label
    ['9gag.com', '9gag.com'], // leading digit (RFC 1123 allows it)
    ['bücher.example', 'xn--bcher-kva.example'], // IDN to its ASCII form
  ])('%s -> %s', (text, want) => expect(parseHostName(text)).toBe(want));

  it.each([
    ['-x.test', 'starts or ends with "-"'],
    ['a-.example', 'starts or ends with "-"'],
    ['a..example', 'empty label'],
    ['*.example', '"*" is not allowed in a host name'],
    ['0/25.2.0.192.in-addr.arpa', '"/" is not allowed in a host name'],
    ['.', 'the root is not a host name'],
    ['', 'empty name'],
    ['a b', 'a space is not allowed'],
    ['x'.repeat(64) + '.example', 'more than 63'],
  ])('%j is refused: %s', (text, reason) => {
    const e = (() => {
      try {
        parseHostName(text);
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(DnsNameError);
    expect((e as Error).message).toContain(reason);
  });
});
