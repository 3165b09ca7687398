// The default routes, as a table: best first, the host's own address beside each.

import { safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { alignedTable } from './table.js';

/** One default route, as `netkit gateway --json` prints it (field names are API). */
export interface GatewayEntry {
  family: 4 | 6;
  /** The router, without zone; null for a device-only default. */
  gateway: string | null;
  /** The zone of an IPv6 link-local router (`eth0` for fe80::1%eth0), else null. */
  zone: string | null;
  interface: string;
  /** Lower is preferred (on Windows: route metric plus interface metric). */
  metric: number;
  /** This host's own address on that interface (the source of traffic to the gateway), or null. */
  sourceAddress: string | null;
  /** The network of that address (CIDR), or null. */
  network: string | null;
  /** No gateway: packets for anywhere are put straight onto the interface's link (point-to-point, VPN). */
  deviceOnly: boolean;
  /** The best default route of its family: the one the host uses. */
  primary: boolean;
  /** macOS interface-scoped route (flag I): used only for traffic bound to that interface. */
  scoped: boolean;
}

export function renderGateway(entries: GatewayEntry[], style: Style, width = Infinity): string {
  const rows = entries.map((e) => [
    `IPv${e.family}`,
    e.gateway !== null ? safeText(e.gateway + (e.zone ? `%${e.zone}` : '')) : style.yellow('none (device-only)'),
    safeText(e.interface || '-'),
    String(e.metric),
    e.sourceAddress ?? '-',
    e.network ?? '-',
    [e.primary ? style.green('primary') : '', e.scoped ? 'interface-scoped' : ''].filter(Boolean).join(', '),
  ]);
  const head = ['family', 'gateway', 'interface', 'metric', 'address', 'network', ''].map((h) => style.bold(h));
  return alignedTable([head, ...rows], width) + '\n';
}
