// Byte-level input and output for the bulk commands. Their hot paths never make a
// string per line: input arrives as Buffers cut at line ends, output is assembled in
// a Buffer and written in large pieces. Memory stays constant whatever the input size:
// a line longer than MAX_LINE (1 MiB) is an input error naming the file and line.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_QUOTED } from '../../core/errors.js';
import { safeText } from '../../core/safe-text.js';
import { lineTooLong, MAX_LINE, whenDrained, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';

const CHUNK = 1 << 16;

/**
 * Called with buf[start, end): whole lines only, and buf[end - 1] is always a
 * newline (one is added after a last line that lacks it). The buffer is reused after
 * the call returns. May return a promise (to wait for output to drain).
 */
export type ChunkHandler = (buf: Buffer, start: number, end: number) => void | Promise<void>;

/** A readable input as messages name it: 'stdin' for '-', else the file name, escaped and cut (it is anyone's text). */
export function sourceName(path: string): string {
  return path === '-' ? 'stdin' : safeText(path, MAX_QUOTED);
}

function openError(path: string, e: NodeJS.ErrnoException): CliError {
  const why =
    e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return new CliError(`${sourceName(path)}: ${why}`, EXIT.INPUT);
}

/** Newlines in buf[start, end). */
function countLines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, start); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Newlines in the first `bytes` bytes of a regular file: the line number of an overlong line, counted only then. */
function linesBefore(fd: number, bytes: number): number {
  const buf = Buffer.allocUnsafe(CHUNK);
  let n = 0;
  for (let pos = 0; pos < bytes; ) {
    const got = readSync(fd, buf, 0, Math.min(CHUNK, bytes - pos), pos);
    if (got === 0) break;
    n += countLines(buf, 0, got);
    pos += got;
  }
  return n;
}

/**
 * The partial line at buf[0, have), of which buf[0, old) was seen before: an error when
 * it is longer than MAX_LINE, or when the line it ends (its first newline) is.
 */
function overlong(buf: Buffer, old: number, have: number): boolean {
  if (have <= MAX_LINE) return false;
  const nl = buf.indexOf(10, old);
  return nl < 0 || nl >= have || nl > MAX_LINE;
}

/**
 * Called when the input has no more data at hand (a slow producer: `tail -f log |
 * netkit grep ...`), after the lines read so far were handed over: the moment to
 * push output out rather than hold it until a buffer fills.
 */
export type IdleHandler = () => void | Promise<void>;

/** A read shorter than this from a pipe means the producer has nothing more at hand. */
const PIPE_READ = 65536;

/** Read a file (or stdin for '-') and hand over whole lines, chunk by chunk. */
export async function readLines(ctx: Context, path: string, onChunk: ChunkHandler, onIdle?: IdleHandler): Promise<void> {
  let fd: number;
  if (path === '-') {
    let regular = false;
    try {
      regular = fstatSync(0).isFile();
    } catch {
      regular = false;
    }
    if (!regular) return readStream(ctx.io.stdin, onChunk, onIdle);
    fd = 0;
  } else {
    try {
      fd = openSync(path, 'r');
      if (fstatSync(fd).isDirectory()) {
        closeSync(fd);
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
    } catch (e) {
      throw openError(path, e as NodeJS.ErrnoException);
    }
  }
  try {
    let buf = Buffer.allocUnsafe(CHUNK + 1);
    let have = 0;
    let consumed = 0; // bytes handed over: where the partial line at buf[0] starts in the file
    for (;;) {
      if (have === buf.length - 1) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      let n: number;
      const want = buf.length - 1 - have;
      try {
        n = readSync(fd, buf, have, want, null);
      } catch (e) {
        throw openError(path, e as NodeJS.ErrnoException);
      }
      if (n === 0) break;
      const old = have;
      have += n;
      if (overlong(buf, old, have)) throw lineTooLong(sourceName(path), linesBefore(fd, consumed) + 1);
      const nl = buf.lastIndexOf(10, have - 1);
      if (nl >= 0) {
        const r = onChunk(buf, 0, nl + 1);
        if (r) await r;
        buf.copyWithin(0, nl + 1, have);
        have -= nl + 1;
        consumed += nl + 1;
      }
      // a short read: a FIFO or a growing file with nothing more yet (or the end of a file)
      if (n < want && onIdle) {
        const r = onIdle();
        if (r) await r;
      }
    }
    if (have > 0) {
      buf[have] = 10;
      const r = onChunk(buf, 0, have + 1);
      if (r) await r;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

async function readStream(stream: NodeJS.ReadableStream, onChunk: ChunkHandler, onIdle?: IdleHandler): Promise<void> {
  let buf = Buffer.allocUnsafe(CHUNK + 1);
  let have = 0;
  let lines = 0; // newlines handed over (a pipe cannot be read again to count them later)
  for await (const piece of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (have + chunk.length + 1 > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, have + chunk.length + 1));
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    const old = have;
    chunk.copy(buf, have);
    have += chunk.length;
    // Past MAX_LINE, buf[0] starts a partial line (a scan has run since): is it too long?
    if (overlong(buf, old, have)) throw lineTooLong('stdin', lines + 1);
    // Wait for about a chunk's worth before scanning (fewer, larger scans), unless the
    // producer has nothing more at hand (a short read): then hand over what is here,
    // so that `tail -f log | netkit grep ...` shows lines as they come.
    const idle = chunk.length < PIPE_READ;
    if (have < CHUNK / 2 && !idle) continue;
    const nl = buf.lastIndexOf(10, have - 1);
    if (nl >= 0) {
      lines += countLines(buf, 0, nl + 1);
      const r = onChunk(buf, 0, nl + 1);
      if (r) await r;
      buf.copyWithin(0, nl + 1, have);
      have -= nl + 1;
    }
    if (idle && onIdle) {
      const r = onIdle();
      if (r) await r;
    }
  }
  if (have > 0) {
    let end = have;
    if (buf[have - 1] !== 10) buf[end++] = 10;
    const nl = end - 1;
    const r = onChunk(buf, 0, nl + 1);
    if (r) await r;
  }
}

/**
 * Output assembled in a Buffer and written to stdout in large pieces. Text written
 * through ctx.line before is flushed first, so the order holds. A closed pipe ends
 * output quietly (ctx.out sees the EPIPE and marks itself closed).
 *
 * The buffers are reused: a full one goes to stdout and comes back to a spare list
 * when its write completes; at most MAX_IN_FLIGHT are out at once, then the producer
 * waits (needsDrain/drain) as it does for a full pipe. A fresh buffer per piece left
 * the written ones for the garbage collector: 10 to 15 MB of dead buffers at the peak
 * of a 2M-entry merge.
 */
export class ByteOut {
  buf: Buffer;
  pos = 0;
  /** stdout asked to wait (write returned false). */
  private pending = false;
  /** Buffers handed to stdout and not yet written. */
  private inFlight = 0;
  private spare: Buffer[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly ctx: Context,
    readonly size = 1 << 18,
  ) {
    ctx.out.flush();
    this.buf = Buffer.allocUnsafe(size);
  }

  get closed(): boolean {
    return this.ctx.out.closed;
  }

  /** Make room for n more bytes (n at most size). */
  room(n: number): void {
    if (this.pos + n > this.buf.length) this.flush();
  }

  /** Append bytes of another buffer. */
  copy(src: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.writeRaw(Buffer.from(src.subarray(start, end)), null);
        return;
      }
    }
    src.copy(this.buf, this.pos, start, end);
    this.pos += n;
  }

  /** Append an ASCII string. */
  ascii(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /** Hand what is buffered to stdout; the next bytes go to a spare buffer (stdout may still hold this one). */
  flush(): void {
    if (this.pos === 0) return;
    if (this.pos < this.size >>> 4) {
      // a little output (an idle flush): copy it out and keep the buffer
      const small = Buffer.from(this.buf.subarray(0, this.pos));
      this.pos = 0;
      this.writeRaw(small, null);
      return;
    }
    const whole = this.buf;
    const chunk = whole.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.size);
    this.pos = 0;
    this.writeRaw(chunk, whole);
  }

  /** Write a chunk; `reuse` (the buffer under it) goes back to the spares once written. */
  private writeRaw(chunk: Buffer, reuse: Buffer | null): void {
    if (this.closed) return;
    let ok: boolean;
    if (reuse === null) ok = this.ctx.io.stdout.write(chunk);
    else {
      this.inFlight++;
      ok = this.ctx.io.stdout.write(chunk, () => {
        this.inFlight--;
        if (this.spare.length < MAX_IN_FLIGHT) this.spare.push(reuse);
        const w = this.wake;
        this.wake = null;
        w?.();
      });
    }
    if (!ok) this.pending = true;
  }

  /** Wait for stdout to drain if it asked us to, or for a buffer to come back (back-pressure between chunks). */
  async drain(): Promise<void> {
    if (this.closed) return;
    if (this.pending) {
      this.pending = false;
      const stdout = this.ctx.io.stdout;
      if (stdout.writableNeedDrain !== false) await whenDrained(stdout);
    }
    // A stream that writes synchronously (a file) still completes its writes a tick
    // later: without this wait every piece would take a fresh buffer.
    while (this.inFlight >= MAX_IN_FLIGHT && !this.closed) await new Promise<void>((res) => (this.wake = res));
  }

  get needsDrain(): boolean {
    return this.pending || this.inFlight >= MAX_IN_FLIGHT;
  }

  async end(): Promise<void> {
    this.flush();
    await this.drain();
  }
}

/** Output buffers a ByteOut has out at once before it waits for one to come back. */
const MAX_IN_FLIGHT = 2;

// Decimal text of 0..255 as bytes: digits at [i*4 + 1 ..], length at [i*4].
const OCTETS = new Uint8Array(256 * 4);
for (let i = 0; i < 256; i++) {
  const s = String(i);
  OCTETS[i * 4] = s.length;
  for (let k = 0; k < s.length; k++) OCTETS[i * 4 + 1 + k] = s.charCodeAt(k);
}

/** Write a dotted quad at buf[pos]; returns the new position (at most 15 bytes are written). */
export function putIPv4(buf: Buffer, pos: number, v: number): number {
  for (let shift = 24; shift >= 0; shift -= 8) {
    const o = ((v >>> shift) & 255) * 4;
    const n = OCTETS[o]!;
    buf[pos++] = OCTETS[o + 1]!;
    if (n > 1) buf[pos++] = OCTETS[o + 2]!;
    if (n > 2) buf[pos++] = OCTETS[o + 3]!;
    if (shift > 0) buf[pos++] = 46;
  }
  return pos;
}

/** Write a small non-negative integer (a prefix length) at buf[pos]. */
export function putSmall(buf: Buffer, pos: number, n: number): number {
  if (n >= 100) buf[pos++] = 48 + Math.floor(n / 100);
  if (n >= 10) buf[pos++] = 48 + (Math.floor(n / 10) % 10);
  buf[pos++] = 48 + (n % 10);
  return pos;
}
