// Printing range lists: CIDR blocks or ranges, IPv4 written as bytes straight into
// the output buffer (millions of lines), IPv6 through the core's RFC 5952 formatter.

import { Address } from '../../core/address.js';
import { ipv4RangeToCidrs, ipv6RangeToCidrs, type IPv4Ranges, type IPv6Ranges } from '../../core/set.js';
import type { Context } from '../context.js';
import { ByteOut, putIPv4, putSmall } from './io.js';

export type EmitForm = 'cidrs' | 'ranges';

/** One JSON record per block or range (field names are API, listed in the README). */
export interface BlockRecord {
  /** `10.0.0.0/23` for a CIDR block, `10.0.0.5-10.0.0.9` for a range. */
  network?: string;
  range?: string;
  /** The address family: 4 or 6. */
  family: 4 | 6;
  first: string;
  last: string;
  /** Number of addresses, as a decimal string (IPv6 counts pass 2^53). */
  addresses: string;
}

/** Print normalized lists as CIDR blocks or ranges, IPv4 first. Returns the number of lines. */
export async function emitRanges(
  ctx: Context,
  v4: IPv4Ranges,
  v6: IPv6Ranges,
  form: EmitForm,
  join?: string,
): Promise<number> {
  let lines = 0;
  if (ctx.json) {
    let flushed = 0;
    const rec = (first: Address, last: Address, size: bigint, network: string | null) => {
      const r: BlockRecord =
        network !== null
          ? { network, family: first.version, first: first.toString(), last: last.toString(), addresses: size.toString() }
          : { range: `${first}-${last}`, family: first.version, first: first.toString(), last: last.toString(), addresses: size.toString() };
      ctx.jsonLine(r);
      lines++;
    };
    for (let i = 0; i < v4.length; i++) {
      const s = v4.start(i);
      const e = v4.end(i);
      if (form === 'ranges') rec(Address.v4(s), Address.v4(e), BigInt(e - s + 1), null);
      else {
        ipv4RangeToCidrs(s, e, (n, len) => {
          const size = 2 ** (32 - len);
          rec(Address.v4(n), Address.v4(n + size - 1), BigInt(size), `${Address.v4(n)}/${len}`);
        });
      }
      if (lines - flushed >= 4096) {
        flushed = lines;
        await ctx.out.flushAndDrain();
      }
    }
    for (let i = 0; i < v6.length; i++) {
      const s = v6.startBig(i);
      const e = v6.endBig(i);
      if (form === 'ranges') rec(Address.fromBigInt(6, s), Address.fromBigInt(6, e), e - s + 1n, null);
      else {
        ipv6RangeToCidrs(s, e, (n, len) => {
          const size = 1n << BigInt(128 - len);
          rec(Address.fromBigInt(6, n), Address.fromBigInt(6, n + size - 1n), size, `${Address.fromBigInt(6, n)}/${len}`);
        });
      }
      if (lines - flushed >= 4096) {
        flushed = lines;
        await ctx.out.flushAndDrain();
      }
    }
    return lines;
  }

  const out = new ByteOut(ctx, 1 << 20);
  // --join: items on one line with a separator (WireGuard's AllowedIPs = a, b, c)
  const sep = join === undefined ? null : Buffer.from(join, 'utf8');
  const NL = sep === null ? '\n' : '';
  const before = () => {
    if (sep !== null && lines > 0) out.copy(sep, 0, sep.length);
  };
  for (let i = 0; i < v4.length && !out.closed; i++) {
    const s = v4.start(i);
    const e = v4.end(i);
    if (form === 'ranges') {
      before();
      out.room(32);
      let p = putIPv4(out.buf, out.pos, s);
      out.buf[p++] = 45;
      p = putIPv4(out.buf, p, e);
      if (sep === null) out.buf[p++] = 10;
      out.pos = p;
      lines++;
    } else {
      ipv4RangeToCidrs(s, e, (n, len) => {
        before();
        out.room(20);
        let p = putIPv4(out.buf, out.pos, n);
        out.buf[p++] = 47;
        p = putSmall(out.buf, p, len);
        if (sep === null) out.buf[p++] = 10;
        out.pos = p;
        lines++;
      });
    }
    if (out.needsDrain) await out.drain();
  }
  for (let i = 0; i < v6.length && !out.closed; i++) {
    const s = v6.startBig(i);
    const e = v6.endBig(i);
    if (form === 'ranges') {
      before();
      out.ascii(`${Address.fromBigInt(6, s)}-${Address.fromBigInt(6, e)}${NL}`);
      lines++;
    } else {
      ipv6RangeToCidrs(s, e, (n, len) => {
        before();
        out.ascii(`${Address.fromBigInt(6, n)}/${len}${NL}`);
        lines++;
      });
    }
    if (out.needsDrain) await out.drain();
  }
  if (sep !== null && lines > 0) out.ascii('\n');
  await out.end();
  return lines;
}
