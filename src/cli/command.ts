// What a command file provides: a register function that defines the command on the
// program (eagerly, so --help lists it) and wraps its run function.

import type { Command } from 'commander';
import type { Context, OutputOptions } from './context.js';

export type Action<A extends unknown[], O> = (ctx: Context, opts: O, ...args: A) => Promise<void> | void;

/** Wraps a command's run function: builds its Context from the parsed options, flushes output, records the exit code. */
export type Wrap = <A extends unknown[], O extends OutputOptions>(fn: Action<A, O>) => (...raw: unknown[]) => Promise<void>;

export type Register = (program: Command, wrap: Wrap) => void;

/** The output options every command shares. */
export function outputOptions(cmd: Command, { json = true }: { json?: boolean } = {}): Command {
  if (json) cmd.option('--json', 'JSON Lines: one compact object per result (field names are API)');
  return cmd.option('--no-color', 'no colour, even on a terminal (NO_COLOR and FORCE_COLOR are honoured too)');
}

/** Help text of the --now option that jwt and cookie share (CLI words: they live here, not in web/). */
export const NOW_HELP = 'take the time to be TIME (Unix seconds or ISO 8601 with a zone) instead of the clock: for tests';
