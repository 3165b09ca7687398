// Human views of `netkit resolve`: a table (name, type, TTL, data, status) that
// streams, and --short (data only, like dig +short). Failures are a visible status,
// never empty output.

import type { Style } from './style.js';
import { padEndVisible, visibleLength } from './style.js';

/** One (name, type, server) query and what came back: the object --json prints. */
export interface ResolveRecord {
  /** What the user typed (an address for reverse lookups, a Unicode name for IDN). */
  input: string;
  /** The name asked for, in ASCII (punycode) form; the in-addr.arpa / ip6.arpa name for reverse lookups. */
  name: string;
  type: string;
  server: string;
  status: string;
  answers: { type: string; ttl: number | null; data: unknown }[];
  elapsedMs: number;
  error?: string;
}

const q = (s: string) => JSON.stringify(s);

/** One answer's data as text, in the presentation format dig uses (without trailing dots). */
export function formatData(type: string, data: unknown): string {
  if (typeof data === 'string') return type === 'TXT' ? q(data) : data;
  const d = data as Record<string, unknown>;
  switch (type) {
    case 'MX':
      return `${d.priority} ${d.exchange}`;
    case 'SRV':
      return `${d.priority} ${d.weight} ${d.port} ${d.target}`;
    case 'SOA':
      return `${d.nsname} ${d.hostmaster} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minttl}`;
    case 'CAA':
      return `${d.critical ? 128 : 0} ${d.tag} ${q(String(d.value))}`;
    case 'NAPTR':
      return `${d.order} ${d.preference} ${q(String(d.flags))} ${q(String(d.service))} ${q(String(d.regexp))} ${d.replacement}`;
    default:
      return JSON.stringify(data);
  }
}

function statusStyle(status: string, style: Style): string {
  switch (status) {
    case 'NOERROR':
      return style.green(status);
    case 'NXDOMAIN':
    case 'NODATA':
      return style.yellow(status);
    default:
      return style.red(status);
  }
}

/**
 * A table drawn as results arrive: the first rows (up to `learn`) set the column widths,
 * later rows keep them (a longer value pushes its row out rather than holding output back).
 */
export class StreamTable {
  private pending: string[][] | null = [];
  private widths: number[] = [];
  private readonly head: string[];

  constructor(
    private readonly write: (s: string) => void,
    private readonly style: Style,
    private readonly withServer: boolean,
    private readonly learn = 256,
  ) {
    this.head = withServer ? ['NAME', 'TYPE', 'TTL', 'DATA', 'STATUS', 'SERVER'] : ['NAME', 'TYPE', 'TTL', 'DATA', 'STATUS'];
  }

  /** Add the rows of one query. */
  add(rec: ResolveRecord): void {
    const rows: string[][] = [];
    const status = statusStyle(rec.status, this.style);
    const tail = this.withServer ? [rec.server] : [];
    // Reverse lookups read better by the address typed than by its 34-label ip6.arpa name.
    const name = rec.input !== rec.name && rec.name.endsWith('.arpa') ? rec.input : rec.name;
    if (rec.answers.length === 0) {
      const why = rec.error ? this.style.dim(`(${rec.error})`) : '-';
      rows.push([name, rec.type, '-', why, status, ...tail]);
    }
    for (const a of rec.answers) {
      rows.push([name, a.type, a.ttl === null ? '-' : String(a.ttl), formatData(a.type, a.data), status, ...tail]);
    }
    if (this.pending) {
      this.pending.push(...rows);
      if (this.pending.length >= this.learn) this.flushPending();
    } else {
      for (const r of rows) this.write(this.line(r));
    }
  }

  /** Print what is held back (call at the end). */
  end(): void {
    if (this.pending) this.flushPending();
  }

  private flushPending(): void {
    const rows = this.pending ?? [];
    this.pending = null;
    this.widths = this.head.map((h, i) => Math.max(h.length, ...rows.map((r) => visibleLength(r[i]!))));
    this.write(this.line(this.head.map((h) => this.style.bold(h))));
    for (const r of rows) this.write(this.line(r));
  }

  private line(cells: string[]): string {
    const last = cells.length - 1;
    return cells.map((c, i) => (i === last ? c : padEndVisible(c, this.widths[i]!))).join('  ').replace(/\s+$/, '') + '\n';
  }
}

/** --short: the data of each answer, one a line. */
export function shortLines(rec: ResolveRecord): string {
  let out = '';
  for (const a of rec.answers) out += formatData(a.type, a.data) + '\n';
  return out;
}
