// netkit merge: addresses, networks and ranges in; the minimal sorted list of CIDR
// blocks covering exactly the same addresses out (aggregate, iprange, Python's
// collapse_addresses), IPv4 first, then IPv6.

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { UsageError } from '../errors.js';

interface Options extends OutputOptions {
  ranges?: boolean;
  count?: boolean;
  join?: string;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('merge')
    .description('merge addresses, networks and ranges into the minimal sorted list of CIDR blocks')
    .argument('[set...]', "files of entries, one a line (# comments), or entries inline (10.0.0.0/24,10.0.1.0/24); '-' or none: stdin")
    .option('--ranges', 'print ranges FIRST-LAST instead of CIDR blocks')
    .option('--join <sep>', "print the blocks on one line, separated by SEP (', ' for WireGuard's AllowedIPs)")
    .option('--count', 'print only the number of addresses covered');
  outputOptions(cmd, { color: false });
  cmd.addHelpText(
    'after',
    `
Entries: an address (192.0.2.1), a network (192.0.2.0/24, host bits zero) or a range
(192.0.2.10-192.0.2.20), IPv4 or IPv6. A bad line is reported with file:line and
skipped; the rest is merged and the exit code is 2.

Examples:
  netkit merge blocklist-*.txt > merged.txt
  cat a.txt b.txt | netkit merge --ranges
  netkit merge 10.0.0.0/24 10.0.1.0/24 10.0.2.0/23        (prints 10.0.0.0/22)
  netkit merge --count allowlist.txt`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, sets: string[]): Promise<void> {
  if (opts.join !== undefined && (opts.count || ctx.json)) throw new UsageError('merge: --join goes with the list of blocks or ranges, not --count or --json');
  if (opts.ranges && opts.count) throw new UsageError('merge: --ranges and --count are alternatives: choose one');
  const { SetReader } = await import('../bulk/sets.js');
  const reader = new SetReader(ctx);
  if (sets.length === 0) sets = ['-'];
  if (sets.filter((s) => s === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  for (const s of sets) await reader.addArgument(s);
  reader.v4.normalize();
  reader.v6.normalize();
  if (opts.count) {
    const { countRecord } = await import('../bulk/emit-count.js');
    const rec = countRecord(reader.v4, reader.v6);
    if (ctx.json) ctx.jsonLine(rec);
    else ctx.line(rec.addresses);
    return;
  }
  const { emitRanges } = await import('../bulk/emit.js');
  await emitRanges(ctx, reader.v4, reader.v6, opts.ranges ? 'ranges' : 'cidrs', opts.join);
}
