// DNS over HTTPS (RFC 8484) over HTTP/2: each query a POST of `application/dns-message`
// on one session (many streams at once), the certificate always verified. Many
// resolvers, unbound among them, speak DoH only over HTTP/2. The session is unref'd while
// idle so it never keeps the process running.

import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { certificateProblem, trustedCas, type TlsOptions } from './tls-trust.js';
import { DnsTransportError, socketErrorText, type DnsTransport, type Exchange, type ServerAddress } from './transport.js';

export interface HttpsTarget extends ServerAddress {
  /** The path of the DoH endpoint, e.g. `/dns-query`. */
  path: string;
  /** The host as written in the URL (the :authority and, by default, the certificate name). */
  host: string;
}

/** Largest DNS message: 65535 octets (RFC 8484 6 keeps DNS's own limit). */
const MAX_MESSAGE = 65535;

class Retry extends Error {
  constructor(readonly error: DnsTransportError) {
    super(error.message);
  }
}

export class HttpsTransport implements DnsTransport {
  readonly protocol = 'https';
  readonly datagram = false;
  private session: http2.ClientHttp2Session | null = null;
  private inFlight = 0;
  private readonly cas: string[];
  /** Sessions opened (tests check the reuse). */
  sessions = 0;
  /** Answers each session has carried (a failure on a session that worked before is retried). */
  private readonly servedOn = new WeakMap<http2.ClientHttp2Session, number>();

  constructor(
    readonly target: HttpsTarget,
    private readonly opts: TlsOptions = {},
  ) {
    this.cas = trustedCas(opts.ca ?? []);
  }

  private get expectedHost(): string {
    return this.opts.hostname ?? this.target.host;
  }

  private errorText(e: NodeJS.ErrnoException): string {
    // A stream cancelled by a failed handshake carries the TLS error as its cause.
    const cause = (e as { cause?: unknown }).cause;
    if (e.code === 'ERR_HTTP2_STREAM_CANCEL' && cause instanceof Error) return this.errorText(cause as NodeJS.ErrnoException);
    const cert = certificateProblem(e, this.expectedHost);
    if (cert) return `TLS: ${cert}`;
    if (e.code === 'ERR_HTTP2_ERROR' || e.code === 'ERR_HTTP2_STREAM_ERROR') return `HTTP/2: ${e.message}`;
    if (e.code?.startsWith('ERR_SSL') || e.code?.startsWith('ERR_TLS')) return `TLS handshake failed (${e.message})`;
    return socketErrorText(e);
  }

  private open(): http2.ClientHttp2Session {
    this.sessions++;
    const hostText = this.target.host.includes(':') ? `[${this.target.host}]` : this.target.host;
    const servername = this.opts.hostname ?? (net.isIP(this.target.host) ? undefined : this.target.host);
    const s = http2.connect(`https://${hostText}:${this.target.port}`, {
      // Connect to the address already found; the certificate is checked against the name.
      createConnection: () =>
        tls
          .connect({
            host: this.target.address,
            port: this.target.port,
            ...(servername ? { servername } : {}),
            ca: this.cas,
            ALPNProtocols: ['h2'],
            rejectUnauthorized: true,
          })
          .setNoDelay(true),
    });
    // Every exchange in flight listens for the session's error: many at once is normal here.
    s.setMaxListeners(0);
    s.on('error', () => {
      // Reported through each stream's error; a session error with no stream is just closed.
      if (this.session === s) this.session = null;
    });
    s.on('close', () => {
      if (this.session === s) this.session = null;
    });
    s.on('goaway', () => {
      if (this.session === s) this.session = null;
    });
    return s;
  }

  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    return this.attempt(query, ex).catch((e: unknown) => {
      // A session the server closed under streams it had not answered (GOAWAY, a session
      // error): ask once more on a fresh session, as a stream transport does on a reused connection.
      // A stream the server refused (REFUSED_STREAM) it has not processed (RFC 9113 8.7): ask again.
      return this.retry(query, ex, e, 3);
    });
  }

  private retry(query: Uint8Array, ex: Exchange, e: unknown, left: number): Promise<void> {
    if (e instanceof Retry && left > 0 && !ex.signal.aborted) {
      return this.attempt(query, ex).catch((e2: unknown) => this.retry(query, ex, e2, left - 1));
    }
    return Promise.reject(e instanceof Retry ? e.error : e);
  }

  private attempt(query: Uint8Array, ex: Exchange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (ex.signal.aborted) return reject(ex.signal.reason);
      if (!this.session || this.session.closed || this.session.destroyed) this.session = this.open();
      const session = this.session;
      session.ref();
      this.inFlight++;
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        ex.signal.removeEventListener('abort', onAbort);
        session.off('error', onSessionError);
        if (!req.closed) req.close(http2.constants.NGHTTP2_CANCEL);
        if (--this.inFlight === 0 && !session.destroyed) session.unref();
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish(ex.signal.reason);
      const reused = this.servedOn.get(session) ?? 0;
      const fail = (e: NodeJS.ErrnoException) => {
        const err = new DnsTransportError(this.errorText(e), e.code);
        const sessionGone = e.code === 'ERR_HTTP2_SESSION_ERROR' || e.code === 'ERR_HTTP2_GOAWAY_SESSION' || e.code === 'ERR_HTTP2_INVALID_SESSION' || (e.code === 'ERR_HTTP2_STREAM_CANCEL' && !(e as { cause?: unknown }).cause);
        if (sessionGone && reused > 0 && status === 0) {
          if (this.session === session) this.session = null;
          finish(new Retry(err));
        } else if (req.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM && status === 0) {
          // unbound refuses a stream now and then in a long bulk run (about one in 2000):
          // refused means unprocessed, so it is safe to send again, on the same session.
          finish(new Retry(err));
        } else finish(err);
      };
      const onSessionError = (e: NodeJS.ErrnoException) => fail(e);
      ex.signal.addEventListener('abort', onAbort, { once: true });
      session.on('error', onSessionError);
      const req = session.request({
        ':method': 'POST',
        ':path': this.target.path,
        'content-type': 'application/dns-message',
        accept: 'application/dns-message',
        'content-length': String(query.length),
      });
      req.on('error', (e: NodeJS.ErrnoException) => fail(e));
      let status = 0;
      let ctype = '';
      req.on('response', (h) => {
        status = Number(h[':status']);
        ctype = String(h['content-type'] ?? '');
      });
      const chunks: Buffer[] = [];
      let have = 0;
      req.on('data', (d: Buffer) => {
        have += d.length;
        if (have > MAX_MESSAGE) return finish(new DnsTransportError(`HTTP reply body over ${MAX_MESSAGE} octets`));
        chunks.push(d);
      });
      req.on('end', () => {
        if (status !== 200) return finish(new DnsTransportError(`HTTP status ${status} from ${this.target.path}`));
        if (!/^application\/dns-message\b/i.test(ctype)) {
          return finish(new DnsTransportError(`HTTP reply is ${ctype ? JSON.stringify(ctype) : 'without a content type'}, not application/dns-message`));
        }
        let v;
        try {
          v = ex.accept(new Uint8Array(Buffer.concat(chunks)));
        } catch (e) {
          return finish(e);
        }
        this.servedOn.set(session, (this.servedOn.get(session) ?? 0) + 1);
        if (v === 'done') finish();
        else finish(new DnsTransportError('the HTTP reply is not an answer to the query'));
      });
      req.end(Buffer.from(query));
    });
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}
