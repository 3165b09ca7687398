// Builds the commander program and is the ONE place where errors become exit codes
// and lines on stderr. Command definitions load eagerly (so --help sees them all);
// what a command needs beyond the core is imported inside its run function.

import { Command, CommanderError } from 'commander';
import { InputError, MAX_QUOTED } from '../core/errors.js';
import { safeText } from '../core/safe-text.js';
import { Context, outputWidth, type OutputOptions } from './context.js';
import { fitLines } from './render/wrap.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import { COMMANDS, COMMAND_NAMES } from './commands/index.js';
import type { Action, Wrap } from './command.js';
import type { OutputStream } from '../io/stdio.js';

export const VERSION = '0.1.0';

export interface ProcessIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  /** Told each time the exit status rises, so a run cut short (a gone reader) still exits with it. */
  earned?: (code: ExitCode) => void;
}


/**
 * Commander's messages start with "error: "; ours start with "netkit: ". They echo what
 * was typed ('unknown command ...', option values) in single quotes: each quoted part is
 * cut like any quoted input (the escaping is report's).
 */
function commanderMessage(e: CommanderError): string {
  return e.message
    .replace(/^error: /, '')
    .replace(/'([^']*)'/g, (whole, part: string) => (part.length > MAX_QUOTED ? `'${part.slice(0, MAX_QUOTED)}'…(${part.length} characters)` : whole));
}

function report(io: { stderr: OutputStream }, message: string): void {
  // One line a terminal cannot act on, whatever the message carried.
  io.stderr.write(`netkit: ${safeText(message)}\n`);
}

/**
 * THE mapping from a thrown value to what the user sees: the line for stderr (without
 * "netkit: ") and the exit code. Every input error is an InputError carrying its code;
 * anything else is a bug (exit 70). Used for the error that ends a run and, through
 * Context.reportInputError, for one bad line among many.
 */
export function describeError(e: unknown, debug = false): { message: string; code: ExitCode; stack?: string } {
  if (e instanceof InputError) return { message: e.message, code: e.exitCode as ExitCode };
  const err = e as Error;
  return {
    message: `internal error: ${err?.message ?? String(e)} (please report this; NETKIT_DEBUG=1 shows details)`,
    code: EXIT.INTERNAL,
    ...(debug ? { stack: err?.stack ?? String(e) } : {}),
  };
}

/** The help to point at: that of the deepest command named in argv (`netkit jwt decode --help`). */
function helpHint(program: Command | undefined, argv: readonly string[]): string {
  const path: string[] = [];
  let cmd = program;
  for (const arg of argv) {
    if (!cmd || arg.startsWith('-')) continue;
    const sub: Command | undefined = cmd.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    path.push(sub.name());
    cmd = sub;
  }
  return `see 'netkit ${path.length ? path.join(' ') + ' ' : ''}--help'`;
}

/** Map any thrown value to an exit code, writing its one line to stderr. */
export function handleError(e: unknown, io: ProcessIO, program?: Command, argv: readonly string[] = []): ExitCode {
  if (e instanceof CommanderError) {
    // Help asked for is success; help shown because a subcommand is missing is a usage error.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
    if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.OK : EXIT.INPUT;
    if (e.code === 'commander.executeSubCommandAsync') return EXIT.OK;
    report(io, `${commanderMessage(e)} (${helpHint(program, argv)})`);
    return EXIT.INPUT;
  }
  const d = describeError(e, Boolean(io.env.NETKIT_DEBUG));
  if (d.stack !== undefined) io.stderr.write(`${d.stack}\n`);
  report(io, d.message);
  return d.code;
}

/**
 * The commander program. With `only` (the first argument of the call), a command other
 * than help and completion is registered alone: the other sixteen definitions are
 * milliseconds of every start that the call would never look at.
 */
export function buildProgram(io: ProcessIO, setExit: (code: ExitCode) => void, only?: string): Command {
  const program = new Command('netkit');
  // Help fits the terminal (80 columns when unknown or into a pipe): commander wraps its
  // tables, and the examples after them are fitted here.
  const helpWidth = Number.isFinite(outputWidth(io.stdout ?? {}, io.env)) ? outputWidth(io.stdout ?? {}, io.env) : 80;
  program
    .description('networking toolkit: subnets, same-network checks, DNS, routes and address lists')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(fitLines(s, helpWidth)),
      getOutHelpWidth: () => helpWidth,
      writeErr: (s) => io.stderr.write(s),
      // handleError prints commander's errors, as one line, after the override throws.
      outputError: () => {},
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success or "yes", 1 a clean "no", 2 usage or input error, 9 no reply from a DNS server.\n' +
        "Run 'netkit <command> --help' for a command's options and examples.",
    );

  const wrap: Wrap =
    <A extends unknown[], O extends OutputOptions>(fn: Action<A, O>) =>
    async (...raw: unknown[]) => {
      // commander passes (...args, opts, command)
      const opts = raw[raw.length - 2] as O;
      const args = raw.slice(0, raw.length - 2) as A;
      const ctx = await Context.create(io, opts, describeError);
      try {
        await fn(ctx, opts, ...args);
      } finally {
        await ctx.out.flushAndDrain();
        ctx.err.flush();
      }
      const failed = ctx.out.error;
      if (failed) throw new CliError(`cannot write the output: ${failed.code ?? failed.message}`, EXIT.INPUT);
      setExit(ctx.exitCode);
    };

  const alone = only === undefined || only === 'help' || only === 'completion' ? -1 : COMMAND_NAMES.indexOf(only);
  if (alone >= 0) COMMANDS[alone]!(program, wrap);
  else for (const register of COMMANDS) register(program, wrap);
  return program;
}

/** Run netkit with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: ProcessIO): Promise<number> {
  let code: ExitCode = EXIT.OK;
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    argv[0],
  );
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.INPUT;
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    code = handleError(e, io, program, argv);
  }
  return code;
}
