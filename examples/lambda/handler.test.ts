// The Lambda handler, called the way Lambda calls it: with direct-invocation events and
// with API Gateway / function URL proxy events. No AWS account or SDK: a handler is a
// function. Its answers must equal what the built CLI prints with --json.

import { describe, expect, it, vi } from 'vitest';
import { handler } from './handler.js';
import { jsonLines, netkit } from '../../test/helpers/cli.js';

const ctx = { awsRequestId: 'test-request', functionName: 'netkit' };

/** An API Gateway HTTP API (payload 2.0) event carrying `body`. */
function httpEvent(body: string, base64 = false) {
  return {
    version: '2.0',
    routeKey: 'POST /netkit',
    rawPath: '/netkit',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/netkit' }, requestId: 'r1' },
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  };
}

describe('direct invocation', () => {
  it('subnet answers the same JSON as `netkit subnet --json`', async () => {
    const got = await handler({ op: 'subnet', input: '210.170.1.1/24' }, ctx);
    const cli = netkit(['subnet', '210.170.1.1/24', '--json']);
    expect(cli.code).toBe(0);
    expect(got).toEqual(jsonLines(cli.stdout)[0]);
    expect(got).toMatchObject({ network: '210.170.1.0/24', broadcast: '210.170.1.255', usableHosts: '254' });
  });

  it('subnet with a separate mask, and IPv6 with big counts as decimal strings', async () => {
    expect(await handler({ op: 'subnet', input: '210.170.1.1', mask: '255.255.255.0' }, ctx)).toMatchObject({ network: '210.170.1.0/24' });
    expect(await handler({ op: 'subnet', input: '210.170.1.1', mask: 16 }, ctx)).toMatchObject({ network: '210.170.0.0/16' });
    const v6 = await handler({ op: 'subnet', input: '2001:db8::1/64' }, ctx);
    expect(v6).toMatchObject({ addresses: '18446744073709551616' });
    expect(v6).toEqual(jsonLines(netkit(['subnet', '2001:db8::1/64', '--json']).stdout)[0]);
  });

  it("same-net answers the notes' hosts a, b, c like the CLI", async () => {
    const ab = await handler({ op: 'same-net', addresses: ['210.170.1.1', '210.170.1.2'], mask: '255.255.255.0' }, ctx);
    expect(ab).toMatchObject({ sameNetwork: true });
    const ac = await handler({ op: 'same-net', addresses: ['210.170.1.1', '210.170.2.1'], mask: '255.255.255.0' }, ctx);
    expect(ac).toMatchObject({ sameNetwork: false, commonNetwork: '210.170.0.0/22' });
    const cli = netkit(['same-net', '210.170.1.1', '210.170.2.1', '--mask', '255.255.255.0', '--json']);
    expect(cli.code).toBe(1);
    expect(ac).toEqual(jsonLines(cli.stdout)[0]);
    expect(await handler({ op: 'same-net', addresses: ['210.170.1.1', '210.170.2.1'], mask: '255.255.0.0' }, ctx)).toMatchObject({ sameNetwork: true });
  });

  // Bad input is a 400-style answer, never a thrown exception.
  it.each([
    ['an invalid address', { op: 'subnet', input: '300.1.1.1/24' }, 'octet 300 is greater than 255'],
    ['a missing input', { op: 'subnet' }, '"subnet" needs "input"'],
    ['an unknown op', { op: 'traceroute' }, 'unknown "op" "traceroute"'],
    ['no op at all', {}, 'unknown "op" (missing)'],
    ['one address for same-net', { op: 'same-net', addresses: ['10.0.0.1'], mask: '8' }, 'at least two'],
    ['addresses not an array', { op: 'same-net', addresses: '10.0.0.1 10.0.0.2' }, 'array of two or more'],
    ['a mask of the wrong type', { op: 'subnet', input: '10.0.0.1', mask: { bits: 8 } }, '"mask" must be'],
    ['a non-object event', 'subnet 10.0.0.1', 'must be a JSON object'],
    ['a null event', null, 'must be a JSON object'],
  ])('answers 400 for %s', async (_name, event, message) => {
    const got = await handler(event, ctx);
    expect(got).toMatchObject({ statusCode: 400, error: 'bad request' });
    expect((got as { message: string }).message).toContain(message);
  });

  it('the error message is the one the CLI prints', async () => {
    const got = (await handler({ op: 'subnet', input: '300.1.1.1/24' }, ctx)) as { message: string };
    const cli = netkit(['subnet', '300.1.1.1/24']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`netkit: ${got.message}\n`);
  });

  it('a bug is a 500 answer without details, logged, not thrown', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A getter that throws stands in for a bug inside the handler.
    const evil = { op: 'subnet', get input(): string { throw new Error('boom'); } };
    const got = await handler(evil, ctx);
    expect(got).toEqual({ statusCode: 500, error: 'internal error', message: 'internal error' });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('HTTP proxy events (API Gateway, function URLs)', () => {
  it('answers 200 with the CLI JSON as the body', async () => {
    const got = await handler(httpEvent(JSON.stringify({ op: 'subnet', input: '210.170.1.1/24' })), ctx);
    expect(got).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' }, isBase64Encoded: false });
    const body = (got as { body: string }).body;
    // Byte for byte what the CLI prints, less its newline.
    expect(body + '\n').toBe(netkit(['subnet', '210.170.1.1/24', '--json']).stdout);
  });

  it('reads a base64 body', async () => {
    const got = await handler(httpEvent(JSON.stringify({ op: 'same-net', addresses: ['10.0.0.1/24', '10.0.0.9/24'] }), true), ctx);
    expect(JSON.parse((got as { body: string }).body)).toMatchObject({ sameNetwork: true, prefixLength: 24 });
  });

  it('a REST API (payload 1.0) event works too', async () => {
    const got = await handler({ httpMethod: 'POST', path: '/', body: '{"op":"subnet","input":"10.1.2.3/8"}', isBase64Encoded: false }, ctx);
    expect(JSON.parse((got as { body: string }).body)).toMatchObject({ network: '10.0.0.0/8' });
  });

  it.each([
    ['a body that is not JSON', 'op=subnet', 'not JSON'],
    ['an empty body', '', 'not JSON'],
    ['a bad address', '{"op":"subnet","input":"10.0.0.256"}', 'invalid IPv4 address'],
  ])('answers 400 for %s', async (_name, body, message) => {
    const got = (await handler(httpEvent(body), ctx)) as { statusCode: number; body: string };
    expect(got.statusCode).toBe(400);
    const parsed = JSON.parse(got.body);
    expect(parsed).toMatchObject({ statusCode: 400, error: 'bad request' });
    expect(parsed.message).toContain(message);
  });

  it('refuses a huge body with a 400', async () => {
    const got = (await handler(httpEvent('x'.repeat(1 << 20)), ctx)) as { statusCode: number; body: string };
    expect(got.statusCode).toBe(400);
    expect(JSON.parse(got.body).message).toContain('larger than 64 KiB');
  });
});
