// An in-process fake DNS server for tests and benchmarks: dns-packet over node:dgram
// (UDP) and node:net (TCP, two-byte length prefix as RFC 1035 4.2.2 says), listening
// on loopback only, serving a table-driven zone. It records every question it gets,
// so tests can check what netkit asked, over which transport.
//
// Behaviours beyond plain answers are keyed by name (see Zone.behaviour):
//   servfail / refused / notimp   answer with that rcode
//   silence                       never answer (the client must time out)
//   garbage                       answer with bytes that are not a DNS message
//   badresponse                   a reply with the right id but a cut-off body
//   truncate                      over UDP an empty reply with TC set; over TCP the full answer
//   yxdomain / formerr / badvers  answer with that rcode (BADVERS via the OPT record's extended rcode)
//   wrongid / wrongquestion / qr0 first a reply that is not ours (another ID, another question, a
//                                 query with QR=0), then the right one: the client must wait on
//   nxanswers                     NXDOMAIN carrying answer records (the rcode must decide)
// AXFR of a zone listed in Zone.transfers comes over TCP in several messages (refused
// over UDP); a transfer of a name under `refuse` is REFUSED; under `badTransfer`, the
// first message holds no SOA.

import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';

export type Behaviour =
  | 'servfail' | 'refused' | 'notimp' | 'silence' | 'garbage' | 'badresponse' | 'truncate'
  | 'yxdomain' | 'formerr' | 'badvers' | 'wrongid' | 'wrongquestion' | 'qr0' | 'nxanswers';

/** One record: owner name, type, TTL and dns-packet's data for that type. */
export interface ZoneRecord {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

export interface Zone {
  records: ZoneRecord[];
  /** Special behaviours by (lower-case) owner name; they win over records. */
  behaviour?: Record<string, Behaviour>;
  /** The SOA served in the authority section of NXDOMAIN and NODATA answers. */
  soa?: ZoneRecord;
  /** AXFR: zone name -> how it goes (records per message; 'refuse'; 'nosoa' for a first message without SOA). */
  transfers?: Record<string, { perMessage: number } | 'refuse' | 'nosoa'>;
}

export interface Received {
  transport: 'udp' | 'tcp';
  id: number;
  name: string;
  type: string;
  recursionDesired: boolean;
  /** The client's source port. */
  port: number;
  /** The query's EDNS record, if any: UDP size and the DO bit. */
  edns: { udpSize: number; do: boolean } | null;
}

export interface FakeDnsOptions {
  zone: Zone;
  /** Listen address (default 127.0.0.1). Anything but loopback is refused. */
  host?: string;
  /** Port (default 0: the system picks one, the same for UDP and TCP). */
  port?: number;
  /** Hold every answer this long (ms): a resolver "a few milliseconds away". */
  delayMs?: number;
}

export interface FakeDns {
  host: string;
  port: number;
  /** `host:port` (or `[host]:port` for IPv6), as netkit's --server takes it. */
  server: string;
  received: Received[];
  /** Questions received so far whose name is `name` (case-insensitive). */
  asked(name: string, type?: string): Received[];
  close(): Promise<void>;
}

const lc = (s: string) => s.toLowerCase().replace(/\.$/, '');

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1';
}

/** The replies to one query packet, in order (empty to stay silent); 'garbage' is raw bytes. */
export function answerFor(zone: Zone, query: Packet, transport: 'udp' | 'tcp'): Buffer[] {
  const one = answerOne(zone, query, transport);
  return one === null ? [] : Array.isArray(one) ? one : [one];
}

function answerOne(zone: Zone, query: Packet, transport: 'udp' | 'tcp'): Buffer | Buffer[] | null {
  const q = query.questions?.[0];
  const id = query.id ?? 0;
  const base = {
    type: 'response' as const,
    id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | dnsPacket.AUTHORITATIVE_ANSWER,
    questions: query.questions ?? [],
  };
  if (!q) return dnsPacket.encode({ ...base, flags: base.flags | rcodeBits('FORMERR') });
  const name = lc(q.name);
  if (q.type === 'AXFR') return transfer(zone, name, base, transport);
  const behaviour = zone.behaviour?.[name];
  const good = () => normal(zone, base, name, q.type);
  switch (behaviour) {
    case 'wrongid':
      return [dnsPacket.encode({ ...base, id: (id + 1) & 0xffff, answers: [{ name: q.name, type: 'A', ttl: 1, data: '192.0.2.66' }] }), good()];
    case 'wrongquestion':
      return [
        dnsPacket.encode({ ...base, questions: [{ name: 'other.netkit.test', type: q.type, class: 'IN' }], answers: [{ name: 'other.netkit.test', type: 'A', ttl: 1, data: '192.0.2.66' }] }),
        good(),
      ];
    case 'qr0':
      return [dnsPacket.encode({ ...base, type: 'query', answers: [{ name: q.name, type: 'A', ttl: 1, data: '192.0.2.66' }] }), good()];
    case 'yxdomain':
      return dnsPacket.encode({ ...base, flags: base.flags | 6 });
    case 'formerr':
      return dnsPacket.encode({ ...base, flags: base.flags | 1 });
    case 'badvers':
      // RFC 6891 6.1.3: rcode 16 is 1 in the OPT record's extended-rcode byte, 0 in the header.
      return dnsPacket.encode({ ...base, additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232, extendedRcode: 1, flags: 0 } as unknown as Answer] });
    case 'nxanswers':
      return dnsPacket.encode({
        ...base,
        flags: base.flags | 3,
        answers: [
          { name: q.name, type: 'CNAME', ttl: 60, data: 'gone.netkit.test' },
          { name: 'gone.netkit.test', type: 'A', ttl: 60, data: '192.0.2.67' },
        ],
      });
    case 'silence':
      return null;
    case 'garbage':
      // Not a DNS message at all: a resolver must not take it as an answer.
      return Buffer.from('this is not a DNS message, just some bytes\n');
    case 'badresponse': {
      // Right id and a header claiming one answer, then nothing: malformed.
      const full = dnsPacket.encode({ ...base, answers: [{ name: q.name, type: 'A', ttl: 1, data: '192.0.2.1' }] });
      return full.subarray(0, full.length - 6);
    }
    case 'servfail':
    case 'refused':
    case 'notimp':
      return dnsPacket.encode({ ...base, flags: base.flags | rcodeBits(behaviour.toUpperCase()) });
    case 'truncate':
      if (transport === 'udp') return dnsPacket.encode({ ...base, flags: base.flags | dnsPacket.TRUNCATED_RESPONSE });
      break;
    default:
      break;
  }
  return good();
}

type Base = { type: 'response'; id: number; flags: number; questions: Packet['questions'] };

function normal(zone: Zone, base: Base, name: string, type: string): Buffer {
  const { answers, exists } = lookup(zone, name, type);
  const rcode = exists ? 0 : 3; // NXDOMAIN
  const authorities = answers.length === 0 && zone.soa ? [toAnswer(zone.soa)] : [];
  return dnsPacket.encode({ ...base, flags: base.flags | rcode, answers, authorities });
}

/** AXFR (RFC 5936): SOA, every record at or under the zone's name, SOA again, over several messages. */
function transfer(zone: Zone, name: string, base: Base, transport: 'udp' | 'tcp'): Buffer | Buffer[] {
  const how = zone.transfers?.[name];
  const flags = base.flags & ~dnsPacket.RECURSION_AVAILABLE;
  if (transport === 'udp' || how === undefined || how === 'refuse') return dnsPacket.encode({ ...base, flags: flags | 5 });
  const inZone = zone.records.filter((r) => lc(r.name) === name || lc(r.name).endsWith('.' + name));
  const soa = inZone.find((r) => r.type === 'SOA' && lc(r.name) === name);
  if (how === 'nosoa' || !soa) return dnsPacket.encode({ ...base, flags, answers: inZone.filter((r) => r.type !== 'SOA').slice(0, 3).map(toAnswer) });
  const all = [soa, ...inZone.filter((r) => r !== soa), soa].map(toAnswer);
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += how.perMessage) {
    // RFC 5936 2.2.1: the question only in the first message.
    out.push(dnsPacket.encode({ ...base, flags, questions: i === 0 ? base.questions : [], answers: all.slice(i, i + how.perMessage) }));
  }
  return out;
}

function rcodeBits(name: string): number {
  // RFC 1035 4.1.1 and RFC 2136: the low four bits of the flags word.
  const codes: Record<string, number> = { FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
  return codes[name] ?? 2;
}

function toAnswer(r: ZoneRecord): Answer {
  return { name: r.name, type: r.type, ttl: r.ttl, class: 'IN', data: r.data } as Answer;
}

/** Records for (name, type), following CNAMEs inside the zone as a recursive server would. */
const INDEX = new WeakMap<Zone, Map<string, ZoneRecord[]>>();

function byName(zone: Zone): Map<string, ZoneRecord[]> {
  let idx = INDEX.get(zone);
  if (!idx) {
    idx = new Map();
    for (const rec of zone.records) {
      const k = lc(rec.name);
      const list = idx.get(k);
      if (list) list.push(rec);
      else idx.set(k, [rec]);
    }
    INDEX.set(zone, idx);
  }
  return idx;
}

function lookup(zone: Zone, name: string, type: string): { answers: Answer[]; exists: boolean } {
  const answers: Answer[] = [];
  const idx = byName(zone);
  let current = name;
  for (let hops = 0; hops < 16; hops++) {
    const own = idx.get(current) ?? [];
    if (own.length === 0) return { answers, exists: answers.length > 0 };
    const match = type === 'ANY' ? own : own.filter((r) => r.type === type);
    if (match.length > 0 || type === 'CNAME') {
      answers.push(...match.map(toAnswer));
      return { answers, exists: true };
    }
    const cname = own.find((r) => r.type === 'CNAME');
    if (!cname) return { answers, exists: true };
    answers.push(toAnswer(cname));
    current = lc(String(cname.data));
  }
  return { answers, exists: true };
}

/** Start the server on UDP and TCP, same port. */
export async function startFakeDns(opts: FakeDnsOptions): Promise<FakeDns> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`fake DNS listens on loopback only, not ${host}`);
  const received: Received[] = [];
  const delay = opts.delayMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  // Every reply waits the same delay, so they leave in arrival order: one queue and one
  // timer for its head, not a timer per reply (the server is a test tool: its own cost
  // per query must stay far below the client's it measures).
  const queue: { at: number; fn: () => void }[] = [];
  let qHead = 0;
  let qTimer: NodeJS.Timeout | null = null;
  const runDue = () => {
    if (qTimer) timers.delete(qTimer);
    qTimer = null;
    const now = performance.now();
    while (qHead < queue.length && queue[qHead]!.at <= now) queue[qHead++]!.fn();
    if (qHead === queue.length) {
      queue.length = 0;
      qHead = 0;
      return;
    }
    qTimer = setTimeout(runDue, Math.max(0, Math.ceil(queue[qHead]!.at - now)));
    timers.add(qTimer);
  };
  const later = (fn: () => void) => {
    if (delay <= 0) return fn();
    queue.push({ at: performance.now() + delay, fn });
    if (qTimer === null) {
      qTimer = setTimeout(runDue, delay);
      timers.add(qTimer);
    }
  };

  const record = (transport: 'udp' | 'tcp', p: Packet, port: number) => {
    const q = p.questions?.[0];
    const opt = (p.additionals ?? []).find((a) => a.type === 'OPT') as { udpPayloadSize?: number; flags?: number } | undefined;
    received.push({
      transport,
      id: p.id ?? 0,
      name: q ? lc(q.name) : '',
      type: q ? String(q.type) : '',
      recursionDesired: Boolean((p.flags ?? 0) & dnsPacket.RECURSION_DESIRED),
      port,
      edns: opt ? { udpSize: opt.udpPayloadSize ?? 0, do: Boolean((opt.flags ?? 0) & dnsPacket.DNSSEC_OK) } : null,
    });
  };

  const family = host.includes(':') ? 'udp6' : 'udp4';
  const makeUdp = () => {
    const sock = dgram.createSocket(family);
    // Replies are sent without a callback; a failed send (the client gone) is nothing to the server.
    sock.on('error', () => {});
    // Plain answers are cached by the query's bytes after the ID and sent with the ID
    // patched in: the benchmark then measures the client, not dns-packet in the server.
    const cache = new Map<string, Received & { reply: Buffer }>();
    sock.on('message', (msg, rinfo) => {
      const key = msg.length > 2 ? msg.toString('latin1', 2) : '';
      const hit = cache.get(key);
      if (hit) {
        const reply = Buffer.from(hit.reply);
        reply[0] = msg[0]!;
        reply[1] = msg[1]!;
        received.push({ ...hit, id: (msg[0]! << 8) | msg[1]!, port: rinfo.port });
        later(() => sock.send(reply, rinfo.port, rinfo.address));
        return;
      }
      let p: Packet;
      try {
        p = dnsPacket.decode(msg);
      } catch {
        return;
      }
      record('udp', p, rinfo.port);
      const replies = answerFor(opts.zone, p, 'udp');
      const q = p.questions?.[0];
      if (q && replies.length === 1 && !opts.zone.behaviour?.[lc(q.name)] && q.type !== 'AXFR' && cache.size < 100_000) {
        cache.set(key, { ...received[received.length - 1]!, reply: replies[0]! });
      }
      if (replies.length > 0) later(() => {
        for (const reply of replies) sock.send(reply, rinfo.port, rinfo.address, () => {});
      });
    });
    return sock;
  };

  const sockets = new Set<net.Socket>();
  const makeTcp = () =>
    net.createServer((sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
      sock.on('error', () => {});
      let buf = Buffer.alloc(0);
      sock.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        while (buf.length >= 2) {
          const len = buf.readUInt16BE(0);
          if (buf.length < 2 + len) break;
          const msg = buf.subarray(2, 2 + len);
          buf = buf.subarray(2 + len);
          let p: Packet;
          try {
            p = dnsPacket.decode(msg);
          } catch {
            continue;
          }
          record('tcp', p, sock.remotePort ?? 0);
          const replies = answerFor(opts.zone, p, 'tcp');
          if (replies.length > 0) {
            const framed = Buffer.concat(replies.flatMap((reply) => {
              const len = Buffer.alloc(2);
              len.writeUInt16BE(reply.length, 0);
              return [len, reply];
            }));
            later(() => {
              if (!sock.destroyed) sock.write(framed);
            });
          }
        }
      });
    });

  // Bind UDP first (port 0 picks a free one), then TCP on the same number; retry if TCP's is taken.
  let udp: dgram.Socket;
  let tcp: net.Server;
  let port: number;
  for (let attempt = 0; ; attempt++) {
    const u = makeUdp();
    await new Promise<void>((resolve, reject) => {
      u.once('error', reject);
      u.bind(opts.port ?? 0, host, () => {
        u.off('error', reject);
        resolve();
      });
    });
    const p = u.address().port;
    const t = makeTcp();
    const ok = await new Promise<boolean>((resolve) => {
      t.once('error', () => resolve(false));
      t.listen(p, host, () => resolve(true));
    });
    if (ok) {
      udp = u;
      tcp = t;
      port = p;
      break;
    }
    await new Promise<void>((r) => u.close(() => r()));
    if (opts.port || attempt > 20) throw new Error(`fake DNS: TCP port ${p} is taken`);
  }

  const server = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return {
    host,
    port,
    server,
    received,
    asked: (name, type) => received.filter((r) => r.name === lc(name) && (type === undefined || r.type === type)),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
      ]);
    },
  };
}
