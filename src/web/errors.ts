// The web layer's one error: input it refuses (a malformed token, an unusable key, a
// Set-Cookie string it cannot read). The message names the input and the rule, on one
// line. It is an InputError (exit 2), so the CLI needs no wrapper to report it.

import { InputError, quoteInput } from '../core/errors.js';

export class WebInputError extends InputError {
  override readonly name: string = 'WebInputError';
  constructor(message: string) {
    super(message);
  }
}

/** Quote user input for a message: escaped, one line, long input cut with its length said. */
export { quoteInput };

/** Nesting depth of JSON text, counted without parsing (strings skipped): a guard before JSON.parse. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/**
 * Integers in JSON text that JSON.parse cannot hold exactly (beyond 2^53), each with
 * the value it becomes: `[["9007199254740993", "9007199254740992"]]`. Strings are skipped.
 */
export function inexactIntegers(text: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.eE\d])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const tok = m[0];
    if (tok.startsWith('"')) continue;
    const n = Number(tok);
    if (BigInt(tok) !== BigInt(n)) out.push([tok, String(n)]);
  }
  return out;
}

/** Deepest JSON nesting netkit reads in a token or claims: real ones stay under 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parse JSON that came from outside, refusing absurd nesting before the parser sees it
 * (so a 10,000-deep payload is a clean error, not a stack overflow further on).
 * `what` names the text in messages (`header`, `payload`, `claims`).
 */
export function parseJsonSafely(text: string, what: string): unknown {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new WebInputError(`${what} JSON nests ${depth} levels deep; netkit reads at most ${MAX_JSON_DEPTH}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message may quote the input (any bytes, any length): keep only the position.
    const pos = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new WebInputError(`${what} is not valid JSON${pos !== undefined ? ` (at character ${pos})` : ''}`);
  }
}
