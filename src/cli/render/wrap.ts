// Fitting text to the terminal's width: one place for every renderer (and help).
// Colour escapes do not count towards the width. Into a pipe the context's width is
// Infinity and nothing here changes the text.

import { stripSgr, visibleLength } from './style.js';

const SGR = /\x1b\[[0-9;]*m/y;

/** Cut `s` after `n` visible characters (escape codes kept whole): [head, rest]. */
export function cutVisible(s: string, n: number): [string, string] {
  let i = 0;
  let seen = 0;
  while (i < s.length && seen < n) {
    SGR.lastIndex = i;
    const m = SGR.exec(s);
    if (m) {
      i += m[0].length;
      continue;
    }
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    seen++;
  }
  // escapes right after the cut belong to the head (a reset closing a colour)
  for (;;) {
    SGR.lastIndex = i;
    const m = SGR.exec(s);
    if (!m) break;
    i += m[0].length;
  }
  return [s.slice(0, i), s.slice(i)];
}

/**
 * Word-wrap one paragraph to `width` columns: breaks at spaces; a word longer than a
 * line is cut. Continuation lines start with `indent` spaces.
 */
export function wrapWords(text: string, width: number, indent = 0): string[] {
  if (!Number.isFinite(width) || visibleLength(text) <= width) return [text];
  const pad = ' '.repeat(Math.min(indent, Math.max(0, width - 8)));
  const out: string[] = [];
  let line = '';
  let lineLen = 0;
  const room = () => width - lineLen;
  // keep runs of spaces attached to the word before them, so alignment inside a line survives
  for (const token of text.split(/(?<= )(?=\S)/)) {
    let word = token;
    let len = visibleLength(word);
    const trimmedLen = visibleLength(word.trimEnd());
    if (lineLen > 0 && trimmedLen > room()) {
      out.push(line.trimEnd());
      line = pad;
      lineLen = pad.length;
    }
    while (trimmedLen > 0 && visibleLength(word.trimEnd()) > room()) {
      // a word longer than a whole line: cut it
      const [head, rest] = cutVisible(word, room());
      out.push(line + head);
      line = pad;
      lineLen = pad.length;
      word = rest;
    }
    len = visibleLength(word);
    line += word;
    lineLen += len;
  }
  if (line.trim() !== '') out.push(line.trimEnd());
  return out;
}

/**
 * Fit every line of `text` to `width`. A line too long is wrapped with a hanging indent:
 * under its value when it looks like `key   value` (a gap of two or more spaces that
 * leaves room for text after it), else under its own first character.
 */
export function fitLines(text: string, width: number): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .map((line) => {
      if (visibleLength(line) <= width) return line;
      const plain = stripSgr(line);
      const lead = /^ */.exec(plain)![0].length;
      const gap = / {2,}(?=\S)/g;
      gap.lastIndex = lead;
      const m = gap.exec(plain);
      const indent = m && m.index + m[0].length <= width - 24 ? m.index + m[0].length : lead;
      return wrapWords(line, width, indent).join('\n');
    })
    .join('\n');
}
