// DNS over TLS (RFC 7858): TCP framing (two-byte length) inside TLS on port 853, the
// server's certificate always verified. One connection carries many queries at once
// (pipelining, RFC 7766 6.2.1.1): replies come back in any order and are routed by
// message ID, so bulk mode does not open a TLS session per name. The connection is
// unref'd while idle, so it never holds the process open, and reopened if the server
// closed it (RFC 7766 6.2.3 lets servers close idle connections).

import tls from 'node:tls';
import net from 'node:net';
import { certificateProblem, trustedCas, type TlsOptions } from './tls-trust.js';
import { DnsTransportError, socketErrorText, type DnsTransport, type Exchange, type ServerAddress } from './transport.js';

interface Pending {
  ex: Exchange;
  resolve: () => void;
  reject: (e: unknown) => void;
  /** The connection this query went out on (a query never switches connection mid-answer). */
  conn: Connection;
  answered: boolean;
}

interface Connection {
  sock: tls.TLSSocket;
  ready: Promise<void>;
  closed: boolean;
  /** Queries sent on this connection (for the "reused" check on an early close). */
  sent: number;
}

export class TlsTransport implements DnsTransport {
  readonly protocol = 'tls';
  readonly datagram = false;
  private conn: Connection | null = null;
  private readonly pending = new Map<number, Pending>();
  /** Queries waiting because another in flight has the same ID (IDs must be unique per connection). */
  private readonly waiting = new Map<number, (() => void)[]>();
  private readonly cas: string[];
  /** Connections opened (tests and --json check the reuse). */
  connections = 0;

  constructor(
    readonly server: ServerAddress,
    private readonly opts: TlsOptions = {},
  ) {
    this.cas = trustedCas(opts.ca ?? []);
  }

  private get expectedHost(): string {
    return this.opts.hostname ?? this.server.address;
  }

  private open(): Connection {
    this.connections++;
    const servername = this.opts.hostname ?? (net.isIP(this.server.address) ? undefined : this.server.address);
    const sock = tls.connect({
      host: this.server.address,
      port: this.server.port,
      ...(servername ? { servername } : {}),
      ca: this.cas,
      // RFC 7858 3.2: "dot" is the ALPN for DNS over TLS (RFC 8310 / IANA).
      ALPNProtocols: ['dot'],
      rejectUnauthorized: true,
    });
    sock.setNoDelay(true);
    const conn: Connection = { sock, ready: Promise.resolve(), closed: false, sent: 0 };
    conn.ready = new Promise<void>((resolve, reject) => {
      sock.once('secureConnect', () => resolve());
      sock.once('error', reject);
    });
    conn.ready.catch(() => {});
    let buf: Buffer = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = new Uint8Array(buf.subarray(2, 2 + len));
        buf = buf.subarray(2 + len);
        this.deliver(msg);
      }
    });
    sock.on('error', (e: NodeJS.ErrnoException) => this.drop(conn, this.errorText(e)));
    sock.on('close', () => this.drop(conn, 'connection closed by the server before the answer came'));
    return conn;
  }

  private errorText(e: NodeJS.ErrnoException): string {
    const cert = certificateProblem(e, this.expectedHost);
    if (cert) return `TLS: ${cert}`;
    if (e.code?.startsWith('ERR_SSL') || e.code?.startsWith('ERR_TLS')) return `TLS handshake failed (${e.message})`;
    return socketErrorText(e);
  }

  private deliver(msg: Uint8Array): void {
    if (msg.length < 2) return;
    const id = (msg[0] << 8) | msg[1];
    const p = this.pending.get(id);
    if (!p) return; // a reply to nothing we asked (or late): not ours
    let v;
    try {
      v = p.ex.accept(msg);
    } catch (e) {
      return this.settle(id, e);
    }
    if (v === 'done') this.settle(id);
    else if (v === 'more') p.answered = true;
  }

  private settle(id: number, err?: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (err === undefined) p.resolve();
    else p.reject(err);
    const next = this.waiting.get(id)?.shift();
    if (next) next();
    else this.waiting.delete(id);
    this.idle();
  }

  /** Unref the socket while nothing is in flight, so an idle connection never keeps node running. */
  private idle(): void {
    if (this.conn && !this.conn.closed) {
      if (this.pending.size === 0) this.conn.sock.unref();
      else this.conn.sock.ref();
    }
  }

  private drop(conn: Connection, why: string): void {
    if (conn.closed) return;
    conn.closed = true;
    if (this.conn === conn) this.conn = null;
    for (const [id, p] of [...this.pending]) {
      if (p.conn !== conn) continue;
      // RFC 7766 6.2.3: a reused connection the server closed is retried once on a fresh one.
      if (!p.answered && conn.sent > 1 && !(p as Pending & { retried?: boolean }).retried) {
        (p as Pending & { retried?: boolean }).retried = true;
        this.pending.delete(id);
        this.send(id, p, this.lastQuery.get(id)!);
        continue;
      }
      this.settle(id, new DnsTransportError(why));
    }
    conn.sock.destroy();
  }

  private readonly lastQuery = new Map<number, Uint8Array>();

  private send(id: number, p: Omit<Pending, 'conn'> & { conn?: Connection }, query: Uint8Array): void {
    if (!this.conn || this.conn.closed) this.conn = this.open();
    const conn = this.conn;
    const entry = p as Pending;
    entry.conn = conn;
    this.pending.set(id, entry);
    this.lastQuery.set(id, query);
    conn.sent++;
    conn.sock.ref();
    const framed = Buffer.alloc(2 + query.length);
    framed.writeUInt16BE(query.length, 0);
    framed.set(query, 2);
    // Writes before the handshake are queued by the TLS socket and sent once it completes.
    conn.sock.write(framed);
  }

  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    const id = (query[0] << 8) | query[1];
    return new Promise<void>((resolve, reject) => {
      if (ex.signal.aborted) return reject(ex.signal.reason);
      const onAbort = () => {
        const q = this.waiting.get(id);
        if (q) {
          const i = q.indexOf(start);
          if (i >= 0) q.splice(i, 1);
        }
        if (this.pending.get(id)?.ex === ex) this.settle(id, ex.signal.reason);
        else reject(ex.signal.reason);
      };
      ex.signal.addEventListener('abort', onAbort, { once: true });
      const done = (err?: unknown) => {
        ex.signal.removeEventListener('abort', onAbort);
        this.lastQuery.delete(id);
        if (err === undefined) resolve();
        else reject(err);
      };
      const start = () => this.send(id, { ex, resolve: () => done(), reject: (e) => done(e), answered: false }, query);
      if (this.pending.has(id)) {
        const q = this.waiting.get(id) ?? [];
        q.push(start);
        this.waiting.set(id, q);
      } else start();
    });
  }

  /** Close the connection (the CLI calls this when done; an idle one is unref'd anyway). */
  close(): void {
    if (this.conn) {
      this.conn.closed = true;
      this.conn.sock.end();
      this.conn.sock.destroy();
      this.conn = null;
    }
  }
}
