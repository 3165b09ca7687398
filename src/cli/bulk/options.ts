// The output options merge, intersect and exclude share (and compare in part): the
// form of the list, firewall shaping and wrapping, --count; checked in one place so
// every command refuses the same combinations with the same words.

import type { Command } from 'commander';
import type { OutputOptions } from '../context.js';
import { UsageError } from '../errors.js';
import { safeText } from '../../core/safe-text.js';
import type { EmitOptions } from './emit.js';

export interface BlockOptions extends OutputOptions {
  ranges?: boolean;
  count?: boolean;
  join?: string;
  prefix?: string;
  suffix?: string;
  minPrefix?: string;
  prefixes?: string;
}

export function blockOptions(cmd: Command, { count = true }: { count?: boolean } = {}): Command {
  cmd
    .option('--ranges', 'print ranges FIRST-LAST instead of CIDR blocks')
    .option('--join <sep>', "print the blocks on one line, separated by SEP (', ' for WireGuard's AllowedIPs)")
    .option('--prefix <text>', "print TEXT before every block ('add blocklist ' for ipset restore)")
    .option('--suffix <text>', "print TEXT after every block (' -j DROP' for iptables)")
    .option('--min-prefix <n>', 'no block shorter than /N: split larger ones (iprange --min-prefix)')
    .option('--prefixes <list>', 'only these prefix lengths, e.g. 16,24,32: split into them (an ipset hash:net); /32 and /128 always');
  if (count) cmd.option('--count', 'print, for every input and then the result, its addresses and blocks');
  return cmd;
}

/**
 * The prefix lengths a firewall set accepts, per family: next[len] is the shortest
 * allowed length >= len (a block of /len is printed as /next[len] pieces). The
 * family's longest length (/32, /128) is always allowed, as iprange does: single
 * addresses need it.
 */
export interface PrefixLengths {
  v4: Uint8Array;
  v6: Uint8Array;
  /** The lengths as given, for messages. */
  text: string;
  /** The longest length asked for (checked against the families printed). */
  longest: number;
}

function nextTable(bits: number, allowed: (len: number) => boolean): Uint8Array {
  const next = new Uint8Array(bits + 1);
  let n = bits;
  for (let len = bits; len >= 0; len--) {
    if (allowed(len)) n = len;
    next[len] = n;
  }
  return next;
}

/** --min-prefix N: no block shorter than /N. */
export function minPrefixLengths(text: string): PrefixLengths {
  const n = lengthArg(text, '--min-prefix');
  return { v4: nextTable(32, (l) => l >= n), v6: nextTable(128, (l) => l >= n), text, longest: n };
}

/** --prefixes N,M,...: only these lengths (and the family's longest). */
export function prefixesLengths(text: string): PrefixLengths {
  const parts = text.split(',');
  if (text.trim() === '') throw new UsageError('--prefixes: the list of prefix lengths is empty');
  const set = new Set(parts.map((p) => lengthArg(p.trim(), '--prefixes')));
  return { v4: nextTable(32, (l) => set.has(l)), v6: nextTable(128, (l) => set.has(l)), text, longest: Math.max(...set) };
}

function lengthArg(p: string, what: string): number {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 128) {
    throw new UsageError(`${what}: ${JSON.stringify(safeText(p, 40))} is not a prefix length (0 to 32 for IPv4, 0 to 128 for IPv6)`);
  }
  return Number(p);
}

export interface Shaped {
  emit: EmitOptions;
  lengths: PrefixLengths | null;
}

/** Check the combination and parse the lengths; throws a usage error naming the command. */
export function shapeOptions(name: string, opts: BlockOptions): Shaped {
  const wraps = opts.prefix !== undefined || opts.suffix !== undefined;
  // --get prints fields of the JSON records: it goes with what --json goes with
  const json = opts.json || opts.get !== undefined;
  if (opts.join !== undefined && (opts.count || json)) throw new UsageError(`${name}: --join goes with the list of blocks or ranges, not --count or --json`);
  if (opts.ranges && opts.count) throw new UsageError(`${name}: --ranges and --count are alternatives: choose one`);
  if (wraps && (opts.count || json)) throw new UsageError(`${name}: --prefix and --suffix go with the list of blocks or ranges, not --count or --json`);
  if (opts.minPrefix !== undefined && opts.prefixes !== undefined) throw new UsageError(`${name}: --min-prefix and --prefixes are alternatives: choose one`);
  const shaping = opts.minPrefix !== undefined ? '--min-prefix' : opts.prefixes !== undefined ? '--prefixes' : null;
  if (shaping !== null && opts.ranges) throw new UsageError(`${name}: ${shaping} shapes CIDR blocks, not --ranges`);
  const lengths = opts.minPrefix !== undefined ? minPrefixLengths(opts.minPrefix) : opts.prefixes !== undefined ? prefixesLengths(opts.prefixes) : null;
  return {
    lengths,
    emit: { form: opts.ranges ? 'ranges' : 'cidrs', join: opts.join, before: opts.prefix, after: opts.suffix, lengths },
  };
}

/** Which option set the lengths (for messages). */
export function lengthsOption(opts: BlockOptions): string {
  return opts.minPrefix !== undefined ? '--min-prefix' : '--prefixes';
}
