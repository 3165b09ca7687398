// netkit merge: addresses, networks and ranges in; the minimal sorted list of CIDR
// blocks covering exactly the same addresses out (aggregate, iprange, Python's
// collapse_addresses), IPv4 first, then IPv6.

import { outputOptions, type Register } from '../command.js';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { blockOptions, type BlockOptions } from '../bulk/options.js';

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('merge')
    .description('merge addresses, networks and ranges into the minimal sorted list of CIDR blocks')
    .argument('[set...]', "files of entries, one a line (# comments), or entries inline (10.0.0.0/24,10.0.1.0/24); '-' or none: stdin");
  blockOptions(cmd);
  outputOptions(cmd, { color: false });
  cmd.addHelpText(
    'after',
    `
Entries: an address (192.0.2.1), a network (192.0.2.0/24, host bits zero) or a range
(192.0.2.10-192.0.2.20), IPv4 or IPv6. A bad line is reported with file:line, nothing
is printed and the exit code is 2: a narrower list loaded into a firewall is the danger.

Examples:
  netkit merge blocklist-*.txt > merged.txt
  cat a.txt b.txt | netkit merge --ranges
  netkit merge 10.0.0.0/24 10.0.1.0/24 10.0.2.0/23        (prints 10.0.0.0/22)
  netkit merge --count a.txt b.txt                       (addresses, blocks, name; then the total)
  netkit merge --prefix 'add blocklist ' bad.txt | ipset restore
  netkit merge --prefixes 24,32 bad.txt                  (an ipset hash:net with two lengths)`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: BlockOptions, sets: string[]): Promise<void> {
  const { shapeOptions, lengthsOption } = await import('../bulk/options.js');
  const { checkLengths } = await import('../bulk/emit.js');
  const shaped = shapeOptions('merge', opts);
  if (sets.length === 0) sets = ['-'];
  if (sets.filter((s) => s === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  if (opts.count) {
    // every input on its own, then their union
    const { readEach } = await import('../bulk/sets.js');
    const { countRecord, printCounts } = await import('../bulk/emit.js');
    const { IPv4Ranges, IPv6Ranges } = await import('../../core/ranges.js');
    const each = await readEach(ctx, sets, false);
    const v4 = new IPv4Ranges();
    const v6 = new IPv6Ranges();
    for (const { reader } of each) {
      for (let i = 0; i < reader.v4.length; i++) v4.push(reader.v4.start(i), reader.v4.end(i));
      for (let i = 0; i < reader.v6.length; i++) v6.pushWords(reader.v6.data, i * 8);
    }
    v4.normalize();
    v6.normalize();
    checkLengths(shaped.lengths, v4, lengthsOption(opts));
    printCounts(ctx, [...each.map((e) => countRecord(e.name, e.reader.v4, e.reader.v6, shaped.lengths)), countRecord(null, v4, v6, shaped.lengths)]);
    return;
  }
  const { setReader } = await import('../bulk/sets.js');
  const reader = setReader(ctx);
  for (const s of sets) await reader.addArgument(s);
  if (reader.errors > 0) {
    // As intersect, compare and exclude: `merge | ipset restore` must not load a set
    // that silently misses what the bad lines meant.
    throw new CliError(`nothing printed: ${reader.errors} ${reader.errors === 1 ? 'entry' : 'entries'} could not be read (above), and the merged set would miss them`, EXIT.INPUT);
  }
  reader.v4.normalize();
  reader.v6.normalize();
  checkLengths(shaped.lengths, reader.v4, lengthsOption(opts));
  const { emitRanges } = await import('../bulk/emit.js');
  await emitRanges(ctx, reader.v4, reader.v6, shaped.emit);
}
