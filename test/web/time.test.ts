// Time helpers: relative phrases, instants and durations as typed on the command line.

import { describe, expect, it } from 'vitest';
import { WebInputError } from '../../src/web/errors.js';
import { humanDuration, humanTime, isoTime, nowFrom, parseDuration, parseInstant, relativeTime } from '../../src/web/time.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const S = 1000;
const H = 3600 * S;
const D = 24 * H;

describe('relativeTime', () => {
  it.each([
    [NOW, 'now'],
    [NOW + 999, 'now'],
    [NOW - 1 * S, '1 second ago'],
    [NOW - 59 * S, '59 seconds ago'],
    [NOW - 60 * S, '1 minute ago'],
    [NOW - 90 * S, '1 minute 30 seconds ago'],
    [NOW - 2 * D, '2 days ago'],
    [NOW - 2 * D + 1, '1 day 23 hours ago'], // truncated, never rounded up
    [NOW + 3 * H, 'in 3 hours'],
    [NOW + 3 * H + 5 * 60 * S, 'in 3 hours 5 minutes'],
    [NOW + 400 * D, 'in 1 year 35 days'],
  ])('%d', (ms, text) => {
    expect(relativeTime(ms, NOW)).toBe(text);
  });
});

describe('absolute times', () => {
  it('drops zero milliseconds and says UTC', () => {
    expect(isoTime(NOW)).toBe('2026-11-26T12:00:00Z');
    expect(isoTime(NOW + 5)).toBe('2026-11-26T12:00:00.005Z');
    expect(humanTime(NOW)).toBe('2026-11-26 12:00:00 UTC');
  });
  it('says out of range rather than throwing', () => {
    expect(isoTime(1e300)).toBeNull();
    expect(isoTime(Number.NaN)).toBeNull();
    expect(humanTime(1e300)).toBe('out of range');
  });
});

describe('parseInstant and --now', () => {
  it.each([
    ['1795694400', Date.parse('2026-11-26T12:00:00Z')],
    ['2026-11-26T12:00:00Z', NOW],
    ['2026-11-26T13:00:00+01:00', NOW],
    ['2026-11-26', Date.parse('2026-11-26T00:00:00Z')],
  ])('%s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });
  it.each(['tomorrow', '2026-11-26T12:00:00', '', '12:00'])('refuses %j (no zone means no answer)', (text) => {
    expect(parseInstant(text)).toBeNull();
    expect(() => nowFrom(text)).toThrow(WebInputError);
  });
  it('takes the clock when no --now is given', () => {
    expect(nowFrom(undefined, () => 42_000)).toBe(42_000);
    expect(nowFrom(undefined, () => 42_999)).toBe(42_000); // whole seconds
  });
});

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['1h30m', 5400],
    ['2d', 172800],
    ['1w', 604800],
    ['1H', 3600],
  ])('%s', (text, s) => {
    expect(parseDuration(text)).toBe(s);
  });
  it.each(['', 'h', '1y', '-5', '1.5h', 'soon'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('humanDuration', () => {
  it('is never negative', () => {
    expect(humanDuration(-3 * H)).toBe('3 hours');
  });
});
