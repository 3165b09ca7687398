// This host's addresses as a table: one row per address.

import type { SpecialRow } from '../../core/special.js';
import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { alignedTable } from './table.js';

/** One address of one interface, as `netkit interfaces --json` prints it (field names are API). */
export interface InterfaceEntry {
  interface: string;
  family: 4 | 6;
  /** The address, without zone (see `zone`). */
  address: string;
  prefixLength: number;
  /** Dotted netmask for IPv4, the IPv6 netmask in address form for IPv6. */
  netmask: string;
  /** The network the address is on (CIDR). */
  network: string;
  /** IPv4 directed broadcast; null for IPv6, /31 and /32. */
  broadcast: string | null;
  /** Hardware address, or null when there is none (loopback, tunnels). */
  mac: string | null;
  /** Loopback or otherwise unreachable from outside the host. */
  internal: boolean;
  /** The zone a scoped (link-local) IPv6 address needs: the interface name; else null. */
  zone: string | null;
  /** The numeric scope id (interface index) of a scoped IPv6 address, else null. */
  scopeId: number | null;
  /** The IANA special-purpose registry row holding the address (the same shape as in `netkit subnet`), or null for ordinary unicast. */
  special: SpecialRow | null;
  /** A short word for the kind of address: loopback, link-local, private, unique-local, shared, global, ... */
  kind: string;
  isPrivate: boolean;
  isLoopback: boolean;
  isLinkLocal: boolean;
  isGloballyReachable: boolean;
}

export function renderInterfaces(entries: InterfaceEntry[], style: Style, width = Infinity): string {
  // Interface names are the host's, not ours: `e\x1b[31m` is a legal Linux name.
  const rows = entries.map((e) => [
    safeText(e.interface),
    `IPv${e.family}`,
    `${e.address}${e.zone ? style.dim('%' + safeText(e.zone)) : ''}/${e.prefixLength}`,
    e.network,
    e.broadcast ?? '-',
    safeText(e.mac ?? '-'),
    e.kind + (e.internal && !e.isLoopback ? ', internal' : ''),
  ]);
  const head = ['interface', 'family', 'address', 'network', 'broadcast', 'mac', 'kind'].map((h) => style.bold(h));
  return alignedTable([head, ...rows], width) + '\n';
}
