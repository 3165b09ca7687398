// netkit list: every address of a network or range, one a line (as prips does), with
// a guard against printing 2^64 lines by accident.

import { limitOf, limitOptions, outputOptions, type LimitOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT } from '../errors.js';

interface Options extends OutputOptions, LimitOptions {}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('list')
    .description('print every address of networks or ranges, one a line (like prips)')
    .argument('<network...>', "a network (192.0.2.0/28), a range (192.0.2.10-192.0.2.20) or an address; '-' reads them from stdin, one a line");
  limitOptions(cmd, 'addresses');
  outputOptions(cmd, { color: false });
  cmd.addHelpText(
    'after',
    `
Every address is printed, network and broadcast addresses included.

Examples:
  netkit list 192.0.2.0/29
  netkit list 10.0.0.250-10.0.1.5
  netkit list 2001:db8::/120 --json
  netkit list 10.0.0.0/8 --all | wc -l`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, targets: string[]): Promise<void> {
  const { parseSetEntry } = await import('../../core/sets.js');
  const { Address } = await import('../../core/address.js');
  const limit = limitOf(opts);
  const inputs = await ctx.expandInputs(targets);
  const ranges: ReturnType<typeof parseSetEntry>[] = [];
  for (const { text, where } of inputs) {
    // An argument that does not parse is a usage error; a bad stdin line is reported and passed over (exit 2).
    if (where === undefined) ranges.push(parseSetEntry(text));
    else {
      try {
        ranges.push(parseSetEntry(text));
      } catch (e) {
        ctx.reportInputError(e, where);
      }
    }
  }
  targets = inputs.map((i) => i.text);
  const total = ranges.reduce((s, r) => s + r.size(), 0n);
  if (limit !== null && total > limit) {
    const what = targets.length === 1 ? targets[0] : `these ${targets.length} inputs`;
    const verb = targets.length === 1 ? 'has' : 'have';
    throw new CliError(`${what} ${verb} ${total} addresses, more than --limit ${limit}: raise --limit or pass --all`, EXIT.INPUT);
  }
  const { ByteOut, putIPv4 } = await import('../bulk/io.js');
  for (const r of ranges) {
    if (ctx.json) {
      let v = r.first.toBigInt();
      const last = r.last.toBigInt();
      for (let n = 0; v <= last && !ctx.out.closed; v++, n++) {
        ctx.jsonLine({ address: Address.fromBigInt(r.version, v).toString() });
        if (n % 4096 === 4095) await ctx.out.flushAndDrain();
      }
      continue;
    }
    const out = new ByteOut(ctx, 1 << 20);
    if (r.version === 4) {
      const last = r.last.w3;
      for (let v = r.first.w3; v <= last && !out.closed; v++) {
        out.room(16);
        const p = putIPv4(out.buf, out.pos, v);
        out.buf[p] = 10;
        out.pos = p + 1;
        if (out.needsDrain) await out.drain();
      }
    } else {
      let v = r.first.toBigInt();
      const last = r.last.toBigInt();
      for (; v <= last && !out.closed; v++) {
        out.ascii(Address.fromBigInt(6, v).toString() + '\n');
        if (out.needsDrain) await out.drain();
      }
    }
    await out.end();
  }
}
