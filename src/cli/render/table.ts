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
