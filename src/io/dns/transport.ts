// What a DNS transport is to the client: something that carries one query message to
// one server and hands back replies until the client's `accept` says it has what it
// wanted. The codec (src/core/dns-wire.ts) and the matching rules (replyMismatch) stay
// in the client, so UDP, TCP, and the encrypted transports (DoT, DoH) share them.

/** A name server by IP literal and port. */
export interface ServerAddress {
  address: string;
  port: number;
}

/** `127.0.0.1:53`, `[::1]:53`: how netkit labels a server. */
export function serverLabel(s: ServerAddress): string {
  return s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

/**
 * The client's verdict on one reply: `done` (the answer is complete), `more` (part of a
 * multi-message answer such as AXFR: keep reading), `ignore` (not ours: a wrong ID or
 * question, QR=0; keep waiting, the transport counts nothing itself).
 */
export type Verdict = 'done' | 'more' | 'ignore';

/**
 * What a transport needs of an abort signal. An AbortSignal is one; the client passes a
 * lighter one (./deadline.ts): an AbortController and its event target per query cost
 * more than the rest of a bulk query's set-up.
 */
export interface QuerySignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface Exchange {
  /** Aborts the exchange at the query's deadline; the transport then rejects with the signal's reason. */
  signal: QuerySignal;
  /** Called with each reply message (without any transport framing), in arrival order. */
  accept(reply: Uint8Array): Verdict;
  /**
   * UDP only: send the same query again after each of these delays (ms, from the
   * previous send) while no reply has been accepted: retries with backoff.
   */
  resendAfterMs?: readonly number[];
  /**
   * A transport that shares a socket among queries calls this when a reply arrived that
   * carries none of their IDs (garbage, a spoof, a stale reply): every query waiting on
   * that socket hears of it, so a wait that ends with only such replies can say so.
   */
  onStray?(): void;
}

/** A failure of the transport itself (connection refused, reset, closed early), in words. */
export class DnsTransportError extends Error {
  override readonly name = 'DnsTransportError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface DnsTransport {
  /** `udp`, `tcp`, `tls`, `https`: shown in --json as `transport`. */
  readonly protocol: string;
  /** Whether replies can be truncated (TC) so that the client should ask again over a stream transport. */
  readonly datagram: boolean;
  /**
   * Send `query` to the server and feed every reply to `ex.accept` until it returns
   * `done`. Resolves then; rejects with DnsTransportError on a transport failure and
   * with the signal's reason when aborted. Never leaves a socket open after settling.
   */
  exchange(query: Uint8Array, ex: Exchange): Promise<void>;
}

/** Words for the errno codes a socket gives. */
export function socketErrorText(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'EADDRNOTAVAIL':
      return 'address not available';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files (lower --concurrency)';
    case 'EPIPE':
      return 'connection closed by the server';
    default:
      return e.code ? `${e.code}: ${e.message}` : e.message;
  }
}
