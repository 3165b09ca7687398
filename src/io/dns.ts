// The node:dns adapter: c-ares Resolvers (one pool per server) and getaddrinfo
// (dns.lookup) turned into typed results with one status vocabulary. Everything the
// command needs from the network goes through here, and the dns module is injectable.
//
// Deadlines are netkit's own: c-ares' timer backs off per try and can overshoot the
// configured timeout by about 2x, so each query gets a timer that cancels it. A
// Resolver's cancel() aborts every query in flight on it, so a query holds a Resolver
// of its own while it runs (they are pooled and reused).

import nodeDns from 'node:dns';
import type { RecordType } from '../core/dnsname.js';

/** The status of one (name, type, server) query, as dig's and doggo's users know them. */
export type DnsStatus = 'NOERROR' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'ERROR';

export type AnswerData =
  | string
  | { priority: number; exchange: string }
  | { priority: number; weight: number; port: number; target: string }
  | { nsname: string; hostmaster: string; serial: number; refresh: number; retry: number; expire: number; minttl: number }
  | { critical: boolean; tag: string; value: string }
  | { order: number; preference: number; flags: string; service: string; regexp: string; replacement: string };

export interface DnsAnswer {
  type: string;
  /** Seconds; null where Node does not report it (every type but A and AAAA, and getaddrinfo). */
  ttl: number | null;
  data: AnswerData;
}

export interface DnsResult {
  status: DnsStatus;
  answers: DnsAnswer[];
  /** For ERROR (and some TIMEOUTs): what went wrong, in words. */
  error?: string;
  elapsedMs: number;
}

/** A name server by IP literal and port. */
export interface ServerAddress {
  address: string;
  port: number;
}

/** `127.0.0.1:53`, `[::1]:53`: how netkit labels a server. */
export function serverLabel(s: ServerAddress): string {
  return s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

/** The subset of node:dns this module uses (tests inject fakes). */
export interface DnsModule {
  Resolver: new (opts?: { timeout?: number; tries?: number }) => nodeDns.Resolver;
  lookup: typeof nodeDns.lookup;
}

interface Mapped {
  status: DnsStatus;
  error?: string;
}

/**
 * c-ares error codes (as node:dns names them) to statuses. NXDOMAIN and NODATA are
 * clean answers; the rest mean no usable reply.
 */
export const ERROR_CODES: Readonly<Record<string, Mapped>> = {
  ENOTFOUND: { status: 'NXDOMAIN' },
  ENODATA: { status: 'NODATA' },
  ESERVFAIL: { status: 'SERVFAIL' },
  EREFUSED: { status: 'REFUSED' },
  ETIMEOUT: { status: 'TIMEOUT' },
  ECANCELLED: { status: 'TIMEOUT' },
  ECONNREFUSED: { status: 'ERROR', error: 'connection refused' },
  EBADRESP: { status: 'ERROR', error: 'malformed reply' },
  EFORMERR: { status: 'ERROR', error: 'the server says the query was malformed (FORMERR)' },
  ENOTIMP: { status: 'ERROR', error: 'the server does not implement this query (NOTIMP)' },
  EBADNAME: { status: 'ERROR', error: 'badly formed name' },
  EBADQUERY: { status: 'ERROR', error: 'badly formed query' },
  EBADFAMILY: { status: 'ERROR', error: 'unsupported address family' },
  ENOMEM: { status: 'ERROR', error: 'out of memory' },
  EDESTRUCTION: { status: 'ERROR', error: 'resolver shut down' },
  ELOADIPHLPAPI: { status: 'ERROR', error: 'cannot load the system resolver library' },
  EADDRGETNETWORKPARAMS: { status: 'ERROR', error: 'cannot read the system resolver configuration' },
  ECONNRESET: { status: 'ERROR', error: 'connection reset' },
  // getaddrinfo (dns.lookup): EAI_AGAIN is "temporary failure", which is what no reply looks like.
  EAI_AGAIN: { status: 'TIMEOUT', error: 'temporary failure in name resolution' },
  EAI_FAIL: { status: 'SERVFAIL', error: 'non-recoverable failure in name resolution' },
  EAI_NODATA: { status: 'NODATA' },
  EAI_NONAME: { status: 'NXDOMAIN' },
};

/** Map an error from node:dns to a status (unknown codes are ERROR with the code said). */
export function mapDnsError(e: unknown): Mapped {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(ERROR_CODES, code)) return ERROR_CODES[code]!;
  const msg = (e as Error | null)?.message ?? String(e);
  return { status: 'ERROR', error: code ? `${code}: ${msg}` : msg };
}

// ---------------------------------------------------------------------------
// Answers: Node's shapes to netkit's { type, ttl, data }.

type Any = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Node hands TXT and CAA strings over one character per byte (latin1), so UTF-8 text
 * arrives as mojibake ("café" as "cafÃ©"). Read the bytes as UTF-8 when they are valid
 * UTF-8; otherwise keep one character per byte, as Node gave them.
 */
export function textFromWire(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x80-\xff]/.test(s) || /[^\x00-\xff]/.test(s)) return s;
  try {
    return utf8.decode(Buffer.from(s, 'latin1'));
  } catch {
    return s;
  }
}

/** A domain name from Node: the root, which Node gives as '', is '.' (a null MX, an SRV "no service" target). */
function nameFromWire(s: unknown): string {
  const t = String(s);
  return t === '' ? '.' : t;
}

function caa(r: Any): AnswerData {
  const tag = Object.keys(r).find((k) => k !== 'critical' && k !== 'type') ?? '';
  return { critical: Boolean(Number(r.critical) & 128) || r.critical === true, tag, value: textFromWire(String(r[tag] ?? '')) };
}

function soa(r: Any): AnswerData {
  return {
    nsname: String(r.nsname),
    hostmaster: String(r.hostmaster),
    serial: Number(r.serial),
    refresh: Number(r.refresh),
    retry: Number(r.retry),
    expire: Number(r.expire),
    minttl: Number(r.minttl),
  };
}

function naptr(r: Any): AnswerData {
  return {
    order: Number(r.order),
    preference: Number(r.preference),
    flags: String(r.flags),
    service: String(r.service),
    regexp: String(r.regexp),
    replacement: String(r.replacement),
  };
}

/** One record of a given type from Node's shape. */
function toAnswer(type: string, r: unknown): DnsAnswer {
  const o = (typeof r === 'object' && r !== null ? r : {}) as Any;
  switch (type) {
    case 'A':
    case 'AAAA':
      return typeof r === 'string'
        ? { type, ttl: null, data: r }
        : { type, ttl: typeof o.ttl === 'number' ? o.ttl : null, data: String(o.address) };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { type, ttl: null, data: typeof r === 'string' ? r : String(o.value) };
    case 'TXT':
      return { type, ttl: null, data: textFromWire((Array.isArray(r) ? r : (o.entries as string[])).join('')) };
    case 'MX':
      return { type, ttl: null, data: { priority: Number(o.priority), exchange: nameFromWire(o.exchange) } };
    case 'SRV':
      return {
        type,
        ttl: null,
        data: { priority: Number(o.priority), weight: Number(o.weight), port: Number(o.port), target: nameFromWire(o.name) },
      };
    case 'SOA':
      return { type, ttl: null, data: soa(o) };
    case 'CAA':
      return { type, ttl: null, data: caa(o) };
    case 'NAPTR':
      return { type, ttl: null, data: naptr(o) };
    default:
      return { type, ttl: typeof o.ttl === 'number' ? o.ttl : null, data: JSON.stringify(r) };
  }
}

/** Node's result for a query of `type` to a list of answers. */
export function normalizeAnswers(type: RecordType, raw: unknown): DnsAnswer[] {
  if (type === 'SOA') return raw ? [toAnswer('SOA', raw)] : [];
  if (!Array.isArray(raw)) return [];
  if (type === 'ANY') return raw.map((r: Any) => toAnswer(String(r.type), r));
  return raw.map((r) => toAnswer(type, r));
}

// ---------------------------------------------------------------------------
// Querying

type Callback = (err: NodeJS.ErrnoException | null, value: unknown) => void;

function startQuery(r: nodeDns.Resolver, type: RecordType, name: string, cb: Callback): void {
  const any = r as unknown as Record<string, (...a: unknown[]) => void>;
  switch (type) {
    case 'A':
      return any.resolve4!.call(r, name, { ttl: true }, cb);
    case 'AAAA':
      return any.resolve6!.call(r, name, { ttl: true }, cb);
    default: {
      const method = METHOD[type];
      return any[method]!.call(r, name, cb);
    }
  }
}

const METHOD: Record<Exclude<RecordType, 'A' | 'AAAA'>, string> = {
  CNAME: 'resolveCname',
  MX: 'resolveMx',
  NS: 'resolveNs',
  TXT: 'resolveTxt',
  SOA: 'resolveSoa',
  SRV: 'resolveSrv',
  PTR: 'resolvePtr',
  CAA: 'resolveCaa',
  NAPTR: 'resolveNaptr',
  ANY: 'resolveAny',
};

export interface ClientOptions {
  /** Overall deadline per query, ms; netkit cancels the query when it passes. */
  timeoutMs: number;
  /** Attempts c-ares makes within the deadline. */
  tries: number;
  dns?: DnsModule;
  now?: () => number;
}

/**
 * Queries to one server (or, with `server` null, to the system's configured ones) through
 * a pool of c-ares Resolvers, one per query in flight.
 */
export class DnsClient {
  readonly label: string;
  private readonly idle: nodeDns.Resolver[] = [];
  private readonly dns: DnsModule;
  private readonly now: () => number;
  private readonly perTryMs: number;

  constructor(
    readonly server: ServerAddress | null,
    private readonly opts: ClientOptions,
  ) {
    this.dns = opts.dns ?? (nodeDns as unknown as DnsModule);
    this.now = opts.now ?? (() => performance.now());
    // c-ares doubles its timer on each round of tries: t + 2t + 4t ... fits the deadline.
    this.perTryMs = Math.max(20, Math.floor(opts.timeoutMs / (2 ** Math.max(1, opts.tries) - 1)));
    const probe = this.acquire();
    this.label = server ? serverLabel(server) : probe.getServers().join(',') || 'system';
    this.idle.push(probe);
  }

  private acquire(): nodeDns.Resolver {
    const r = this.idle.pop();
    if (r) return r;
    const fresh = new this.dns.Resolver({ timeout: this.perTryMs, tries: Math.max(1, this.opts.tries) });
    if (this.server) fresh.setServers([serverLabel(this.server)]);
    return fresh;
  }

  /** Ask for (name, type); never rejects: failures are statuses. */
  query(name: string, type: RecordType): Promise<DnsResult> {
    const r = this.acquire();
    const start = this.now();
    return new Promise<DnsResult>((resolve) => {
      let settled = false;
      const finish = (res: Omit<DnsResult, 'elapsedMs'>) => {
        if (settled) return;
        settled = true;
        resolve({ ...res, elapsedMs: Math.round((this.now() - start) * 10) / 10 });
      };
      const timer = setTimeout(() => {
        finish({ status: 'TIMEOUT', answers: [], error: `no reply within ${this.opts.timeoutMs} ms` });
        r.cancel();
      }, this.opts.timeoutMs);
      try {
        startQuery(r, type, name, (err, value) => {
          clearTimeout(timer);
          // The Resolver has nothing in flight now: back to the pool.
          this.idle.push(r);
          if (err) {
            const m = mapDnsError(err);
            const tries = Math.max(1, this.opts.tries);
            const error = err.code === 'ETIMEOUT' ? `no reply after ${tries} ${tries === 1 ? 'try' : 'tries'}` : m.error;
            finish({ status: m.status, answers: [], ...(error ? { error } : {}) });
          } else {
            const answers = normalizeAnswers(type, value);
            finish({ status: answers.length > 0 ? 'NOERROR' : 'NODATA', answers });
          }
        });
      } catch (e) {
        clearTimeout(timer);
        this.idle.push(r);
        const m = mapDnsError(e);
        finish({ status: m.status, answers: [], error: m.error ?? (e as Error).message });
      }
    });
  }

  /** Cancel whatever is in flight and drop the pool. */
  close(): void {
    for (const r of this.idle) r.cancel();
    this.idle.length = 0;
  }
}

/**
 * The operating system's resolver (getaddrinfo via dns.lookup): /etc/hosts, nsswitch,
 * whatever other programs on the host see. A and AAAA only; no TTLs. getaddrinfo
 * cannot be cancelled: on the deadline netkit reports TIMEOUT and stops waiting.
 */
export function systemLookup(
  name: string,
  type: 'A' | 'AAAA',
  opts: { timeoutMs: number; dns?: Pick<DnsModule, 'lookup'>; now?: () => number },
): Promise<DnsResult> {
  const lookup = opts.dns?.lookup ?? nodeDns.lookup;
  const now = opts.now ?? (() => performance.now());
  const start = now();
  return new Promise<DnsResult>((resolve) => {
    let settled = false;
    const finish = (res: Omit<DnsResult, 'elapsedMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...res, elapsedMs: Math.round((now() - start) * 10) / 10 });
    };
    const timer = setTimeout(
      () => finish({ status: 'TIMEOUT', answers: [], error: `no answer from the system resolver within ${opts.timeoutMs} ms` }),
      opts.timeoutMs,
    );
    timer.unref?.();
    lookup(name, { family: type === 'A' ? 4 : 6, all: true, verbatim: true }, (err, addrs) => {
      clearTimeout(timer);
      if (err) {
        const m = mapDnsError(err);
        finish({ status: m.status, answers: [], ...(m.error ? { error: m.error } : {}) });
        return;
      }
      const list = (addrs as nodeDns.LookupAddress[]).map((a) => ({ type, ttl: null, data: a.address }));
      finish({ status: list.length > 0 ? 'NOERROR' : 'NODATA', answers: list });
    });
  });
}

/** Resolve a name server given by host name, the way the system would (getaddrinfo). */
export function lookupServerHost(host: string, dns: Pick<DnsModule, 'lookup'> = nodeDns): Promise<string> {
  return new Promise((resolve, reject) => {
    dns.lookup(host, { all: false, verbatim: true }, (err, address) => {
      if (err) reject(err);
      else resolve(address as string);
    });
  });
}
