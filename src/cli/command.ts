// What a command file provides: a register function that defines the command on the
// program (eagerly, so --help lists it) and wraps its run function.

import type { Command } from 'commander';
import type { Context, OutputOptions } from './context.js';

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
