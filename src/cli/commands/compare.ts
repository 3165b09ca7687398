// netkit compare: are two sets the same addresses? Exit 0 when they are, 1 when not,
// with what only the first and only the second holds (as diff marks lines: < and >).
// With three sets or more, a table of the overlap of every pair (iprange --compare).

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { EXIT, UsageError } from '../errors.js';

interface Options extends OutputOptions {
  ranges?: boolean;
  quiet?: boolean;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('compare')
    .description('do the sets hold the same addresses? exit 0 equal, 1 not; prints what only one of them holds')
    .argument('<set...>', "two or more sets: files of entries (one a line, # comments), entries inline, '-' for stdin")
    .option('--ranges', 'print ranges FIRST-LAST instead of CIDR blocks')
    .option('-q, --quiet', 'print nothing: the exit code says it');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Two sets: the blocks only the first holds, each after "< ", then those only the
second holds, after "> " (as diff marks lines); nothing when they are equal.
--json: one record per block with its side ("a" or "b") and input.
Three or more: one row per pair, with the addresses of each, in common and only in one.
A bad line in any set: nothing is printed, the line is named, exit 2.

Examples:
  netkit compare allowlist.txt allowlist.new
  netkit compare -q deployed.txt wanted.txt || echo "the firewall is out of date"
  netkit compare feed-1.txt feed-2.txt feed-3.txt --json

Exit codes: 0 the sets are equal, 1 they differ, 2 an error.`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, sets: string[]): Promise<void> {
  if (sets.length < 2) throw new UsageError('compare: give two or more sets to compare (files or entries)');
  if (opts.quiet && opts.json) throw new UsageError('compare: --quiet prints nothing; --json goes without it');
  if (opts.ranges && sets.length > 2) throw new UsageError('compare: --ranges goes with two sets (three or more print a table of counts)');
  const { readEach } = await import('../bulk/sets.js');
  const { excludeIPv4, excludeIPv6, intersectIPv4, intersectIPv6 } = await import('../../core/ranges.js');
  const each = await readEach(ctx, sets, true, 'the comparison would be wrong');
  let equal = true;
  if (sets.length === 2) {
    const [a, b] = each as [(typeof each)[0], (typeof each)[0]];
    const a4 = excludeIPv4(a.reader.v4, b.reader.v4);
    const a6 = excludeIPv6(a.reader.v6, b.reader.v6);
    const b4 = excludeIPv4(b.reader.v4, a.reader.v4);
    const b6 = excludeIPv6(b.reader.v6, a.reader.v6);
    equal = a4.length + a6.length + b4.length + b6.length === 0;
    if (!opts.quiet && !equal) {
      const { emitRanges } = await import('../bulk/emit.js');
      const form = opts.ranges ? 'ranges' : 'cidrs';
      await emitRanges(ctx, a4, a6, { form, before: '< ', tag: { side: 'a', input: a.name } });
      await emitRanges(ctx, b4, b6, { form, before: '> ', tag: { side: 'b', input: b.name } });
    }
  } else {
    const { renderOverlaps } = await import('../render/compare.js');
    type Overlap = import('../render/compare.js').OverlapRecord;
    const size = (v4: { count(): number }, v6: { count(): bigint }) => BigInt(v4.count()) + v6.count();
    const sizes = each.map((s) => size(s.reader.v4, s.reader.v6));
    const rows: Overlap[] = [];
    for (let i = 0; i < each.length; i++) {
      for (let j = i + 1; j < each.length; j++) {
        const x = each[i]!.reader;
        const y = each[j]!.reader;
        const common = size(intersectIPv4(x.v4, y.v4), intersectIPv6(x.v6, y.v6));
        const pairEqual = common === sizes[i] && common === sizes[j];
        if (!pairEqual) equal = false;
        rows.push({
          a: each[i]!.name,
          b: each[j]!.name,
          aAddresses: sizes[i]!.toString(),
          bAddresses: sizes[j]!.toString(),
          commonAddresses: common.toString(),
          onlyA: (sizes[i]! - common).toString(),
          onlyB: (sizes[j]! - common).toString(),
          equal: pairEqual,
        });
      }
    }
    if (opts.json) for (const r of rows) ctx.jsonLine(r);
    else if (!opts.quiet) ctx.out.write(renderOverlaps(rows, ctx.style));
  }
  ctx.setExit(equal ? EXIT.OK : EXIT.NO);
}
