// resolve --trace: the walk from the root down (src/io/dns/trace.ts), streamed step by
// step to the human view or as JSON Lines, with the exit status of the final answer
// (9 when the chain of trust is bogus).

import { readFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { safeJson, safeText } from '../../core/safe-text.js';
import { exitFor } from './resolve.js';
import type { ServerUrl } from '../../io/dns/server-url.js';
import type { TraceServer, TraceStep } from '../../io/dns/trace.js';
import type { WireRr } from '../../io/dns/wire.js';

export interface TraceRun {
  names: string[];
  types: readonly string[];
  server: { address: string; port: number; url: ServerUrl } | undefined;
  dnssec: boolean;
  trustAnchor: string | undefined;
  now: string | undefined;
  timeoutMs: number;
  tries: number;
  tlsCa: string[];
  tlsHostname: string | undefined;
  tcp: boolean;
  edns: boolean;
}

/** --now: ISO 8601 (with a zone or Z) or whole seconds since 1970. */
export function parseNow(text: string): Date {
  let d: Date;
  if (/^[0-9]{1,12}$/.test(text)) d = new Date(Number(text) * 1000);
  else if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text)) d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  else throw new UsageError(`--now "${safeText(text, 40)}" is not a time: give ISO 8601 (2026-01-31T12:00:00Z) or seconds since 1970`);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now "${safeText(text, 40)}" is not a valid date`);
  return d;
}

async function loadAnchors(file: string | undefined): Promise<WireRr[]> {
  const { parseZoneText, ZoneTextError } = await import('../../io/dns/zone-text.js');
  if (file === undefined) {
    const { ROOT_ANCHORS } = await import('../../io/dns/root-hints.js');
    return parseZoneText(ROOT_ANCHORS);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--trust-anchor ${JSON.stringify(safeText(file))}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : safeText((e as Error).message)}`);
  }
  let rrs: WireRr[];
  try {
    rrs = parseZoneText(text);
  } catch (e) {
    if (e instanceof ZoneTextError) throw new UsageError(`--trust-anchor ${JSON.stringify(safeText(file))}: ${safeText(e.message, 200)}`);
    throw e;
  }
  const { canonicalName } = await import('../../io/dns/wire.js');
  const anchors = rrs.filter((r) => (r.type === 43 || r.type === 48) && canonicalName(r.name) === '.');
  if (anchors.length === 0) throw new UsageError(`--trust-anchor ${JSON.stringify(safeText(file))}: holds no DS or DNSKEY record for the root (".")`);
  return anchors;
}

export async function runTrace(ctx: Context, r: TraceRun): Promise<void> {
  if (!r.dnssec && r.trustAnchor !== undefined) throw new UsageError('--trust-anchor is for --trace --dnssec: add --dnssec');
  if (!r.dnssec && r.now !== undefined) throw new UsageError('--now is for --trace --dnssec: add --dnssec');
  if (r.types.includes('AXFR')) throw new UsageError('--trace follows referrals for one record type; a zone transfer (AXFR) is not one');
  const now = r.now !== undefined ? parseNow(r.now) : new Date();
  const anchors = r.dnssec ? await loadAnchors(r.trustAnchor) : [];
  const { trace } = await import('../../io/dns/trace.js');
  const { networkAsk } = await import('../../io/dns/trace-ask.js');
  const render = await import('../render/trace.js');
  const ask = networkAsk({ timeoutMs: r.timeoutMs, tries: r.tries, tcp: r.tcp, edns: r.edns });

  const show = (s: TraceStep) => {
    if (ctx.json) ctx.out.write(safeJson(s) + '\n');
    else ctx.out.write(render.stepText(s, ctx.style));
  };

  // Where the walk starts: the built-in root hints, or the root NS set the --server names.
  let roots: TraceServer[];
  let offset = 0;
  if (r.server) {
    const { clientForUrl } = await import('../../io/dns/encrypted.js');
    const u = clientForUrl(r.server.url, r.server.address, { timeoutMs: r.timeoutMs, tries: r.tries, tlsCa: r.tlsCa, ...(r.tlsHostname ? { tlsHostname: r.tlsHostname } : {}) });
    const res = await u.client.query('.', 'NS', { rd: true, edns: true });
    u.close();
    const m = res.message;
    const nsNames = (m?.answers ?? []).filter((a) => a.type === 'NS').map((a) => String(a.data).replace(/\.$/, ''));
    const step: TraceStep = {
      step: 1,
      zone: '.',
      query: { name: '.', type: 'NS' },
      server: { name: null, address: r.server.address, port: r.server.port },
      status: res.status,
      answers: m?.answers ?? [],
      ...(res.error ? { error: res.error } : {}),
      elapsedMs: res.elapsedMs,
    };
    roots = [];
    for (const n of [...new Set(nsNames)].sort()) {
      let addrs = (m?.additional ?? []).filter((a) => a.type === 'A' && a.name.toLowerCase() === n.toLowerCase()).map((a) => String(a.data));
      if (addrs.length === 0) {
        const a = await clientForUrl(r.server.url, r.server.address, { timeoutMs: r.timeoutMs, tries: r.tries, tlsCa: r.tlsCa }).client.query(n, 'A', { rd: true, edns: true });
        addrs = (a.message?.answers ?? []).filter((x) => x.type === 'A').map((x) => String(x.data));
      }
      for (const address of addrs) roots.push({ name: n, address, port: 53 });
    }
    if (roots.length === 0) {
      step.error = `${r.server.url.text} named no root server with an address`;
      step.final = { status: res.status === 'NOERROR' ? 'ERROR' : res.status };
      show(step);
      ctx.setExit(EXIT.NO_REPLY);
      return;
    }
    show(step);
    offset = 1;
  } else {
    const { ROOT_SERVERS, ROOT_HINTS_DATE } = await import('../../io/dns/root-hints.js');
    roots = [...ROOT_SERVERS.map((s) => ({ name: s.name, address: s.ipv4, port: 53 })), ...ROOT_SERVERS.map((s) => ({ name: s.name, address: s.ipv6, port: 53 }))];
    if (!ctx.json) ctx.out.write(ctx.style.dim(`root servers: IANA root hints (named.root, ${ROOT_HINTS_DATE})`) + '\n');
  }

  for (const name of r.names) {
    for (const type of r.types) {
      const res = await trace(name, type, { ask, roots, dnssec: r.dnssec, anchors, now, onStep: show, stepOffset: offset });
      if (!ctx.json) ctx.out.write(render.verdictText(res, ctx.style));
      ctx.setExit(exitFor(res.status));
      if (res.verdict === 'bogus') ctx.setExit(EXIT.NO_REPLY);
    }
  }
}

