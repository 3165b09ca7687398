// Human views of a decoded and a verified JWT. Token content is attacker-controlled
// text: it is shown as JSON through core's safeJson (C0, C1, bidi and line separators
// escaped) and every message that may quote it through safeText, so it cannot drive the terminal.

import { safeJson as coreSafeJson, safeText } from '../../core/safe-text.js';
import type { JwtDecodeReport, JwtVerifyReport } from '../../web/jwt.js';
import type { Style } from './style.js';
import { padEndVisible } from './style.js';
import { fitLines, wrapWords } from './wrap.js';

/** A value as JSON, safe to show (core's safeJson; `undefined` shown as such). */
export function safeJson(v: unknown, indent?: number): string {
  return v === undefined ? 'undefined' : coreSafeJson(v, undefined, indent);
}

function indentBlock(text: string, by: string, width = Infinity): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .map((l) => (Number.isFinite(width) ? wrapWords(l, width, /^ */.exec(l)![0].length + 2).join('\n') : l))
    .join('\n');
}

/** A warning line: `! text`, wrapped under its text on a terminal. */
function warning(text: string, style: Style, width: number): string {
  return wrapWords(`${style.yellow('!')} ${text}`, width, 2).join('\n');
}

/**
 * The decoded token. With a finite `width` (a terminal's) every line fits it: long JSON
 * lines wrap under themselves, a claim's value wraps in its column and its meaning after it.
 */
export function renderJwtDecode(r: JwtDecodeReport, style: Style, width = Infinity): string {
  const out: string[] = [];
  if (r.encrypted) {
    out.push(`${style.bold('encrypted JWT (JWE)')}: ${safeText(r.algorithmDescription)}`);
    out.push('');
    out.push(style.bold('header'));
    out.push(indentBlock(safeJson(r.header, 2), '  ', width));
    out.push('');
    out.push(`${style.dim('payload')}  encrypted: ${r.signatureBytes} bytes of ciphertext, readable only with the decryption key`);
    return fitLines(out.join('\n'), width) + '\n';
  }
  const signed = r.algorithm === 'none' ? style.red('unsigned JWT') : style.bold('signed JWT (JWS)');
  out.push(`${signed}, alg ${safeJson(r.algorithm)}: ${safeText(r.algorithmDescription)}`);
  out.push('');
  out.push(style.bold('header'));
  out.push(indentBlock(safeJson(r.header, 2), '  ', width));
  out.push(style.bold('payload'));
  out.push(indentBlock(safeJson(r.payload, 2), '  ', width));
  if (r.claims.length) {
    out.push('');
    out.push(style.bold('claims'));
    const nameW = Math.max(...r.claims.map((c) => c.name.length));
    const valueW = Math.min(40, Math.max(...r.claims.map((c) => safeJson(c.value).length)));
    for (const c of r.claims) {
      let meaning = safeText(c.meaning);
      if (c.claim === 'exp' && r.expired) meaning = style.red(meaning);
      if (c.claim === 'nbf' && r.notYetValid) meaning = style.red(meaning);
      const lead = `  ${style.cyan(safeText(c.claim).padEnd(3))}  ${style.dim(safeText(c.name).padEnd(nameW))}  `;
      if (!Number.isFinite(width)) {
        out.push(`${lead}${safeJson(c.value).padEnd(valueW)}  ${meaning}`);
        continue;
      }
      out.push(...claimLines(lead, 2 + Math.max(3, safeText(c.claim).length) + 2 + nameW + 2, safeJson(c.value), valueW, meaning, width));
    }
  }
  out.push('');
  out.push(
    `${style.dim('signature')}  ${r.signatureBytes} bytes, not checked by decode: 'netkit jwt verify' checks it with the key`,
  );
  if (r.warnings.length) {
    out.push('');
    for (const w of r.warnings) out.push(warning(safeText(w), style, width));
  }
  return fitLines(out.join('\n'), width) + '\n';
}

/**
 * One claim's row on a terminal `width` wide: the value wraps inside its column and the
 * meaning beside it; where the two cannot stand side by side (a long value on a narrow
 * terminal) the value takes the row's whole room and the meaning follows under it.
 */
function claimLines(lead: string, at: number, value: string, valueW: number, meaning: string, width: number): string[] {
  const room = Math.max(width - at, 16);
  const pad = ' '.repeat(at);
  if (valueW + 2 + 16 <= room) {
    const vs = wrapWords(value, valueW);
    const ms = wrapWords(meaning, room - valueW - 2);
    const lines: string[] = [];
    for (let i = 0; i < Math.max(vs.length, ms.length); i++) {
      const m = ms[i] ?? '';
      lines.push(`${i === 0 ? lead : pad}${m ? padEndVisible(vs[i] ?? '', valueW) + '  ' + m : (vs[i] ?? '')}`.trimEnd());
    }
    return lines;
  }
  const lines = wrapWords(value, room).map((l, i) => (i === 0 ? lead : pad) + l);
  if (meaning) lines.push(...wrapWords(meaning, room).map((l) => pad + l));
  return lines;
}

export function renderJwtVerify(r: JwtVerifyReport, style: Style, width = Infinity): string {
  const out: string[] = [];
  out.push(r.valid ? style.green(safeText(r.reason)) : `${style.red('invalid')}: ${safeText(r.reason)}`);
  out.push(`${style.dim('header ')}  ${safeJson(r.header)}`);
  out.push(`${style.dim('payload')}  ${safeJson(r.payload)}`);
  return fitLines(out.join('\n'), width) + '\n';
}
