// Human views of `netkit resolve`: a table that streams (owner, type, TTL, data, status,
// flags; the authority section under a negative answer), and --short (the answer's data
// only, like dig +short). Failures are a visible status, never empty output. Everything
// that came from the network passes safeText before it reaches the terminal.

import { rdataText } from '../../core/dns-present.js';
import type { DnsEdns, DnsFlags, DnsRecord } from '../../core/dns-wire.js';
import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { padEndVisible, visibleLength } from './style.js';
import { keyValueTable } from './table.js';
import { wrapWords } from './wrap.js';

/** An answer from getaddrinfo (--system): no TTL, no rdata. */
export interface SystemAnswer {
  name: string;
  type: string;
  ttl: null;
  data: string;
}

export type AnswerRecord = DnsRecord | SystemAnswer;

/** One (name, type, server) query and what came back: the object --json prints. */
export interface ResolveRecord {
  /** What the user typed (an address for reverse lookups, a Unicode name for IDN). */
  input: string;
  /** The name asked for, in ASCII (punycode) form; the in-addr.arpa / ip6.arpa name for reverse lookups. */
  name: string;
  type: string;
  server: string;
  status: string;
  /** The reply's response code (NOERROR, NXDOMAIN, BADVERS...); null without a reply or for --system. */
  rcode: string | null;
  flags: DnsFlags | null;
  answers: AnswerRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  edns: DnsEdns | null;
  /** How the answer came: udp, tcp (after TC or --tcp), getaddrinfo. */
  transport: string;
  elapsedMs: number;
  /** NXDOMAIN/NODATA: how long the "no" may be cached (RFC 2308 §5: min of the SOA's TTL and MINIMUM). */
  negativeTtl?: number;
  error?: string;
  /** Replies that came and were not ours (wrong ID or question, QR=0). */
  ignoredReplies?: number;
  /** AXFR: the number of messages the zone came in. */
  messages?: number;
}

/** The keys of T that are optional. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

const OPTIONAL = ['negativeTtl', 'error', 'ignoredReplies', 'messages'] as const satisfies readonly OptionalKeys<ResolveRecord>[];
// Every optional field of ResolveRecord must be listed: a new one fails the type check here.
type Unlisted = Exclude<OptionalKeys<ResolveRecord>, (typeof OPTIONAL)[number]>;
const everyOptionalListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyOptionalListed;

/** The fields a record has only sometimes: `--get error` prints them empty where absent, instead of refusing. */
export const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(OPTIONAL);

const FLAG_ORDER = ['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const;

/** Header flags as dig lists them: `qr aa rd ra`. */
export function flagsText(f: DnsFlags | null): string {
  if (!f) return '-';
  return FLAG_ORDER.filter((k) => f[k]).join(' ') || '-';
}

/** One record's data as text (dig's presentation, names without the trailing dot). */
export function dataText(a: AnswerRecord): string {
  const rdata = (a as DnsRecord).rdata;
  return rdata ? rdataText(a as DnsRecord) : String(a.data);
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

/** Columns wider than this (a 64 KB TXT) push their own row out instead of widening every row. */
const MAX_WIDTH = 64;

/** Column indexes in the row as built: NAME TYPE TTL DATA STATUS FLAGS [SERVER]. */
const DATA = 3;
/** DATA keeps at least this many columns before the others narrow (on a terminal). */
const DATA_ROOM = 24;

/**
 * A table drawn as results arrive: the first rows (up to `learn`) set the column widths,
 * later rows keep them (a longer value pushes its row out rather than holding output back).
 * With a finite `width` (a terminal's) the table fits it: DATA moves to the last column,
 * after NAME TYPE TTL STATUS FLAGS, and every cell wider than its column wraps inside it
 * (a long TXT record never pushes STATUS off-screen). Into a pipe (width Infinity) the
 * layout is the unwrapped one, DATA before STATUS.
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
    private readonly width = Infinity,
  ) {
    this.head = ['NAME', 'TYPE', 'TTL', 'DATA', 'STATUS', 'FLAGS', ...(withServer ? ['SERVER'] : [])];
    // on a terminal DATA goes last: the one column that may be long wraps at the right edge
    this.order = Number.isFinite(width) ? [...this.head.keys()].filter((c) => c !== DATA).concat(DATA) : [...this.head.keys()];
  }

  /** The order the columns are drawn in (indexes into a row as built). */
  private readonly order: number[];

  /** Add the rows of one query. */
  add(rec: ResolveRecord): void {
    const rows: string[][] = [];
    const st = this.style;
    const status = statusStyle(rec.status, st);
    const tail = this.withServer ? [safeText(rec.server)] : [];
    // Reverse lookups read better by the address typed than by its 34-label ip6.arpa name.
    const reverse = rec.input !== rec.name && rec.name.endsWith('.arpa');
    const owner = (n: string) => (reverse && n.toLowerCase() === rec.name.toLowerCase() ? rec.input : safeText(n));
    const flags = flagsText(rec.flags);
    if (rec.answers.length === 0) {
      const why = rec.error ? st.dim(`(${safeText(rec.error, 200)})`) : '-';
      rows.push([owner(rec.name), rec.type, '-', why, status, flags, ...tail]);
    }
    rec.answers.forEach((a, i) => {
      const ttl = a.ttl === null ? '-' : String(a.ttl);
      rows.push([owner(a.name), a.type, ttl, safeText(dataText(a)), status, i === 0 ? flags : '', ...tail]);
    });
    // The authority section says which zone gave a negative answer and for how long it may be cached.
    if (rec.answers.length === 0 || rec.status !== 'NOERROR') {
      for (const a of rec.authority) {
        rows.push([owner(a.name), a.type, String(a.ttl), safeText(dataText(a)), st.dim('authority'), '', ...tail]);
      }
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
    this.widths = this.head.map((h, i) => {
      let w = h.length;
      for (const r of rows) {
        const n = visibleLength(r[i]!);
        // on a terminal fitWidths narrows what is too wide; into a pipe a huge cell stays on its own row
        if ((n <= MAX_WIDTH || Number.isFinite(this.width)) && n > w) w = n;
      }
      return w;
    });
    if (Number.isFinite(this.width)) this.fitWidths(rows);
    if (!this.blocks) this.write(this.line(this.head.map((h) => this.style.bold(h))));
    for (const r of rows) this.write(this.line(r));
  }

  /**
   * Narrow the columns to the terminal, in this order: DATA down to DATA_ROOM; the other
   * columns down to their longest word (a name is never cut; FLAGS two flags a line);
   * DATA down to 12. When even that is too wide (a terminal of some 55 columns or less
   * with a long name), each row becomes a block of `HEADER  value` lines.
   */
  private fitWidths(rows: string[][]): void {
    const w = this.widths;
    const total = () => w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
    const over = () => Math.max(0, total() - this.width);
    const longestWord = (s: string) => Math.max(0, ...s.split(' ').map(visibleLength));
    const narrow = (floor: (c: number) => number) => {
      while (total() > this.width) {
        let c = -1;
        for (let i = 0; i < w.length; i++) if (i !== DATA && w[i]! > floor(i) && (c < 0 || w[i]! > w[c]!)) c = i;
        if (c < 0) break;
        w[c]!--;
      }
    };
    const words = this.head.map((h, c) =>
      Math.min(w[c]!, Math.max(h.length, h === 'FLAGS' ? 5 : 0, ...rows.map((r) => longestWord(r[c]!)))),
    );
    w[DATA] = Math.max(Math.min(w[DATA]!, DATA_ROOM), w[DATA]! - over());
    narrow((c) => words[c]!);
    w[DATA] = Math.max(Math.min(w[DATA]!, 12), w[DATA]! - over());
    this.blocks = total() > this.width;
  }

  /** Too narrow a terminal for the columns: each row is drawn as a block of `HEADER  value` lines. */
  private blocks = false;
  private blocksDrawn = 0;

  private line(cells: string[]): string {
    if (Number.isFinite(this.width)) return this.fittedLine(cells);
    let last = cells.length - 1;
    while (last > 0 && cells[last] === '') last--;
    let s = '';
    for (let i = 0; i <= last; i++) s += i === last ? cells[i] : padEndVisible(cells[i]!, this.widths[i]!) + '  ';
    return s + '\n';
  }

  /** A row on a terminal: columns in `order`, each cell wrapped inside its column. */
  private fittedLine(row: string[]): string {
    if (this.blocks) {
      const pairs = this.order.map((c) => [this.head[c]!, row[c] ?? ''] as const).filter(([, v]) => v !== '');
      return (this.blocksDrawn++ > 0 ? '\n' : '') + keyValueTable(pairs, this.style, this.width) + '\n';
    }
    const cells = this.order.map((c) => {
      const cell = row[c] ?? '';
      return visibleLength(cell) > this.widths[c]! ? wrapWords(cell, this.widths[c]!) : [cell];
    });
    let last = cells.length - 1;
    while (last > 0 && cells[last]!.length === 1 && cells[last]![0] === '') last--;
    const height = Math.max(...cells.map((x) => x.length));
    let s = '';
    for (let i = 0; i < height; i++) {
      let l = '';
      for (let k = 0; k <= last; k++) {
        const part = cells[k]![i] ?? '';
        l += k === last ? part : padEndVisible(part, this.widths[this.order[k]!]!) + '  ';
      }
      s += l.trimEnd() + '\n';
    }
    return s;
  }
}

/** --short: the data of each answer, one a line (the CNAME chain's targets before the address, as dig +short). */
export function shortLines(rec: ResolveRecord): string {
  let out = '';
  for (const a of rec.answers) out += safeText(dataText(a)) + '\n';
  return out;
}
