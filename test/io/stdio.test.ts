// FdOut: stdout and stderr written straight to the descriptor while the output is short,
// through Node's stream after that (src/io/stdio.ts). Order is kept across the hand-over,
// a gone reader is one 'error' event, and a would-block write hands the rest over.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DIRECT_MAX, FdOut, writesDirectly } from '../../src/io/stdio.js';

const tmp = mkdtempSync(join(tmpdir(), 'netkit-stdio-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let files = 0;

/** An FdOut on a fresh file, and a stand-in for Node's stream that records what it gets. */
function onFile() {
  const path = join(tmp, `out-${files++}.txt`);
  const fd = openSync(path, 'w');
  const stream = new PassThrough();
  let streamed = '';
  stream.on('data', (d) => (streamed += d));
  let built = 0;
  const out = new FdOut(fd, {
    stream: () => {
      built++;
      return stream as unknown as NodeJS.WriteStream;
    },
  });
  return { out, fd, stream, file: () => readFileSync(path, 'utf8'), streamed: () => streamed, built: () => built };
}

const tick = () => new Promise((r) => setImmediate(r));

/** An errno error as fs.writeSync throws it. */
const errno = (code: string) => Object.assign(new Error(`${code}: write`), { code });

describe('FdOut', () => {
  it('writes a short output to the descriptor itself, text and bytes, and never builds the stream', async () => {
    const t = onFile();
    expect(t.out.writingDirectly).toBe(true);
    expect(t.out.write('10.0.0.0/8\n')).toBe(true);
    let called = false;
    t.out.write(Buffer.from('192.0.2.1 \u00e9\n'), () => (called = true));
    expect(t.file()).toBe('10.0.0.0/8\n192.0.2.1 \u00e9\n'); // written when write() returns
    expect(called).toBe(false); // the callback comes later, as a stream's does
    await tick();
    expect(called).toBe(true);
    expect(t.built()).toBe(0);
    expect(t.out.isTTY).toBe(false);
    expect(t.out.columns).toBeUndefined();
    expect(t.out.writableNeedDrain).toBe(false);
    closeSync(t.fd);
  });

  it('hands over to the stream at DIRECT_MAX bytes, keeping the order', async () => {
    const t = onFile();
    const first = 'a'.repeat(DIRECT_MAX - 10);
    t.out.write(first);
    t.out.write('0123456789'); // exactly DIRECT_MAX: still direct
    expect(t.built()).toBe(0);
    t.out.write('after\n'); // one byte more than the direct share: the stream
    t.out.write('later\n');
    expect(t.built()).toBe(1);
    expect(t.out.writingDirectly).toBe(false);
    await tick();
    expect(t.file()).toBe(first + '0123456789');
    expect(t.streamed()).toBe('after\nlater\n');
    closeSync(t.fd);
  });

  it("passes the stream's events on to its own listeners after the hand-over", async () => {
    const t = onFile();
    const seen: string[] = [];
    t.out.on('error', (e: Error) => seen.push(`error ${e.message}`));
    t.out.on('drain', () => seen.push('drain'));
    t.out.write('x'.repeat(DIRECT_MAX + 1));
    t.stream.emit('drain');
    t.stream.emit('error', new Error('disk full'));
    expect(seen).toEqual(['drain', 'error disk full']);
    closeSync(t.fd);
  });

  it('builds the stream at once for a descriptor it does not write directly (a terminal)', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 132 });
    const out = new FdOut(1, { direct: false, stream: () => stream as unknown as NodeJS.WriteStream, write: () => { throw new Error('no direct write expected'); } });
    expect(out.isTTY).toBe(true);
    expect(out.columns).toBe(132);
    out.write('hello\n');
    expect(stream.read()?.toString()).toBe('hello\n');
  });

  // Each row: what write(2) does, call by call, and what must follow.
  const rows: { name: string; script: (string | number)[]; file: string; streamed: string; error?: string }[] = [
    { name: 'a short write is finished by another write', script: [3, 100], file: 'hello world\n', streamed: '' },
    { name: 'EINTR is tried again', script: ['EINTR', 100], file: 'hello world\n', streamed: '' },
    { name: 'EAGAIN hands the rest to the stream', script: [6, 'EAGAIN'], file: 'hello ', streamed: 'world\n' },
    { name: 'a write of nothing hands the rest to the stream (never a busy loop)', script: [6, 0], file: 'hello ', streamed: 'world\n' },
    { name: 'EPIPE is one error event; the rest is dropped, the stream never built', script: ['EPIPE'], file: '', streamed: '', error: 'EPIPE' },
    { name: 'EIO likewise', script: [6, 'EIO'], file: 'hello ', streamed: '', error: 'EIO' },
  ];
  it.each(rows)('$name', async ({ script, file, streamed, error }) => {
    const steps = [...script];
    let written = '';
    let built = 0;
    const stream = new PassThrough();
    let got = '';
    stream.on('data', (d) => (got += d));
    const out = new FdOut(1, {
      direct: true,
      stream: () => {
        built++;
        return stream as unknown as NodeJS.WriteStream;
      },
      write: (_fd, buf, offset, length) => {
        const step = steps.shift() ?? 1 << 30;
        if (typeof step === 'string') throw errno(step);
        const n = Math.min(step, length);
        written += Buffer.from(buf.subarray(offset, offset + n)).toString();
        return n;
      },
    });
    const errors: string[] = [];
    out.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    out.write('hello world\n');
    expect(errors).toEqual([]); // never from inside write()
    out.write('more\n');
    await tick();
    expect(written).toBe(error ? file : file + (streamed ? '' : 'more\n'));
    expect(got).toBe(streamed ? streamed + 'more\n' : '');
    expect(built).toBe(streamed ? 1 : 0);
    expect(errors).toEqual(error ? [error] : []);
  });
});

describe('writesDirectly', () => {
  it('says yes for a regular file and /dev/null, no for another device and a closed descriptor', () => {
    const fd = openSync(join(tmp, 'kind.txt'), 'w');
    expect(writesDirectly(fd)).toBe(true);
    closeSync(fd);
    expect(writesDirectly(fd)).toBe(false);
    for (const [dev, direct] of [['/dev/null', true], ['/dev/zero', false]] as const) {
      const d = openSync(dev, 'w');
      expect(writesDirectly(d), dev).toBe(direct);
      closeSync(d);
    }
  });
});
