// The BSD family's `netstat -rn` (FreeBSD, OpenBSD, NetBSD, and macOS, whose adapter
// adds its own twists in darwin.ts). The columns differ between systems and
// releases (Refs/Use come and go, OpenBSD adds Mtu and Prio, the interface column is
// Netif, Iface or Interface), so rows are read through the header above them.
//
// A row's gateway is a next hop only with the G flag: without it the "gateway" is
// link#N, a MAC address, an interface name or the host's own address, and the route
// is on-link. Destinations are written short: `127` is 127.0.0.0/8, `192.168.1` a /24,
// `10.8/16` is 10.8.0.0/16, and a full address without a length is a host route.

import { Address } from '../../core/address.js';
import { parsePrefixLength } from '../../core/mask.js';
import type { Route } from '../../core/routes.js';
import { isLinkLocal } from '../../core/special.js';
import { addressOrNull, network, RouteTableError, withZone } from './common.js';

export interface NetstatRow {
  destination: string;
  gateway: string;
  flags: string;
  netif: string;
  prio: number | null;
}

/** Read `netstat -rn` into rows per family (sections "Internet:" and "Internet6:"). */
export function netstatRows(text: string, source = 'netstat -rn'): { version: 4 | 6; row: NetstatRow; line: number }[] {
  const out: { version: 4 | 6; row: NetstatRow; line: number }[] = [];
  let version: 4 | 6 | null = null;
  let header: string[] | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (/^[A-Za-z][A-Za-z0-9 ]*:$/.test(line)) {
      // A section heading: only the two address families are routing tables of interest.
      version = line === 'Internet:' ? 4 : line === 'Internet6:' ? 6 : null;
      header = null;
      return;
    }
    if (line.startsWith('Destination')) {
      header = line.split(/\s+/);
      return;
    }
    if (version === null || header === null) return;
    const t = line.split(/\s+/);
    const h: string[] = header;
    const col = (...names: string[]) => {
      for (const n of names) {
        const k = h.indexOf(n);
        if (k >= 0) return k;
      }
      return -1;
    };
    const ifCol = col('Netif', 'Iface', 'Interface', 'If');
    const flagCol = col('Flags');
    const prioCol = col('Prio');
    if (ifCol < 0 || flagCol < 0) throw new RouteTableError(source, `header without Flags or interface column: ${JSON.stringify(h.join(' '))}`, i + 1);
    if (t.length <= ifCol) throw new RouteTableError(source, `expected ${ifCol + 1} or more columns, found ${t.length}`, i + 1);
    const prio = prioCol >= 0 && /^\d+$/.test(t[prioCol] ?? '') ? Number(t[prioCol]) : null;
    out.push({ version, row: { destination: t[0]!, gateway: t[1]!, flags: t[flagCol]!, netif: t[ifCol]!, prio }, line: i + 1 });
  });
  return out;
}

/** A BSD-style destination: `default`, `127`, `10.8/16`, `192.168.1.7`, `fe80::%lo0/64`, `::1`. */
export function parseBsdDestination(text: string, version: 4 | 6, hostFlag: boolean): { address: Address; prefixLength: number } | null {
  if (text === 'default') return { address: Address.fromBytes(new Uint8Array(version === 4 ? 4 : 16)), prefixLength: 0 };
  const slash = text.indexOf('/');
  let addrText = slash >= 0 ? text.slice(0, slash) : text;
  const lenText = slash >= 0 ? text.slice(slash + 1) : null;
  if (version === 6) {
    const pct = addrText.indexOf('%');
    if (pct >= 0) addrText = addrText.slice(0, pct);
    const a = addressOrNull(addrText);
    if (!a || a.version !== 6) return null;
    const len = lenText === null ? 128 : safeLength(lenText, 6);
    return len === null ? null : { address: a, prefixLength: len };
  }
  const octets = addrText.split('.');
  if (octets.length < 1 || octets.length > 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return null;
  const bytes = [0, 0, 0, 0].map((_, k) => (k < octets.length ? Number(octets[k]) : 0));
  const address = Address.fromBytes(bytes);
  if (lenText !== null) {
    const len = safeLength(lenText, 4);
    return len === null ? null : { address, prefixLength: len };
  }
  // Without a length: a full address is a host; a shortened one is as long as it is written.
  return { address, prefixLength: hostFlag || octets.length === 4 ? 32 : octets.length * 8 };
}

function safeLength(text: string, version: 4 | 6): number | null {
  try {
    return parsePrefixLength(text, version);
  } catch {
    return null;
  }
}

/** Rows to Routes. Rows that are not routes to an address (link-layer entries of other families) are skipped. */
export function bsdRoutes(rows: ReturnType<typeof netstatRows>, source: string): Route[] {
  const routes: Route[] = [];
  for (const { version, row, line } of rows) {
    const f = row.flags;
    if (!f.includes('U')) continue; // not up
    const dest = parseBsdDestination(row.destination, version, f.includes('H'));
    if (!dest) throw new RouteTableError(source, `cannot read destination ${JSON.stringify(row.destination)}`, line);
    let gateway: Address | null = null;
    if (f.includes('G')) {
      gateway = addressOrNull(row.gateway);
      if (gateway && !gateway.zone && isLinkLocal(gateway)) gateway = withZone(gateway, row.netif);
      if (gateway && gateway.version !== version) gateway = null;
    }
    routes.push({
      destination: network(dest.address, dest.prefixLength),
      gateway,
      interface: row.netif,
      metric: row.prio ?? 0,
      kind: f.includes('R') || f.includes('B') ? 'reject' : 'unicast',
      scoped: f.includes('I') || undefined,
      flags: f,
    });
  }
  return routes;
}

/** Parse FreeBSD, OpenBSD or NetBSD `netstat -rn` (all families it shows). */
export function parseBsdNetstat(text: string, source = 'netstat -rn'): Route[] {
  return bsdRoutes(netstatRows(text, source), source);
}

export type Runner = (file: string, args: string[]) => Promise<string>;

/** Run `netstat -rn` and parse it. */
export async function readBsdRoutes(run: Runner): Promise<Route[]> {
  const text = await run('netstat', ['-rn']).catch((e: Error) => {
    throw new RouteTableError('netstat -rn', e.message);
  });
  return parseBsdNetstat(text);
}
