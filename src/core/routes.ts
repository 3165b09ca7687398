// Routes and this host's addresses, and the questions the networking notes ask of
// them: what is the default gateway, and does traffic to an address go straight onto
// a directly connected network or through a router? Pure: the tables come in as
// values (the platform adapters in src/io read them), decisions come out as values.
//
// Selection follows what every IP stack does (RFC 1812 §5.2.4.3): the most specific
// matching route wins (longest prefix), then the lowest metric; among equals the
// table's own order decides (it is kept by a stable sort).

import type { Address, IPVersion } from './address.js';
import { isLinkLocal, isLoopback, isMulticast } from './special.js';
import { Prefix } from './prefix.js';

/** What a route does with a packet. */
export type RouteKind =
  /** Forward it: to the gateway, or straight onto the link when there is none. */
  | 'unicast'
  /** Deliver it to this host (Linux RTF_LOCAL, the local table in /proc/net/ipv6_route). */
  | 'local'
  /** Refuse it (RTF_REJECT, BSD blackhole): the destination is unreachable by design. */
  | 'reject';

/** One row of a routing table, whatever platform it came from. */
export interface Route {
  /** The destination network, host bits clear; 0.0.0.0/0 or ::/0 for a default route. */
  destination: Prefix;
  /** The next hop, or null when the destination is on the link (a device route). A link-local IPv6 next hop carries its zone. */
  gateway: Address | null;
  /** The outgoing interface's name ('' when the table does not say). */
  interface: string;
  /** Lower is preferred. Platforms without metrics (macOS) give 0 and rely on table order. */
  metric: number;
  kind: RouteKind;
  /** macOS RTF_IFSCOPE (flag I): bound to its interface, never the primary route. */
  scoped?: boolean;
  /** The outgoing interface's own address, when the table names interfaces that way (Windows `route print`). */
  interfaceAddress?: Address | null;
  /** The platform's flags as it printed them, for display. */
  flags?: string;
}

/** One address of one interface of this host. */
export interface HostAddress {
  interface: string;
  /** The address, without a zone (the interface is the zone). */
  address: Address;
  prefixLength: number;
  /** The hardware address, or null when there is none (loopback, tunnels). */
  mac: string | null;
  /** Loopback or otherwise not reachable from outside the host. */
  internal: boolean;
  /** The IPv6 scope id (interface index) of a scoped address, else null. */
  scopeId: number | null;
}

/** Is this a default route (0.0.0.0/0 or ::/0)? */
export function isDefaultRoute(r: Route): boolean {
  return r.destination.prefixLength === 0;
}

/** The order of preference among routes that match: longest prefix, lowest metric, unscoped before interface-scoped. */
export function compareRoutes(a: Route, b: Route): number {
  if (a.destination.prefixLength !== b.destination.prefixLength) {
    return b.destination.prefixLength - a.destination.prefixLength;
  }
  if (a.metric !== b.metric) return a.metric - b.metric;
  return (a.scoped ? 1 : 0) - (b.scoped ? 1 : 0);
}

/**
 * The default routes that forward traffic, best first: IPv4 before IPv6, and within
 * a family lowest metric first (unscoped before interface-scoped, then table order).
 */
export function defaultRoutes(routes: readonly Route[], version?: IPVersion): Route[] {
  return routes
    .filter((r) => r.kind === 'unicast' && isDefaultRoute(r) && (version === undefined || r.destination.version === version))
    .map((r, i) => ({ r, i }))
    .sort((x, y) => x.r.destination.version - y.r.destination.version || compareRoutes(x.r, y.r) || x.i - y.i)
    .map((x) => x.r);
}

/**
 * The route a packet to `dest` takes: among the routes of its family that contain it,
 * the longest prefix, then the lowest metric. A zoned destination (fe80::1%eth0) only
 * matches routes on its zone's interface. Null when nothing matches.
 */
export function lookupRoute(routes: readonly Route[], dest: Address): Route | null {
  const plain = dest.withoutZone();
  let best: Route | null = null;
  for (const r of routes) {
    if (r.destination.version !== dest.version || !r.destination.contains(plain)) continue;
    if (dest.zone && r.interface !== dest.zone) continue;
    if (best === null || compareRoutes(r, best) < 0) best = r;
  }
  return best;
}

/** The network (interface address plus prefix) this host has that contains `dest`: the most specific, or null. */
export function connectedNetwork(hosts: readonly HostAddress[], dest: Address, iface?: string): HostAddress | null {
  const plain = dest.withoutZone();
  let best: HostAddress | null = null;
  for (const h of hosts) {
    if (h.address.version !== dest.version) continue;
    if (iface !== undefined && h.interface !== iface) continue;
    if (dest.zone && h.interface !== dest.zone) continue;
    if (!new Prefix(h.address, h.prefixLength).contains(plain)) continue;
    if (best === null || h.prefixLength > best.prefixLength) best = h;
  }
  return best;
}

/** The network of a host address, host bits clear. */
export function hostNetwork(h: HostAddress): Prefix {
  return new Prefix(h.address, h.prefixLength).masked();
}

/**
 * This host's own address on an interface, for a family: the one whose network holds
 * `near` (the gateway or destination) when there is one, else the first that is not
 * link-local, else the first. Null when the interface has no address of the family.
 */
export function interfaceAddress(
  hosts: readonly HostAddress[],
  iface: string,
  version: IPVersion,
  near: Address | null = null,
): HostAddress | null {
  const mine = hosts.filter((h) => h.interface === iface && h.address.version === version);
  if (mine.length === 0) return null;
  // A link-local next hop says nothing about which routable address the host uses.
  if (near && !isLinkLocal(near)) {
    const holding = connectedNetwork(mine, near.withoutZone());
    if (holding) return holding;
  }
  return mine.find((h) => !isLinkLocal(h.address)) ?? mine[0]!;
}

/** How traffic to one destination leaves this host. */
export type RouteDecisionKind =
  /** The destination is this host (one of its addresses, or loopback). */
  | 'local'
  /** Sent straight onto a link: no router involved. */
  | 'on-link'
  /** Sent to a router (the gateway) for forwarding. */
  | 'gateway'
  /** No route matches, or a reject route does: the host cannot send there. */
  | 'unreachable';

export interface RouteDecision {
  destination: Address;
  kind: RouteDecisionKind;
  /** The route the lookup chose, or null (local addresses; no route at all). */
  route: Route | null;
  /** The interface traffic leaves through (for 'local', the interface holding the address). */
  interface: string | null;
  /** The router, for 'gateway'. */
  gateway: Address | null;
  /** The host's own network that contains the destination (most specific), whatever the route says. */
  network: HostAddress | null;
  /** The host's own address that traffic would leave from, when known. */
  source: HostAddress | null;
}

/**
 * Decide how traffic to `dest` leaves this host, from its route table and addresses.
 * The route table is the authority; the host's networks explain it ("in terms of the mask").
 */
export function decideRoute(routes: readonly Route[], hosts: readonly HostAddress[], dest: Address): RouteDecision {
  const network = connectedNetwork(hosts, dest);
  const plain = dest.withoutZone();
  // Own addresses and loopback are delivered locally; /proc/net/route does not list
  // the local table, so the host's address list answers this.
  const own = hosts.find((h) => h.address.equals(plain) && (!dest.zone || h.interface === dest.zone));
  if (own || isLoopback(plain)) {
    const holder = own ?? hosts.find((h) => h.internal && h.address.version === dest.version) ?? null;
    return { destination: dest, kind: 'local', route: null, interface: holder?.interface ?? null, gateway: null, network, source: holder };
  }
  const route = lookupRoute(routes, dest);
  if (route === null || route.kind === 'reject') {
    return { destination: dest, kind: 'unreachable', route, interface: route?.interface || null, gateway: null, network, source: null };
  }
  if (route.kind === 'local') {
    const holder = hosts.find((h) => h.address.equals(plain)) ?? null;
    return { destination: dest, kind: 'local', route, interface: route.interface || holder?.interface || null, gateway: null, network, source: holder };
  }
  const iface = route.interface || ownerOf(hosts, route.interfaceAddress) || null;
  // Multicast and the limited broadcast are never handed to a router: the route only
  // picks the link, and the packet goes straight onto it (Linux `ip route get 224.0.0.1`
  // says `multicast ... dev eth0`, with no `via`).
  const gateway = isLinkScopedDestination(plain) ? null : route.gateway;
  // On-link, the host's address on the destination's own network; via a router, the one facing the router.
  const source = !iface
    ? null
    : gateway
      ? interfaceAddress(hosts, iface, dest.version, gateway)
      : (connectedNetwork(hosts, dest, iface) ?? interfaceAddress(hosts, iface, dest.version));
  return {
    destination: dest,
    kind: gateway ? 'gateway' : 'on-link',
    route,
    interface: iface,
    gateway,
    network,
    source,
  };
}

/** Multicast (224.0.0.0/4, ff00::/8) or the IPv4 limited broadcast 255.255.255.255: sent onto a link, never to a gateway. */
export function isLinkScopedDestination(a: Address): boolean {
  return isMulticast(a) || (a.version === 4 && a.toBigInt() === 0xffffffffn);
}

/** The interface that holds an address (Windows names interfaces by address in `route print`). */
export function ownerOf(hosts: readonly HostAddress[], addr: Address | null | undefined): string | null {
  if (!addr) return null;
  return hosts.find((h) => h.address.equals(addr.withoutZone()))?.interface ?? null;
}
