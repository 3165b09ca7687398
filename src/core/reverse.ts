// Reverse DNS names: the PTR owner name of an address, and the reverse zone of a
// network written exactly as ipcalc-ng 1.0 writes it, trailing dot included.

import type { Address } from './address.js';
import { Prefix } from './prefix.js';

/** The PTR owner name: `1.1.170.210.in-addr.arpa.` or the 32-nibble `ip6.arpa.` name. */
export function ptrName(addr: Address): string {
  if (addr.version === 4) return addr.parts().reverse().join('.') + '.in-addr.arpa.';
  return nibbles(addr).reverse().join('.') + '.ip6.arpa.';
}

function nibbles(addr: Address): string[] {
  return [addr.w0, addr.w1, addr.w2, addr.w3].flatMap((w) => (w >>> 0).toString(16).padStart(8, '0').split(''));
}

/**
 * The reverse zone of a network, or null where ipcalc-ng prints none.
 * - IPv4 /8, /16, /24, /32: the octet-aligned zone (`1.170.210.in-addr.arpa.`).
 * - IPv4 /9 to /31 otherwise: the RFC 2317 style `first-last.` label for the partial
 *   octet (`0-63.1.170.210.in-addr.arpa.` for a /26). ipcalc-ng 1.0.2 writes
 *   `first-255` for a /31, past the end of the network; netkit writes the two addresses.
 * - IPv4 shorter than /8: null. IPv6: nibble-aligned prefixes only (/0 is `ip6.arpa.`).
 */
export function reverseZone(network: Prefix): string | null {
  const net = network.masked();
  const len = net.prefixLength;
  if (net.version === 4) {
    if (len < 8) return null;
    const octets = net.address.parts();
    const whole = Math.floor(len / 8);
    const zone = octets.slice(0, whole).reverse().join('.') + '.in-addr.arpa.';
    if (len % 8 === 0) return zone;
    const first = octets[whole]!;
    const last = net.last().parts()[whole]!;
    return `${first}-${last}.${zone}`;
  }
  if (len % 4 !== 0) return null;
  const n = nibbles(net.address).slice(0, len / 4).reverse();
  return n.length === 0 ? 'ip6.arpa.' : n.join('.') + '.ip6.arpa.';
}
