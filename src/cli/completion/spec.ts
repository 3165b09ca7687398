// The command tree as plain data, read from the commander definitions themselves, so
// that completion scripts and the man page cannot drift from what netkit accepts.

import type { Command } from 'commander';
import { RECORD_TYPES } from '../../core/dnsname.js';
import { SIGNING_ALGORITHMS } from '../../web/jwt.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** What a value completes to: a closed list, this host's interface names, files, or nothing to offer (a number, a mask, a URL). */
export type ValueKind = { list: readonly string[] } | 'interfaces' | 'files';
// Option values that are files (or sets, which may be files); other free values (<n>,
// <mask>, <url>, <fields>) get no file names offered.
const FILE_VALUES = /<(file|set|networks)>/;

export interface OptionSpec {
  long: string | null;
  short: string | null;
  flags: string;
  description: string;
  /** The option takes a value (`--mask <mask>`). */
  takesValue: boolean;
  values: ValueKind;
}

export interface ArgumentSpec {
  name: string;
  required: boolean;
  variadic: boolean;
  values: ValueKind;
}

export interface CommandSpec {
  /** The words from netkit to here: [] for netkit itself, ['jwt', 'decode'] for a subcommand. */
  path: string[];
  name: string;
  usage: string;
  description: string;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  subcommands: CommandSpec[];
  /** The text after the options in --help (examples, exit codes). */
  epilogue: string;
}

// The closed value lists, by "command path + option or <argument>". Everything else
// that takes a value completes to file names (sets, keys, token files, stdin's '-').
const CLOSED: Record<string, readonly string[]> = {
  'resolve --type': RECORD_TYPES,
  'jwt sign --alg': SIGNING_ALGORITHMS,
  'jwt verify --alg': SIGNING_ALGORITHMS,
  'completion <shell>': SHELLS,
};
// Options whose value is one of this host's interfaces.
const INTERFACE_OPTIONS = new Set(['--interface', '--dev', '--iface']);

function valuesFor(key: string, long: string | null, choices: readonly string[] | undefined, flags?: string): ValueKind {
  if (choices && choices.length) return { list: choices };
  const closed = CLOSED[key];
  if (closed) return { list: closed };
  if (long && INTERFACE_OPTIONS.has(long)) return 'interfaces';
  if (flags !== undefined && !FILE_VALUES.test(flags)) return { list: [] };
  return 'files';
}

/** The help text a command shows after its options ('after' help text). */
function epilogueOf(cmd: Command): string {
  // commander keeps added help text as 'afterHelp' listeners; run them into a string.
  let text = '';
  const listeners = (cmd as unknown as { listeners(e: string): ((ctx: { error: boolean; command: Command }) => void)[] }).listeners('afterHelp');
  const ctx = { error: false, command: cmd, write: (s: string) => (text += s) };
  for (const l of listeners) {
    // addHelpText registers (context) => { const t = typeof text === 'function' ? text(ctx) : text; context.write(t) }
    try {
      l(ctx as never);
    } catch {
      // a listener that needs more than the context gives nothing
    }
  }
  return text.replace(/^\n+/, '').replace(/\s+$/, '');
}

export function commandSpec(cmd: Command, path: string[] = []): CommandSpec {
  const key = path.join(' ');
  const options: OptionSpec[] = cmd.options
    .filter((o) => !o.hidden)
    .map((o) => ({
      long: o.long ?? null,
      short: o.short ?? null,
      flags: o.flags,
      description: o.description,
      takesValue: o.required || o.optional,
      values: valuesFor(`${key} ${o.long ?? o.short}`, o.long ?? null, o.argChoices, o.flags),
    }));
  options.push({ long: '--help', short: '-h', flags: '-h, --help', description: 'display help for command', takesValue: false, values: 'files' });
  const args: ArgumentSpec[] = cmd.registeredArguments.map((a) => ({
    name: a.name(),
    required: a.required,
    variadic: a.variadic,
    values: valuesFor(`${key} <${a.name()}>`, null, a.argChoices),
  }));
  return {
    path,
    name: cmd.name(),
    usage: cmd.usage(),
    description: cmd.description(),
    options,
    arguments: args,
    subcommands: cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => commandSpec(c, [...path, c.name()])),
    epilogue: epilogueOf(cmd),
  };
}

/** Every command of the tree, depth first, the root first. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.subcommands.flatMap(allCommands)];
}
