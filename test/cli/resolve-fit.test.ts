// The resolve table on a terminal: whatever the records and the width, every line fits,
// STATUS is on each record's first line, and no character of DATA is lost; into a pipe
// (width Infinity) the layout is the old one byte for byte.
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { StreamTable, type AnswerRecord, type ResolveRecord } from '../../src/cli/render/resolve.js';
import { PLAIN, chalkStyle, visibleLength } from '../../src/cli/render/style.js';

const COLOR = chalkStyle(new Chalk({ level: 1 }));
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function record(name: string, texts: string[], status = 'NOERROR'): ResolveRecord {
  return {
    input: name, name, type: 'TXT', server: '127.0.0.1:53', status, rcode: status === 'NOERROR' ? 'NOERROR' : null,
    flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: false },
    // data as text (dataText's fallback when there is no rdata); the TTL a DNS answer would have
    answers: texts.map((t) => ({ name, type: 'TXT', ttl: 300, data: t }) as unknown as AnswerRecord),
    authority: [], additional: [], edns: null, transport: 'udp', elapsedMs: 1,
  };
}
function draw(recs: ResolveRecord[], width: number, style = PLAIN, withServer = false, learn = 256): string {
  let out = '';
  const t = new StreamTable((s) => (out += s), style, withServer, learn, width);
  for (const r of recs) t.add(r);
  t.end();
  return out;
}

/** The text of the DATA column (a table's last column, or a block's DATA lines), in order. */
function dataColumn(plain: string): string {
  const lines = plain.split('\n');
  if (/^NAME +TYPE/.test(lines[0]!)) {
    const at = lines[0]!.indexOf('DATA');
    return lines.slice(1).map((l) => l.slice(at)).join(' ');
  }
  let inData = false;
  const out: string[] = [];
  for (const l of lines) {
    if (/^\S/.test(l)) inData = l.startsWith('DATA ');
    if (inData) out.push(l.slice(8));
  }
  return out.join(' ');
}

describe('StreamTable on a terminal', () => {
  it('fits any width from 40 up; nothing of DATA lost; STATUS visible', () => {
    const word = fc.stringMatching(/^[a-z0-9=;:./+-]{1,40}$/);
    const text = fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));
    const name = fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z0-9-]{1,10}){0,3}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.array(text, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 40, max: 200 }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 4 }),
        (recs, width, colour, withServer, learn) => {
          const out = draw(recs.map(([n, t]) => record(n, t)), width, colour ? COLOR : PLAIN, withServer, learn);
          for (const l of out.split('\n')) expect(visibleLength(l)).toBeLessThanOrEqual(width);
          const data = dataColumn(strip(out)).replace(/\s+/g, '');
          for (const [, texts] of recs) for (const t of texts) expect(data).toContain(t.replace(/\s+/g, ''));
          expect(strip(out).match(/NOERROR/g)?.length).toBe(recs.reduce((n, [, t]) => n + t.length, 0));
        }),
    );
  });

  it.each([
    // [width, expected] one row per layout
    [80, 'NAME    TYPE  TTL  STATUS   FLAGS        DATA\na.test  TXT   300  NOERROR  qr aa rd ra  one two three four five six seven eight\n'],
    // DATA keeps 24 columns before FLAGS goes two flags a line
    [60, 'NAME    TYPE  TTL  STATUS   FLAGS   DATA\na.test  TXT   300  NOERROR  qr aa   one two three four five\n                            rd ra   six seven eight\n'],
    [40, 'NAME    a.test\nTYPE    TXT\nTTL     300\nSTATUS  NOERROR\nFLAGS   qr aa rd ra\nDATA    one two three four five six\n        seven eight\n'],
  ])('at %i columns', (width, expected) => {
    expect(draw([record('a.test', ['one two three four five six seven eight'])], width)).toBe(expected);
  });

  it('into a pipe: DATA before STATUS, a cell past 64 columns pushes only its own row', () => {
    const long = 'x'.repeat(100);
    expect(draw([record('a.test', ['short', long])], Infinity)).toBe(
      `NAME    TYPE  TTL  DATA   STATUS   FLAGS\na.test  TXT   300  short  NOERROR  qr aa rd ra\na.test  TXT   300  ${long}  NOERROR\n`,
    );
  });
});
