// What a command file provides: a register function that defines the command on the
// program (eagerly, so --help lists it) and wraps its run function.

import type { Command } from 'commander';
import type { Context, OutputOptions } from './context.js';
import { UsageError } from './errors.js';

export type Action<A extends unknown[], O> = (ctx: Context, opts: O, ...args: A) => Promise<void> | void;

/** Wraps a command's run function: builds its Context from the parsed options, flushes output, records the exit code. */
export type Wrap = <A extends unknown[], O extends OutputOptions>(fn: Action<A, O>) => (...raw: unknown[]) => Promise<void>;

export type Register = (program: Command, wrap: Wrap) => void;

/** The output options every command shares. */
export function outputOptions(cmd: Command, { json = true, color = true }: { json?: boolean; color?: boolean } = {}): Command {
  if (json) {
    cmd.option('--json', 'JSON Lines: one compact object per result (field names are API: docs/json.md)');
    cmd.option('--get <fields>', 'print only these fields of each --json record, tab-separated, one record a line (FIELD[,FIELD...]; special.name reaches inside)');
  }
  if (color) cmd.option('--no-color', 'no colour, even on a terminal (NO_COLOR and FORCE_COLOR are honoured too)');
  return cmd;
}

/** How many lines `list` and `split` print before they refuse (a /64 has 2^64 addresses). */
export const DEFAULT_LIMIT = 65536;

export interface LimitOptions {
  limit?: string;
  all?: boolean;
}

/** The guard against printing billions of lines by accident: --limit N and --all. */
export function limitOptions(cmd: Command, things: string): Command {
  return cmd
    .option('--limit <n>', `refuse to print more than this many ${things} (default ${DEFAULT_LIMIT})`)
    .option('--all', `no limit on the number of ${things}`);
}

/** The limit in force: --limit or the default, and null (none) with --all. */
export function limitOf(opts: LimitOptions): bigint | null {
  if (opts.limit !== undefined && !/^(0|[1-9][0-9]*)$/.test(opts.limit)) {
    throw new UsageError(`--limit: "${opts.limit}" is not a whole number`);
  }
  if (opts.all) return null;
  return BigInt(opts.limit ?? DEFAULT_LIMIT);
}

/** Help text of the --now option that jwt and cookie share (CLI words: they live here, not in web/). */
export const NOW_HELP = 'take the time to be TIME (Unix seconds or ISO 8601 with a zone) instead of the clock: for tests';
