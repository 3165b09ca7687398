// The output context every command gets: where results and messages go, whether
// colour is on (decided once, here), JSON mode, stdin lines, and the exit status.

import { NetkitError } from '../core/errors.js';
import { safeJson, safeText } from '../core/safe-text.js';
import { CliError, EXIT, exitPriority, UsageError, type ExitCode } from './errors.js';
import { loadStyle, PLAIN, type Style } from './render/style.js';
import { fitLines } from './render/wrap.js';

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

/**
 * The line --get prints for one record: the named fields, tab-separated. A field the
 * record lacks is a usage error listing the fields it has.
 */
export function getLine(obj: unknown, fields: readonly string[][], lenient = false): string {
  const out: string[] = [];
  for (const path of fields) {
    let v: unknown = obj;
    for (let i = 0; i < path.length; i++) {
      const here = v;
      // null where an object would be (special on ordinary unicast): the field is empty
      if (here === null) break;
      if (lenient && typeof here === 'object' && !Object.hasOwn(here, path[i]!)) {
        v = null;
        break;
      }
      if (typeof here !== 'object' || Array.isArray(here) || !Object.hasOwn(here, path[i]!)) {
        const where = path.slice(0, i).join('.');
        const keys = here !== null && typeof here === 'object' && !Array.isArray(here) ? Object.keys(here) : [];
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

/** A line source: stdin or a file, with 1-based line numbers. */
export interface Line {
  text: string;
  lineNo: number;
}

/**
 * Buffered writer: many small writes become few large ones, and a closed pipe
 * (`netkit ... | head`) ends output quietly instead of throwing EPIPE.
 */
export class Writer {
  private buf = '';
  private size = 0;
  closed = false;
  /** A write error other than a closed pipe (disk full, ...), reported by main as one line. */
  error: NodeJS.ErrnoException | null = null;
  constructor(private readonly stream: NodeJS.WritableStream) {
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
    const ok = this.flush();
    if (!ok && !this.closed) await new Promise<void>((r) => this.stream.once('drain', r));
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
  readonly stderrIsTTY: boolean;
  private exit: ExitCode = EXIT.OK;

  constructor(
    readonly io: {
      stdout: NodeJS.WriteStream;
      stderr: NodeJS.WriteStream;
      stdin: NodeJS.ReadStream;
      env: NodeJS.ProcessEnv;
    },
    opts: OutputOptions,
  ) {
    this.out = new Writer(io.stdout);
    this.err = new Writer(io.stderr);
    this.stdoutIsTTY = Boolean(io.stdout.isTTY);
    this.stderrIsTTY = Boolean(io.stderr.isTTY);
    if (opts.get !== undefined && opts.json) throw new UsageError('--json and --get are alternatives: choose one');
    this.get = opts.get !== undefined ? parseGetFields(opts.get) : null;
    // --get prints from the JSON records: every command takes its JSON path.
    this.json = Boolean(opts.json) || this.get !== null;
    this.color = decideColor({ ...opts, json: this.json }, io.env, this.stdoutIsTTY);
    this.width = outputWidth(io.stdout, io.env);
  }

  /** Build a context; loads the colour library only when colour is on. */
  static async create(io: Context['io'], opts: OutputOptions): Promise<Context> {
    const ctx = new Context(io, opts);
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

  /** Print one JSON Lines record: compact, BigInt as decimal strings. */
  jsonLine(obj: unknown): void {
    if (this.get) {
      this.out.write(getLine(obj, this.get) + '\n');
      return;
    }
    let text: string;
    try {
      // No replacer on the fast path: a replacer function makes stringify several times slower.
      text = JSON.stringify(obj);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      text = JSON.stringify(obj, bigintReplacer);
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
    const message = e instanceof Error ? e.message : String(e);
    const rec = { input, line, error: message };
    const text = this.get ? getLine(rec, this.get, true) + '\n' : safeJson(rec) + '\n';
    if (write) this.out.write(text);
    return text;
  }

  /** A message for people: stderr, prefixed. */
  warn(message: string): void {
    this.err.write(`netkit: ${message}\n`);
    this.err.flush();
  }

  /** Raise the exit status (higher priority wins: 2 over 9 over 1 over 0). */
  setExit(code: ExitCode): void {
    if (exitPriority(code) > exitPriority(this.exit)) this.exit = code;
  }

  get exitCode(): ExitCode {
    return this.exit;
  }

  /**
   * Report an error about one input among many (a stdin line, a file line) and go on:
   * the message goes to stderr with where it came from, and the final status becomes 2.
   */
  reportInputError(e: unknown, where?: string): void {
    if (e instanceof GetFieldError) throw e;
    if (e instanceof NetkitError || e instanceof CliError) {
      this.warn(where ? `${where}: ${e.message}` : e.message);
      this.setExit(e instanceof CliError ? e.exitCode : EXIT.INPUT);
      return;
    }
    throw e;
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

  /** Lines of stdin, trimmed of CR/LF, with 1-based numbers. */
  async *stdinLines(): AsyncGenerator<Line> {
    yield* readLines(this.io.stdin);
  }

  /**
   * Call `fn` for every stdin line, synchronously within each chunk read (no promise
   * per line), writing output as it goes and waiting when stdout is full.
   */
  async eachStdinLine(fn: (text: string, lineNo: number) => void, afterChunk?: () => Promise<void>): Promise<void> {
    await eachLine(this.io.stdin, fn, afterChunk ?? (() => this.out.flushAndDrain()));
  }
}

/**
 * Split the complete lines off `data` (CR/LF or LF ends), calling `emit` with each and
 * its number; returns the unfinished rest. One splitter for both line readers below.
 */
function splitLines(data: string, lineNo: number, emit: (text: string, lineNo: number) => void): string {
  let start = 0;
  let nl: number;
  while ((nl = data.indexOf('\n', start)) >= 0) {
    const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    emit(data.slice(start, end), ++lineNo);
    start = nl + 1;
  }
  return data.slice(start);
}

const withoutCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

/** Lines of a stream, with 1-based numbers. */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<Line> {
  let rest = '';
  let lineNo = 0;
  stream.setEncoding?.('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines: Line[] = [];
    rest = splitLines(rest + chunk, lineNo, (text, n) => lines.push({ text, lineNo: n }));
    lineNo += lines.length;
    yield* lines;
  }
  if (rest.length > 0) yield { text: withoutCr(rest), lineNo: ++lineNo };
}

/** Read a stream line by line, calling `fn` per line and `afterChunk` after each chunk. */
export async function eachLine(
  stream: NodeJS.ReadableStream,
  fn: (text: string, lineNo: number) => void,
  afterChunk: () => Promise<void> | void = () => {},
): Promise<void> {
  let rest = '';
  let lineNo = 0;
  stream.setEncoding?.('utf8');
  for await (const chunk of stream as AsyncIterable<string>) {
    rest = splitLines(rest.length ? rest + chunk : chunk, lineNo, (text, n) => {
      lineNo = n;
      fn(text, n);
    });
    await afterChunk();
  }
  if (rest.length > 0) fn(withoutCr(rest), ++lineNo);
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
