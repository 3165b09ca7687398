// A DnsClient for a server URL: plain UDP (TCP on truncation), TCP only, DNS over TLS or
// DNS over HTTPS. The client's matching, deadlines and statuses are the same for all;
// only the transport under it changes.

import { DnsClient } from './client.js';
import { HttpsTransport } from './https.js';
import type { ServerUrl } from './server-url.js';
import { TcpTransport } from './tcp.js';
import { TlsTransport } from './tls.js';
import { serverLabel, type ServerAddress } from './transport.js';

export interface UrlClient {
  client: DnsClient;
  /** How the server is labelled in output: `127.0.0.1:53`, `tls://127.0.0.1:853`, `https://dns.test:443/dns-query`. */
  label: string;
  /** Close any kept-open connection (idle ones never hold the process anyway). */
  close(): void;
}

export interface UrlClientOptions {
  timeoutMs: number;
  tries: number;
  /** PEM text of extra CAs (--tls-ca). */
  tlsCa?: string[];
  /** --tls-hostname: the name the certificate must carry. */
  tlsHostname?: string;
}

/** `address` is the IP the URL's host stands for (the caller resolves host names). */
export function clientForUrl(url: ServerUrl, address: string, o: UrlClientOptions): UrlClient {
  const server: ServerAddress = { address, port: url.port };
  const base = { timeoutMs: o.timeoutMs, tries: o.tries };
  const hostLabel = url.isName ? `${url.host}:${url.port}` : serverLabel(server);
  switch (url.transport) {
    case 'udp':
      return { client: new DnsClient(server, base), label: serverLabel(server), close: () => {} };
    case 'tcp': {
      const c = new DnsClient(server, { ...base, udp: (s) => new TcpTransport(s) });
      return { client: c, label: `tcp://${serverLabel(server)}`, close: () => {} };
    }
    case 'tls': {
      const hostname = o.tlsHostname ?? (url.isName ? url.host : undefined);
      const t = new TlsTransport(server, { ...(hostname ? { hostname } : {}), ca: o.tlsCa ?? [] });
      return { client: new DnsClient(server, { ...base, udp: () => t, tcp: () => t }), label: `tls://${hostLabel}`, close: () => t.close() };
    }
    case 'https': {
      const t = new HttpsTransport(
        { address, port: url.port, host: url.host, path: url.path ?? '/dns-query' },
        { ...(o.tlsHostname ? { hostname: o.tlsHostname } : {}), ca: o.tlsCa ?? [] },
      );
      return { client: new DnsClient(server, { ...base, udp: () => t, tcp: () => t }), label: `https://${hostLabel}${url.path ?? ''}`, close: () => t.close() };
    }
  }
}
