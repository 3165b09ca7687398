// DNS over TCP (RFC 1035 4.2.2, RFC 7766): a connection per query, each message behind
// a two-byte length. Replies are read until the client's `accept` says `done`, which is
// how a multi-message zone transfer (AXFR, RFC 5936) comes in.

import net from 'node:net';
import { DnsTransportError, socketErrorText, type DnsTransport, type Exchange, type ServerAddress } from './transport.js';

export class TcpTransport implements DnsTransport {
  readonly protocol = 'tcp';
  readonly datagram = false;

  constructor(readonly server: ServerAddress) {}

  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (ex.signal.aborted) return reject(ex.signal.reason);
      const sock = net.connect({ host: this.server.address, port: this.server.port });
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        ex.signal.removeEventListener('abort', onAbort);
        sock.destroy();
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish(ex.signal.reason);
      ex.signal.addEventListener('abort', onAbort, { once: true });
      sock.setNoDelay(true);
      sock.on('error', (e: NodeJS.ErrnoException) => finish(new DnsTransportError(socketErrorText(e), e.code)));
      sock.on('connect', () => {
        const framed = new Uint8Array(2 + query.length);
        framed[0] = query.length >> 8;
        framed[1] = query.length & 0xff;
        framed.set(query, 2);
        sock.write(framed);
      });
      // Chunks are kept in a list and joined only when a whole message is there, so a
      // large transfer is read in linear time.
      const chunks: Buffer[] = [];
      let have = 0;
      sock.on('data', (d: Buffer) => {
        chunks.push(d);
        have += d.length;
        while (!settled && have >= 2) {
          const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, have);
          if (chunks.length > 1) {
            chunks.length = 0;
            chunks.push(head);
          }
          const len = head.readUInt16BE(0);
          if (have < 2 + len) break;
          const msg = new Uint8Array(head.buffer, head.byteOffset + 2, len);
          const rest = head.subarray(2 + len);
          chunks.length = 0;
          if (rest.length > 0) chunks.push(rest);
          have = rest.length;
          let v;
          try {
            v = ex.accept(msg);
          } catch (e) {
            return finish(e);
          }
          if (v === 'done') finish();
        }
      });
      sock.on('end', () => finish(new DnsTransportError(have > 0 ? 'connection closed in the middle of a message' : 'connection closed by the server before the answer was complete')));
    });
  }
}
