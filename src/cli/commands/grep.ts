// netkit grep: the lines of a log or list that hold an address inside given networks,
// as grepcidr does, streaming in constant memory.

import { existsSync } from 'node:fs';
import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { EXIT } from '../errors.js';
import { UsageError } from '../errors.js';

interface Options extends OutputOptions {
  invert?: boolean;
  count?: boolean;
  anchored?: boolean;
  includeNoAddress?: boolean;
  file?: string[];
  regexp?: string[];
  filename?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('grep')
    .description('print the lines that hold an address inside any of the networks (like grepcidr); exit 0 matched, 1 none')
    .argument('[networks]', 'networks, addresses or ranges (A-B), separated by commas or spaces')
    .argument('[file...]', "files to search; stdin when none is named (or '-')")
    .option('-v, --invert', 'select lines with addresses, none of them inside the networks')
    .option('-c, --count', 'print only the number of selected lines')
    .option('-x, --anchored', 'only look at the address at the start of each line')
    .option('-i, --include-no-address', 'with -v, also select lines without any address (as grepcidr -i)')
    .option('-f, --file <file>', 'read networks from a file, one a line (# comments); repeatable', collect)
    .option('-e, --regexp <networks>', 'networks given as an option (then every argument is a file); repeatable', collect)
    .option('--no-filename', 'never prefix lines with their file name (the default with several files)');
  outputOptions(cmd, { json: false, color: false });
  cmd.addHelpText(
    'after',
    `
An address is a field of letters, digits, dots and colons bounded by anything else:
"1.2.3.4:80" and "[2001:db8::1]:443" hold addresses; "host1.2.3.4x" and "1.2.3.4." do not.
A line matches when any of its addresses is inside any of the networks.

Examples:
  netkit grep 10.0.0.0/8,192.168.0.0/16 /var/log/auth.log
  netkit grep -c 2001:db8::/32 access.log
  netkit grep -v -f allowlist.txt < connections.txt
  netkit grep 192.0.2.10-192.0.2.20 *.log

Exit codes: 0 a line was selected, 1 none was, 2 an error (the rest is still searched).`,
  );
  cmd.action(wrap(run));
};

async function run(ctx: Context, opts: Options, networks: string | undefined, files: string[]): Promise<void> {
  const { setReader } = await import('../bulk/sets.js');
  const { IPv4Lookup, IPv6Lookup } = await import('../../core/ranges.js');
  const { GrepEngine } = await import('../../bulk/grep-engine.js');
  const { ByteOut, readLines } = await import('../bulk/io.js');

  const reader = setReader(ctx, 256);
  const inputs = [...files];
  if (opts.file || opts.regexp) {
    if (networks !== undefined) inputs.unshift(networks);
  }
  // stdin can be read once: as the networks (-f -) or as the input, not both
  const stdinUses = (opts.file ?? []).filter((f) => f === '-').length + (inputs.length === 0 ? 1 : inputs.filter((f) => f === '-').length);
  if (stdinUses > 1) {
    throw new UsageError(
      (opts.file ?? []).includes('-')
        ? "grep: '-f -' reads the networks from stdin: name the files to search"
        : "grep: '-' (stdin) can be given only once",
    );
  }
  if (opts.file || opts.regexp) {
    for (const f of opts.file ?? []) await reader.addFile(f);
    for (const e of opts.regexp ?? []) reader.addInline(e);
  } else {
    if (networks === undefined) throw new UsageError('grep: give the networks to look for (or -f FILE)');
    try {
      reader.addInline(networks);
    } catch (e) {
      // `netkit grep blocklist.txt access.log`: the networks were meant to come from a file
      if (existsSync(networks)) throw new UsageError(`grep: ${networks} is a file, not networks: read networks from it with -f ${networks}`);
      throw e;
    }
  }
  // With -v a bad line in the networks would let its addresses' lines through: the
  // dangerous direction (as for exclude's set to take out), so print nothing at all.
  if (opts.invert && reader.errors > 0) {
    throw new UsageError(
      `grep: nothing printed: ${reader.errors} ${reader.errors === 1 ? 'entry' : 'entries'} of the networks could not be read (above), and -v would print the lines they hold`,
    );
  }
  if (reader.entries === 0) {
    throw new UsageError(reader.errors > 0 ? 'grep: no valid network to look for' : 'grep: the list of networks is empty');
  }
  if (inputs.length === 0) inputs.push('-');

  const out = new ByteOut(ctx);
  const engine = new GrepEngine(
    new IPv4Lookup(reader.v4),
    new IPv6Lookup(reader.v6),
    {
      invert: Boolean(opts.invert),
      includeNoAddress: Boolean(opts.includeNoAddress),
      anchored: Boolean(opts.anchored),
      count: Boolean(opts.count),
    },
    out,
  );
  if (opts.includeNoAddress && !opts.invert) throw new UsageError('grep: -i (--include-no-address) goes with -v');
  const names = inputs.length > 1 && opts.filename !== false;
  for (const input of inputs) {
    engine.setPrefix(names ? Buffer.from(`${input === '-' ? '(standard input)' : input}:`) : null);
    try {
      await readLines(
        ctx,
        input,
        (buf, start, end) => {
          if (out.closed) return;
          engine.scan(buf, start, end);
          if (out.needsDrain) return out.drain();
        },
        // the input paused (tail -f): show what matched so far now, not when a buffer fills
        () => {
          out.flush();
          if (out.needsDrain) return out.drain();
        },
      );
    } catch (e) {
      ctx.reportInputError(e);
    }
    if (out.closed) break;
  }
  if (opts.count) out.ascii(`${engine.selected}\n`);
  await out.end();
  ctx.setExit(engine.selected > 0 ? EXIT.OK : EXIT.NO);
}
