// The set reader wired to a command's Context: bad lines go to stderr (and make the
// exit status 2), files and stdin are read by io.ts, usage errors are the CLI's.

import { SetReader } from '../../bulk/set-reader.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
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
