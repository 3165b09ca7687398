// DoH: a stream the server refuses (RST_STREAM REFUSED_STREAM) was not processed
// (RFC 9113 8.7), so the transport asks again; unbound does this now and then in a bulk
// run. A plain node:http2 server on loopback refuses the first K streams, then answers
// by echoing the query as a response (QR set, no records: NODATA).
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsClient } from '../../src/io/dns/client.js';
import { HttpsTransport } from '../../src/io/dns/https.js';
import { makeCa, type TestCa } from '../helpers/tls-certs.js';

let ca: TestCa;
let server: http2.Http2SecureServer;
let port = 0;
let refuseNext = 0;
let requests = 0;

beforeAll(async () => {
  ca = makeCa();
  const leaf = ca.leaf('doh', 'DNS:dns.test,IP:127.0.0.1');
  server = http2.createSecureServer({ cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) });
  server.on('stream', (stream) => {
    requests++;
    if (refuseNext > 0) {
      refuseNext--;
      // Closing with an error code makes the server's own stream emit 'error': expected here.
      stream.on('error', () => {});
      stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => {
      const reply = Buffer.concat(chunks);
      reply[2]! |= 0x80; // QR: a response, same ID and question, no answers
      stream.respond({ ':status': 200, 'content-type': 'application/dns-message' });
      stream.end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

function ask() {
  const t = new HttpsTransport({ address: '127.0.0.1', port, host: '127.0.0.1', path: '/dns-query' }, { ca: [readFileSync(ca.ca, 'utf8')], hostname: 'dns.test' });
  const c = new DnsClient({ address: '127.0.0.1', port }, { timeoutMs: 5000, tries: 1, udp: () => t, tcp: () => t });
  return { t, result: c.query('www.example.test', 'A') };
}

describe('DoH: refused streams', () => {
  it.each([
    { refused: 0, status: 'NODATA', sent: 1 },
    { refused: 1, status: 'NODATA', sent: 2 },
    { refused: 3, status: 'NODATA', sent: 4 },
    { refused: 4, status: 'ERROR', sent: 4 },
  ])('$refused refused: $status after $sent requests', async ({ refused, status, sent }) => {
    refuseNext = refused;
    requests = 0;
    const { t, result } = ask();
    const r = await result;
    t.close();
    expect(r.status).toBe(status);
    expect(requests).toBe(sent);
    if (status === 'ERROR') expect(r.error).toMatch(/REFUSED_STREAM/);
    expect(t.sessions).toBe(1);
    refuseNext = 0;
  });
});
