// How traffic to a destination leaves this host, in words and a few key/value rows.

import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { keyValueTable } from './table.js';

/** One destination, as `netkit route --json` prints it (field names are API). */
export interface RouteEntry {
  /** What was asked: an address or a name. */
  input: string;
  /** The address decided for, without zone (a name gives one entry per address). */
  destination: string;
  /** The zone the destination was given with (`eth0` in fe80::1%eth0), else null. */
  zone: string | null;
  family: 4 | 6;
  /** local (this host), on-link (straight onto a link), gateway (through a router) or unreachable. */
  kind: 'local' | 'on-link' | 'gateway' | 'unreachable';
  /** True when no router is involved (on-link, or this host itself). */
  onLink: boolean;
  /** The interface traffic leaves through, or null. */
  interface: string | null;
  /** The router that forwards it, for kind gateway; else null. Without zone: a link-local router is on `interface`. */
  gateway: string | null;
  /** The prefix of the route that matched (0.0.0.0/0 for the default route), or null when none did. */
  route: string | null;
  /** That route's metric, or null. */
  metric: number | null;
  /** This host's network that holds the destination (CIDR), whatever the route says; null when none does. */
  network: string | null;
  /** That network's prefix length and netmask (address form for both families: 255.255.255.0, ffff:ffff:ffff:ffff::). */
  prefixLength: number | null;
  netmask: string | null;
  /** This host's own address on that network, and the interface it is on (null when no network holds the destination). */
  hostAddress: string | null;
  hostInterface: string | null;
  /** This host's own address traffic leaves from (on the chosen interface), or null. */
  sourceAddress: string | null;
  /** Something worth knowing: a more specific route overriding a connected network, a link-local without zone. */
  note: string | null;
}

/** The entry with every text that came from the host or the user made safe to show (interface names, zones, the input). */
function shownEntry(e: RouteEntry): RouteEntry {
  const t = (s: string | null) => (s === null ? null : safeText(s));
  return {
    ...e,
    input: safeText(e.input, 80),
    destination: safeText(e.destination),
    zone: t(e.zone),
    interface: t(e.interface),
    gateway: t(e.gateway),
    hostInterface: t(e.hostInterface),
    hostAddress: t(e.hostAddress),
    sourceAddress: t(e.sourceAddress),
    note: t(e.note),
  };
}

export function routeSummary(raw: RouteEntry, style: Style): string {
  const e = shownEntry(raw);
  const dest = e.zone ? `${e.destination}%${e.zone}` : e.destination;
  const head = e.input === dest ? dest : `${dest} (${e.input})`;
  switch (e.kind) {
    case 'local':
      return `${style.bold(head)}: this host itself${e.interface ? ` (${e.interface})` : ''}: nothing leaves the host`;
    case 'on-link':
      return `${style.bold(head)}: ${style.green('on-link')}${e.interface ? ` on ${e.interface}` : ''}: sent directly, no router`;
    case 'gateway':
      return `${style.bold(head)}: ${style.yellow('via gateway')} ${e.gateway}${e.interface ? ` on ${e.interface}` : ''}`;
    default:
      return `${style.bold(head)}: ${style.red('unreachable')}: ${e.route ? `route ${e.route} rejects it` : 'no route matches it'}`;
  }
}

export function renderRoute(raw: RouteEntry, style: Style, width = Infinity): string {
  const e = shownEntry(raw);
  const rows: [string, string][] = [];
  if (e.network) {
    const same = e.hostAddress === e.destination ? "this host's own address" : `same network as this host's ${e.hostAddress} (${e.hostInterface})`;
    const mask = e.family === 4 ? e.netmask : `/${e.prefixLength}`;
    rows.push(['network', `${e.network} under mask ${mask}: ${same}`]);
  } else if (e.kind !== 'local') {
    rows.push(['network', 'outside every network this host is on']);
  }
  if (e.route) {
    const what = e.route.endsWith('/0') ? ' (the default route)' : '';
    const via = e.gateway ? ` via ${e.gateway}` : '';
    rows.push(['route', `${e.route}${what}${via}${e.interface ? ` dev ${e.interface}` : ''}${e.metric !== null ? ` metric ${e.metric}` : ''}`]);
  }
  if (e.sourceAddress && e.kind === 'gateway') rows.push(['source', e.sourceAddress]);
  if (e.note) rows.push(['note', e.note]);
  const body = rows.length ? '\n' + keyValueTable(rows.map(([k, v]) => [`  ${k}`, v] as const), style, width) : '';
  return routeSummary(raw, style) + body + '\n';
}
