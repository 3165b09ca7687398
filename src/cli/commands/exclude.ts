// netkit exclude: the addresses of one set that are not in another, as minimal CIDR
// blocks: "everything but my LAN" for WireGuard's AllowedIPs, a route table or a
// firewall.

import { outputOptions, type Register } from '../command.js';
import type { Context } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import { blockOptions, type BlockOptions } from '../bulk/options.js';

interface Options extends BlockOptions {
  from?: string[];
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('exclude')
    .description('the addresses of --from that are not in the given sets, as the minimal list of CIDR blocks')
    .argument('<set...>', "what to take out: entries inline (192.168.0.0/16,10.0.0.0/8) or files, '-' for stdin")
    .requiredOption('--from <set>', 'what to take it from: entries inline or a file; repeatable', collect);
  blockOptions(cmd);
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
  const { shapeOptions, lengthsOption } = await import('../bulk/options.js');
  const shaped = shapeOptions('exclude', opts);
  const from = opts.from ?? [];
  if ([...sets, ...from].filter((s) => s === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");
  const { readEach } = await import('../bulk/sets.js');
  const { IPv4Ranges, IPv6Ranges, excludeIPv4, excludeIPv6 } = await import('../../core/ranges.js');
  const { checkLengths, countRecord, emitRanges, printCounts } = await import('../bulk/emit.js');
  const a = await readEach(ctx, from, false);
  const b = await readEach(ctx, sets, false);
  // A bad line in the set to take out would leave its addresses in the result: for a
  // firewall or AllowedIPs that is the dangerous direction, so print nothing at all.
  const bErrors = b.reduce((n, s) => n + s.reader.errors, 0);
  if (bErrors > 0) {
    throw new CliError(
      `nothing printed: ${bErrors} ${bErrors === 1 ? 'entry' : 'entries'} of the set to take out could not be read (above), and the result would keep those addresses`,
      EXIT.INPUT,
    );
  }
  const union = (list: typeof a) => {
    if (list.length === 1) return list[0]!.reader;
    const v4 = new IPv4Ranges();
    const v6 = new IPv6Ranges();
    for (const { reader } of list) {
      for (let i = 0; i < reader.v4.length; i++) v4.push(reader.v4.start(i), reader.v4.end(i));
      for (let i = 0; i < reader.v6.length; i++) v6.pushWords(reader.v6.data, i * 8);
    }
    return { v4: v4.normalize(), v6: v6.normalize() };
  };
  const ua = union(a);
  const ub = union(b);
  const v4 = excludeIPv4(ua.v4, ub.v4);
  const v6 = excludeIPv6(ua.v6, ub.v6);
  checkLengths(shaped.lengths, v4, lengthsOption(opts));
  if (opts.count) {
    printCounts(ctx, [
      ...a.map((s) => ({ ...countRecord(s.name, s.reader.v4, s.reader.v6, shaped.lengths), role: 'from' as const })),
      ...b.map((s) => ({ ...countRecord(s.name, s.reader.v4, s.reader.v6, shaped.lengths), role: 'remove' as const })),
      countRecord(null, v4, v6, shaped.lengths),
    ]);
    return;
  }
  await emitRanges(ctx, v4, v6, shaped.emit);
}
