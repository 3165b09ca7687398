// mask32 and maskLength32, the one spelling of "prefix length <-> IPv4 mask bits" the
// core, the route parsers and the byte writers share: checked against the bits as text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mask32, maskLength32, maskWords } from '../../src/core/mask.js';

const bits = (m: number) => (m >>> 0).toString(2).padStart(32, '0');
/** Reference: the length of the leading ones when the rest is all zeros, else -1. */
const refLength = (m: number) => (/^1*0*$/.test(bits(m)) ? bits(m).indexOf('0') === -1 ? 32 : bits(m).indexOf('0') : -1);

describe('mask32 / maskLength32', () => {
  it.each([
    [0, 0], [1, 0x80000000], [8, 0xff000000], [24, 0xffffff00], [31, 0xfffffffe], [32, 0xffffffff],
  ])('mask32(%d) = %d, and back', (len, m) => {
    expect(mask32(len)).toBe(m);
    expect(maskLength32(m)).toBe(len);
  });
  it.each([0xff00ff00, 0x00ffffff, 0x7fffffff, 1, 0xfffffffd])('maskLength32(%d) = -1 (not contiguous)', (m) =>
    expect(maskLength32(m)).toBe(-1),
  );
  it('every length is the top bits set, as text', () => {
    for (let len = 0; len <= 32; len++) expect(bits(mask32(len))).toBe('1'.repeat(len) + '0'.repeat(32 - len));
  });
  it('maskLength32 agrees with the text reference on any 32-bit value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (m) => maskLength32(m) === refLength(m)), { numRuns: 20000 });
    // near-masks: a mask with one bit flipped
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 31 }), (len, b) => {
        const m = (mask32(len) ^ (1 << b)) >>> 0;
        return maskLength32(m) === refLength(m);
      }),
    );
  });
  it('maskWords spreads a 128-bit length over four words', () => {
    for (let len = 0; len <= 128; len++) {
      expect(maskWords(len).map(bits).join('')).toBe('1'.repeat(len) + '0'.repeat(128 - len));
    }
  });
});
