// Small table renderers, drawn here (cheap, no dependency on the start-up path) and fitted
// to the terminal: cells wrap inside their column when a table is wider than the width.

import type { Style } from './style.js';
import { padEndVisible, visibleLength } from './style.js';
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
 * Columns aligned with two spaces between them, a bold header, trailing blanks trimmed:
 * the layout of `ip`, `ss` and `netstat`, cheap to draw and easy to cut or awk. Wider
 * than `width`, the widest columns narrow and their cells wrap onto more lines.
 */
export function alignedTable(head: string[], rows: string[][], style: Style, width = Infinity): string {
  const all = [head.map((h) => style.bold(h)), ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => visibleLength(r[c] ?? ''))));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  // A column narrows down to its longest word (an address is never cut); when even that
  // is too wide, each row becomes a block of `column  value` lines instead.
  const longestWord = (s: string) => Math.max(0, ...s.split(' ').map(visibleLength));
  const floor = head.map((h, c) => Math.max(visibleLength(h), ...all.map((r) => longestWord(r[c] ?? ''))));
  if (Number.isFinite(width) && floor.reduce((a, b) => a + b, 0) + 2 * (floor.length - 1) > width) {
    return rows
      .map((r) => keyValueTable(head.map((h, c) => [h, r[c] ?? ''] as const).filter(([, v]) => v !== ''), style, width))
      .join('\n\n');
  }
  while (Number.isFinite(width) && total() > width) {
    let c = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (c < 0 || widths[i]! > widths[c]!)) c = i;
    if (c < 0) break; // as narrow as it goes
    widths[c]!--;
  }
  const out: string[] = [];
  for (const r of all) {
    const cells = r.map((cell, c) => (visibleLength(cell) > widths[c]! ? wrapWords(cell, widths[c]!) : [cell]));
    const height = Math.max(...cells.map((x) => x.length));
    for (let i = 0; i < height; i++) {
      out.push(
        cells
          .map((x, c) => (c === cells.length - 1 ? (x[i] ?? '') : padEndVisible(x[i] ?? '', widths[c]!)))
          .join('  ')
          .replace(/\s+$/, ''),
      );
    }
  }
  return out.join('\n');
}
