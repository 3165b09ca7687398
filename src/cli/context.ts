// The output context every command gets: where results and messages go, whether
// colour is on (decided once, here), JSON mode, stdin lines, and the exit status.

import { safeJson, safeText } from '../core/safe-text.js';
import { CliError, EXIT, exitPriority, UsageError, type ExitCode } from './errors.js';
import { loadStyle, PLAIN, type Style } from './render/style.js';
import { fitLines } from './render/wrap.js';
import type { OutputStream } from '../io/stdio.js';

export interface OutputOptions {
  json?: boolean;
  color?: boolean; // commander's --no-color sets this to false
  /** --get FIELD[,FIELD...]: the named fields of each JSON record, tab-separated. */
  get?: string;
}

/** An unknown --get field: a usage error about the whole command, never one input line's. */
export class GetFieldError extends UsageError {
  override readonly name: string = 'GetFieldError';
}

/** Parse --get's list: FIELD[,FIELD...], each a key or a dotted path (special.name). */
export function parseGetFields(text: string): string[][] {
  const fields = text.split(',').map((f) => f.trim());
  if (fields.some((f) => f === '' || f.split('.').some((k) => k === ''))) {
    throw new UsageError(`--get: ${JSON.stringify(text)} is not a list of field names (FIELD[,FIELD...])`);
  }
  return fields.map((f) => f.split('.'));
}

/** One field of a record as --get prints it: null empty, objects as JSON, text made safe (no tab or newline can split the line). */
function getValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return safeText(v);
  if (typeof v === 'object') return safeText(JSON.stringify(v, bigintReplacer));
  return String(v);
}

const NO_FIELDS: ReadonlySet<string> = new Set();

/**
 * The line --get prints for one record: the named fields, tab-separated. A field the
 * record lacks is a usage error listing the fields it has, unless it is one of the
 * record's `optional` fields (resolve's `error` comes only with TIMEOUT and ERROR): that
 * prints empty, like null.
 */
export function getLine(obj: unknown, fields: readonly string[][], lenient = false, optional: ReadonlySet<string> = NO_FIELDS): string {
  const out: string[] = [];
  for (const path of fields) {
    let v: unknown = obj;
    for (let i = 0; i < path.length; i++) {
      const here = v;
      // null where an object would be (special on ordinary unicast): the field is empty
      if (here === null) break;
      if ((lenient || (i === 0 && optional.has(path[0]!))) && typeof here === 'object' && !Object.hasOwn(here, path[i]!)) {
        v = null;
        break;
      }
      if (typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, path[i]!)) {
        const where = path.slice(0, i).join('.');
        const own = here !== null && typeof here === 'object' && !Array.isArray(here) ? Object.keys(here) : [];
        const keys = i === 0 ? [...own, ...[...optional].filter((k) => !own.includes(k))] : own;
        const what = keys.length ? `the fields${where ? ` of ${where}` : ''} are ${keys.join(', ')}` : `${where} has no fields (it is ${Array.isArray(here) ? 'a list' : typeof here})`;
        throw new GetFieldError(`--get: unknown field ${JSON.stringify(path.join('.'))}: ${what}`);
      }
      v = (here as Record<string, unknown>)[path[i]!];
    }
    out.push(getValue(v));
  }
  return out.join('\t');
}

/** The width to fit on a terminal: its columns (80 when unknown); Infinity into a pipe or a file. */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = {}): number {
  if (!stream.isTTY) return Infinity;
  const cols = stream.columns ?? Number(env.COLUMNS);
  return Number.isInteger(cols) && cols > 0 ? cols : 80;
}

/** Decide colour once: --no-color / --json off; FORCE_COLOR forces; NO_COLOR off; else a TTY. */
export function decideColor(opts: OutputOptions, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (opts.color === false || opts.json) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** How main.ts maps an error to its stderr line and exit code (see describeError there). */
export type DescribeError = (e: unknown) => { message: string; code: ExitCode };

/** The longest line netkit reads (1 MiB); a longer one is an input error naming where it is. */
export const MAX_LINE = 1 << 20;

/** The error for a line longer than MAX_LINE: where it is, and the cap. */
export function lineTooLong(source: string, lineNo: number): CliError {
  return new CliError(`${safeText(source, 80)} line ${lineNo}: longer than 1 MiB (${MAX_LINE} bytes), the most netkit reads in one line`, EXIT.INPUT);
}

/** A line source: stdin or a file, with 1-based line numbers. */
export interface Line {
  text: string;
  lineNo: number;
}

/**
 * Buffered writer: many small writes become few large ones, and a closed pipe
 * (`netkit ... | head`) ends output quietly instead of throwing EPIPE. Writes never
 * wait; callers that produce a lot await flushAndDrain() between pieces of input, which
 * waits while the stream is full, so memory stays flat whatever the reader's pace.
 */
export class Writer {
  private buf = '';
  private size = 0;
  closed = false;
  /** A write error other than a closed pipe (disk full, ...), reported by main as one line. */
  error: NodeJS.ErrnoException | null = null;
  constructor(private readonly stream: OutputStream) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // A closed pipe (`netkit ... | head`) ends output quietly; anything else is kept
      // and reported once the command returns, never thrown from inside the stream.
      if (e.code !== 'EPIPE') this.error ??= e;
      this.closed = true;
      this.buf = '';
      this.size = 0;
    });
  }
  write(s: string): void {
    if (this.closed) return;
    // One growing string: V8 keeps it as a rope and flattens it once, at write time.
    this.buf += s;
    this.size += s.length;
    if (this.size >= 262144) this.flush();
  }
  /** Write bytes, after whatever text is buffered. */
  writeBytes(b: Uint8Array): boolean {
    if (this.closed) return true;
    this.flush();
    return this.stream.write(b);
  }
  /** Flush, and wait for the stream to drain when it is full (back-pressure for big outputs). */
  async flushAndDrain(): Promise<void> {
    if (this.closed) return;
    this.flush();
    // writableNeedDrain: full after any write, text or bytes (writeBytes included).
    if (!this.stream.writableNeedDrain || this.closed) return;
    await whenDrained(this.stream);
  }
  /** Is the stream full (its buffer past the high-water mark)? Then the producer should wait: flushAndDrain. */
  get full(): boolean {
    return this.size >= 65536 || this.stream.writableNeedDrain;
  }
  flush(): boolean {
    if (this.size === 0 || this.closed) return true;
    const chunk = this.buf;
    this.buf = '';
    this.size = 0;
    return this.stream.write(chunk);
  }
}

export class Context {
  readonly out: Writer;
  readonly err: Writer;
  readonly color: boolean;
  readonly json: boolean;
  /** --get's field paths, or null: records then print as JSON (with --json) or drawn. */
  readonly get: string[][] | null;
  /** Columns human output must fit: the terminal's (80 when unknown), Infinity into a pipe. */
  readonly width: number;
  style: Style = PLAIN;
  readonly stdoutIsTTY: boolean;
  private exit: ExitCode = EXIT.OK;

  constructor(
    readonly io: {
      stdout: OutputStream;
      stderr: OutputStream;
      stdin: NodeJS.ReadStream;
      env: NodeJS.ProcessEnv;
      /** Told each time the status rises, so a run cut short (a gone reader) still exits with it. */
      earned?: (code: ExitCode) => void;
    },
    opts: OutputOptions,
    private readonly describe: DescribeError,
  ) {
    this.out = new Writer(io.stdout);
    this.err = new Writer(io.stderr);
    this.stdoutIsTTY = Boolean(io.stdout.isTTY);
    if (opts.get !== undefined && opts.json) throw new UsageError('--json and --get are alternatives: choose one');
    this.get = opts.get !== undefined ? parseGetFields(opts.get) : null;
    // --get prints from the JSON records: every command takes its JSON path.
    this.json = Boolean(opts.json) || this.get !== null;
    this.color = decideColor({ ...opts, json: this.json }, io.env, this.stdoutIsTTY);
    this.width = outputWidth(io.stdout, io.env);
  }

  /**
   * Is stderr a terminal? Asked only where it matters (resolve's progress line): on a
   * terminal the answer builds Node's terminal stream, milliseconds that a call writing
   * nothing to stderr should not spend.
   */
  get stderrIsTTY(): boolean {
    return Boolean(this.io.stderr.isTTY);
  }

  /** Build a context; loads the colour library only when colour is on. */
  static async create(io: Context['io'], opts: OutputOptions, describe: DescribeError): Promise<Context> {
    const ctx = new Context(io, opts, describe);
    ctx.style = await loadStyle(ctx.color);
    return ctx;
  }

  /** Human output fitted to the terminal's width (long lines wrap); unchanged into a pipe. */
  fit(text: string): string {
    return Number.isFinite(this.width) ? fitLines(text, this.width) : text;
  }

  /** Print one result line on stdout. */
  line(s = ''): void {
    this.out.write(s + '\n');
  }

  /**
   * Print one JSON Lines record: compact, BigInt as decimal strings, through safeJson
   * (C1, bidi and line separators escaped too), the one door for --json output.
   */
  /**
   * Print one JSON record (with --get, its named fields). `optional`: the fields a record
   * of this command may lack, which --get prints empty rather than refuse.
   */
  jsonLine(obj: unknown, optional?: ReadonlySet<string>): void {
    if (this.get) {
      this.out.write(getLine(obj, this.get, false, optional) + '\n');
      return;
    }
    let text: string;
    try {
      // No replacer on the fast path: a replacer function makes stringify several times slower.
      text = safeJson(obj);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      text = safeJson(obj, bigintReplacer);
    }
    this.out.write(text + '\n');
  }

  /**
   * The record a bad input takes in a bulk --json stream, so outputs pair with inputs by
   * position: {input, line, error} (line null for a command-line argument). With --get,
   * the fields it lacks print empty. Returns the text (with its newline) for writers that
   * keep their own buffer; `write` false leaves the writing to them.
   */
  errorRecord(input: string, line: number | null, e: unknown, write = true): string {
    const message = e instanceof Error ? this.describe(e).message : String(e);
    const rec = { input, line, error: message };
    const text = this.get ? getLine(rec, this.get, true) + '\n' : safeJson(rec) + '\n';
    if (write) this.out.write(text);
    return text;
  }

  /** A message for people: stderr, prefixed, one line a terminal cannot act on. */
  warn(message: string): void {
    this.err.write(`netkit: ${safeText(message)}\n`);
    this.err.flush();
  }

  /** Raise the exit status (higher priority wins: 2 over 9 over 1 over 0). */
  setExit(code: ExitCode): void {
    if (exitPriority(code) > exitPriority(this.exit)) {
      this.exit = code;
      this.io.earned?.(code);
    }
  }

  get exitCode(): ExitCode {
    return this.exit;
  }

  /**
   * Report an error about one input among many (a stdin line, a file line) and go on:
   * its line (main.ts's mapping, the same as for an error that ends the run) goes to
   * stderr with where it came from, and the status rises to its exit code. A bug (not
   * an input error) is thrown on, to end the run.
   */
  reportInputError(e: unknown, where?: string): void {
    if (e instanceof GetFieldError) throw e;
    const d = this.describe(e);
    if (d.code === EXIT.INTERNAL) throw e;
    this.warn(where ? `${where}: ${d.message}` : d.message);
    this.setExit(d.code);
  }

  /**
   * The inputs of a command that takes several, with each '-' replaced by stdin's lines
   * (trimmed; blank lines and # comments skipped), in argument order. `where` names the
   * stdin line for messages; `line` is its number (null for an argument). '-' twice is a
   * usage error: stdin can be read only once.
   */
  async expandInputs(args: readonly string[]): Promise<{ text: string; where?: string; line: number | null }[]> {
    if (args.filter((a) => a === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
    const out: { text: string; where?: string; line: number | null }[] = [];
    for (const a of args) {
      if (a !== '-') {
        out.push({ text: a, line: null });
        continue;
      }
      for await (const { text, lineNo } of this.stdinLines()) {
        const t = inputLine(text);
        if (t !== null) out.push({ text: t, where: `stdin line ${lineNo}`, line: lineNo });
      }
    }
    return out;
  }

  /**
   * Lines of stdin, trimmed of CR/LF, with 1-based numbers. Between chunks of input it
   * waits for stdout to drain, so a slow reader holds the input back, not memory.
   */
  async *stdinLines(): AsyncGenerator<Line> {
    for await (const line of readLines(this.io.stdin, 'stdin')) {
      yield line;
      // A short line can make a long answer (a cookie explained, a route): wait as soon
      // as output piles up, not once per chunk of input.
      if (this.out.full) await this.out.flushAndDrain();
    }
  }

  /**
   * Call `fn` for every stdin line, synchronously within each chunk read (no promise
   * per line), writing output as it goes and waiting when stdout is full.
   */
  async eachStdinLine(fn: (text: string, lineNo: number) => void, afterChunk?: () => Promise<void>): Promise<void> {
    await eachLine(this.io.stdin, fn, afterChunk ?? (() => this.out.flushAndDrain()));
  }
}

const withoutCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

/**
 * Cuts a stream's text into lines (CR/LF or LF ends). Linear whatever the line lengths:
 * the pieces of an unfinished line are kept in a list and joined once, when its end
 * comes (`rest + chunk` then a search from the start made a 64 MB line take 30 s); a
 * line longer than MAX_LINE is an input error naming the source and line.
 * One splitter for both line readers below.
 */
class LineSplitter {
  private pieces: string[] = [];
  private pending = 0;
  lineNo = 0;
  constructor(private readonly source: string) {}

  /** Call `emit` with each line that `chunk` completes. */
  push(chunk: string, emit: (text: string, lineNo: number) => void): void {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      this.keep(chunk);
      return;
    }
    if (this.pieces.length > 0) {
      if (this.pending + nl > MAX_LINE) throw lineTooLong(this.source, this.lineNo + 1);
      this.pieces.push(chunk.slice(0, nl));
      const line = this.pieces.join('');
      this.pieces = [];
      this.pending = 0;
      emit(withoutCr(line), ++this.lineNo);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (nl - start > MAX_LINE) throw lineTooLong(this.source, this.lineNo + 1);
      const end = nl > start && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      emit(chunk.slice(start, end), ++this.lineNo);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.keep(start === 0 ? chunk : chunk.slice(start));
  }

  private keep(piece: string): void {
    this.pending += piece.length;
    if (this.pending > MAX_LINE) throw lineTooLong(this.source, this.lineNo + 1);
    this.pieces.push(piece);
  }

  /** The last line, when the input does not end with a newline. */
  end(emit: (text: string, lineNo: number) => void): void {
    if (this.pieces.length === 0) return;
    const line = this.pieces.join('');
    this.pieces = [];
    if (line.length > 0) emit(withoutCr(line), ++this.lineNo);
  }
}

/**
 * Lines of a stream, with 1-based numbers; `afterChunk` runs once the lines of a chunk
 * were taken (to wait for output to drain before reading on).
 */
export async function* readLines(
  stream: NodeJS.ReadableStream,
  source = 'stdin',
  afterChunk: () => Promise<void> | void = () => {},
): AsyncGenerator<Line> {
  const splitter = new LineSplitter(source);
  stream.setEncoding?.('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines: Line[] = [];
    splitter.push(chunk, (text, lineNo) => lines.push({ text, lineNo }));
    yield* lines;
    await afterChunk();
  }
  const last: Line[] = [];
  splitter.end((text, lineNo) => last.push({ text, lineNo }));
  yield* last;
}

/** Read a stream line by line, calling `fn` per line and `afterChunk` after each chunk. */
export async function eachLine(
  stream: NodeJS.ReadableStream,
  fn: (text: string, lineNo: number) => void,
  afterChunk: () => Promise<void> | void = () => {},
  source = 'stdin',
): Promise<void> {
  const splitter = new LineSplitter(source);
  stream.setEncoding?.('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    splitter.push(chunk, fn);
    await afterChunk();
  }
  splitter.end(fn);
}

/** Is this input line to be skipped (blank, or a # comment)? Returns the trimmed text otherwise. */
export function inputLine(text: string): string | null {
  const t = text.trim();
  if (t === '' || t.startsWith('#')) return null;
  return t;
}

export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Resolves when a full stream drains, or closes or fails (then there is nothing to wait for). */
export function whenDrained(stream: Pick<OutputStream, 'on' | 'off'>): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
