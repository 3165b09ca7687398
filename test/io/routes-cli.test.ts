// Route-table failures reach the user as one line and exit 2, never a stack trace:
// an unsupported platform, an unreadable table.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadHostTables } from '../../src/io/host-tables.js';
import { InputError } from '../../src/core/errors.js';
import { handleError, type ProcessIO } from '../../src/cli/main.js';

function io(): { io: ProcessIO; err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d) => (text += d));
  const s = stderr as unknown as NodeJS.WriteStream;
  return { io: { stdout: s, stderr: s, stdin: process.stdin, env: {} }, err: () => text };
}

describe('loadHostTables error mapping', () => {
  it('a platform without an adapter: exit 2, one clear line', async () => {
    const e = await loadHostTables({ platform: 'aix' }).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    const o = io();
    expect(handleError(e, o.io)).toBe(2);
    expect(o.err()).toBe('netkit: reading the route table is not supported on aix (netkit knows linux, darwin, freebsd, openbsd, netbsd and win32)\n');
  });
  it('an unreadable table: exit 2, the source and line named', async () => {
    const e = await loadHostTables({
      platform: 'linux',
      linux: { readFile: async () => 'Iface\tDestination\neth0\tnonsense\n', endianness: () => 'LE' },
    }).catch((x) => x);
    const o = io();
    expect(handleError(e, o.io)).toBe(2);
    expect(o.err()).toBe('netkit: cannot read the route table: /proc/net/route line 2: expected at least 8 tab-separated fields, found 2\n');
  });
  it('a readable table comes back with the host addresses', async () => {
    const t = await loadHostTables({ platform: 'freebsd', run: async () => 'Routing tables\n\nInternet:\nDestination Gateway Flags Netif Expire\ndefault 10.0.0.1 UGS em0\n' });
    expect(t.routes).toHaveLength(1);
    expect(Array.isArray(t.hosts)).toBe(true);
  });
});

describe('lookupAll (resolver injected: no real resolver is asked)', async () => {
  const { lookupAll } = await import('../../src/io/routes/resolve.js');
  const fail = (code: string) => async () => Promise.reject(Object.assign(new Error(`getaddrinfo ${code} x`), { code }));
  it('every address once, in the resolver’s order', async () => {
    const got = await lookupAll('x', async () => [{ address: '10.0.0.1' }, { address: 'fd00::1' }, { address: '10.0.0.1' }]);
    expect(got).toEqual(['10.0.0.1', 'fd00::1']);
  });
  it.each([
    ['ENOTFOUND', 'no such name'],
    ['ENODATA', 'no such name'],
    ['EAI_AGAIN', 'no reply'],
    ['EAI_FAIL', 'failed'],
  ])('%s -> %s', async (code, reason) => {
    expect(await lookupAll('x', fail(code))).toMatchObject({ reason, code });
  });
});
