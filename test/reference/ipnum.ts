// The one adapter to ip-num, used only as an independent reference for property
// tests (it is not on netkit's runtime path: its start-up cost, aggregation speed and
// non-RFC 5952 output do not meet our bars). Values are compared as integers.
import { IPv4, IPv4CidrRange, IPv6, IPv6CidrRange } from 'ip-num';

export function refValue(version: 4 | 6, text: string): bigint {
  return version === 4 ? IPv4.fromString(text).getValue() : IPv6.fromString(text).getValue();
}

export function refRange(version: 4 | 6, cidr: string): { first: bigint; last: bigint; size: bigint } {
  const r = version === 4 ? IPv4CidrRange.fromCidr(cidr) : IPv6CidrRange.fromCidr(cidr);
  return { first: r.getFirst().getValue(), last: r.getLast().getValue(), size: r.getSize() };
}
