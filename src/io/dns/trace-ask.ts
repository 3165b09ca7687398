// The network side of --trace: one query to one server through netkit's DNS client
// (UDP, TCP on truncation), keeping the reply's bytes for the DNSSEC checks.

import { DnsClient } from './client.js';
import { TcpTransport } from './tcp.js';
import type { Ask, AskReply, TraceServer } from './trace.js';
import type { DnsTransport, Exchange } from './transport.js';
import { UdpTransport } from './udp.js';

/** A transport that remembers the last reply the client accepted. */
class Capturing implements DnsTransport {
  last: Uint8Array | null = null;
  constructor(private readonly inner: DnsTransport) {}
  get protocol(): string {
    return this.inner.protocol;
  }
  get datagram(): boolean {
    return this.inner.datagram;
  }
  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    return this.inner.exchange(query, {
      ...ex,
      accept: (reply) => {
        const v = ex.accept(reply);
        if (v === 'done') this.last = reply;
        return v;
      },
    });
  }
}

export function networkAsk(o: { timeoutMs: number; tries: number; tcp?: boolean; edns?: boolean }): Ask {
  return async (server: TraceServer, name: string, type: string, q): Promise<AskReply> => {
    let udp: Capturing | null = null;
    let tcp: Capturing | null = null;
    const client = new DnsClient(
      { address: server.address, port: server.port },
      {
        timeoutMs: o.timeoutMs,
        tries: o.tries,
        udp: (s) => (udp = new Capturing(new UdpTransport(s))),
        tcp: (s) => (tcp = new Capturing(new TcpTransport(s))),
      },
    );
    const r = await client.query(name, type, { dnssec: q.dnssec, rd: q.recurse, edns: o.edns !== false, tcp: Boolean(o.tcp) });
    const raw = r.transport === 'tcp' ? (tcp as Capturing | null)?.last ?? null : (udp as Capturing | null)?.last ?? null;
    return { status: r.status, message: r.message, raw: raw ? Uint8Array.from(raw) : null, ...(r.error ? { error: r.error } : {}), elapsedMs: r.elapsedMs, transport: r.transport };
  };
}
