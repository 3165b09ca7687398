// The overlap table of `netkit compare` with three sets or more: one row per pair.

import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';

/** One pair of sets (field names are API, listed in docs/bulk.md). */
export interface OverlapRecord {
  a: string;
  b: string;
  /** Addresses of each set and in both, as decimal strings (IPv6 counts pass 2^53). */
  aAddresses: string;
  bAddresses: string;
  commonAddresses: string;
  /** Addresses only one of the two holds. */
  onlyA: string;
  onlyB: string;
  equal: boolean;
}

/** Names escaped (file names are untrusted), counts right-aligned. */
export function renderOverlaps(rows: OverlapRecord[], style: Style): string {
  const head = ['set a', 'set b', 'a', 'b', 'common', 'only a', 'only b'];
  const cells = rows.map((r) => [safeText(r.a, 60), safeText(r.b, 60), r.aAddresses, r.bAddresses, r.commonAddresses, r.onlyA, r.onlyB]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c]!.length)));
  const line = (r: string[], isHead: boolean) =>
    r
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .map((cell) => (isHead ? style.bold(cell) : cell))
      .join('  ')
      .replace(/\s+$/, '');
  return [line(head, true), ...cells.map((r) => line(r, false))].join('\n') + '\n';
}
