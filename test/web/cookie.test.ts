// Cookies: parse tables (attributes, warnings) and match tables (stored? sent?), with
// the notes' YouTube example first. The clock is injected everywhere.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchSetCookie, parseSetCookie } from '../../src/web/cookie.js';
import { WebInputError } from '../../src/web/errors.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('parse', () => {
  it('reads every attribute', () => {
    const r = parseSetCookie(
      'sid=abc; Domain=.YouTube.com; Path=/watch; Max-Age=3600; Secure; HttpOnly; SameSite=Strict; Partitioned',
      NOW,
    );
    expect(r).toMatchObject({
      name: 'sid',
      value: 'abc',
      domain: 'youtube.com',
      path: '/watch',
      expires: null,
      maxAge: 3600,
      expiresAt: '2026-11-26T13:00:00Z',
      session: false,
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      partitioned: true,
      hostOnly: false,
      prefix: null,
      warnings: [],
    });
  });

  it('a session cookie has no expiry', () => {
    expect(parseSetCookie('a=b', NOW)).toMatchObject({ session: true, expiresAt: null, hostOnly: true, domain: null, path: null, sameSite: null });
  });

  it('Max-Age wins over Expires', () => {
    const r = parseSetCookie('a=b; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Max-Age=60', NOW);
    expect(r.expires).toBe('2037-10-21T07:28:00Z');
    expect(r.expiresAt).toBe('2026-11-26T12:01:00Z');
    expect(r.warnings.join()).toContain('Max-Age wins');
  });

  it('expiresAt is capped at 400 days, as browsers keep it, even for absurd Max-Age', () => {
    const cap = '2027-12-31T12:00:00Z';
    expect(parseSetCookie('a=b; Max-Age=999999999999999999999', NOW).expiresAt).toBe(cap);
    expect(parseSetCookie('a=b; Expires=Fri, 31 Dec 9999 23:59:59 GMT', NOW)).toMatchObject({ expires: '9999-12-31T23:59:59Z', expiresAt: cap });
    expect(parseSetCookie('a=b; Max-Age=34560000', NOW).expiresAt).toBe(cap); // exactly 400 days: not cut
    expect(parseSetCookie('a=b; Max-Age=34560000', NOW).warnings).toEqual([]);
    expect(parseSetCookie('a=b; Max-Age=34560001', NOW).warnings.join()).toContain('400 days');
  });

  it('Expires alone sets the expiry', () => {
    expect(parseSetCookie('a=b; Expires=Fri, 27 Nov 2026 12:00:00 GMT', NOW).expiresAt).toBe('2026-11-27T12:00:00Z');
  });

  it('a tab is not a control character browsers refuse: kept inside a value, trimmed at the edges', () => {
    expect(parseSetCookie('a=1\tb; Path=/x\ty', NOW)).toMatchObject({ name: 'a', value: '1\tb', path: '/x\ty', warnings: [] });
    expect(parseSetCookie('\ta\t=\t1 x\t;\tSecure;\tHttpOnly\t', NOW)).toMatchObject({ name: 'a', value: '1 x', secure: true, httpOnly: true, warnings: [] });
    const m = matchSetCookie('sid=1\t2; Secure', 'https://x.example/', 'https://x.example/', NOW);
    expect(m).toMatchObject({ stored: true, sent: true });
  });

  // RFC 6265bis section 5.6: the name is what precedes the first "=" of the part before the first ";".
  it.each([
    ['=a=bar', '', 'a=bar'], // nameless, not a=bar (tough-cookie's split)
    ['foo', '', 'foo'], // nameless, kept as browsers do
    ['=b', '', 'b'],
    ['a=', 'a', ''],
    ['a==b', 'a', '=b'],
    [' a = b c ', 'a', 'b c'],
    ['a=b=c; Path=/', 'a', 'b=c'],
    ['"q"="v"', '"q"', '"v"'], // quotes are part of name and value
  ])('%j splits into name %j, value %j', (input, name, value) => {
    expect(parseSetCookie(input, NOW)).toMatchObject({ name, value });
  });

  it('drops a pasted "Set-Cookie:" header name', () => {
    expect(parseSetCookie('Set-Cookie: a=b; Path=/', NOW)).toMatchObject({ name: 'a', path: '/' });
  });

  // One row per warning: the Set-Cookie value and a piece of the warning it must raise.
  it.each([
    ['SameSite=None without Secure', 'a=b; SameSite=None', 'SameSite=None without Secure'],
    ['__Secure- without Secure', '__Secure-a=b', 'the __Secure- prefix requires Secure'],
    ['__secure- (any case) without Secure', '__secure-a=b', 'the __Secure- prefix requires Secure (the name starts with __secure-, and browsers match the prefix in any case): browsers reject the cookie'],
    ['__Host- with Domain', '__Host-a=b; Secure; Path=/; Domain=example.com', 'it has Domain=example.com'],
    ['__Host- without Path=/', '__Host-a=b; Secure', 'it has no Path=/'],
    ['__Host- with another Path', '__Host-a=b; Secure; Path=/app', 'its Path is /app'],
    ['__Host- without Secure', '__Host-a=b; Path=/', 'it is not Secure'],
    ['Domain on a public suffix', 'a=b; Domain=co.uk', 'Domain=co.uk is a public suffix'],
    ['Domain on a TLD', 'a=b; Domain=com', 'Domain=com is a public suffix'],
    ['Domain on a private suffix (github.io)', 'a=b; Domain=github.io', 'Domain=github.io is a public suffix'],
    ['Expires in the past', 'a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'already expired (expired 11 years'],
    ['Max-Age=0', 'a=b; Max-Age=0', 'already expired (Max-Age=0)'],
    ['negative Max-Age', 'a=b; Max-Age=-1', 'already expired (Max-Age=-1)'],
    ['more than 400 days', 'a=b; Max-Age=40000000', 'cap the lifetime at 400 days'],
    ['Partitioned without Secure', 'a=b; Partitioned', 'Partitioned without Secure'],
    ['an unknown SameSite', 'a=b; SameSite=Sometimes', 'SameSite=Sometimes is not Strict, Lax or None'],
    ['a relative Path', 'a=b; Path=app', 'does not start with "/"'],
    ['an unreadable Expires', 'a=b; Expires=tomorrow', 'Expires=tomorrow is not a date'],
    ['an unreadable Max-Age', 'a=b; Max-Age=1h', 'Max-Age=1h is not a whole number'],
    ['an unknown attribute', 'a=b; Sekure', 'unknown attribute "Sekure"'],
    ['no name', 'justavalue', 'no name'],
    ['name and value over 4096 bytes', `a=${'x'.repeat(5000)}`, 'name and value are 5001 bytes, over the 4096 browsers accept: browsers ignore the cookie'],
    ['name and value 4097 bytes', `a=${'x'.repeat(4096)}`, 'are 4097 bytes'],
    ['empty name and value', '=', 'empty name and empty value: browsers ignore the cookie'],
    ['empty name and value, attributes after', '; bar', 'empty name and empty value'],
    ['empty name and value, spaces around "="', ' \t= \t; Secure', 'empty name and empty value'],
    ['a nameless cookie whose value has "="', '=a=bar', 'send it back as "a=bar", and a server reads that as a cookie named "a"'],
  ])('warns: %s', (_n, input, warning) => {
    const r = parseSetCookie(input, NOW);
    expect(r.warnings.some((w) => w.includes(warning)), JSON.stringify(r.warnings)).toBe(true);
  });

  it.each([
    ['a plain cookie', 'a=b; Path=/; Secure; HttpOnly; SameSite=Lax'],
    ['a proper __Host- cookie', '__Host-id=1; Secure; Path=/'],
    ['a proper __Secure- cookie', '__Secure-id=1; Secure; Domain=example.com'],
    ['Domain on a registrable domain', 'a=b; Domain=bbc.co.uk'],
    ['SameSite=None with Secure', 'a=b; SameSite=None; Secure'],
    ['name and value exactly 4096 bytes', `a=${'x'.repeat(4095)}`],
    ['Partitioned with Secure', 'a=b; Partitioned; Secure'],
    ["Chrome's Priority attribute", 'a=b; Priority=High'],
  ])('no warning: %s', (_n, input) => {
    expect(parseSetCookie(input, NOW).warnings).toEqual([]);
  });

  it.each([
    ['empty', '', 'it is empty'],
    ['a control character', 'a=b\u0001c', 'control character "\\x01" at position 3'],
    ['an escape sequence', 'a=\u001b[31mred', 'control character "\\x1b"'],
    ['a newline (header injection)', 'a=b\r\nSet-Cookie: evil=1', 'control character "\\r"'],
    ['a 1 MB string', 'a='.padEnd(1 << 20, 'x'), 'longer than the 65536'],
    // A pasted request header: say what it is and which command reads it.
    ['a Cookie request header', 'Cookie: a=1; b=2', "this is a Cookie request header (the name=value pairs a browser sends back), not a Set-Cookie value: 'netkit cookie parse' and 'netkit cookie match' read the Set-Cookie"],
    ['a Cookie header in lower case, no space', 'cookie:a=1', 'this is a Cookie request header'],
    ['an Authorization header', 'Authorization: Bearer abc.def.ghi', "'netkit jwt decode' reads a bearer token from it"],
  ])('refuses %s', (_n, input, message) => {
    let err: unknown;
    try {
      parseSetCookie(input, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WebInputError);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toMatch(/[\n\r\u001b]/);
  });

  it('any string either parses or is a WebInputError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 8 }).map((a) => a.join('; '))), (s) => {
        try {
          parseSetCookie(s, NOW);
        } catch (e) {
          if (!(e instanceof WebInputError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('match', () => {
  // [what, request URL, --from URL, Set-Cookie, stored, sent, piece of the reason]
  const rows: [string, string, string, string, boolean, boolean, string][] = [
    // The notes: "Cookies given by YouTube are sent only to YouTube".
    ['YouTube cookie, request to YouTube', 'https://youtube.com/', 'https://youtube.com/', 'PREF=f6=8', true, true, 'set by youtube.com without Domain, and this request goes to youtube.com itself'],
    ['YouTube cookie, request to Google', 'https://google.com/', 'https://youtube.com/', 'PREF=f6=8', true, false, 'set by youtube.com, so not sent to google.com'],
    ['YouTube Domain cookie, request to Google', 'https://google.com/', 'https://www.youtube.com/', 'a=1; Domain=youtube.com', true, false, 'set by www.youtube.com for Domain=youtube.com, so sent to youtube.com and its subdomains, not to google.com'],
    ['YouTube cannot set a Google cookie', 'https://google.com/', 'https://youtube.com/', 'a=1; Domain=google.com', false, false, 'set by youtube.com, which may not set a cookie for Domain=google.com'],
    // Subdomains: host-only vs Domain.
    ['host-only, request to a subdomain', 'https://www.youtube.com/', 'https://youtube.com/', 'a=1', true, false, 'not to its subdomain www.youtube.com'],
    ['Domain cookie, request to a subdomain', 'https://m.youtube.com/', 'https://youtube.com/', 'a=1; Domain=youtube.com', true, true, 'which covers its subdomain m.youtube.com'],
    ['Domain cookie, request to a deeper subdomain', 'https://a.b.youtube.com/', 'https://youtube.com/', 'a=1; Domain=youtube.com', true, true, 'covers its subdomain a.b.youtube.com'],
    ['set by a subdomain for the parent', 'https://youtube.com/', 'https://www.youtube.com/', 'a=1; Domain=youtube.com', true, true, 'set by www.youtube.com for Domain=youtube.com'],
    ['set by the parent for a sibling (refused)', 'https://m.youtube.com/', 'https://www.youtube.com/', 'a=1; Domain=m.youtube.com', false, false, 'may not set a cookie for Domain=m.youtube.com'],
    ['Domain with a leading dot is the same', 'https://m.youtube.com/', 'https://youtube.com/', 'a=1; Domain=.youtube.com', true, true, 'covers'],
    ['lookalike domain is not a subdomain', 'https://notyoutube.com/', 'https://youtube.com/', 'a=1; Domain=youtube.com', true, false, 'not to notyoutube.com'],
    ['host names are case-insensitive', 'https://YOUTUBE.com/', 'https://youtube.COM/', 'a=1', true, true, 'youtube.com itself'],
    // Public suffixes.
    ['Domain=com', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Domain=com', false, false, 'Domain=com is a public suffix'],
    ['Domain=co.uk', 'https://bbc.co.uk/', 'https://bbc.co.uk/', 'a=1; Domain=co.uk', false, false, 'Domain=co.uk is a public suffix'],
    ['Domain=github.io (private suffix)', 'https://me.github.io/', 'https://me.github.io/', 'a=1; Domain=github.io', false, false, 'public suffix'],
    ['Domain=bbc.co.uk is fine', 'https://www.bbc.co.uk/', 'https://bbc.co.uk/', 'a=1; Domain=bbc.co.uk', true, true, 'covers'],
    // Paths.
    ['Path=/watch, request to /watch', 'https://youtube.com/watch', 'https://youtube.com/', 'a=1; Path=/watch', true, true, '/watch is within /watch'],
    ['Path=/watch, request below it', 'https://youtube.com/watch/v1', 'https://youtube.com/', 'a=1; Path=/watch', true, true, 'within /watch'],
    ['Path=/watch, request to /feed', 'https://youtube.com/feed', 'https://youtube.com/', 'a=1; Path=/watch', true, false, 'Path=/watch: sent only to /watch and paths under it, not to /feed'],
    ['Path=/watch is not a prefix of /watchlater', 'https://youtube.com/watchlater', 'https://youtube.com/', 'a=1; Path=/watch', true, false, 'not to /watchlater'],
    ['default path is the directory of the setter', 'https://youtube.com/a/x', 'https://youtube.com/a/b/c', 'a=1', true, false, 'no Path, so the path is /a/b (the directory of /a/b/c)'],
    ['default path covers its own directory', 'https://youtube.com/a/b/d', 'https://youtube.com/a/b/c', 'a=1', true, true, 'within /a/b'],
    // Secure.
    ['Secure over https', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Secure', true, true, 'Secure, and the request is secure'],
    ['Secure, request over http', 'http://youtube.com/', 'https://youtube.com/', 'a=1; Secure', true, false, 'Secure, so sent only over https, not with this http request'],
    ['Secure, set over http (refused)', 'https://youtube.com/', 'http://youtube.com/', 'a=1; Secure', false, false, 'Secure, but set over http'],
    ['Secure on http://localhost (a secure context)', 'http://localhost/', 'http://localhost/', 'a=1; Secure', true, true, 'localhost'],
    // Prefixes.
    ['__Host- done right', 'https://youtube.com/x', 'https://youtube.com/', '__Host-id=1; Secure; Path=/', true, true, 'youtube.com itself'],
    ['__Host- with Domain', 'https://youtube.com/', 'https://youtube.com/', '__Host-id=1; Secure; Path=/; Domain=youtube.com', false, false, '__Host- prefix requires Secure, Path=/ and no Domain'],
    ['__Secure- without Secure', 'https://youtube.com/', 'https://youtube.com/', '__Secure-id=1', false, false, 'the __Secure- prefix requires Secure'],
    ['__host- in lower case is the same prefix', 'https://youtube.com/', 'https://youtube.com/', '__host-id=1; Path=/', false, false, 'the __Host- prefix requires Secure, Path=/ and no Domain, but it is not Secure (the name starts with __host-, and browsers match the prefix in any case), so the browser rejects it'],
    ['__SECURE- in upper case is the same prefix', 'https://youtube.com/', 'https://youtube.com/', '__SECURE-id=1', false, false, 'the __Secure- prefix requires Secure (the name starts with __SECURE-'],
    ['__host- in lower case, rules kept: stored and sent', 'https://youtube.com/', 'https://youtube.com/', '__host-id=1; Path=/; Secure', true, true, 'set by youtube.com'],
    ['__Secure- with Secure', 'https://youtube.com/', 'https://youtube.com/', '__Secure-id=1; Secure', true, true, 'Secure'],
    // Expiry.
    ['Max-Age=0 deletes', 'https://youtube.com/', 'https://youtube.com/', 'a=; Max-Age=0', false, false, 'already expired (Max-Age=0)'],
    ['Expires in the past', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Expires=Wed, 25 Nov 2026 12:00:00 GMT', false, false, 'already expired (expired 1 day ago)'],
    ['Expires one second from now', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Expires=Thu, 26 Nov 2026 12:00:01 GMT', true, true, 'youtube.com'],
    ['Expires exactly now', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Expires=Thu, 26 Nov 2026 12:00:00 GMT', false, false, 'already expired'],
    ['HttpOnly is still sent with HTTP requests', 'https://youtube.com/', 'https://youtube.com/', 'a=1; HttpOnly', true, true, 'youtube.com'],
    // Ignored or rejected whoever sets them (RFC 6265bis section 5.6 and 5.7, CHIPS).
    ['empty name and value', 'https://youtube.com/', 'https://youtube.com/', '=', false, false, 'empty name and empty value: the browser ignores the cookie'],
    ['empty name and value, attribute after', 'https://youtube.com/', 'https://youtube.com/', '; bar', false, false, 'empty name and empty value'],
    ['name and value over 4096 bytes', 'https://youtube.com/', 'https://youtube.com/', `a=${'x'.repeat(4096)}`, false, false, 'name and value are 4097 bytes, over the 4096 browsers accept: the browser ignores the cookie'],
    ['name and value exactly 4096 bytes', 'https://youtube.com/', 'https://youtube.com/', `a=${'x'.repeat(4095)}`, true, true, 'youtube.com itself'],
    ['SameSite=None without Secure', 'https://youtube.com/', 'https://youtube.com/', 'a=1; SameSite=None', false, false, 'SameSite=None without Secure: the browser rejects the cookie'],
    ['SameSite=None with Secure', 'https://youtube.com/', 'https://youtube.com/', 'a=1; SameSite=None; Secure', true, true, 'youtube.com itself'],
    ['Partitioned without Secure', 'https://youtube.com/', 'https://youtube.com/', 'a=1; Partitioned', false, false, 'Partitioned without Secure: the browser rejects the cookie'],
    ['a nameless cookie is kept and sent', 'https://youtube.com/', 'https://youtube.com/', 'foo', true, true, 'youtube.com itself'],
    ['=a=bar is nameless, not cookie a', 'https://youtube.com/', 'https://youtube.com/', '=a=bar', true, true, 'youtube.com itself'],
    // IP addresses are host-only.
    ['a cookie from an IP address', 'http://127.0.0.1:8080/', 'http://127.0.0.1/', 'a=1', true, true, '127.0.0.1'],
    ['not sent to another IP', 'http://127.0.0.2/', 'http://127.0.0.1/', 'a=1', true, false, 'set by 127.0.0.1, so not sent to 127.0.0.2'],
  ];

  it.each(rows)('%s', (_n, url, from, setCookie, stored, sent, reason) => {
    const r = matchSetCookie(setCookie, url, from, NOW);
    expect({ stored: r.stored, sent: r.sent }).toEqual({ stored, sent });
    expect(r.reason).toContain(reason);
  });

  // SameSite: [what, Set-Cookie, --site, subresource?, sent, piece of the reason]
  const siteRows: [string, string, string, boolean, boolean, string][] = [
    ['Strict, same-site request', 'a=1; SameSite=Strict', 'https://www.youtube.com/', false, true, 'youtube.com'],
    ['Strict, cross-site link', 'a=1; SameSite=Strict', 'https://news.example/', false, false, 'SameSite=Strict, so not sent with a request from another site (news.example'],
    ['Lax, cross-site link', 'a=1; SameSite=Lax', 'https://news.example/', false, true, 'SameSite=Lax allows a cross-site navigation from news.example'],
    ['Lax, cross-site image', 'a=1; SameSite=Lax', 'https://news.example/', true, false, 'not with a cross-site subresource request'],
    ['None, cross-site image', 'a=1; SameSite=None; Secure', 'https://news.example/', true, true, 'SameSite=None allows a cross-site subresource request'],
    ['unset, cross-site image (Chrome differs)', 'a=1', 'https://news.example/', true, true, 'Chrome treats it as Lax and would not send it'],
    ['http page is another site (schemeful)', 'a=1; SameSite=Strict', 'http://youtube.com/', false, false, 'SameSite=Strict, so not sent with a request from another site (http://youtube.com is not the same site as https://youtube.com: one is https, the other not, and the scheme is part of the site)'],
    ['a sibling subdomain is the same site', 'a=1; SameSite=Strict; Domain=youtube.com', 'https://m.youtube.com/', true, true, 'youtube.com'],
    ['github.io users are different sites', 'a=1; SameSite=Strict', 'https://other.github.io/', false, false, 'SameSite=Strict'],
  ];
  it.each(siteRows)('SameSite: %s', (_n, setCookie, site, subresource, sent, reason) => {
    const url = site.includes('github.io') ? 'https://me.github.io/' : 'https://youtube.com/';
    const r = matchSetCookie(setCookie, url, url, NOW, { site, subresource });
    expect(r.sent).toBe(sent);
    expect(r.reason).toContain(reason);
    expect(r.site).toBe(new URL(site).href);
  });

  it('a Unicode Domain is matched in its punycode form, as browsers canonicalise it', () => {
    for (const from of ['https://bücher.example/', 'https://xn--bcher-kva.example/']) {
      const r = matchSetCookie('a=1; Domain=bücher.example', 'https://www.xn--bcher-kva.example/', from, NOW);
      expect(r).toMatchObject({ stored: true, sent: true, domain: 'xn--bcher-kva.example', hostOnly: false });
    }
    // ...and it still belongs to that domain only.
    expect(matchSetCookie('a=1; Domain=bücher.example', 'https://other.example/', 'https://bücher.example/', NOW).sent).toBe(false);
  });

  it('reports the JSON fields, in order', () => {
    const r = matchSetCookie('a=1; Path=/x', 'https://google.com/x', 'https://youtube.com/', NOW);
    expect(Object.keys(r).slice(0, 6)).toEqual(['cookie', 'url', 'from', 'stored', 'sent', 'reason']);
    expect(r).toMatchObject({ cookie: 'a', url: 'https://google.com/x', from: 'https://youtube.com/', domain: 'youtube.com', path: '/x', hostOnly: true });
  });

  it('does not repeat the refusal reason as a warning', () => {
    const r = matchSetCookie('a=1; Domain=com', 'https://youtube.com/', 'https://youtube.com/', NOW);
    expect(r.warnings).toEqual([]);
    for (const c of ['=', 'a=1; SameSite=None', 'a=1; Partitioned', `a=${'x'.repeat(5000)}`]) {
      expect(matchSetCookie(c, 'https://youtube.com/', 'https://youtube.com/', NOW).warnings, c).toEqual([]);
    }
  });

  it('=a=bar is stored as the nameless cookie, so it does not replace cookie a', () => {
    const r = matchSetCookie('=a=bar', 'https://youtube.com/', 'https://youtube.com/', NOW);
    expect(r.cookie).toBe('');
  });

  it.each([
    ['no scheme', 'youtube.com', 'write the scheme: https://youtube.com'],
    ['not a URL', 'http://', 'not an absolute URL'],
    ['ftp', 'ftp://youtube.com/', 'not ftp'],
    ['file', 'file:///etc/passwd', 'not file'],
  ])('refuses a request URL with %s', (_n, url, message) => {
    expect(() => matchSetCookie('a=1', url, 'https://youtube.com/', NOW)).toThrow(WebInputError);
    expect(() => matchSetCookie('a=1', url, 'https://youtube.com/', NOW)).toThrow(message);
  });

  it('agrees with itself: a cookie sent to a URL is sent to that URL from the same origin, for any path', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\/[a-z/]{0,12}$/), fc.stringMatching(/^\/[a-z/]{0,12}$/), (cookiePath, reqPath) => {
        const r = matchSetCookie(`a=1; Path=${cookiePath}`, `https://example.com${reqPath}`, 'https://example.com/', NOW);
        // RFC 6265 5.1.4: sent iff the paths are equal, or the cookie path is a prefix ending in '/' or followed by '/'.
        const expected =
          reqPath === cookiePath ||
          (reqPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || reqPath[cookiePath.length] === '/'));
        expect(r.sent).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
