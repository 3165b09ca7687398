// macOS: `netstat -rn` for the whole table (the BSD layout, read in bsd.ts) and
// `route -n get default` (and `-inet6`) for the primary default. macOS has several
// default rows when several interfaces are up; the ones flagged I (RTF_IFSCOPE) are
// bound to their interface and are not the primary. netstat prints no metrics, so
// the order is: the default `route get` names, then unscoped rows, then scoped ones.

import type { Address } from '../../core/address.js';
import type { Route } from '../../core/routes.js';
import { isDefaultRoute } from '../../core/routes.js';
import { bsdRoutes, netstatRows, type Runner } from './bsd.js';
import { addressOrNull, RouteTableError } from './common.js';

/** Parse macOS `netstat -rn` (both families). */
export function parseDarwinNetstat(text: string, source = 'netstat -rn'): Route[] {
  return bsdRoutes(netstatRows(text, source), source);
}

export interface RouteGet {
  destination: string | null;
  gateway: Address | null;
  interface: string | null;
  flags: string[];
}

/**
 * Parse `route -n get <dest>`: `key: value` lines. Null when it names no route
 * (it then says "not in table" and exits non-zero).
 */
export function parseRouteGet(text: string): RouteGet | null {
  const kv = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const m = /^\s*([a-z][a-z ]*):\s*(.*?)\s*$/.exec(raw);
    if (m) kv.set(m[1]!, m[2]!);
  }
  if (!kv.has('interface') && !kv.has('gateway')) return null;
  const flags = (kv.get('flags') ?? '').replace(/^<|>$/g, '').split(',').filter(Boolean);
  return {
    destination: kv.get('destination') ?? null,
    gateway: kv.has('gateway') ? addressOrNull(kv.get('gateway')!) : null,
    interface: kv.get('interface') ?? null,
    flags,
  };
}

/** Put the primary default (as `route get` named it) first among the defaults of its family. */
export function markPrimary(routes: Route[], primary: RouteGet | null, version: 4 | 6): Route[] {
  if (!primary?.interface) return routes;
  const k = routes.findIndex(
    (r) =>
      isDefaultRoute(r) &&
      r.destination.version === version &&
      !r.scoped &&
      r.interface === primary.interface &&
      (primary.gateway === null ? r.gateway === null : r.gateway !== null && r.gateway.withoutZone().equals(primary.gateway.withoutZone())),
  );
  if (k <= 0) return routes;
  const copy = routes.slice();
  const [r] = copy.splice(k, 1);
  copy.unshift(r!);
  return copy;
}

/** Read the table and the primary defaults. */
export async function readDarwinRoutes(run: Runner): Promise<Route[]> {
  const text = await run('netstat', ['-rn']).catch((e: Error) => {
    throw new RouteTableError('netstat -rn', e.message);
  });
  let routes = parseDarwinNetstat(text);
  // With no default, route get fails: that is an answer, not an error.
  const get4 = await run('route', ['-n', 'get', 'default']).then(parseRouteGet, () => null);
  const get6 = await run('route', ['-n', 'get', '-inet6', 'default']).then(parseRouteGet, () => null);
  routes = markPrimary(routes, get4, 4);
  routes = markPrimary(routes, get6, 6);
  return routes;
}
