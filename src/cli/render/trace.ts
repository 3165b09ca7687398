// The human view of --trace: one block per step (zone, server, time, what it said, the
// DNSSEC check), then the verdict. Every name and datum from the network goes through
// safeText. --json prints the same step objects, one a line.

import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import type { TraceResult, TraceServer, TraceStep } from '../../io/dns/trace.js';
import { dataText } from './resolve.js';
import { fitLines } from './wrap.js';

const dot = (n: string) => (n === '.' ? '.' : `${safeText(n)}.`);

export function serverText(s: TraceServer): string {
  const addr = s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
  return s.name ? `${dot(s.name)} (${addr})` : addr;
}

function secText(st: Style, s: NonNullable<TraceStep['dnssec']>): string {
  const word = s.status === 'secure' ? st.green('secure') : s.status === 'bogus' ? st.red('bogus') : st.yellow('insecure');
  const extra = s.reason ? ` (${safeText(s.reason, 300)})` : s.keyTag !== undefined ? ` (key tag ${s.keyTag})` : '';
  return `${word}${extra}`;
}

/** One step; lines longer than `width` (a terminal's) wrap, with a hanging indent. */
export function stepText(s: TraceStep, st: Style, width = Infinity): string {
  const lines: string[] = [];
  lines.push(`${st.bold(`step ${s.step}`)}  zone ${dot(s.zone)}  ${safeText(s.query.name)} ${s.query.type}  @ ${serverText(s.server)}  ${s.elapsedMs} ms`);
  for (const f of s.failed ?? []) lines.push(`  ${st.dim('failed:')} ${serverText(f.server)} ${f.status}${f.error && f.error !== f.status ? ` (${safeText(f.error, 200)})` : ''}`);
  for (const r of s.resolvedNs ?? []) lines.push(`  ${st.dim('glue-less NS:')} ${dot(r.name)} -> ${r.addresses.length ? r.addresses.join(', ') : `not found${r.error ? ` (${safeText(r.error, 200)})` : ''}`}`);
  const status = s.status === 'NOERROR' || s.status === 'REFERRAL' || s.status === 'CNAME' ? st.green(s.status) : s.status === 'NXDOMAIN' || s.status === 'NODATA' ? st.yellow(s.status) : st.red(s.status);
  if (s.referral) {
    const ns = s.referral.ns.map((n) => `${dot(n.name)} ${n.addresses.length ? n.addresses.join(' ') : '(no glue)'}`).join(', ');
    lines.push(`  ${status} to ${dot(s.referral.zone)}  NS ${ns}`);
    const tags = s.referral.ds.map((d) => (d.data as { keyTag?: number }).keyTag ?? dataText(d).split(' ')[0]);
    if (s.dnssec) lines.push(`  ${s.referral.ds.length ? `DS key tag ${[...new Set(tags)].join(', ')}` : 'no DS'}`);
  } else lines.push(`  ${status}${s.error ? ` (${safeText(s.error, 200)})` : ''}`);
  for (const a of s.answers ?? []) lines.push(`  ${dot(a.name)} ${a.ttl} ${a.type} ${safeText(dataText(a), 400)}`);
  for (const a of s.authority ?? []) lines.push(`  ${st.dim('authority:')} ${dot(a.name)} ${a.ttl} ${a.type} ${safeText(dataText(a), 400)}`);
  if (s.dnssec) lines.push(`  dnssec: ${secText(st, s.dnssec)}`);
  return fitLines(lines.join('\n'), width) + '\n';
}

export function verdictText(r: TraceResult, st: Style, width = Infinity): string {
  const v = r.verdict ? `  dnssec: ${secText(st, { status: r.verdict, ...(r.reason ? { reason: r.reason } : {}) })}` : '';
  return fitLines(`${st.bold('result:')} ${r.status}${v}`, width) + '\n';
}
