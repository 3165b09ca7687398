// netkit help [COMMAND...]: the same text as `netkit COMMAND --help` (nested commands
// too: `netkit help jwt decode`), in place of commander's one-level help command.

import type { Command } from 'commander';
import type { Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { UsageError } from '../errors.js';

export const register: Register = (program, wrap) => {
  program.helpCommand(false);
  program
    .command('help')
    .description('show the help of a command: the same text as netkit COMMAND --help')
    .argument('[command...]', 'a command, and a subcommand of it (jwt decode)')
    .action(wrap((ctx: Context, _opts: OutputOptions, words: string[]) => run(ctx, program, words)));
};

function run(ctx: Context, program: Command, words: string[]): void {
  let cmd = program;
  for (const w of words) {
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) {
      const where = cmd === program ? '' : ` of '${[...pathOf(cmd)].join(' ')}'`;
      throw new UsageError(`help: no command ${JSON.stringify(w.slice(0, 40))}${where} (see 'netkit --help')`);
    }
    cmd = sub;
  }
  // the help writer is commander's (configureOutput in main), as for --help; flush ours first
  ctx.out.flush();
  cmd.outputHelp();
}

function pathOf(cmd: Command): string[] {
  const out: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) out.unshift(c.name());
  return out;
}
