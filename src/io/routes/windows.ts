// Windows: PowerShell's Get-NetRoute as JSON (no table parsing, no localization), and
// `route print` as the fallback when PowerShell is missing or slow to fail.
//
// ConvertTo-Json prints one object, not an array, when there is one route, and
// nothing at all when there is none. The metric Windows routes by is the route's own
// metric plus its interface's (Get-NetRoute documentation); `route print` shows that
// sum already. Its headings are localized ("Active Routes", "Itinéraires actifs",
// "On-link", "Auf Verbindung"), so rows are recognised by their shape, not by words.

import { maskLength32 } from '../../core/mask.js';
import type { Route } from '../../core/routes.js';
import { isLinkLocal, isUnspecified } from '../../core/special.js';
import type { Runner } from './bsd.js';
import { addressOrNull, network, RouteTableError, withZone } from './common.js';

/**
 * The PowerShell command whose JSON parseGetNetRouteJson reads. Only the active store:
 * by default Get-NetRoute lists persistent routes a second time.
 */
export const GET_NET_ROUTE =
  'Get-NetRoute -PolicyStore ActiveStore | Select-Object DestinationPrefix,ifIndex,InterfaceAlias,NextHop,RouteMetric,InterfaceMetric | ConvertTo-Json -Compress';

interface NetRouteRow {
  DestinationPrefix?: unknown;
  ifIndex?: unknown;
  InterfaceAlias?: unknown;
  NextHop?: unknown;
  RouteMetric?: unknown;
  InterfaceMetric?: unknown;
}

/** Parse `Get-NetRoute | Select-Object ... | ConvertTo-Json`: one object, an array of them, or nothing. */
export function parseGetNetRouteJson(text: string, source = 'Get-NetRoute'): Route[] {
  const t = text.trim().replace(/^\uFEFF/, '');
  if (t === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch (e) {
    throw new RouteTableError(source, `not JSON: ${(e as Error).message}`);
  }
  const rows = (Array.isArray(data) ? data : [data]) as NetRouteRow[];
  const routes: Route[] = [];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object') throw new RouteTableError(source, `route ${i + 1} is not an object`);
    const prefix = String(row.DestinationPrefix ?? '');
    const slash = prefix.indexOf('/');
    const dest = addressOrNull(prefix.slice(0, slash));
    const len = Number(prefix.slice(slash + 1));
    if (slash < 0 || !dest || !Number.isInteger(len) || len < 0 || len > dest.bitLength) {
      throw new RouteTableError(source, `route ${i + 1}: cannot read DestinationPrefix ${JSON.stringify(row.DestinationPrefix)}`);
    }
    const ifIndex = Number(row.ifIndex);
    const hop = addressOrNull(String(row.NextHop ?? ''));
    // Windows writes a link-local next hop's zone as the interface index: fe80::1%12.
    const gateway = hop && !isUnspecified(hop) ? (Number.isInteger(ifIndex) && isLinkLocal(hop) ? withZone(hop, String(ifIndex)) : hop) : null;
    const routeMetric = Number(row.RouteMetric ?? 0);
    const ifMetric = Number(row.InterfaceMetric ?? 0);
    routes.push({
      destination: network(dest, len),
      gateway: gateway && gateway.version === dest.version ? gateway : null,
      interface: typeof row.InterfaceAlias === 'string' && row.InterfaceAlias !== '' ? row.InterfaceAlias : Number.isInteger(ifIndex) ? String(ifIndex) : '',
      metric: (Number.isFinite(routeMetric) ? routeMetric : 0) + (Number.isFinite(ifMetric) ? ifMetric : 0),
      kind: 'unicast',
    });
  });
  return routes;
}

const DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;
const INT = /^\d+$/;

/**
 * Parse `route print` (or `route print -4` / `-6`). The interface list maps indexes
 * to names for IPv6 rows; IPv4 rows name their interface by its address, which is
 * kept in interfaceAddress (and used as the name until the host's addresses say more).
 */
export function parseRoutePrint(text: string, source = 'route print'): Route[] {
  const names = new Map<string, string>();
  const routes: Route[] = [];
  // Only the first run of rows of each family: the active routes. The persistent ones
  // come later, in the same shape for IPv6.
  const state = { 4: 'before', 6: 'before' } as Record<4 | 6, 'before' | 'in' | 'done'>;
  let pending: { ifIndex: string; metric: number; prefix: string } | null = null;
  const closeRuns = (except: 4 | 6 | null) => {
    for (const v of [4, 6] as const) if (v !== except && state[v] === 'in') state[v] = 'done';
  };
  const pushV6 = (ifIndex: string, metric: number, prefix: string, gatewayText: string) => {
    const slash = prefix.indexOf('/');
    const dest = addressOrNull(prefix.slice(0, slash));
    const len = Number(prefix.slice(slash + 1));
    if (!dest || dest.version !== 6 || !Number.isInteger(len) || len > 128) return;
    const hop = addressOrNull(gatewayText);
    routes.push({
      destination: network(dest, len),
      gateway: hop && hop.version === 6 && !isUnspecified(hop) ? (isLinkLocal(hop) ? withZone(hop, ifIndex) : hop) : null,
      interface: names.get(ifIndex) ?? ifIndex,
      metric,
      kind: 'unicast',
    });
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const t = line.split(/\s+/);
    // Interface list: " 12...00 15 5d 01 02 03 ......Intel(R) Ethernet"
    const ifm = /^(\d+)\s*\.{2,}(?:(?:[0-9a-fA-F]{2} )+\.+)?\.*(.*)$/.exec(line);
    if (ifm && !DOTTED.test(t[0]!)) {
      names.set(ifm[1]!, ifm[2]!.trim());
      continue;
    }
    if (pending) {
      // A long IPv6 destination pushes the gateway onto the next line.
      if (t.length === 1 && line !== '' && !line.startsWith('=')) {
        pushV6(pending.ifIndex, pending.metric, pending.prefix, line);
        pending = null;
        continue;
      }
      pending = null;
    }
    // IPv4 active route: destination, netmask, gateway (an address or a localized word or two), interface address, metric.
    if (t.length >= 5 && DOTTED.test(t[0]!) && DOTTED.test(t[1]!) && DOTTED.test(t[t.length - 2]!) && INT.test(t[t.length - 1]!)) {
      if (state[4] === 'done') continue;
      state[4] = 'in';
      closeRuns(4);
      const dest = addressOrNull(t[0]!);
      const mask = addressOrNull(t[1]!);
      const ifAddr = addressOrNull(t[t.length - 2]!);
      const gwText = t.slice(2, -2);
      const hop = gwText.length === 1 ? addressOrNull(gwText[0]!) : null;
      const len = mask && mask.version === 4 ? maskLength32(mask.w3) : -1;
      if (!dest || len < 0) throw new RouteTableError(source, `cannot read route ${JSON.stringify(line)}`);
      routes.push({
        destination: network(dest, len),
        gateway: hop && hop.version === 4 ? hop : null,
        interface: ifAddr ? ifAddr.toString() : '',
        interfaceAddress: ifAddr,
        metric: Number(t[t.length - 1]),
        kind: 'unicast',
      });
      continue;
    }
    // IPv6 route: interface index, metric, destination prefix, gateway (maybe on the next line).
    if (t.length >= 3 && INT.test(t[0]!) && INT.test(t[1]!) && t[2]!.includes(':') && t[2]!.includes('/')) {
      if (state[6] === 'done') continue;
      state[6] = 'in';
      closeRuns(6);
      if (t.length === 3) pending = { ifIndex: t[0]!, metric: Number(t[1]), prefix: t[2]! };
      else pushV6(t[0]!, Number(t[1]), t[2]!, t.slice(3).join(' '));
      continue;
    }
    // Anything else (a heading, a column header, "None", a rule) ends a run of rows.
    if (line !== '') closeRuns(null);
  }
  return routes;
}

/** Get-NetRoute through PowerShell, falling back to `route print`. */
export async function readWindowsRoutes(run: Runner): Promise<Route[]> {
  try {
    const json = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', GET_NET_ROUTE]);
    return parseGetNetRouteJson(json);
  } catch (e) {
    if (e instanceof RouteTableError) throw e;
  }
  const text = await run('route', ['print']).catch((e: Error) => {
    throw new RouteTableError('route print', e.message);
  });
  return parseRoutePrint(text);
}
