// DNS over UDP (RFC 1035 4.2.1): one fresh socket per query, bound to a port the kernel
// picks at random and connected to the server, so only datagrams from the server's
// address and port reach it (the source check is repeated here all the same).
// Retries resend the same message on the same socket, so a late reply to the first
// send still counts.

import dgram from 'node:dgram';
import { DnsTransportError, socketErrorText, type DnsTransport, type Exchange, type ServerAddress } from './transport.js';

/** Largest reply read: a UDP datagram can be up to 65535 bytes whatever EDNS said. */
const RECV_BUFFER = 65535;

export class UdpTransport implements DnsTransport {
  readonly protocol = 'udp';
  readonly datagram = true;
  private readonly family: 'udp4' | 'udp6';

  constructor(readonly server: ServerAddress) {
    this.family = server.address.includes(':') ? 'udp6' : 'udp4';
  }

  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    const { address, port } = this.server;
    return new Promise<void>((resolve, reject) => {
      if (ex.signal.aborted) return reject(ex.signal.reason);
      const sock = dgram.createSocket({ type: this.family, recvBufferSize: RECV_BUFFER });
      let timer: NodeJS.Timeout | null = null;
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        ex.signal.removeEventListener('abort', onAbort);
        try {
          sock.close();
        } catch {
          // already closed
        }
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish(ex.signal.reason);
      ex.signal.addEventListener('abort', onAbort, { once: true });
      sock.on('error', (e: NodeJS.ErrnoException) => finish(new DnsTransportError(udpErrorText(e), e.code)));
      sock.on('message', (msg, rinfo) => {
        if (settled) return;
        // A connected socket only gets the server's datagrams; checked again regardless.
        if (rinfo.port !== port || rinfo.address !== address) return;
        let v;
        try {
          v = ex.accept(new Uint8Array(msg.buffer, msg.byteOffset, msg.length));
        } catch (e) {
          return finish(e);
        }
        if (v === 'done') finish();
      });
      const delays = ex.resendAfterMs ?? [];
      let sent = 0;
      const send = () => {
        if (settled) return;
        sock.send(query, (e) => {
          if (e) finish(new DnsTransportError(udpErrorText(e as NodeJS.ErrnoException), (e as NodeJS.ErrnoException).code));
        });
        if (sent < delays.length) timer = setTimeout(send, delays[sent++]);
      };
      // Port 0: the kernel picks an ephemeral port at random (Linux, the BSDs and macOS randomise it).
      sock.bind(0, () => {
        if (settled) return;
        sock.connect(port, address, () => {
          if (!settled) send();
        });
      });
    });
  }
}

/** Over UDP, "connection refused" is an ICMP port unreachable: say that, since there is no connection. */
export function udpErrorText(e: NodeJS.ErrnoException): string {
  return e.code === 'ECONNREFUSED' ? 'port unreachable: no DNS server listens there (ICMP)' : socketErrorText(e);
}
