// netkit completion bash|zsh|fish: a completion script generated from netkit's own
// command definitions (commands, options, closed value lists), so it cannot drift.

import type { Command } from 'commander';
import type { Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { UsageError } from '../errors.js';

const SHELLS = ['bash', 'zsh', 'fish'];

export const register: Register = (program, wrap) => {
  program
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      `
Examples:
  source <(netkit completion bash)                 (this shell; put it in ~/.bashrc to keep it)
  netkit completion bash > ~/.local/share/bash-completion/completions/netkit
  netkit completion zsh > "\${fpath[1]}/_netkit"    (then restart zsh)
  netkit completion fish > ~/.config/fish/completions/netkit.fish`,
    )
    .action(wrap((ctx: Context, _opts: OutputOptions, shell: string) => run(ctx, program, shell)));
};

async function run(ctx: Context, program: Command, shell: string): Promise<void> {
  if (!SHELLS.includes(shell)) {
    throw new UsageError(`completion: unknown shell ${JSON.stringify(shell.slice(0, 40))}: choose bash, zsh or fish`);
  }
  const { commandSpec } = await import('../completion/spec.js');
  const scripts = await import('../completion/scripts.js');
  const root = commandSpec(program);
  const text = shell === 'bash' ? scripts.bashScript(root) : shell === 'zsh' ? scripts.zshScript(root) : scripts.fishScript(root);
  ctx.out.write(text);
}
