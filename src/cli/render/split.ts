// Drawing a split: the plain object (--json), a picture and table for a terminal,
// and one CIDR a line for a pipe.

import { parseAddress } from '../../core/address.js';
import type { SplitRecord, SplitSubnetRecord } from '../../core/split-report.js';
import type { Style } from './style.js';
import { alignedTable } from './table.js';

/** For a pipe: the subnets, one CIDR a line. */
export function renderSplitPlain(rec: SplitRecord): string {
  return rec.subnets.map((s) => s.network + '\n').join('');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BAR = 64;

function label(i: number): string {
  return i < LETTERS.length ? LETTERS[i]! : '#';
}

/** For a terminal: a bar of the network, each subnet its letter, free space dotted; then a table. */
export function renderSplitTTY(rec: SplitRecord, style: Style, width = Infinity): string {
  const WIDTH = Math.max(16, Math.min(BAR, width - 2));
  const colours = [style.cyan, style.green, style.yellow, style.magenta, style.blue, style.red];
  const paint = (i: number, s: string) => colours[i % colours.length]!(s);
  const total = BigInt(rec.addresses);
  const base = parseBig(rec.network);
  const cells: string[] = [];
  const owner: number[] = [];
  const spans = rec.subnets.map((s) => ({ s: parseBig(s.first) - base, e: parseBig(s.last) - base }));
  for (let c = 0; c < WIDTH; c++) {
    const lo = (total * BigInt(c)) / BigInt(WIDTH);
    const hi = (total * BigInt(c + 1)) / BigInt(WIDTH); // exclusive
    let idx = spans.findIndex((sp) => sp.s >= lo && sp.s < hi);
    if (idx < 0) idx = spans.findIndex((sp) => sp.s <= lo && lo <= sp.e);
    cells.push(idx < 0 ? '·' : label(idx));
    owner.push(idx);
  }
  // colour runs of one owner at once
  let bar = '';
  for (let c = 0; c < WIDTH; ) {
    let d = c;
    while (d < WIDTH && owner[d] === owner[c]) d++;
    const run = cells.slice(c, d).join('');
    bar += owner[c]! < 0 ? style.dim(run) : paint(owner[c]!, run);
    c = d;
  }
  const lines: string[] = [];
  const head = `${style.bold(rec.network)}  ${rec.subnets.length} subnet${rec.subnets.length === 1 ? '' : 's'}, ` +
    `${rec.usedAddresses} of ${rec.addresses} addresses used, ${rec.freeAddresses} free`;
  lines.push(head);
  lines.push('[' + bar + ']');
  lines.push('');
  const hosts = rec.mode === 'hosts';
  const header = ['', 'subnet', ...(hosts ? ['wanted'] : []), 'usable', 'first host', 'last host', 'broadcast'];
  const rows: string[][] = rec.subnets.map((s, i) => [
    paint(i, label(i)),
    s.network,
    ...(hosts ? [s.requestedHosts ?? ''] : []),
    s.usableHosts,
    s.firstHost,
    s.lastHost,
    s.broadcast ?? '-',
  ]);
  for (const f of rec.free) {
    rows.push([style.dim('·'), f.network, ...(hosts ? [''] : []), style.dim('free'), f.first, f.last, style.dim(`${f.addresses} addresses`)]);
  }
  lines.push(alignedTable([header.map((h) => style.dim(h)), ...rows], width));
  return lines.join('\n') + '\n';
}

/** An address or `ADDR/LEN` as its integer value (for the picture's proportions). */
function parseBig(text: string): bigint {
  return parseAddress(text.split('/')[0]!).toBigInt();
}

/**
 * A split written in pieces, for many subnets: the JSON text before and after the
 * subnets array of `frame` (whose `subnets` is empty), and each subnet's text.
 */
export function splitJsonPieces(frame: SplitRecord): { open: string; close: string } {
  const text = JSON.stringify({ ...frame, subnets: [] });
  const at = text.indexOf('"subnets":[') + '"subnets":['.length;
  return { open: text.slice(0, at), close: text.slice(at) + '\n' };
}

export function splitSubnetJson(rec: SplitSubnetRecord, n: number): string {
  return (n > 0 ? ',' : '') + JSON.stringify(rec);
}
