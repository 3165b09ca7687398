// resolve, jwt and cookie fit the terminal: the BUILT netkit on a real pseudo-terminal
// (script(1)) of a set width, against the in-process fake DNS server on loopback; the
// same commands into a pipe stay unwrapped, one line a record.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, netkit, netkitAsync } from '../helpers/cli.js';
import { startFakeDns, type FakeDns, type ZoneRecord } from '../fake-dns/server.js';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const r = (name: string, type: string, ttl: number, data: unknown): ZoneRecord => ({ name, type, ttl, data });
// a DKIM key: one 300-character word; an SPF record: many short words
// (character-strings of at most 255 bytes each, as RFC 1035 allows)
const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' + 'q'.repeat(200);
const SPF = 'v=spf1 ' + Array.from({ length: 10 }, (_, i) => `ip4:198.51.100.${i}/32`).join(' ') + ' -all';
const ZONE = {
  soa: r('fit.test', 'SOA', 60, { mname: 'ns.fit.test', rname: 'hostmaster.fit.test', serial: 1, refresh: 60, retry: 60, expire: 60, minimum: 60 }),
  records: [
    r('long.fit.test', 'TXT', 300, ['v=DKIM1; k=rsa; p=', KEY]),
    r('long.fit.test', 'TXT', 300, [SPF]),
    r('long.fit.test', 'A', 300, '192.0.2.7'),
    r('short.fit.test', 'A', 300, '192.0.2.8'),
  ],
};

let dns: FakeDns;
beforeAll(async () => {
  dns = await startFakeDns({ zone: ZONE });
});
afterAll(async () => {
  await dns?.close();
});

/** Run netkit on a terminal `cols` wide (asynchronously: the fake server answers in this process). */
function onTerminal(cols: number, args: string[], env: Record<string, string> = {}): Promise<{ out: string; code: number | null }> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete e.FORCE_COLOR;
  delete e.COLUMNS;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `stty cols ${cols} rows 50; ${quoted}`, '/dev/null'], { env: e });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out: out.replace(/\r/g, ''), code });
    });
    child.stdin.end();
  });
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const widest = (s: string) => Math.max(...lines(s).map((l) => l.length));
const words = (s: string) => s.replace(/\s+/g, '');
const resolveArgs = (...names: string[]) => ['resolve', '--server', dns.server, ...names];

describe.skipIf(!hasScript)('resolve on a terminal', () => {
  it.each([80, 60])('a long TXT wraps inside DATA at %i columns; STATUS stays on screen', async (cols) => {
    const { out, code } = await onTerminal(cols, [...resolveArgs('long.fit.test'), '-t', 'TXT']);
    expect(code).toBe(0);
    expect(widest(out)).toBeLessThanOrEqual(cols);
    const [head, ...body] = lines(out);
    expect(head).toMatch(/^NAME +TYPE +TTL +STATUS +FLAGS +DATA$/);
    // each record's first line carries its status; DATA starts under its header
    const first = body.filter((l) => l.startsWith('long.fit.test'));
    expect(first).toHaveLength(2);
    for (const l of first) expect(l).toMatch(/ TXT +300 +NOERROR /);
    const at = head!.indexOf('DATA');
    // continuation lines hold only DATA (and the rest of a wrapped FLAGS cell)
    for (const l of body) if (!l.startsWith('long.fit.test')) expect(l.slice(0, at)).toMatch(/^[ a-z]*$/);
    // nothing lost: the wrapped DATA cells hold every character of both records
    const data = body.map((l) => l.slice(at)).join('');
    expect(words(data)).toContain(words(`"${KEY}"`));
    expect(words(data)).toContain(words(`"${SPF}"`));
  });

  it('too narrow for the columns (40): each record a block of HEADER  value lines', async () => {
    const { out, code } = await onTerminal(40, [...resolveArgs('long.fit.test'), '-t', 'TXT']);
    expect(code).toBe(0);
    expect(widest(out)).toBeLessThanOrEqual(40);
    const all = lines(out);
    expect(all.filter((l) => /^STATUS +NOERROR$/.test(l))).toHaveLength(2);
    expect(all.filter((l) => /^NAME +long\.fit\.test$/.test(l))).toHaveLength(2);
    expect(words(out)).toContain(words(`"${KEY}"`));
  });

  it('a table that fits is not wrapped, only reordered', async () => {
    const { out } = await onTerminal(80, [...resolveArgs('short.fit.test', 'long.fit.test'), '-t', 'A']);
    const body = lines(out).slice(1);
    expect(body).toHaveLength(2);
    expect(body[0]).toMatch(/^short\.fit\.test +A +300 +NOERROR +qr aa rd( ra)? +192\.0\.2\.8$/);
  });

  it('into a pipe: one line a record, DATA before STATUS, nothing wrapped', async () => {
    const r = await netkitAsync([...resolveArgs('long.fit.test'), '-t', 'TXT']);
    expect(r.code).toBe(0);
    const [head, ...body] = lines(r.stdout);
    expect(head).toMatch(/^NAME +TYPE +TTL +DATA +STATUS +FLAGS$/);
    expect(body).toHaveLength(2);
    expect(widest(r.stdout)).toBeGreaterThan(300);
    for (const l of body) expect(l).toMatch(/^long\.fit\.test +TXT +300 +".*" +NOERROR( +qr aa rd( ra)?)?$/);
  });
});
