// Small table renderers, drawn here (cheap, no dependency on the start-up path) and fitted
// to the terminal: cells wrap inside their column when a table is wider than the width.

import type { Style } from './style.js';
import { padEndVisible, PLAIN, visibleLength } from './style.js';
import { wrapWords } from './wrap.js';

/** Two aligned columns: a dim key and its value; values wrap under themselves to fit `width`. */
export function keyValueTable(rows: readonly (readonly [string, string])[], style: Style, width = Infinity): string {
  const keyWidth = Math.max(...rows.map(([k]) => visibleLength(k)));
  const at = keyWidth + 2;
  return rows
    .map(([k, v]) => {
      const lines = Number.isFinite(width) ? wrapWords(v, Math.max(width - at, 16)) : [v];
      return lines.map((l, i) => (i === 0 ? `${style.dim(padEndVisible(k, keyWidth))}  ${l}` : ' '.repeat(at) + l)).join('\n');
    })
    .join('\n');
}

/**
 * Columns aligned with two spaces between them, the last one unpadded, trailing blanks
 * trimmed: the layout of `ip`, `ss` and `netstat`, cheap to draw and easy to cut or awk.
 * The first row is the header, styled by the caller; escape codes take no width.
 * Wider than `width` (a terminal's), the widest columns narrow down to their longest
 * word (an address is never cut) and their cells wrap; when even that is too wide, each
 * row becomes a block of `header  value` lines.
 */
export function alignedTable(rows: readonly (readonly string[])[], width = Infinity): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, visibleLength(cell))));
  const total = (w: readonly number[]) => w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
  if (Number.isFinite(width) && total(widths) > width && rows.length > 0) {
    const longestWord = (s: string) => Math.max(0, ...s.split(' ').map(visibleLength));
    const floor = widths.map((_, c) => Math.max(...rows.map((r) => longestWord(r[c] ?? ''))));
    if (total(floor) > width) {
      const [head, ...body] = rows;
      return body
        .map((r) => keyValueTable(head!.map((h, c) => [h, r[c] ?? ''] as const).filter(([, v]) => v !== ''), PLAIN, width))
        .join('\n\n');
    }
    while (total(widths) > width) {
      let c = -1;
      for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (c < 0 || widths[i]! > widths[c]!)) c = i;
      if (c < 0) break; // as narrow as it goes
      widths[c]!--;
    }
  }
  const out: string[] = [];
  for (const r of rows) {
    const cells = r.map((cell, c) => (visibleLength(cell) > widths[c]! ? wrapWords(cell, widths[c]!) : [cell]));
    const height = Math.max(1, ...cells.map((x) => x.length));
    for (let i = 0; i < height; i++) {
      out.push(cells.map((x, c) => (c === cells.length - 1 ? (x[i] ?? '') : padEndVisible(x[i] ?? '', widths[c]!))).join('  ').trimEnd());
    }
  }
  return out.join('\n');
}
