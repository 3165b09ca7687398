// One error family for everything netkit refuses. Modelled on Go's net/netip:
// the message names what was being parsed, the input (quoted, escaped) and the rule
// that was broken, in lower case, on one line. Every domain error (addresses, DNS
// names, route tables, tokens and cookies, CLI usage) extends InputError, which
// carries its exit code, so the CLI maps the whole family in one place.

import { safeText } from './safe-text.js';

/** What kind of text was being read when the error happened. */
export type InputKind =
  | 'IPv4 address'
  | 'IPv6 address'
  | 'IP address'
  | 'prefix length'
  | 'netmask'
  | 'mask'
  | 'network'
  | 'range'
  | 'zone'
  | 'domain name'
  | 'record type'
  | 'name server';

/** Longest piece of input an error message shows; longer input is cut and its length said. */
export const MAX_QUOTED = 80;

/** Characters of quoted text, an escape (`\x1b`, `\u202e`, `\n`, `\"`) counting as the one it stands for. */
function shownLength(part: string): number {
  const escapes = part.match(/\\(?:x[0-9a-f]{2}|u\{[0-9a-f]+\}|u[0-9a-f]{4}|.)/g);
  return escapes === null ? part.length : part.length - escapes.reduce((n, e) => n + e.length - 1, 0);
}

/**
 * Make a message safe to show: every part of it in double quotes (the input, or a part
 * of it a reason names: `zone "..."`, `--limit: "..."`) is cut at MAX_QUOTED characters
 * like the quoted input, with its length said, and control characters, bidi controls
 * and line separators are escaped (safeText). Parts quoted already (quoteInput) are
 * left as they are, so this is idempotent.
 */
export function safeReason(reason: string): string {
  // \u2026 is the ellipsis: written as an escape so the CLI bundle stays ASCII (scripts/build.mjs).
  const cut = reason.replace(/"((?:[^"\\]|\\.)*)"(\u2026\(\d+ characters\))?/g, (whole, part: string, said?: string) =>
    said === undefined && shownLength(part) > MAX_QUOTED ? `"${part.slice(0, MAX_QUOTED)}"…(${part.length} characters)` : whole,
  );
  return safeText(cut);
}

/**
 * The base of every error about input netkit refuses. Its message is made safe to show
 * once, here (safeReason: escaped, quoted parts cut), so it is one line a terminal
 * cannot act on, whoever built it. `exitCode` is what the CLI exits with: 2 (usage or
 * input error) unless a subclass says otherwise.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(safeReason(message));
    this.exitCode = exitCode;
  }
}

/**
 * Quote a piece of user input for an error message: control characters, quotes and
 * non-ASCII are escaped so the message stays one readable line whatever came in,
 * and very long input is cut with its length said.
 */
export function quoteInput(input: string): string {
  let s = input;
  let suffix = '';
  if (s.length > MAX_QUOTED) {
    suffix = `…(${input.length} characters)`;
    s = s.slice(0, MAX_QUOTED);
  }
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp > 0x7e) out += cp > 0xffff ? `\\u{${cp.toString(16)}}` : '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"' + suffix;
}

/** A value the core refused to parse or compute with. */
export class NetkitError extends InputError {
  override readonly name: string = 'NetkitError';
  /** The text that was refused, exactly as given. */
  readonly input: string;
  /**
   * What was wrong with it, without the input (for example `octet 300 is greater than 255`);
   * a part of the input it names is escaped and cut as in the message.
   */
  readonly reason: string;
  /** Zero-based character offset into `input` where the problem is, when known. */
  readonly position: number | undefined;
  /** What kind of value the input was read as. */
  readonly kind: InputKind;

  constructor(kind: InputKind, input: string, reason: string, position?: number) {
    const shown = safeReason(reason);
    super(`invalid ${kind} ${quoteInput(input)}: ${shown}`);
    this.kind = kind;
    this.input = input;
    this.reason = shown;
    this.position = position;
  }
}

/** A well-formed request that cannot be carried out (for example a prefix longer than the family allows). */
export class NetkitRangeError extends InputError {
  override readonly name: string = 'NetkitRangeError';
  constructor(message: string) {
    super(message);
  }
}
