// Shared by the route-table adapters: the error a malformed table raises, and small
// helpers for building Routes from text.

import { Address, tryParseAddress } from '../../core/address.js';
import { InputError } from '../../core/errors.js';
import { Prefix } from '../../core/prefix.js';

/**
 * A route table the adapter could not read or understand: an input error (exit 2) whose
 * message says so; `source` names the file or command, `line` the 1-based line.
 */
export class RouteTableError extends InputError {
  override readonly name: string = 'RouteTableError';
  constructor(
    readonly source: string,
    reason: string,
    readonly line?: number,
  ) {
    super(`cannot read the route table: ${source}${line !== undefined ? ` line ${line}` : ''}: ${reason}`);
  }
}

/** A network from an address and length, host bits cleared (tables sometimes print them set). */
export function network(address: Address, prefixLength: number): Prefix {
  return new Prefix(address.withoutZone(), prefixLength).masked();
}

/** An IPv6 address with a zone, when the zone is a valid zone name; else without one. */
export function withZone(a: Address, zone: string): Address {
  if (a.version !== 6 || zone === '') return a;
  try {
    return a.withZone(zone);
  } catch {
    return a;
  }
}

/** Parse an address that may carry a zone (`fe80::1%en0`); null when it is not an address. */
export function addressOrNull(text: string): Address | null {
  const a = tryParseAddress(text);
  if (a) return a;
  const pct = text.indexOf('%');
  if (pct > 0 && text.includes(':')) {
    const b = tryParseAddress(text.slice(0, pct));
    return b ? withZone(b, text.slice(pct + 1)) : null;
  }
  return null;
}
