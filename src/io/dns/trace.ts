// --trace: iterative resolution shown step by step, as `dig +trace` does and further:
// start at the root servers, ask without recursion, follow each referral one zone cut
// down, resolve name servers that came without glue, follow CNAMEs across zones (from
// the closest zone cut already known), try the next server of a zone when one is lame,
// silent or failing, and stop at loop and depth limits. With DNSSEC on, each step also
// carries the chain of trust: the DS from the parent matches a DNSKEY of the child, that
// key signs the DNSKEY set, and the final RRset verifies under the zone's keys.
//
// The network is one injected function (`ask`), so the walk is tested without sockets.

import type { DnsMessage, DnsRecord } from '../../core/dns-wire.js';
import { checkDenial, checkRrset, checkZoneKeys, type Verdict } from './dnssec.js';
import { canonicalName, isSubdomain, parseMessage, sameName, TYPE, type WireMessage, type WireRr } from './wire.js';
import { monotonicMs } from '../clock.js';

export interface TraceServer {
  /** The name server's name; null when only an address is known (--server). */
  name: string | null;
  address: string;
  port: number;
}

/** A record as resolve shows it (class and rdata are non-enumerable: out of JSON). */
export type TraceRecord = DnsRecord;

export interface Security {
  status: Verdict;
  reason?: string;
  /** The key that verified this step's data, when secure. */
  keyTag?: number;
}

export interface TraceStep {
  step: number;
  /** The zone whose servers were asked. */
  zone: string;
  query: { name: string; type: string };
  /** The server that gave this step's reply (or the last one tried). */
  server: TraceServer;
  /** REFERRAL, CNAME, NOERROR, NXDOMAIN, NODATA, or the failure (TIMEOUT, SERVFAIL, REFUSED, ERROR, LAME). */
  status: string;
  answers?: TraceRecord[];
  referral?: { zone: string; ns: { name: string; addresses: string[] }[]; ds: TraceRecord[] };
  /** NXDOMAIN / NODATA: the SOA that says so. */
  authority?: TraceRecord[];
  /** Servers of this zone that were tried first and failed, with why. */
  failed?: { server: TraceServer; status: string; error?: string }[];
  /** Name servers whose addresses came without glue and were looked up (traced quietly). */
  resolvedNs?: { name: string; addresses: string[]; error?: string }[];
  dnssec?: Security;
  error?: string;
  elapsedMs: number;
  /** How the used reply came (udp, or tcp after truncation or with --tcp). */
  transport?: string;
  /** Set on the last step: the final answer's status and, with DNSSEC, the verdict. */
  final?: { status: string; verdict?: Verdict; reason?: string };
}

/** One reply: the decoded message (for display) and its bytes (for DNSSEC). */
export interface AskReply {
  status: string;
  message: DnsMessage | null;
  raw: Uint8Array | null;
  error?: string;
  elapsedMs: number;
  /** udp or tcp: how the reply came. */
  transport?: string;
}

export type Ask = (server: TraceServer, name: string, type: string, opts: { dnssec: boolean; recurse: boolean }) => Promise<AskReply>;

export interface TraceOptions {
  ask: Ask;
  roots: TraceServer[];
  dnssec: boolean;
  /** DS and/or DNSKEY records for "." (the trust anchor). */
  anchors: WireRr[];
  now: Date;
  maxSteps?: number;
  maxCnames?: number;
  /** How deep glue-less name server lookups may nest. */
  maxNsDepth?: number;
  /** Called with each step as it is made (the CLI streams them). */
  onStep?: (s: TraceStep) => void;
  /** Steps already shown before this trace (the root NS query with --server). */
  stepOffset?: number;
  /** How deep inside glue-less name server lookups this trace runs (0 for the user's own). */
  nsLookupDepth?: number;
}

export interface TraceResult {
  steps: TraceStep[];
  status: string;
  verdict?: Verdict;
  reason?: string;
}

interface Cut {
  zone: string;
  servers: TraceServer[];
  /** Security of the path down to this cut, and the DS (or anchors) to check its keys with. */
  sec: Security;
  ds: WireRr[];
  /** The zone's trusted DNSKEY set, once checked. */
  keys?: WireRr[];
}

const LIMITS = { maxSteps: 40, maxCnames: 8, maxNsDepth: 3 };

const show = (r: DnsRecord): TraceRecord => r;

function wireOf(reply: AskReply): WireMessage | null {
  if (!reply.raw) return null;
  try {
    return parseMessage(reply.raw);
  } catch {
    return null;
  }
}

/** A reply worth using from a server of `zone`: an answer, a referral downwards, or a clean "no". */
function lameness(zone: string, name: string, reply: AskReply): string | null {
  const m = reply.message;
  if (!m) return reply.error ?? reply.status;
  if (m.rcodeValue !== 0 && m.rcodeValue !== 3) return m.rcode;
  if (m.answers.length > 0) return null;
  const ns = m.authority.filter((r) => r.type === 'NS');
  if (ns.length > 0 && !m.flags.aa) {
    const child = ns[0].name;
    // RFC 1034 4.3.2 / lame delegation: a referral must lead below the zone asked and towards the name.
    if (!isSubdomain(child, zone) || sameName(child, zone) || !isSubdomain(name, child)) return `lame: referral to ${canonicalName(child)}, not below ${canonicalName(zone)} towards the name`;
  }
  return null;
}

export async function trace(qname: string, qtype: string, o: TraceOptions): Promise<TraceResult> {
  const lim = { maxSteps: o.maxSteps ?? LIMITS.maxSteps, maxCnames: o.maxCnames ?? LIMITS.maxCnames, maxNsDepth: o.maxNsDepth ?? LIMITS.maxNsDepth };
  const steps: TraceStep[] = [];
  const offset = o.stepOffset ?? 0;
  const emit = (s: TraceStep) => {
    s.step = offset + steps.length + 1;
    steps.push(s);
    o.onStep?.(s);
  };
  const rootSec: Security = o.dnssec ? { status: 'secure' } : { status: 'insecure', reason: 'not checked' };
  const cuts = new Map<string, Cut>();
  cuts.set('.', { zone: '.', servers: o.roots, sec: rootSec, ds: o.anchors });

  const closestCut = (name: string): Cut => {
    let best = cuts.get('.')!;
    for (const c of cuts.values()) if (isSubdomain(name, c.zone) && canonicalName(c.zone).length > canonicalName(best.zone).length) best = c;
    return best;
  };

  let name = qname;
  let cut = closestCut(name);
  const seenNames = new Set<string>([canonicalName(name)]);
  let cnames = 0;
  let verdict: Security = cut.sec;
  const finish = (step: TraceStep, status: string, sec?: Security): TraceResult => {
    const v = o.dnssec ? (sec ?? verdict) : undefined;
    step.final = { status, ...(v ? { verdict: v.status, ...(v.reason ? { reason: v.reason } : {}) } : {}) };
    emit(step);
    return { steps, status, ...(v ? { verdict: v.status, ...(v.reason ? { reason: v.reason } : {}) } : {}) };
  };

  for (;;) {
    if (steps.length >= lim.maxSteps) {
      const s: TraceStep = { step: steps.length + 1, zone: cut.zone, query: { name, type: qtype }, server: cut.servers[0] ?? { name: null, address: '-', port: 53 }, status: 'ERROR', error: `more than ${lim.maxSteps} steps: giving up (a referral loop?)`, elapsedMs: 0 };
      return finish(s, 'ERROR');
    }
    const t0 = monotonicMs();
    const got = await askZone(cut, name, qtype, o, lim.maxNsDepth, o.nsLookupDepth ?? 0);
    const step: TraceStep = {
      step: steps.length + 1,
      zone: cut.zone,
      query: { name, type: qtype },
      server: got.server,
      status: got.reply?.status ?? 'ERROR',
      elapsedMs: Math.round((monotonicMs() - t0) * 10) / 10,
    };
    if (got.reply?.transport) step.transport = got.reply.transport;
    if (got.failed.length) step.failed = got.failed;
    if (got.resolvedNs.length) step.resolvedNs = got.resolvedNs;
    if (!got.reply || !got.reply.message) {
      step.status = got.failed.at(-1)?.status ?? 'ERROR';
      step.error = `no server of ${canonicalName(cut.zone)} gave a usable reply`;
      return finish(step, step.status);
    }
    const m = got.reply.message;
    const wire = wireOf(got.reply);

    // Entering a zone with a secure path: its DNSKEY set must match the DS (or anchor) and be self-signed.
    if (o.dnssec && cut.sec.status === 'secure' && !cut.keys) {
      const dk = await o.ask(got.server, cut.zone, 'DNSKEY', { dnssec: true, recurse: false });
      const w = wireOf(dk);
      const keys = w ? w.answer.filter((r) => r.type === TYPE.DNSKEY) : [];
      const sigs = w ? w.answer.filter((r) => r.type === TYPE.RRSIG) : [];
      if (!w) cut.sec = { status: 'bogus', reason: `${canonicalName(cut.zone)}: no DNSKEY reply (${dk.error ?? dk.status})` };
      else {
        const c = checkZoneKeys(cut.zone, cut.ds, keys, sigs, o.now);
        cut.sec = { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.keyTag !== undefined ? { keyTag: c.keyTag } : {}) };
        if (c.status === 'secure') cut.keys = c.keys;
      }
      verdict = cut.sec;
    }
    const zoneSec = cut.sec;

    const here = m.answers.filter((r) => sameName(r.name, name));
    const wanted = here.filter((r) => r.type === qtype || qtype === 'ANY');
    const cname = here.find((r) => r.type === 'CNAME');
    const rrsetCheck = (type: number): Security => {
      if (!o.dnssec) return { status: 'insecure', reason: 'not checked' };
      if (zoneSec.status !== 'secure') return zoneSec;
      if (!wire || !cut.keys) return { status: 'bogus', reason: 'reply could not be read for DNSSEC' };
      const set = wire.answer.filter((r) => r.type === type && sameName(r.name, name));
      const sigs = wire.answer.filter((r) => r.type === TYPE.RRSIG && sameName(r.name, name));
      const c = checkRrset(set, sigs, cut.keys, cut.zone, o.now);
      return { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.keyTag !== undefined ? { keyTag: c.keyTag } : {}) };
    };

    // A "no" in a signed zone is secure only when its NSEC records prove it (RFC 4035 5.4).
    const denial = (kind: 'NXDOMAIN' | 'NODATA'): Security => {
      if (!o.dnssec) return { status: 'insecure' };
      if (zoneSec.status !== 'secure') return zoneSec;
      if (!wire || !cut.keys) return { status: 'bogus', reason: 'reply could not be read for DNSSEC' };
      const c = checkDenial(kind, name, typeNumber(qtype), wire.authority, cut.keys, cut.zone, o.now);
      return { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.keyTag !== undefined ? { keyTag: c.keyTag } : {}) };
    };
    if (m.rcodeValue === 3) {
      step.status = 'NXDOMAIN';
      step.authority = m.authority.filter((r) => r.type === 'SOA').map(show);
      const sec = denial('NXDOMAIN');
      if (o.dnssec) step.dnssec = sec;
      return finish(step, 'NXDOMAIN', sec);
    }
    if (wanted.length > 0) {
      step.status = 'NOERROR';
      step.answers = m.answers.filter((r) => r.type !== 'RRSIG' || o.dnssec).map(show);
      const sec = rrsetCheck(qtype === 'ANY' ? TYPE.A : typeNumber(qtype));
      if (o.dnssec) step.dnssec = sec;
      return finish(step, 'NOERROR', o.dnssec ? worst(verdict, sec) : undefined);
    }
    if (cname && qtype !== 'CNAME') {
      step.status = 'CNAME';
      step.answers = here.filter((r) => r.type === 'CNAME' || (o.dnssec && r.type === 'RRSIG')).map(show);
      const sec = rrsetCheck(TYPE.CNAME);
      if (o.dnssec) step.dnssec = sec;
      verdict = o.dnssec ? worst(verdict, sec) : verdict;
      const target = String(cname.data).replace(/\.$/, '');
      cnames++;
      if (seenNames.has(canonicalName(target)) || cnames > lim.maxCnames) {
        step.error = seenNames.has(canonicalName(target)) ? `CNAME loop: ${canonicalName(target)} was already followed` : `more than ${lim.maxCnames} CNAMEs`;
        step.status = 'ERROR';
        return finish(step, 'ERROR');
      }
      seenNames.add(canonicalName(target));
      emit(step);
      name = target;
      cut = closestCut(name);
      // The chain's verdict is the worst link: a secure target after an insecure CNAME stays insecure.
      continue;
    }
    const ns = m.authority.filter((r) => r.type === 'NS');
    if (ns.length > 0 && !m.flags.aa) {
      const child = ns[0].name;
      const nsNames = [...new Set(ns.filter((r) => sameName(r.name, child)).map((r) => String(r.data).replace(/\.$/, '')))].sort();
      const glue = (n: string) => m.additional.filter((r) => (r.type === 'A' || r.type === 'AAAA') && sameName(r.name, n)).sort((a, b) => (a.type === b.type ? 0 : a.type === 'A' ? -1 : 1)).map((r) => String(r.data));
      const servers: TraceServer[] = [];
      const nsList = nsNames.map((n) => ({ name: n, addresses: glue(n) }));
      for (const n of nsList) {
        if (n.addresses.length === 0) servers.push({ name: n.name, address: '', port: 53 });
        for (const a of n.addresses) servers.push({ name: n.name, address: a, port: 53 });
      }
      const ds = m.authority.filter((r) => r.type === 'DS' && sameName(r.name, child));
      step.status = 'REFERRAL';
      step.referral = { zone: canonicalName(child), ns: nsList, ds: ds.map(show) };
      let sec: Security;
      let dsWire: WireRr[] = [];
      if (!o.dnssec) sec = { status: 'insecure', reason: 'not checked' };
      else if (zoneSec.status !== 'secure') sec = zoneSec;
      else if (ds.length === 0) {
        // An unsigned delegation: the parent's NSEC at the child's name proves there is no DS (RFC 4035 5.2).
        const proof = wire && cut.keys ? checkDenial('NODATA', child, TYPE.DS, wire.authority, cut.keys, cut.zone, o.now) : { status: 'insecure' as const, reason: 'proof not checked' };
        sec =
          proof.status === 'bogus'
            ? { status: 'bogus', reason: `${canonicalName(child)}: no DS in the referral from ${canonicalName(cut.zone)}, and the proof fails: ${proof.reason}` }
            : {
                status: 'insecure',
                reason: `${canonicalName(child)}: no DS in the referral from ${canonicalName(cut.zone)} (unsigned delegation; ${proof.status === 'secure' ? 'proven by NSEC' : (proof.reason ?? 'proof not checked')})`,
              };
      }
      else if (!wire || !cut.keys) sec = { status: 'bogus', reason: 'referral could not be read for DNSSEC' };
      else {
        dsWire = wire.authority.filter((r) => r.type === TYPE.DS && sameName(r.name, child));
        const sigs = wire.authority.filter((r) => r.type === TYPE.RRSIG && sameName(r.name, child));
        const c = checkRrset(dsWire, sigs, cut.keys, cut.zone, o.now);
        sec = { status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.keyTag !== undefined ? { keyTag: c.keyTag } : {}) };
      }
      if (o.dnssec) step.dnssec = sec;
      emit(step);
      const next: Cut = { zone: canonicalName(child), servers, sec, ds: dsWire };
      cuts.set(next.zone, next);
      cut = next;
      verdict = sec;
      continue;
    }
    step.status = 'NODATA';
    step.authority = m.authority.filter((r) => r.type === 'SOA').map(show);
    const sec = denial('NODATA');
    if (o.dnssec) step.dnssec = sec;
    return finish(step, 'NODATA', sec);
  }
}

const RANK: Readonly<Record<Verdict, number>> = { secure: 0, insecure: 1, bogus: 2 };
function worst(a: Security, b: Security): Security {
  return RANK[b.status] >= RANK[a.status] ? b : a;
}

const TYPE_NUMBERS: Readonly<Record<string, number>> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, DS: 43, RRSIG: 46, NSEC: 47, DNSKEY: 48, CAA: 257 };
function typeNumber(t: string): number {
  const m = /^TYPE(\d+)$/.exec(t);
  return m ? Number(m[1]) : (TYPE_NUMBERS[t] ?? 0);
}

/** Ask the servers of a cut in turn until one gives a usable reply. */
async function askZone(
  cut: Cut,
  name: string,
  qtype: string,
  o: TraceOptions,
  nsDepth: number,
  depth: number,
): Promise<{ reply: AskReply | null; server: TraceServer; failed: NonNullable<TraceStep['failed']>; resolvedNs: NonNullable<TraceStep['resolvedNs']> }> {
  const failed: NonNullable<TraceStep['failed']> = [];
  const resolvedNs: NonNullable<TraceStep['resolvedNs']> = [];
  let last: TraceServer = cut.servers[0] ?? { name: null, address: '-', port: 53 };
  const queue = [...cut.servers];
  const tried = new Set<string>();
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (!s.address) {
      // No glue: find the name server's address by a trace of its own (not shown step by step).
      if (depth >= nsDepth || !s.name) {
        resolvedNs.push({ name: s.name ?? '-', addresses: [], error: `not looked up: name server lookups nest deeper than ${nsDepth}` });
        continue;
      }
      const addrs = await lookupNs(s.name, o, nsDepth, depth + 1);
      resolvedNs.push({ name: s.name, addresses: addrs.addresses, ...(addrs.error ? { error: addrs.error } : {}) });
      const found = addrs.addresses.map((a) => ({ name: s.name, address: a, port: s.port }));
      // Keep them on the cut, so later queries to this zone need no lookup.
      const i = cut.servers.indexOf(s);
      if (i >= 0) cut.servers.splice(i, 1, ...found);
      queue.unshift(...found);
      continue;
    }
    const key = `${s.address}|${s.port}`;
    if (tried.has(key)) continue;
    tried.add(key);
    last = s;
    const reply = await o.ask(s, name, qtype, { dnssec: o.dnssec, recurse: false });
    const lame = lameness(cut.zone, name, reply);
    if (lame === null) return { reply, server: s, failed, resolvedNs };
    failed.push({ server: s, status: reply.message ? (lame.startsWith('lame') ? 'LAME' : reply.status) : reply.status, error: reply.error ?? lame });
    // Ask it last next time: a dead server costs one wait per zone, not one per step.
    const i = cut.servers.indexOf(s);
    if (i >= 0) cut.servers.push(...cut.servers.splice(i, 1));
  }
  return { reply: null, server: last, failed, resolvedNs };
}

/** A name server's addresses (A, then AAAA), traced from the closest known cut without DNSSEC. */
async function lookupNs(ns: string, o: TraceOptions, nsDepth: number, depth: number): Promise<{ addresses: string[]; error?: string }> {
  if (depth > nsDepth) return { addresses: [], error: `name server lookups nest deeper than ${nsDepth}` };
  const out: string[] = [];
  let error: string | undefined;
  for (const t of ['A', 'AAAA']) {
    const sub = await trace(ns, t, { ...o, dnssec: false, onStep: undefined, maxNsDepth: nsDepth, nsLookupDepth: depth });
    const last = sub.steps.at(-1);
    if (sub.status === 'NOERROR' && last?.answers) out.push(...last.answers.filter((a) => a.type === t).map((a) => String(a.data)));
    else if (sub.status !== 'NODATA') error = `${t}: ${sub.status}${last?.error ? ` (${last.error})` : ''}`;
    if (out.length > 0) break;
  }
  return { addresses: out, ...(out.length === 0 && error ? { error } : {}) };
}
