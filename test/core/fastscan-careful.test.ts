// Every fast address scanner against the CAREFUL parser with no fast path in front of
// it (readIPv4Carefully, parseIPv6Slow): the careful code is the reference, so a fast
// path cannot drift together with the thing it is compared to. Both sides must agree
// on acceptance and on the value, on text that is often an address and often almost one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Address, parseAddress, parseIPv4, parseIPv6, parseIPv6Slow, readIPv4Carefully, scanIPv4 } from '../../src/core/address.js';
import { NetkitError } from '../../src/core/errors.js';
import { scanIPv4Bytes, scanIPv6Bytes } from '../../src/core/fastscan.js';

const RUNS = 15_000;

// --- generators: near-addresses
const octet = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('256', '300', '999', '1000', '00', '01', '007', '0x1', '', '-1', '+1', ' 1', '1 ', '٣') },
);
const v4ish = fc.array(octet, { minLength: 1, maxLength: 6 }).map((o) => o.join('.'));
const group = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16)) },
  { weight: 2, arbitrary: fc.constantFrom('0', '0000', '00000', 'FFFF', 'fFfF', '10000', 'g', '', 'x', ' ') },
);
const v6ish = fc
  .tuple(fc.array(group, { minLength: 0, maxLength: 9 }), fc.option(fc.integer({ min: 0, max: 9 })), fc.option(v4ish), fc.option(fc.constantFrom('%eth0', '%', '%1')))
  .map(([gs, gap, tail, zone]) => {
    const parts = [...gs];
    if (gap !== null) parts.splice(Math.min(gap, parts.length), 0, '');
    let s = parts.join(':');
    if (gap !== null && (s.startsWith(':') || s === '')) s = ':' + s;
    if (gap !== null && s.endsWith(':')) s += ':';
    if (tail !== null) s += (s.endsWith(':') || s === '' ? '' : ':') + tail;
    return zone === null ? s : s + zone;
  });
/** A valid address with one character inserted, removed or replaced. */
const mutated = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }).map((v) => Address.v4(v).toString()),
      fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([a, b, c, d]) => Address.v6(a, b, c, d).toString()),
      fc.integer({ min: 0, max: 0xffffffff }).map((v) => '::ffff:' + Address.v4(v).toString()),
    ),
    fc.nat(),
    fc.constantFrom('insert', 'remove', 'replace', 'none'),
    fc.constantFrom(...'0123456789abcdefABCDEF.:%g '.split('')),
  )
  .map(([s, at, op, ch]) => {
    const i = at % (s.length + 1);
    if (op === 'insert') return s.slice(0, i) + ch + s.slice(i);
    if (op === 'remove') return s.slice(0, i) + s.slice(i + 1);
    if (op === 'replace') return s.slice(0, i) + ch + s.slice(i + 1);
    return s;
  });
const noise = fc.stringMatching(/^[0-9a-fA-F.:%xg]{0,46}$/);
const candidate = fc.oneof(v4ish, v6ish, mutated, noise);

/** The careful reader's verdict: the value, or null when it refuses with a NetkitError. */
function careful<T>(read: () => T): T | null {
  try {
    return read();
  } catch (e) {
    if (e instanceof NetkitError) return null;
    throw e;
  }
}
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const words = (a: Address) => [a.w0, a.w1, a.w2, a.w3];

describe('IPv4 fast scanners vs the careful reader', () => {
  it('the careful reader reads and refuses on its own (table)', () => {
    expect(readIPv4Carefully('210.170.1.1')).toBe(0xd2aa0101);
    expect(readIPv4Carefully('0.0.0.0')).toBe(0);
    expect(readIPv4Carefully('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.256', '1..3.4', '', 'a.b.c.d', '0x1.2.3.4']) {
      expect(() => readIPv4Carefully(bad), bad).toThrow(NetkitError);
    }
  });

  it('scanIPv4 (text) accepts exactly what the careful reader accepts, with the same value', () => {
    fc.assert(
      fc.property(candidate, (s) => {
        const want = careful(() => readIPv4Carefully(s));
        expect(scanIPv4(s, 0, s.length), JSON.stringify(s)).toBe(want ?? -1);
      }),
      { numRuns: RUNS },
    );
  });

  it('scanIPv4Bytes (fastscan.ts) accepts exactly what the careful reader accepts, with the same value', () => {
    fc.assert(
      fc.property(candidate, (s) => {
        if (/[^\x00-\xff]/.test(s)) return; // bytes are latin1 here; the byte reader never sees a UTF-16 unit
        const want = careful(() => readIPv4Carefully(s));
        expect(scanIPv4Bytes(latin1(s), 0, s.length), JSON.stringify(s)).toBe(want ?? -1);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseIPv4 and parseAddress give the careful value, and the careful error', () => {
    fc.assert(
      fc.property(v4ish, (s) => {
        const want = careful(() => readIPv4Carefully(s));
        if (want === null) {
          let mine: unknown;
          try {
            readIPv4Carefully(s);
          } catch (e) {
            mine = e;
          }
          expect(() => parseIPv4(s)).toThrow((mine as Error).message);
        } else {
          expect(parseIPv4(s).w3).toBe(want);
          expect(parseAddress(s).w3).toBe(want);
        }
      }),
      { numRuns: RUNS / 4 },
    );
  });
});

describe('IPv6 fast scanners vs the careful parser', () => {
  it('parseIPv6 (fast scan first) gives what parseIPv6Slow gives: value and zone, or the same refusal', () => {
    let fastAccepted = 0;
    fc.assert(
      fc.property(candidate, (s) => {
        const want = careful(() => parseIPv6Slow(s));
        const got = careful(() => parseIPv6(s));
        expect(got === null, JSON.stringify(s)).toBe(want === null);
        if (want && got) {
          expect(words(got), JSON.stringify(s)).toEqual(words(want));
          expect(got.zone).toBe(want.zone);
          if (!s.includes('.') && !s.includes('%')) fastAccepted++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(fastAccepted).toBeGreaterThan(RUNS / 20); // the fast path's own forms were exercised
  });

  it('scanIPv6Bytes (fastscan.ts) accepts exactly the zoneless addresses parseIPv6Slow accepts, with the same words', () => {
    const out = new Uint32Array(4);
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (s) => {
        if (/[^\x00-\xff]/.test(s)) return;
        const want = careful(() => parseIPv6Slow(s));
        const ok = scanIPv6Bytes(latin1(s), 0, s.length, out, 0);
        const expected = want !== null && want.zone === '';
        expect(ok, JSON.stringify(s)).toBe(expected);
        if (expected) {
          expect([...out], JSON.stringify(s)).toEqual(words(want!));
          accepted++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 20);
  });

  it('scanIPv6Bytes reads inside a larger buffer at an offset, as the bulk readers call it', () => {
    const out = new Uint32Array(8);
    fc.assert(
      fc.property(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), fc.string({ maxLength: 5 }), (w, pre) => {
        const a = Address.v6(...w);
        const text = a.toString();
        const buf = latin1(`${pre} ${text} tail`);
        const start = latin1(`${pre} `).length;
        expect(scanIPv6Bytes(buf, start, start + text.length, out, 4)).toBe(true);
        expect([...out.subarray(4)]).toEqual(words(a));
      }),
      { numRuns: 5000 },
    );
  });
});
