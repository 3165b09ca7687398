// netkit.1: the man page, generated at build time from the command definitions (the
// same tree as completion and --help) and the reference docs' prose (the first
// paragraph under each command's heading in docs/*.md). Written in the man(7) macros.

import { allCommands, type CommandSpec } from './spec.js';

/** Text for roff: backslashes escaped, non-ASCII as \[uXXXX], no line starting a request. */
export function roffText(s: string): string {
  let out = '';
  for (const ch of s.replace(/\\/g, '\\e')) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch === '-' ? '\\-' : ch;
    else out += `\\[u${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  // a line starting with . or ' would be a request
  return out.replace(/^([.'])/gm, '\\&$1');
}

/** Markdown inline markup to plain text: `code`, **bold**, [link](url). */
function plainMarkdown(s: string): string {
  return s
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/**
 * The first prose paragraph under the heading that names the command (`netkit grep
 * <networks> ...`, `netkit jwt decode`), in any of the docs, or null.
 */
export function docsParagraph(docs: readonly string[], path: readonly string[]): string | null {
  const name = ['netkit', ...path].join(' ');
  const heading = new RegExp(`^#+ \`?${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(\`| |$)`);
  // the most specific heading first (#### `netkit gateway [-4|-6]` before ### `netkit gateway`, `netkit route`)
  const found: { level: number; lines: string[]; at: number }[] = [];
  for (const text of docs) {
    const lines = text.split('\n');
    lines.forEach((l, at) => {
      if (heading.test(l)) found.push({ level: /^#+/.exec(l)![0].length, lines, at });
    });
  }
  found.sort((a, b) => b.level - a.level);
  for (const { lines, at } of found) {
    let inCode = false;
    for (let i = at + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.startsWith('```')) inCode = !inCode;
      if (inCode || l.startsWith('```')) continue;
      if (l.startsWith('#')) break; // the next section: no prose under this heading
      if (l.trim() === '' || /^[|\-*>$ ]/.test(l)) continue;
      const para: string[] = [];
      for (let j = i; j < lines.length && lines[j]!.trim() !== '' && !lines[j]!.startsWith('```'); j++) para.push(lines[j]!.trim());
      return plainMarkdown(para.join(' '));
    }
  }
  return null;
}

function optionItem(flags: string): string {
  // "-m, --mask <mask>" -> bold flags, italic value
  return flags
    .split(/,\s*/)
    .map((f) => {
      const [flag, ...value] = f.split(' ');
      return `\\fB${roffText(flag!)}\\fR${value.length ? ` \\fI${roffText(value.join(' ').replace(/[<>[\]]/g, ''))}\\fR` : ''}`;
    })
    .join(', ');
}

function commandSection(c: CommandSpec, docs: readonly string[]): string[] {
  const out: string[] = [];
  out.push(`.SS "${roffText(['netkit', ...c.path].join(' '))} ${roffText(c.usage).replace(/"/g, '')}"`);
  out.push(roffText(c.description));
  const prose = docsParagraph(docs, c.path);
  if (prose) out.push('.PP', roffText(prose));
  const options = c.options.filter((o) => o.long !== '--help');
  if (options.length) {
    out.push('.PP', 'Options:', '.RS');
    for (const o of options) out.push('.TP', optionItem(o.flags), roffText(o.description));
    out.push('.RE');
  }
  if (c.epilogue) {
    // Examples and notes keep their lines (nofill), indented
    out.push('.PP', '.RS', '.nf');
    for (const l of c.epilogue.split('\n')) out.push(l.trim() === '' ? '' : roffText(l));
    out.push('.fi', '.RE');
  }
  return out;
}

export interface ManOptions {
  version: string;
  /** YYYY-MM-DD */
  date: string;
  /** The text of docs/*.md, for the prose. */
  docs: readonly string[];
}

export function manPage(root: CommandSpec, o: ManOptions): string {
  const lines: string[] = [
    `.\\" netkit.1: generated at build time by scripts/man.mjs from netkit's command definitions and docs/*.md; edit those, not this.`,
    `.TH NETKIT 1 "${o.date}" "netkit ${o.version}" "User Commands"`,
    '.SH NAME',
    `netkit \\- ${roffText(root.description)}`,
    '.SH SYNOPSIS',
    '.B netkit',
    '.I command',
    '[\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.br',
    '.B netkit help',
    '.I command',
    '.SH DESCRIPTION',
    roffText(
      'netkit answers the everyday questions of IP networking from the command line: how an address splits into network and host, ' +
        'whether hosts share a network, what DNS says, how traffic leaves this host, and what a list of addresses covers. ' +
        'Every command prints a human view on a terminal and, with --json, JSON Lines for scripts; --get prints chosen fields, tab-separated.',
    ),
    '.SH COMMANDS',
  ];
  for (const c of allCommands(root).slice(1)) {
    if (c.subcommands.length) {
      lines.push(`.SS "${roffText(['netkit', ...c.path].join(' '))}"`, roffText(c.description));
      const prose = docsParagraph(o.docs, c.path);
      if (prose) lines.push('.PP', roffText(prose));
      continue;
    }
    lines.push(...commandSection(c, o.docs));
  }
  lines.push(
    '.SH OUTPUT',
    'stdout carries only results; errors and warnings go to stderr, each error one line beginning',
    '.BR "netkit: " .',
    roffText('--json prints one compact JSON object per result (JSON Lines); the field names are listed in docs/json.md. ' +
      'Colour only on a terminal, never with NO_COLOR, --no-color or --json. On a terminal the output fits its width; into a pipe it is not wrapped.'),
    '.SH EXIT STATUS',
    '.TP', '.B 0', 'success, or "yes": same network, something matched, every query answered',
    '.TP', '.B 1', 'a clean "no": different networks, no match, no such name, no default route',
    '.TP', '.B 2', 'usage or input error, one line on stderr',
    '.TP', '.B 9', 'DNS: no reply or a server failure, as in dig',
    '.TP', '.B 70', 'a bug in netkit (please report it)',
    '.SH ENVIRONMENT',
    '.TP', '.B NO_COLOR', 'no colour, even on a terminal',
    '.TP', '.B FORCE_COLOR', 'colour even into a pipe (FORCE_COLOR=0 turns it off)',
    '.TP', '.B NETKIT_DEBUG', 'print the stack of an internal error',
    '.SH SEE ALSO',
    '.BR ipcalc\\-ng (1),',
    '.BR dig (1),',
    '.BR grepcidr (1),',
    '.BR prips (1),',
    '.BR ip (8);',
    'the reference in the docs directory of netkit\\(aqs source: one page per command, docs/json.md for the JSON fields.',
  );
  return lines.join('\n') + '\n';
}
