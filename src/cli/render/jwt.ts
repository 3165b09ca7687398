// Human views of a decoded and a verified JWT. Token content is attacker-controlled
// text: it is shown as JSON through core's safeJson (C0, C1, bidi and line separators
// escaped) and every message that may quote it through safeText, so it cannot drive the terminal.

import { safeJson as coreSafeJson, safeText } from '../../core/safe-text.js';
import type { JwtDecodeReport, JwtVerifyReport } from '../../web/jwt.js';
import type { Style } from './style.js';

/** A value as JSON, safe to show (core's safeJson; `undefined` shown as such). */
export function safeJson(v: unknown, indent?: number): string {
  return v === undefined ? 'undefined' : coreSafeJson(v, undefined, indent);
}

function indentBlock(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

export function renderJwtDecode(r: JwtDecodeReport, style: Style): string {
  const out: string[] = [];
  if (r.encrypted) {
    out.push(`${style.bold('encrypted JWT (JWE)')}: ${safeText(r.algorithmDescription)}`);
    out.push('');
    out.push(style.bold('header'));
    out.push(indentBlock(safeJson(r.header, 2), '  '));
    out.push('');
    out.push(`${style.dim('payload')}  encrypted: ${r.signatureBytes} bytes of ciphertext, readable only with the decryption key`);
    return out.join('\n') + '\n';
  }
  const signed = r.algorithm === 'none' ? style.red('unsigned JWT') : style.bold('signed JWT (JWS)');
  out.push(`${signed}, alg ${safeJson(r.algorithm)}: ${safeText(r.algorithmDescription)}`);
  out.push('');
  out.push(style.bold('header'));
  out.push(indentBlock(safeJson(r.header, 2), '  '));
  out.push(style.bold('payload'));
  out.push(indentBlock(safeJson(r.payload, 2), '  '));
  if (r.claims.length) {
    out.push('');
    out.push(style.bold('claims'));
    const nameW = Math.max(...r.claims.map((c) => c.name.length));
    const valueW = Math.min(40, Math.max(...r.claims.map((c) => safeJson(c.value).length)));
    for (const c of r.claims) {
      let meaning = safeText(c.meaning);
      if (c.claim === 'exp' && r.expired) meaning = style.red(meaning);
      if (c.claim === 'nbf' && r.notYetValid) meaning = style.red(meaning);
      const value = `${safeJson(c.value).padEnd(valueW)}  `;
      out.push(`  ${style.cyan(safeText(c.claim).padEnd(3))}  ${style.dim(safeText(c.name).padEnd(nameW))}  ${value}${meaning}`);
    }
  }
  out.push('');
  out.push(
    `${style.dim('signature')}  ${r.signatureBytes} bytes, not checked by decode: 'netkit jwt verify' checks it with the key`,
  );
  if (r.warnings.length) {
    out.push('');
    for (const w of r.warnings) out.push(`${style.yellow('!')} ${safeText(w)}`);
  }
  return out.join('\n') + '\n';
}

export function renderJwtVerify(r: JwtVerifyReport, style: Style): string {
  const out: string[] = [];
  out.push(r.valid ? style.green(safeText(r.reason)) : `${style.red('invalid')}: ${safeText(r.reason)}`);
  out.push(`${style.dim('header ')}  ${safeJson(r.header)}`);
  out.push(`${style.dim('payload')}  ${safeJson(r.payload)}`);
  return out.join('\n') + '\n';
}
