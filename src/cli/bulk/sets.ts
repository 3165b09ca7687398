// The set reader wired to a command's Context: bad lines go to stderr (and make the
// exit status 2), files and stdin are read by io.ts, usage errors are the CLI's.

import { SetReader } from '../../bulk/set-reader.js';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { readLines } from './io.js';

export function setReader(ctx: Context, capacity?: number): SetReader {
  return new SetReader(
    {
      onError: (e, where) => ctx.reportInputError(e, where),
      readLines: (path, onChunk) => readLines(ctx, path, onChunk),
      usageError: (message) => new UsageError(message),
    },
    capacity,
  );
}

/** One input read on its own: its name (for messages and --count) and its ranges, normalized. */
export interface NamedSet {
  name: string;
  reader: SetReader;
}

/**
 * Read every argument into its own set (a file, '-' for stdin, or inline entries).
 * With `strict`, any bad line means no result at all: the lines are reported above
 * and this throws, so nothing is printed.
 */
export async function readEach(ctx: Context, args: string[], strict: boolean, why = 'the result would be wrong'): Promise<NamedSet[]> {
  if (args.filter((s) => s === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  const sets: NamedSet[] = [];
  let errors = 0;
  for (const arg of args) {
    const reader = setReader(ctx);
    await reader.addArgument(arg);
    reader.v4.normalize();
    reader.v6.normalize();
    errors += reader.errors;
    sets.push({ name: arg === '-' ? 'stdin' : arg, reader });
  }
  if (strict && errors > 0) {
    throw new CliError(`nothing printed: ${errors} ${errors === 1 ? 'entry' : 'entries'} could not be read (above), and ${why}`, EXIT.INPUT);
  }
  return sets;
}
