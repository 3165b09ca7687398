// netkit split: a network cut into equal subnets (--prefix, --count) or into subnets
// sized for host counts (--hosts, VLSM: largest first, aligned), with what is left free.

import { limitOf, limitOptions, outputOptions, type LimitOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError } from '../errors.js';
import type { Prefix } from '../../core/prefix.js';
import type { SplitRecord } from '../../core/split-report.js';

interface Options extends OutputOptions, LimitOptions {
  prefix?: string;
  count?: string;
  hosts?: string;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('split')
    .description('split a network into equal subnets or into subnets sized for host counts (VLSM)')
    .argument('<network>', "the network to split, host bits zero: 192.168.1.0/24; '-' splits each network read from stdin, one a line")
    .option('-p, --prefix <len>', 'equal subnets of this prefix length: 26 or /26')
    .option('-n, --count <n>', 'this many equal subnets, as large as possible (the rest stays free)')
    .option('-H, --hosts <list>', 'one subnet per host count, e.g. 100,50,20 (VLSM: largest first, aligned)');
  limitOptions(cmd, 'subnets');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
On a terminal: a picture of the network (which part each subnet takes, what is free)
and a table. Into a pipe: the subnets, one CIDR a line. --json: one object (fields in the README).
Usable hosts follow 'netkit subnet': an IPv4 /31 has 2 (RFC 3021), a /32 has 1.

Examples:
  netkit split 192.168.1.0/24 --prefix 26
  netkit split 10.0.0.0/16 --count 5
  netkit split 192.168.1.0/24 --hosts 100,50,20
  netkit split 2001:db8::/48 --prefix 64 --limit 100000 | head`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, networkText: string): Promise<void> {
  const modes = [opts.prefix, opts.count, opts.hosts].filter((m) => m !== undefined).length;
  if (modes !== 1) throw new UsageError('split: give exactly one of --prefix, --count or --hosts');
  const { parseNetwork } = await import('../../core/prefix.js');
  if (networkText === '-') {
    // Each stdin network split in turn, the same way; a bad line is reported and passed over (exit 2).
    let first = true;
    for (const { text, where } of await ctx.expandInputs(['-'])) {
      try {
        if (!first && !ctx.json && ctx.stdoutIsTTY) ctx.line();
        await splitOne(ctx, opts, parseNetwork(text));
        first = false;
      } catch (e) {
        ctx.reportInputError(e, where);
      }
    }
    return;
  }
  await splitOne(ctx, opts, parseNetwork(networkText));
}

async function splitOne(ctx: Context, opts: Options, parent: import('../../core/prefix.js').Prefix): Promise<void> {
  const { parsePrefixLength } = await import('../../core/mask.js');
  const set = await import('../../core/planning.js');
  const report = await import('../../core/split-report.js');
  const render = await import('../render/split.js');

  const limit = limitOf(opts);
  // many subnets (or a pipe): stream them rather than build the plan
  // (--get prints fields of the one record, so it is built whole; --limit bounds it)
  const stream = (count: bigint) => !ctx.get && (count > 4096n || !(ctx.stdoutIsTTY || ctx.json));

  if (opts.prefix !== undefined) {
    const len = parsePrefixLength(opts.prefix, parent.version);
    const count = set.subnetCount(parent, len);
    if (limit !== null && count > limit) {
      throw new CliError(
        `${parent} splits into ${count} /${len}s, more than --limit ${limit}: raise --limit or pass --all`,
        EXIT.INPUT,
      );
    }
    if (stream(count)) {
      await streamEqualSplit(ctx, parent, len, undefined, { set, report, render });
      return;
    }
    emit(ctx, report.splitRecord(set.splitByPrefix(parent, len), 'prefix'), render);
    return;
  }
  if (opts.count !== undefined) {
    if (!/^[1-9][0-9]*$/.test(opts.count)) throw new UsageError(`--count: "${opts.count}" is not a whole number of at least 1`);
    const n = BigInt(opts.count);
    const len = set.countSplitLength(parent, n);
    if (limit !== null && n > limit) {
      throw new CliError(`--count ${n} is more than --limit ${limit} subnets: raise --limit or pass --all`, EXIT.INPUT);
    }
    if (stream(n)) {
      await streamEqualSplit(ctx, parent, len, n, { set, report, render });
      return;
    }
    emit(ctx, report.splitRecord(set.splitIntoCount(parent, Number(n)), 'count'), render);
    return;
  }
  const hosts = parseCountList(opts.hosts!, '--hosts');
  emit(ctx, report.splitRecord(set.splitByHosts(parent, hosts), 'hosts'), render);
}

interface Modules {
  set: typeof import('../../core/planning.js');
  report: typeof import('../../core/split-report.js');
  render: typeof import('../render/split.js');
}

function emit(ctx: Context, rec: SplitRecord, render: Modules['render']): void {
  if (ctx.json) ctx.jsonLine(rec);
  else if (ctx.stdoutIsTTY) ctx.out.write(ctx.fit(render.renderSplitTTY(rec, ctx.style, ctx.width)));
  else ctx.out.write(render.renderSplitPlain(rec));
}

/**
 * Many equal subnets: streamed (one CIDR a line, or one JSON object written in
 * pieces) rather than built as a plan. With `count`, only the first `count` /len
 * subnets are taken (--count) and the rest of the network is reported free.
 */
async function streamEqualSplit(ctx: Context, parent: Prefix, len: number, count: bigint | undefined, m: Modules): Promise<void> {
  const json = ctx.json ? m.render.splitJsonPieces(m.report.equalSplitFrame(parent, len, count)) : undefined;
  if (json) ctx.out.write(json.open);
  let n = 0;
  for (const p of m.set.subnetsOf(parent, len)) {
    if (count !== undefined && BigInt(n) >= count) break;
    if (ctx.out.closed) return;
    if (json) ctx.out.write(m.render.splitSubnetJson(m.report.subnetRecord(p, null, n), n));
    else ctx.line(p.toString());
    if (++n % 4096 === 0) await ctx.out.flushAndDrain();
  }
  if (json) ctx.out.write(json.close);
}

/** Split a --hosts list "100,50,20" into strict positive integers. */
export function parseCountList(text: string, what: string): bigint[] {
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((p) => {
    if (!/^[1-9][0-9]*$/.test(p)) throw new UsageError(`${what}: "${p}" is not a whole number of at least 1`);
    return BigInt(p);
  });
}
