// netkit same-net: are these hosts on one network, or must traffic go through a router?

import { sameNetReport } from '../../core/report.js';
import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { EXIT } from '../errors.js';
import { renderSameNet } from '../render/same-net.js';

interface Options extends OutputOptions {
  mask?: string;
  bits?: boolean;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('same-net')
    .description('are all the addresses on one network? exit 0 yes, 1 no (for scripts)')
    .argument('<addr...>', "two or more addresses, bare with --mask, or each with its own prefix (10.0.0.1/24); '-' reads them from stdin, one a line")
    .option('-m, --mask <mask>', 'the mask to compare under: 24, /24, 255.255.255.0 or a wildcard')
    .option('--bits', 'show the bits where the addresses diverge');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit same-net 210.170.1.1 210.170.1.2 --mask 255.255.255.0     (exit 0: same network)
  netkit same-net 210.170.1.1 210.170.2.1 --mask 255.255.255.0     (exit 1: a router is needed)
  netkit same-net 10.0.0.1/24 10.0.0.200/24
  if netkit same-net "$ip" "$gw" -m 24 >/dev/null; then echo on-link; fi
  netkit same-net - --mask 24 < hosts.txt`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, addrs: string[]): Promise<void> {
  // One question about all the addresses: a bad one (argument or stdin line) is the answer's input error.
  const report = sameNetReport((await ctx.expandInputs(addrs)).map((i) => i.text), { mask: opts.mask });
  if (ctx.json) ctx.jsonLine(report);
  else ctx.out.write(ctx.fit(renderSameNet(report, ctx.style, { bits: Boolean(opts.bits), width: ctx.width })));
  // A network or broadcast address is no host's: the answer stands, the trap is named.
  // The answer first, then the note on it (the same order on a terminal and in `2>&1`).
  if (report.warnings.length > 0) ctx.out.flush();
  for (const w of report.warnings) ctx.warn(`warning: ${w}`);
  ctx.setExit(report.sameNetwork ? EXIT.OK : EXIT.NO);
}
