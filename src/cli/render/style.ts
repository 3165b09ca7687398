// Colour styles. Colour is decided once (context.ts) and passed down; with colour off
// every style is the identity, so no escape code can reach a pipe or a JSON line.
// chalk is loaded only when colour is on, keeping it off the start-up path of pipes.

import type { ChalkInstance } from 'chalk';

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  /** Network bits in the binary view. */
  net(s: string): string;
  /** Host bits in the binary view. */
  host(s: string): string;
}

const id = (s: string) => s;

export const PLAIN: Style = {
  enabled: false, bold: id, dim: id, red: id, green: id, yellow: id, blue: id, cyan: id, magenta: id, net: id, host: id,
};

/** A colour style from a chalk instance whose level the caller has set. */
export function chalkStyle(c: ChalkInstance): Style {
  return {
    enabled: true,
    bold: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    red: (s) => c.red(s),
    green: (s) => c.green(s),
    yellow: (s) => c.yellow(s),
    blue: (s) => c.blue(s),
    cyan: (s) => c.cyan(s),
    magenta: (s) => c.magenta(s),
    net: (s) => c.bold.cyan(s),
    host: (s) => c.yellow(s),
  };
}

export async function loadStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return PLAIN;
  const { Chalk } = await import('chalk');
  // Level 1 (16 colours) is all netkit uses, and every colour terminal has it.
  return chalkStyle(new Chalk({ level: 1 }));
}

/** Visible width of a string with SGR escapes removed. */
export function visibleLength(s: string): number {
  return s.includes('\x1b') ? stripSgr(s).length : s.length;
}

/** The text without its SGR (colour) escapes. */
export function stripSgr(s: string): string {
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Pad to a visible width (escape codes do not count). */
export function padEndVisible(s: string, width: number): string {
  const n = visibleLength(s);
  return n >= width ? s : s + ' '.repeat(width - n);
}
