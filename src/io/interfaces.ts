// This host's addresses: os.networkInterfaces() turned into core HostAddress values.
// The conversion is pure (fromNodeInterfaces); listHostAddresses reads the OS.

import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { tryParseAddress } from '../core/address.js';
import { ipv6NetmaskLength, parseMask } from '../core/mask.js';
import type { HostAddress } from '../core/routes.js';

export type NodeInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Node's family ('IPv4' or 'IPv6' since Node 18.4; engines says >=20). */
function familyOf(f: unknown): 4 | 6 | null {
  if (f === 'IPv4') return 4;
  if (f === 'IPv6') return 6;
  return null;
}

/** Convert, in the order Node lists them; entries that do not parse are skipped. */
export function fromNodeInterfaces(ifaces: NodeInterfaces): HostAddress[] {
  const out: HostAddress[] = [];
  for (const [name, list] of Object.entries(ifaces)) {
    for (const info of list ?? []) {
      const version = familyOf(info.family);
      const address = tryParseAddress(info.address)?.withoutZone();
      if (!version || !address || address.version !== version) continue;
      let prefixLength: number;
      const cidr = info.cidr?.split('/')[1];
      if (cidr !== undefined && /^\d+$/.test(cidr)) prefixLength = Number(cidr);
      else {
        try {
          prefixLength = version === 6 ? ipv6NetmaskLength(info.netmask) : parseMask(info.netmask, 4).prefixLength;
        } catch {
          continue; // Node gives cidr null for a non-contiguous mask: no network to speak of
        }
      }
      if (prefixLength > address.bitLength) continue;
      const scopeid = (info as { scopeid?: number }).scopeid;
      out.push({
        interface: name,
        address,
        prefixLength,
        mac: info.mac && !/^(00:){5}00$/.test(info.mac) ? info.mac : null,
        internal: info.internal,
        scopeId: version === 6 && typeof scopeid === 'number' && scopeid !== 0 ? scopeid : null,
      });
    }
  }
  return out;
}

/** This host's addresses, from the OS (or from `source` in tests). */
export function listHostAddresses(source: () => NodeInterfaces = networkInterfaces): HostAddress[] {
  return fromNodeInterfaces(source());
}
