// Fitting text to the terminal: every line within the width, no character lost, colour
// escapes not counted; tables narrow to their longest word, then become blocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN, chalkStyle, visibleLength } from '../../src/cli/render/style.js';
import { Chalk } from 'chalk';
import { alignedTable, keyValueTable } from '../../src/cli/render/table.js';
import { fitLines, wrapWords } from '../../src/cli/render/wrap.js';

const COLOR = chalkStyle(new Chalk({ level: 1 }));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const nonSpace = (s: string) => strip(s).replace(/\s+/g, '');

describe('fitLines', () => {
  it.each([
    // [text, width, expected] one row per behaviour
    ['short', 10, 'short'],
    ['one two three four', 9, 'one two\nthree\nfour'],
    ['Hosts         254 usable of 256 addresses (network and broadcast excluded)', 40, 'Hosts         254 usable of 256\n              addresses (network and\n              broadcast excluded)'], // hangs under the value
    ['  netkit a b c d e f g h i j k l m n o p', 20, '  netkit a b c d e f\n  g h i j k l m n o\n  p'], // under its own indent
    ['abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghij\nklmnopqrst\nuvwxyz'], // a word longer than a line is cut
    ['keeps  inner  gaps', 80, 'keeps  inner  gaps'],
  ])('%j at %i', (text, width, expected) => {
    expect(fitLines(text, width)).toBe(expected);
  });
  it('into a pipe (width Infinity) nothing changes', () => {
    const long = 'x '.repeat(500);
    expect(fitLines(long, Infinity)).toBe(long);
  });
  it('property: every line fits, no character is lost or added, colour does not count', () => {
    const word = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom('a', 'b', '1', ':', '.', '/') });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 120 }), fc.boolean(), (words, width, colour) => {
        const text = words.map((w, i) => (colour && i % 3 === 0 ? COLOR.green(w) : w)).join(' ');
        const out = fitLines(text, width);
        for (const line of out.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(width);
        expect(nonSpace(out)).toBe(nonSpace(text));
      }),
    );
  });
  it('wrapWords leaves room for the indent', () => {
    expect(wrapWords('aaaa bbbb cccc dddd', 12, 4)).toEqual(['aaaa bbbb', '    cccc', '    dddd']);
  });
});

describe('tables', () => {
  const head = ['interface', 'address', 'kind'];
  const rows = [['eth0', '192.0.2.2/24', 'documentation (test-net-1)'], ['lo', '127.0.0.1/8', 'loopback']];
  it('wide enough: one line a row, columns aligned, last column unpadded', () => {
    expect(alignedTable([head, ...rows])).toBe(
      'interface  address       kind\neth0       192.0.2.2/24  documentation (test-net-1)\nlo         127.0.0.1/8   loopback',
    );
  });
  it('narrower: the widest column wraps at its spaces, addresses stay whole', () => {
    const out = alignedTable([head, ...rows], 42);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(42);
    expect(out).toContain('192.0.2.2/24');
    expect(out).toContain('127.0.0.1/8');
  });
  it('too narrow for the words: a block per row', () => {
    expect(alignedTable([head, ...rows], 30)).toBe(
      'interface  eth0\naddress    192.0.2.2/24\nkind       documentation\n           (test-net-1)\n\ninterface  lo\naddress    127.0.0.1/8\nkind       loopback',
    );
  });
  it('colour codes do not count towards the widths', () => {
    const out = alignedTable([head.map((h) => COLOR.bold(h)), ...rows.map((r) => [COLOR.green(r[0]!), r[1]!, r[2]!])], 42);
    for (const l of out.split('\n')) expect(visibleLength(l)).toBeLessThanOrEqual(42);
    expect(strip(out)).toBe(alignedTable([head, ...rows], 42));
  });
  it('keyValueTable wraps values under themselves', () => {
    expect(keyValueTable([['Kind', 'ordinary unicast: globally reachable']], PLAIN, 24)).toBe('Kind  ordinary unicast:\n      globally reachable');
  });
});
