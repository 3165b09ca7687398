// netkit intersect: the addresses every one of the sets holds, as the minimal list of
// CIDR blocks (iprange --common), IPv4 and IPv6.

import { outputOptions, type Register } from '../command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { blockOptions, type BlockOptions } from '../bulk/options.js';

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('intersect')
    .description('the addresses every one of the sets holds, as the minimal list of CIDR blocks')
    .argument('<set...>', "two or more sets: files of entries (one a line, # comments), entries inline, '-' for stdin");
  blockOptions(cmd);
  outputOptions(cmd, { color: false });
  cmd.addHelpText(
    'after',
    `
A bad line in any set: nothing is printed, the line is named, exit 2 (a missing line
would make the result narrower than it is).

Examples:
  netkit intersect blocklist.txt customers.txt
  netkit intersect a.txt b.txt c.txt --ranges
  netkit intersect --count feed-1.txt feed-2.txt          (each feed, then what they share)`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: BlockOptions, sets: string[]): Promise<void> {
  const { shapeOptions, lengthsOption } = await import('../bulk/options.js');
  const shaped = shapeOptions('intersect', opts);
  if (sets.length < 2) throw new UsageError('intersect: give two or more sets (files or entries)');
  const { readEach } = await import('../bulk/sets.js');
  const { intersectIPv4, intersectIPv6 } = await import('../../core/ranges.js');
  const { checkLengths, countRecord, emitRanges, printCounts } = await import('../bulk/emit.js');
  const each = await readEach(ctx, sets, true, 'the common part would be narrower than it is');
  let v4 = each[0]!.reader.v4;
  let v6 = each[0]!.reader.v6;
  for (const s of each.slice(1)) {
    v4 = intersectIPv4(v4, s.reader.v4);
    v6 = intersectIPv6(v6, s.reader.v6);
  }
  checkLengths(shaped.lengths, v4, lengthsOption(opts));
  if (opts.count) {
    printCounts(ctx, [...each.map((s) => countRecord(s.name, s.reader.v4, s.reader.v6, shaped.lengths)), countRecord(null, v4, v6, shaped.lengths)]);
    return;
  }
  await emitRanges(ctx, v4, v6, shaped.emit);
}
