// Times as people read them in tokens and cookies: an absolute UTC instant and how far
// it is from "now" ("expired 2 days ago", "in 3 hours"). Pure: the clock is always
// passed in, so every boundary is testable.

import { quoteInput, WebInputError } from './errors.js';

/** Largest Date the platform can represent, in ms either side of the epoch (ECMA-262 21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

/** An instant as ISO 8601 UTC (`2026-11-24T16:54:13Z`), or null when out of Date's range. */
export function isoTime(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
  const iso = new Date(ms).toISOString();
  // Whole seconds are the norm in JWTs and cookies; keep milliseconds only when present.
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

/** `2026-11-24 16:54:13 UTC`: the human form of isoTime. */
export function humanTime(ms: number): string {
  const iso = isoTime(ms);
  if (iso === null) return 'out of range';
  return iso.replace('T', ' ').replace('Z', ' UTC');
}

const UNITS: readonly [string, number][] = [
  ['year', 365 * 86400_000],
  ['day', 86400_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

function count(n: number, name: string): string {
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

/**
 * A length of time in its largest unit and the next (`2 days`, `1 day 23 hours`,
 * `45 seconds`), truncated, never rounded up: "expired 1 day 23 hours ago" is exact.
 */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  for (let i = 0; i < UNITS.length; i++) {
    const [name, size] = UNITS[i]!;
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const next = UNITS[i + 1];
      if (next && name !== 'second') {
        const m = Math.floor((abs - n * size) / next[1]);
        if (m > 0) return `${count(n, name)} ${count(m, next[0])}`;
      }
      return count(n, name);
    }
  }
  return `${Math.floor(abs)} ms`;
}

/** `2 days ago`, `in 3 hours`, or `now` (within one second). */
export function relativeTime(ms: number, nowMs: number): string {
  const d = ms - nowMs;
  if (Math.abs(d) < 1000) return 'now';
  return d < 0 ? `${humanDuration(d)} ago` : `in ${humanDuration(d)}`;
}

/**
 * Parse a point in time given on the command line: Unix seconds (`1764115200`), or an
 * ISO 8601 date-time with an explicit zone (`2026-11-26T12:00:00Z`). Returns ms, or
 * null when the text is neither.
 */
export function parseInstant(text: string): number | null {
  const t = text.trim();
  if (/^-?\d{1,12}(\.\d+)?$/.test(t)) return Number(t) * 1000;
  // A zone is required: a time without one would silently mean the machine's zone.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(t)) return null;
  const ms = Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Parse a duration: `90` or `90s` seconds, `30m`, `1h`, `2d`, `1w`; returns seconds or null.
 * Compound forms (`1h30m`) add up.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d{1,12}$/.test(t)) return Number(t);
  if (!/^(\d{1,12}\s*[smhdw]\s*)+$/.test(t)) return null;
  const size: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const m of t.matchAll(/(\d+)\s*([smhdw])/g)) total += Number(m[1]) * size[m[2]!]!;
  return total;
}

/** The `--now` option: the given instant, or the clock's time when absent. Throws on bad text. */
export function nowFrom(text: string | undefined, clock: () => number = Date.now): number {
  // Whole seconds, as JWT NumericDates and cookie dates are: no stray milliseconds in output.
  if (text === undefined) return Math.floor(clock() / 1000) * 1000;
  const ms = parseInstant(text);
  if (ms === null || isoTime(ms) === null) {
    throw new WebInputError(`--now ${quoteInput(text)} is not a time: give Unix seconds (1795694400) or ISO 8601 with a zone (2026-11-26T12:00:00Z)`);
  }
  return ms;
}
