// DNS over UDP (RFC 1035 4.2.1). Queries share a few sockets per server, each bound to a
// port the kernel picks at random and connected to the server, so only datagrams from
// the server's address and port reach it (and an ICMP port unreachable comes back as an
// error). Replies are handed to the query whose random ID they carry. A socket serves at
// most `maxUses` queries and is then retired for a fresh one on a new random port: a
// socket per query costs several system calls each (bulk lookups spent most of their
// time there), and a handful of short-lived sockets keeps ports as unpredictable.
// Retries resend the same message on the same socket, so a late reply to the first
// send still counts.

import dgram from 'node:dgram';
import { DnsTransportError, socketErrorText, type DnsTransport, type Exchange, type ServerAddress } from './transport.js';

interface Pending {
  ex: Exchange;
  finish: (err?: unknown) => void;
}

interface Slot {
  sock: dgram.Socket;
  pending: Map<number, Pending>;
  uses: number;
  ready: Promise<void>;
  /** Bound and connected: sends go out at once, not after `ready` settles. */
  connected: boolean;
  retired: boolean;
}

export interface UdpOptions {
  /** Queries one socket serves before it is replaced by one on a fresh random port (1: a socket per query). */
  maxUses?: number;
}

const ONCE = { once: true } as const;

/** Queries a socket serves by default before it is retired for one on a fresh random port. */
export const DEFAULT_MAX_USES = 128;

export class UdpTransport implements DnsTransport {
  readonly protocol = 'udp';
  readonly datagram = true;
  private readonly family: 'udp4' | 'udp6';
  private readonly maxUses: number;
  /** Sockets that still take new queries. */
  private open: Slot[] = [];

  constructor(
    readonly server: ServerAddress,
    opts: UdpOptions = {},
  ) {
    this.family = server.address.includes(':') ? 'udp6' : 'udp4';
    this.maxUses = Math.max(1, opts.maxUses ?? DEFAULT_MAX_USES);
  }

  private newSlot(): Slot {
    const { address, port } = this.server;
    const sock = dgram.createSocket({ type: this.family, lookup: literalLookup });
    const slot: Slot = { sock, pending: new Map(), uses: 0, connected: false, retired: false, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      // Port 0: the kernel picks an ephemeral port at random (Linux, the BSDs and macOS randomise it).
      sock.bind(0, () => {
        sock.connect(port, address, () => {
          sock.off('error', reject);
          slot.connected = true;
          resolve();
        });
      });
    });
    slot.ready.catch(() => {});
    sock.on('error', (e: NodeJS.ErrnoException) => {
      // An ICMP error (port unreachable) or a send failure: it holds for every query on this socket.
      const err = new DnsTransportError(udpErrorText(e), e.code);
      for (const p of [...slot.pending.values()]) p.finish(err);
      this.retire(slot);
    });
    sock.on('message', (msg, rinfo) => {
      // A connected socket only gets the server's datagrams; checked again regardless.
      if (rinfo.port !== port || rinfo.address !== address) return;
      const p = msg.length >= 2 ? slot.pending.get((msg[0]! << 8) | msg[1]!) : undefined;
      // No query of ours with that ID on this socket: not ours; those waiting hear of it.
      if (!p) {
        for (const w of slot.pending.values()) w.ex.onStray?.();
        return;
      }
      let v;
      try {
        v = p.ex.accept(new Uint8Array(msg.buffer, msg.byteOffset, msg.length));
      } catch (e) {
        return p.finish(e);
      }
      if (v === 'done') p.finish();
    });
    // Idle sockets do not keep the process alive; a query in flight has its own timer.
    sock.unref();
    this.open.push(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    if (!slot.retired) {
      slot.retired = true;
      this.open = this.open.filter((s) => s !== slot);
    }
    if (slot.pending.size === 0) {
      try {
        slot.sock.close();
      } catch {
        // already closed
      }
    }
  }

  exchange(query: Uint8Array, ex: Exchange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (ex.signal.aborted) return reject(ex.signal.reason);
      const id = (query[0]! << 8) | query[1]!;
      // A socket with room and without this ID in flight (IDs must tell the replies apart).
      const slot = this.open.find((s) => !s.pending.has(id)) ?? this.newSlot();
      let timer: NodeJS.Timeout | null = null;
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        ex.signal.removeEventListener('abort', onAbort);
        slot.pending.delete(id);
        if (slot.retired) this.retire(slot);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onAbort = () => finish(ex.signal.reason);
      ex.signal.addEventListener('abort', onAbort, ONCE);
      slot.pending.set(id, { ex, finish });
      // Retired now, closed when its last query settles.
      if (++slot.uses >= this.maxUses) this.retire(slot);
      const delays = ex.resendAfterMs ?? [];
      let sent = 0;
      const send = () => {
        if (settled) return;
        try {
          // No callback: a send error comes as the socket's 'error' (above), which fails
          // every query on it, as an ICMP error does; a callback per send cost a
          // request object and a tick each (half the time of a send on loopback).
          slot.sock.send(query);
        } catch (e) {
          return finish(new DnsTransportError(udpErrorText(e as NodeJS.ErrnoException), (e as NodeJS.ErrnoException).code));
        }
        if (sent < delays.length) timer = setTimeout(send, delays[sent++]);
      };
      if (slot.connected) send();
      else slot.ready.then(send, (e: NodeJS.ErrnoException) => finish(new DnsTransportError(udpErrorText(e), e.code)));
    });
  }
}

/**
 * dgram's name lookup, for addresses that are already IP literals (a server's address,
 * the wildcard of bind): handed back as they are. The default, dns.lookup, loads node:dns
 * on the first socket, milliseconds of every `netkit resolve` start, to do nothing.
 */
function literalLookup(address: string, family: unknown, callback: (err: Error | null, address: string, family: number) => void): void {
  callback(null, address, address.includes(':') ? 6 : 4);
}

/** Over UDP, "connection refused" is an ICMP port unreachable: say that, since there is no connection. */
export function udpErrorText(e: NodeJS.ErrnoException): string {
  return e.code === 'ECONNREFUSED' ? 'port unreachable: no DNS server listens there (ICMP)' : socketErrorText(e);
}
