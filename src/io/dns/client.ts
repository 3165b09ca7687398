// netkit's DNS client: one question to one server, over UDP with retries and backoff
// inside an overall deadline, asked again over TCP when the reply is truncated, or over
// TCP from the start; a zone transfer (AXFR) over TCP, many messages. Every query gets a
// random ID (and, over UDP, a socket of its own on a random port); a reply is used only
// when its ID, QR bit and question match (replyMismatch); anything else is counted and
// the wait goes on. Failures are statuses, never exceptions.

import {
  DnsFormatError,
  decodeMessage,
  encodeQuery,
  nameKey,
  peekHeader,
  replyMismatch,
  statusOf,
  type DnsMessage,
  type DnsRecord,
  type DnsStatus,
} from '../../core/dns-wire.js';
import { monotonicMs } from '../clock.js';
import { fillRandom } from '../random.js';
import { DeadlineSweep } from './deadline.js';
import { TcpTransport } from './tcp.js';
import { DnsTransportError, serverLabel, type DnsTransport, type QuerySignal, type ServerAddress } from './transport.js';
import { UdpTransport } from './udp.js';

export interface QueryOptions {
  /** Set the DO bit (RFC 3225): ask for RRSIG and NSEC records. */
  dnssec?: boolean;
  /** Send EDNS(0) (default true); false for servers that choke on it. */
  edns?: boolean;
  /** EDNS UDP payload size (default 1232, the DNS flag day 2020 value). */
  udpSize?: number;
  /** Recursion desired (default true). */
  rd?: boolean;
  /** Checking disabled: a validating resolver hands over data that fails validation. */
  cd?: boolean;
  /** Use TCP from the start. */
  tcp?: boolean;
}

export interface ClientOptions {
  /** Overall deadline per query, ms. */
  timeoutMs: number;
  /** UDP sends per query within the deadline (the first and the retries). */
  tries: number;
  /** Transports for a server (tests and the encrypted transports plug in here). */
  udp?: (s: ServerAddress) => DnsTransport;
  tcp?: (s: ServerAddress) => DnsTransport;
  /** The random source for IDs (tests make it predictable to check the matching). */
  randomId?: () => number;
  now?: () => number;
}

/** One query and what came of it. */
export interface DnsResult {
  status: DnsStatus;
  /** The reply used (for AXFR: the first message, with every message's answers). */
  message: DnsMessage | null;
  /** For ERROR and TIMEOUT: what happened, in words. */
  error?: string;
  /** The transport that carried the answer (or the last one tried). */
  transport: string;
  /** Replies received and not used: wrong ID or question, QR=0, from the wrong place. */
  ignoredReplies: number;
  /** AXFR: the number of messages the zone came in. */
  messages?: number;
  elapsedMs: number;
}

export const DEFAULT_UDP_SIZE = 1232;

/** Delays between UDP sends: t, 2t, 4t... with the sends and a last wait fitting the deadline. */
export function backoff(timeoutMs: number, tries: number): number[] {
  const n = Math.max(1, tries);
  const unit = timeoutMs / (2 ** n - 1);
  const delays: number[] = [];
  for (let i = 0; i < n - 1; i++) delays.push(Math.max(1, Math.round(unit * 2 ** i)));
  return delays;
}

class Timeout extends Error {}

const NO_RESENDS: readonly number[] = [];

/** What a query came to, before the transport, counts and time are added. */
type Outcome = { status: DnsStatus; message: DnsMessage | null; error?: string | undefined; messages?: number };

// Query IDs from the CSPRNG, drawn 1024 at a time (one call per query cost more than the rest of the query's set-up).
const ids = new Uint16Array(1024);
let idsLeft = 0;
function randomId(): number {
  if (idsLeft === 0) {
    fillRandom(ids);
    idsLeft = ids.length;
  }
  return ids[--idsLeft]!;
}

export class DnsClient {
  readonly label: string;
  private readonly udp: DnsTransport;
  private readonly tcp: DnsTransport;
  private readonly randomId: () => number;
  private readonly now: () => number;
  /** One timer for every query's deadline (./deadline.ts). */
  private readonly deadlines: DeadlineSweep;
  /** The UDP resend delays, the same for every query of this client. */
  private readonly resends: readonly number[];

  constructor(
    readonly server: ServerAddress,
    private readonly opts: ClientOptions,
  ) {
    this.label = serverLabel(server);
    this.udp = (opts.udp ?? ((s) => new UdpTransport(s)))(server);
    this.tcp = (opts.tcp ?? ((s) => new TcpTransport(s)))(server);
    this.randomId = opts.randomId ?? randomId;
    this.now = opts.now ?? monotonicMs;
    this.deadlines = new DeadlineSweep(monotonicMs, () => new Timeout());
    this.resends = backoff(opts.timeoutMs, opts.tries);
  }

  /** Ask (name, type); resolves with a status whatever happens. `name` is ASCII (parseDnsName). */
  async query(name: string, type: string, q: QueryOptions = {}): Promise<DnsResult> {
    const start = this.now();
    const deadline = this.deadlines.start(this.opts.timeoutMs);
    const state = { ignored: 0, transport: q.tcp || type === 'AXFR' ? this.tcp.protocol : this.udp.protocol };
    let r: Outcome;
    try {
      if (type === 'AXFR') r = await this.transfer(name, q, deadline, state);
      else {
        let msg: DnsMessage;
        if (q.tcp) msg = await this.once(this.tcp, name, type, q, deadline, state);
        else {
          msg = await this.once(this.udp, name, type, q, deadline, state);
          // RFC 7766 / every stub: a truncated answer is asked again over a stream.
          if (msg.flags.tc) {
            state.transport = this.tcp.protocol;
            msg = await this.once(this.tcp, name, type, q, deadline, state);
          }
        }
        const st = statusOf(msg, type);
        r = { status: st.status, message: msg, error: st.error };
      }
    } catch (e) {
      r = this.failure(e, state.ignored);
    } finally {
      this.deadlines.finish(deadline);
    }
    // Built field by field (no spreads): bulk lookups make one per query.
    const res: DnsResult = {
      status: r.status,
      message: r.message,
      transport: state.transport,
      ignoredReplies: state.ignored,
      elapsedMs: Math.round((this.now() - start) * 10) / 10,
    };
    if (r.error !== undefined) res.error = r.error;
    if (r.messages !== undefined) res.messages = r.messages;
    return res;
  }

  private failure(e: unknown, ignored: number): { status: DnsStatus; message: null; error: string } {
    if (e instanceof Timeout) {
      const why = ignored > 0 ? `no matching reply within ${this.opts.timeoutMs} ms (${ignored} ignored)` : `no reply within ${this.opts.timeoutMs} ms`;
      return { status: ignored > 0 ? 'ERROR' : 'TIMEOUT', message: null, error: why };
    }
    if (e instanceof DnsFormatError) return { status: 'ERROR', message: null, error: `malformed reply: ${e.message}` };
    if (e instanceof DnsTransportError) return { status: 'ERROR', message: null, error: e.message };
    return { status: 'ERROR', message: null, error: (e as Error)?.message ?? String(e) };
  }

  /** One exchange of one query; the first matching reply, decoded. */
  private async once(
    t: DnsTransport,
    name: string,
    type: string,
    q: QueryOptions,
    signal: QuerySignal,
    state: { ignored: number },
  ): Promise<DnsMessage> {
    const id = this.randomId();
    const wire = encodeQuery({
      id,
      name,
      type,
      rd: q.rd ?? true,
      cd: q.cd ?? false,
      ad: q.dnssec ?? false,
      edns: q.edns === false ? null : { udpSize: q.udpSize ?? DEFAULT_UDP_SIZE, do: q.dnssec ?? false },
    });
    let got: DnsMessage | null = null;
    let bad: DnsFormatError | null = null;
    await t.exchange(wire, {
      signal,
      resendAfterMs: t.datagram ? this.resends : NO_RESENDS,
      onStray: () => void state.ignored++,
      accept: (reply) => {
        const head = peekHeader(reply);
        // Not even a header, or another ID or a query: not an answer to us.
        if (!head || head.id !== id || !head.qr) {
          state.ignored++;
          return 'ignore';
        }
        let msg: DnsMessage;
        try {
          msg = decodeMessage(reply);
        } catch (e) {
          if (!(e instanceof DnsFormatError)) throw e;
          // Our ID and a response, but unreadable: that is this query's answer, and it is broken.
          bad = e;
          return 'done';
        }
        if (replyMismatch({ id, name, type }, msg)) {
          state.ignored++;
          return 'ignore';
        }
        got = msg;
        return 'done';
      },
    });
    if (bad) throw bad;
    return got!;
  }

  /** AXFR (RFC 5936): the answers of every message up to the closing SOA. */
  private async transfer(
    name: string,
    q: QueryOptions,
    signal: QuerySignal,
    state: { ignored: number },
  ): Promise<Outcome> {
    const id = this.randomId();
    const wire = encodeQuery({ id, name, type: 'AXFR', rd: false, edns: null });
    let first: DnsMessage | null = null;
    const answers: DnsRecord[] = [];
    let messages = 0;
    let soaSeen = 0;
    const apex = nameKey(name);
    let stop: { status: DnsStatus; error?: string } | null = null;
    await this.tcp.exchange(wire, {
      signal,
      accept: (reply) => {
        const head = peekHeader(reply);
        if (!head || head.id !== id || !head.qr) {
          state.ignored++;
          return 'ignore';
        }
        const msg = decodeMessage(reply); // a DnsFormatError ends the transfer as ERROR
        // RFC 5936 2.2.1: later messages may leave the question out; the first must match.
        if (messages === 0 && replyMismatch({ id, name, type: 'AXFR' }, msg)) {
          state.ignored++;
          return 'ignore';
        }
        messages++;
        if (!first) first = msg;
        if (msg.rcodeValue !== 0) {
          stop = statusOf(msg, 'AXFR');
          return 'done';
        }
        if (messages === 1 && (msg.answers.length === 0 || msg.answers[0]!.type !== 'SOA')) {
          stop = { status: 'ERROR', error: msg.answers.length === 0 ? 'the server sent no records for the transfer' : `the transfer does not start with the zone's SOA (${msg.answers[0]!.type})` };
          return 'done';
        }
        for (const a of msg.answers) {
          answers.push(a);
          if (a.type === 'SOA' && nameKey(a.name) === apex) soaSeen++;
        }
        // RFC 5936 2.2: the zone ends with its own SOA again (an SOA further down belongs to a child).
        return soaSeen >= 2 ? 'done' : 'more';
      },
    });
    const msg = first as DnsMessage | null;
    if (stop) return { ...(stop as { status: DnsStatus; error?: string }), message: msg, messages };
    return { status: 'NOERROR', message: msg ? { ...msg, answers } : null, messages };
  }
}
