// The one gate between untrusted text and a terminal. Input, file names, DNS data,
// interface names and JWT claims all pass through here before they are shown: a
// terminal acts on control characters (ESC[2J clears the screen, an OSC sequence sets
// the title or writes the clipboard), a newline would split a one-line message, and a
// bidi override makes "gnp.exe" display as "exe.png".

/** True for a code point a terminal may act on or that reorders or breaks the line. */
export function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp < 0x20 || // C0, including \n, \r, \t and ESC
    (cp >= 0x7f && cp <= 0x9f) || // DEL and C1 (U+009B is a one-byte CSI)
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2066 && cp <= 0x2069) || // bidi isolates
    cp === 0x200e || cp === 0x200f || cp === 0x061c || // bidi marks
    cp === 0x2028 || cp === 0x2029 // line and paragraph separators
  );
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  switch (ch) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
  }
  const cp = ch.charCodeAt(0);
  return cp < 0x100 ? '\\x' + cp.toString(16).padStart(2, '0') : '\\u' + cp.toString(16).padStart(4, '0');
}

/**
 * Make untrusted text safe to show: every character a terminal acts on (C0, DEL, C1),
 * bidi controls and line separators become visible escapes (`\x1b`, `\u009b`, `\u202e`,
 * `\n`). Everything else, non-ASCII letters included, is kept. A backslash is kept as
 * it is, so this is for display, not a reversible encoding; `max` cuts long text and
 * says how long it was.
 */
export function safeText(text: string, max?: number): string {
  let s = text;
  let suffix = '';
  if (max !== undefined && s.length > max) {
    suffix = `…(${text.length} characters)`;
    s = s.slice(0, max);
  }
  return (UNSAFE.test(s) ? s.replace(UNSAFE_ALL, escapeOne) : s) + suffix;
}

const JSON_UNSAFE_ALL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with the characters it leaves raw but a terminal acts on (DEL, C1,
 * bidi controls, U+2028/U+2029) written as `\uXXXX` too, so a JSON line shown on a
 * terminal is as safe as the table. The result is still valid JSON of the same value.
 */
export function safeJson(value: unknown, replacer?: (key: string, value: unknown) => unknown, indent?: number): string {
  const s = JSON.stringify(value, replacer as never, indent) ?? 'null';
  return s.replace(JSON_UNSAFE_ALL, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
