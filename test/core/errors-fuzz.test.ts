// The property of issue 12's tests, in process (thousands of runs in seconds): for the
// commands that touch neither the host's tables nor the network, random text through
// arguments, option values and stdin gives exit 0, 1 or 2 (never 70), every stderr
// line is one `netkit:` line, a refused single input costs exactly one line, and no
// raw control character reaches stdout or stderr.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memory-io.js';
import { isUnsafeCodePoint } from '../../src/core/safe-text.js';

async function run(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = memoryIo(input);
  const code = await main(args, io);
  return { code, out: out(), err: err() };
}

const rawControl = (s: string) => s.split('\n').some((l) => [...l].some((c) => isUnsafeCodePoint(c.codePointAt(0)!)));

/** Text a user or an attacker might send: mostly near-valid, with controls, bidi and any code point mixed in. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef.:/%-=;, \t\r\n\x00\x1b\x07\x7f\u009b\u202e\u2028\u2066é'.split('')), maxLength: 40 }),
  fc.constantFrom('fe80::1%', '10.0.0.', '::ffff:1.2.3.', 'a=b; ', 'eyJ').chain((p) => fc.string({ unit: 'binary', maxLength: 20 }).map((s) => p + s)),
);
/** argv cannot hold NUL. */
const arg = nasty.map((s) => s.replace(/\0/g, ''));

/** [argv from one random string, whether one bad input must give exactly one line] */
const TEMPLATES: [string, (s: string) => string[], boolean][] = [
  ['subnet X', (s) => ['subnet', s], true],
  ['subnet X --json', (s) => ['subnet', s, '--json'], true],
  ['subnet 10.0.0.1 --mask X', (s) => ['subnet', '10.0.0.1', '--mask', s], true],
  ['same-net X 10.0.0.1 -m 24', (s) => ['same-net', s, '10.0.0.1', '-m', '24'], true],
  ['split X --prefix 30', (s) => ['split', s, '--prefix', '30'], true],
  ['split 10.0.0.0/24 --hosts X', (s) => ['split', '10.0.0.0/24', '--hosts', s], true],
  ['list X --limit 4', (s) => ['list', s, '--limit', '4'], true],
  ['list 10.0.0.0/30 --limit X', (s) => ['list', '10.0.0.0/30', '--limit', s], true],
  ['merge X', (s) => ['merge', s], false],
  ['exclude 10.0.0.0/8 --from X', (s) => ['exclude', '10.0.0.0/8', '--from', s], false],
  ['grep -e X /dev/null', (s) => ['grep', '-e', s, '/dev/null'], false],
  ['jwt decode X', (s) => ['jwt', 'decode', s], true],
  ['jwt sign --alg HS256 --secret S X', (s) => ['jwt', 'sign', '--alg', 'HS256', '--secret', 's'.repeat(32), s], true],
  ['cookie parse X', (s) => ['cookie', 'parse', s], true],
  ['cookie match X a=b', (s) => ['cookie', 'match', s, 'a=b'], true],
  ['X (a command name)', (s) => [s], true],
];

function check(r: { code: number; out: string; err: string }, exactlyOne: boolean, what: string): void {
  expect([0, 1, 2], `${what}: exit ${r.code}: ${r.err}`).toContain(r.code);
  expect(rawControl(r.out), `${what}: stdout`).toBe(false);
  expect(rawControl(r.err), `${what}: stderr`).toBe(false);
  const lines = r.err.split('\n').filter(Boolean);
  for (const l of lines) expect(l, what).toMatch(/^netkit: /);
  if (r.code === 2) {
    expect(lines.length, what).toBeGreaterThan(0);
    if (exactlyOne) expect(lines, what).toHaveLength(1);
  }
}

describe('random input never escapes the error family', () => {
  it.each(TEMPLATES)('%s', { timeout: 60_000 }, async (_name, argv, exactlyOne) => {
    await fc.assert(
      fc.asyncProperty(arg, async (s) => {
        const args = argv(s);
        check(await run(args), exactlyOne, JSON.stringify(args));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ['subnet -', ['subnet', '-']],
    ['merge -', ['merge', '-']],
    ['cookie parse - --json', ['cookie', 'parse', '-', '--json']],
    ['jwt decode -', ['jwt', 'decode', '-']],
    ['grep 10.0.0.0/8', ['grep', '10.0.0.0/8']],
  ])('stdin of random lines: %s', { timeout: 60_000 }, async (_name, args) => {
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { maxLength: 8 }), async (ls) => {
        check(await run(args, ls.join('\n')), false, `${JSON.stringify(args)} < ${JSON.stringify(ls)}`);
      }),
      { numRuns: 100 },
    );
  });
});
