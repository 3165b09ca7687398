// The operating system's resolver (getaddrinfo via dns.lookup): /etc/hosts, nsswitch,
// whatever other programs on the host see. Also where netkit finds the system's
// configured name servers when no --server is given, and the address of a --server
// given by host name.

import nodeDns from 'node:dns';
import type { DnsStatus } from '../../core/dns-wire.js';
import { monotonicMs } from '../clock.js';
import type { ServerAddress } from './transport.js';

export interface LookupModule {
  lookup: typeof nodeDns.lookup;
  getServers?: () => string[];
}

interface Mapped {
  status: DnsStatus;
  error?: string;
}

/**
 * getaddrinfo's answers to statuses. EAI_AGAIN ("temporary failure") comes back at once
 * when the host has no network or its name servers refuse: it is said as such, not
 * dressed up as a timeout.
 */
export const LOOKUP_ERRORS: Readonly<Record<string, Mapped>> = {
  ENOTFOUND: { status: 'NXDOMAIN' },
  EAI_NONAME: { status: 'NXDOMAIN' },
  ENODATA: { status: 'NODATA' },
  EAI_NODATA: { status: 'NODATA' },
  EAI_AGAIN: {
    status: 'ERROR',
    error: 'temporary failure in name resolution: the system resolver got no answer from its name servers (no network, or none reachable)',
  },
  EAI_FAIL: { status: 'SERVFAIL', error: 'non-recoverable failure in name resolution' },
  EAI_MEMORY: { status: 'ERROR', error: 'the system resolver ran out of memory' },
  EAI_SYSTEM: { status: 'ERROR', error: 'the system resolver failed (system error)' },
};

export function mapLookupError(e: unknown): Mapped {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(LOOKUP_ERRORS, code)) return LOOKUP_ERRORS[code]!;
  const msg = (e as Error | null)?.message ?? String(e);
  return { status: 'ERROR', error: code ? `${code}: ${msg}` : msg };
}

export interface SystemAnswer {
  type: 'A' | 'AAAA';
  ttl: null;
  data: string;
}

export interface SystemResult {
  status: DnsStatus;
  answers: SystemAnswer[];
  error?: string;
  elapsedMs: number;
}

/**
 * How many getaddrinfo calls run at once: libuv runs them on its thread pool,
 * UV_THREADPOOL_SIZE threads (4 unless set, at most 1024). More only queue there, and
 * since a lookup's deadline starts when it is asked, a queued one can time out before a
 * thread ever takes it.
 */
export function lookupThreads(env: NodeJS.ProcessEnv): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1024) : 4;
}

/**
 * A and AAAA from getaddrinfo; no TTLs. getaddrinfo cannot be cancelled: on the
 * deadline netkit reports TIMEOUT and stops waiting.
 */
export function systemLookup(
  name: string,
  type: 'A' | 'AAAA',
  opts: { timeoutMs: number; dns?: Pick<LookupModule, 'lookup'>; now?: () => number },
): Promise<SystemResult> {
  const lookup = opts.dns?.lookup ?? nodeDns.lookup;
  const now = opts.now ?? monotonicMs;
  const start = now();
  return new Promise<SystemResult>((resolve) => {
    let settled = false;
    const finish = (res: Omit<SystemResult, 'elapsedMs'>) => {
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
        const m = mapLookupError(err);
        finish({ status: m.status, answers: [], ...(m.error ? { error: m.error } : {}) });
        return;
      }
      const list = (addrs as nodeDns.LookupAddress[]).map((a) => ({ type, ttl: null, data: a.address }));
      finish({ status: list.length > 0 ? 'NOERROR' : 'NODATA', answers: list });
    });
  });
}

/** Resolve a name server given by host name, the way the system would (getaddrinfo). */
export function lookupServerHost(host: string, dns: Pick<LookupModule, 'lookup'> = nodeDns): Promise<string> {
  return new Promise((resolve, reject) => {
    dns.lookup(host, { all: false, verbatim: true }, (err, address) => {
      if (err) reject(err);
      else resolve(address as string);
    });
  });
}

/**
 * The system's configured name servers (resolv.conf, as c-ares reads it), in order.
 * Node writes them as `1.2.3.4`, `1.2.3.4:5353`, `::1`, `[::1]:5353`.
 */
export function systemServers(dns: Pick<LookupModule, 'getServers'> = nodeDns): ServerAddress[] {
  const out: ServerAddress[] = [];
  for (const s of dns.getServers?.() ?? []) {
    let m = /^\[([^\]]+)\]:(\d+)$/.exec(s);
    if (m) out.push({ address: m[1]!, port: Number(m[2]) });
    else if ((m = /^([0-9.]+):(\d+)$/.exec(s))) out.push({ address: m[1]!, port: Number(m[2]) });
    else out.push({ address: s, port: 53 });
  }
  return out;
}
