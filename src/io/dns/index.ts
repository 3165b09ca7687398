// The DNS client's public face for the CLI and the other transports:
//   transport.ts  DnsTransport (exchange one query, feed replies to `accept`), ServerAddress, serverLabel, DnsTransportError
//   udp.ts, tcp.ts  the two plain transports
//   client.ts     DnsClient: IDs, matching, retries/backoff, TC -> TCP, AXFR, statuses
//   system.ts     getaddrinfo (--system), the system's configured servers, --server host names;
//                 imported on its own where needed (node:dns costs milliseconds to load)
// The wire codec and the status rules are pure, in src/core/dns-wire.ts; the text dig
// prints, in src/core/dns-present.ts.
export * from './transport.js';
export { UdpTransport } from './udp.js';
export { TcpTransport } from './tcp.js';
export { DnsClient, DEFAULT_UDP_SIZE, backoff, type ClientOptions, type DnsResult, type QueryOptions } from './client.js';
