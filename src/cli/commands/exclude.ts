// netkit exclude: the addresses of one set that are not in another, as minimal CIDR
// blocks: "everything but my LAN" for WireGuard's AllowedIPs, a route table or a
// firewall.

import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';

interface Options extends OutputOptions {
  from?: string[];
  ranges?: boolean;
  count?: boolean;
  join?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('exclude')
    .description('the addresses of --from that are not in the given sets, as the minimal list of CIDR blocks')
    .argument('<set...>', "what to take out: entries inline (192.168.0.0/16,10.0.0.0/8) or files, '-' for stdin")
    .requiredOption('--from <set>', 'what to take it from: entries inline or a file; repeatable', collect)
    .option('--ranges', 'print ranges FIRST-LAST instead of CIDR blocks')
    .option('--join <sep>', "print the blocks on one line, separated by SEP (', ' for WireGuard's AllowedIPs)")
    .option('--count', 'print only the number of addresses left');
  outputOptions(cmd, { color: false });
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit exclude 192.168.1.0/24 --from 0.0.0.0/0              (everything but the LAN)
  netkit exclude 10.0.0.0/8,192.168.0.0/16 --from 0.0.0.0/0,::/0
  netkit exclude allowlist.txt --from blocklist.txt
  netkit exclude 192.168.1.0/24 --from 0.0.0.0/0,::/0 --join ', '   (AllowedIPs = ...)`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, sets: string[]): Promise<void> {
  if (opts.join !== undefined && (opts.count || ctx.json)) throw new UsageError('exclude: --join goes with the list of blocks or ranges, not --count or --json');
  if (opts.ranges && opts.count) throw new UsageError('exclude: --ranges and --count are alternatives: choose one');
  const from = opts.from ?? [];
  if ([...sets, ...from].filter((s) => s === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  const { SetReader } = await import('../bulk/sets.js');
  const { excludeIPv4, excludeIPv6 } = await import('../../core/set.js');
  const a = new SetReader(ctx);
  for (const s of from) await a.addArgument(s);
  const b = new SetReader(ctx);
  for (const s of sets) await b.addArgument(s);
  // A bad line in the set to take out would leave its addresses in the result: for a
  // firewall or AllowedIPs that is the dangerous direction, so print nothing at all.
  if (b.errors > 0) {
    throw new CliError(
      `nothing printed: ${b.errors} ${b.errors === 1 ? 'entry' : 'entries'} of the set to take out could not be read (above), and the result would keep those addresses`,
      EXIT.INPUT,
    );
  }
  const v4 = excludeIPv4(a.v4.normalize(), b.v4.normalize());
  const v6 = excludeIPv6(a.v6.normalize(), b.v6.normalize());
  if (opts.count) {
    const { countRecord } = await import('../bulk/emit-count.js');
    const rec = countRecord(v4, v6);
    if (ctx.json) ctx.jsonLine(rec);
    else ctx.line(rec.addresses);
    return;
  }
  const { emitRanges } = await import('../bulk/emit.js');
  await emitRanges(ctx, v4, v6, opts.ranges ? 'ranges' : 'cidrs', opts.join);
}
