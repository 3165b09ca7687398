// Human views of `netkit resolve`: a table that streams (owner, type, TTL, data, status,
// flags; the authority section under a negative answer), and --short (the answer's data
// only, like dig +short). Failures are a visible status, never empty output. Everything
// that came from the network passes safeText before it reaches the terminal.

import { rdataText } from '../../core/dns-present.js';
import type { DnsEdns, DnsFlags, DnsRecord } from '../../core/dns-wire.js';
import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { padEndVisible, visibleLength } from './style.js';

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
    this.head = ['NAME', 'TYPE', 'TTL', 'DATA', 'STATUS', 'FLAGS', ...(withServer ? ['SERVER'] : [])];
  }

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
        if (n <= MAX_WIDTH && n > w) w = n;
      }
      return w;
    });
    this.write(this.line(this.head.map((h) => this.style.bold(h))));
    for (const r of rows) this.write(this.line(r));
  }

  private line(cells: string[]): string {
    let last = cells.length - 1;
    while (last > 0 && cells[last] === '') last--;
    let s = '';
    for (let i = 0; i <= last; i++) s += i === last ? cells[i] : padEndVisible(cells[i]!, this.widths[i]!) + '  ';
    return s + '\n';
  }
}

/** --short: the data of each answer, one a line (the CNAME chain's targets before the address, as dig +short). */
export function shortLines(rec: ResolveRecord): string {
  let out = '';
  for (const a of rec.answers) out += safeText(dataText(a)) + '\n';
  return out;
}
