// Small table renderers. Key/value tables are drawn here (cheap, no dependency on
// the start-up path); multi-column tables use cli-table3, loaded only when needed.

import type { Style } from './style.js';
import { padEndVisible, visibleLength } from './style.js';

/** Two aligned columns: a dim key and its value. */
export function keyValueTable(rows: readonly (readonly [string, string])[], style: Style): string {
  const width = Math.max(...rows.map(([k]) => visibleLength(k)));
  return rows.map(([k, v]) => `${style.dim(padEndVisible(k, width))}  ${v}`).join('\n');
}

/**
 * Columns aligned with two spaces between them, the last one unpadded, trailing blanks
 * trimmed: the layout of `ip`, `ss` and `netstat`, cheap to draw and easy to cut or awk.
 * The first row is the header, styled by the caller; escape codes take no width.
 */
export function alignedTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, visibleLength(cell))));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : padEndVisible(cell, widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

/**
 * A column table with cli-table3. Without colour its style is emptied (cli-table3
 * otherwise colours heads and borders even into a pipe).
 */
export async function columnTable(head: string[], rows: string[][], style: Style): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: head.map((h) => style.bold(h)),
    style: style.enabled ? { head: [], border: ['grey'] } : { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    chars: style.enabled
      ? {}
      : { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  });
  for (const r of rows) table.push(r);
  return table
    .toString()
    .split('\n')
    .map((l: string) => l.replace(/\s+$/, ''))
    .join('\n');
}
