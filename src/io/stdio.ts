// Standard output and standard error as netkit writes them.
//
// Node builds process.stdout as a stream when it is first touched: a net.Socket for a
// pipe (loading net and stream), a SyncWriteStream for a file. Each costs about 3 ms,
// more than a short command spends on its work, and a shell loop calls netkit
// thousands of times. A short output needs no stream: into a pipe, a socket or a
// regular file, write(2) on the descriptor does the job.
//
// FdOut writes its first bytes that way, synchronously, and hands over to Node's stream
// for good when
//   - the output grows past DIRECT_MAX bytes: a long output gets the stream's
//     asynchronous writes and 'drain', so a slow reader holds the producer back without
//     stopping the event loop (a blocking write could, for as long as the reader waits);
//     DIRECT_MAX is what a Linux pipe holds, so the direct writes do not wait on an
//     empty pipe;
//   - the descriptor is a terminal or anything other than a pipe, socket, file or
//     /dev/null (Node's terminal stream knows the columns and does the rest);
//   - a write would block (EAGAIN: a descriptor another process made non-blocking).
// What was written stays in order: direct writes are complete when write() returns,
// and the stream only ever gets what comes after them. Listeners belong to the FdOut;
// after the hand-over the stream's events are passed on to them.

import { EventEmitter } from 'node:events';
import { fstatSync, statSync, writeSync } from 'node:fs';

/** The bytes written directly before the stream takes over (64 KiB: a Linux pipe's capacity). */
export const DIRECT_MAX = 65536;

type Callback = (err?: Error | null) => void;

/** What netkit needs of stdout and stderr: process.stdout, an FdOut, or an in-memory stream in tests. */
export interface OutputStream {
  write(chunk: string | Uint8Array, cb?: Callback): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  /** True when the last write filled the stream's buffer: wait for 'drain' before writing more. */
  readonly writableNeedDrain: boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface FdOutOptions {
  /** Node's stream for the descriptor (process.stdout), built only when the hand-over comes. */
  stream: () => NodeJS.WriteStream;
  /** Whether the descriptor is one to write directly; default: a pipe, a socket or a regular file (fstat). */
  direct?: boolean;
  /** write(2); replaceable in tests. Returns the bytes written, throws an errno error. */
  write?: (fd: number, buf: Uint8Array, offset: number, length: number) => number;
}

/**
 * Is fd a pipe, a socket, a regular file or /dev/null (written directly), rather than a
 * terminal, another device or a closed descriptor? (`if netkit same-net a b >/dev/null`
 * is how scripts ask a yes-or-no question.)
 */
export function writesDirectly(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (st.isFIFO() || st.isSocket() || st.isFile()) return true;
    return st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev;
  } catch {
    return false; // closed or unknown: Node's stream knows how to deal with it
  }
}

/** stdout or stderr: written directly while that is cheap and safe, then through Node's stream. */
export class FdOut extends EventEmitter implements OutputStream {
  private readonly open: () => NodeJS.WriteStream;
  private readonly writeFd: NonNullable<FdOutOptions['write']>;
  private stream: NodeJS.WriteStream | null = null;
  private direct: boolean;
  private written = 0;
  /** The error that ended direct output (EPIPE: the reader is gone); later writes are dropped. */
  private failure: Error | null = null;

  constructor(
    readonly fd: number,
    options: FdOutOptions,
  ) {
    super();
    this.open = options.stream;
    this.writeFd = options.write ?? writeSync;
    this.direct = options.direct ?? writesDirectly(fd);
  }

  /** Whether output still goes straight to the descriptor (no stream built). */
  get writingDirectly(): boolean {
    return this.direct;
  }

  get isTTY(): boolean {
    return this.direct || this.failure ? false : Boolean(this.handOver().isTTY);
  }

  get columns(): number | undefined {
    return this.direct || this.failure ? undefined : this.handOver().columns;
  }

  get writableNeedDrain(): boolean {
    return this.stream?.writableNeedDrain ?? false;
  }

  write(chunk: string | Uint8Array, cb?: Callback): boolean {
    if (this.failure) {
      if (cb) process.nextTick(cb, this.failure);
      return true; // the error was reported once; a gone reader takes nothing more
    }
    if (this.direct) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (this.written + bytes.length <= DIRECT_MAX) {
        const done = this.writeAll(bytes);
        this.written += done;
        if (done === bytes.length || this.failure) {
          if (cb) process.nextTick(cb, this.failure);
          return true;
        }
        chunk = bytes.subarray(done); // it would block: the rest goes through the stream
      }
      this.direct = false;
    }
    return this.handOver().write(chunk, cb);
  }

  /**
   * write(2) until done; stops early on EAGAIN or a write of nothing (the caller hands
   * the rest over), or on an error (kept, emitted).
   */
  private writeAll(bytes: Uint8Array): number {
    let off = 0;
    while (off < bytes.length) {
      try {
        const n = this.writeFd(this.fd, bytes, off, bytes.length - off);
        if (n <= 0) break;
        off += n;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EINTR') continue;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') break;
        this.failure = e as Error;
        // as a stream reports it: after the write returns
        process.nextTick(() => this.emit('error', e));
        break;
      }
    }
    return off;
  }

  /** Node's stream, built once; its events reach this FdOut's listeners. */
  private handOver(): NodeJS.WriteStream {
    if (this.stream) return this.stream;
    this.direct = false;
    const stream = this.open();
    this.stream = stream;
    for (const event of ['error', 'drain', 'close', 'finish']) {
      stream.on(event, (...args: unknown[]) => this.emit(event, ...args));
    }
    return stream;
  }
}
