// The human view of `netkit cookie parse`: what the Domain line says.
import { describe, expect, it } from 'vitest';
import { renderCookie } from '../../src/cli/render/cookie.js';
import { PLAIN } from '../../src/cli/render/style.js';
import { parseSetCookie } from '../../src/web/cookie.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const domainLine = (setCookie: string) =>
  renderCookie(parseSetCookie(setCookie, NOW), PLAIN, NOW)
    .split('\n')
    .find((l) => l.startsWith('domain'))!
    .replace(/^domain\s+/, '');

describe('cookie parse: the domain line', () => {
  it.each([
    ['a=1', 'host-only: sent back only to the host that set it (no Domain)'],
    ['a=1; Domain=.Example.com', 'example.com and all its subdomains (Domain=example.com)'],
    // RFC 6265 5.1.3: an IP address domain-matches only itself.
    ['a=1; Domain=192.168.1.1', 'only 192.168.1.1: an IP address has no subdomains (Domain=192.168.1.1)'],
    ['a=1; Domain=10.0.0.1.example', '10.0.0.1.example and all its subdomains (Domain=10.0.0.1.example)'],
  ])('%s', (setCookie, text) => {
    expect(domainLine(setCookie)).toBe(text);
  });
});
