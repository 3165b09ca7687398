import { describe, expect, it } from 'vitest';
import { safeJson, safeText, isUnsafeCodePoint } from '../../src/core/safe-text.js';

describe('safeText', () => {
  const rows: [string, string, string][] = [
    ['plain ASCII is kept', 'eth0', 'eth0'],
    ['non-ASCII letters are kept', 'café', 'café'],
    ['newline is escaped', 'a\nb', 'a\\nb'],
    ['ESC becomes \\x1b', 'e\x1b[2J', 'e\\x1b[2J'],
    ['DEL', 'a\x7f', 'a\\x7f'],
    ['C1 CSI', 'a\u009b31m', 'a\\x9b31m'],
    ['RLO bidi override', 'gnp\u202eexe', 'gnp\\u202eexe'],
    ['bidi isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['tab', 'a\tb', 'a\\tb'],
    ['BEL (OSC terminator)', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
  ];
  it.each(rows)('%s', (_name, input, want) => expect(safeText(input)).toBe(want));

  it('cuts long text and says how long it was', () => {
    expect(safeText('x'.repeat(100), 10)).toBe('xxxxxxxxxx…(100 characters)');
  });

  it('leaves no unsafe code point for any BMP character', () => {
    for (let cp = 0; cp < 0x3000; cp++) {
      const out = safeText(String.fromCharCode(cp));
      for (const ch of out) expect(isUnsafeCodePoint(ch.codePointAt(0)!)).toBe(false);
      expect(out.length === 1).toBe(!isUnsafeCodePoint(cp));
    }
  });
});

describe('safeJson', () => {
  it('escapes DEL, C1, bidi and line separators and stays the same JSON value', () => {
    const v = { s: 'a\x7f\u009b\u202e\u2028\u2029\x1b' };
    const text = safeJson(v);
    expect(text).toBe('{"s":"a\\u007f\\u009b\\u202e\\u2028\\u2029\\u001b"}');
    expect(JSON.parse(text)).toEqual(v);
  });
});
