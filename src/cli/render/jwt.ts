// Human views of a decoded and a verified JWT. Token content is attacker-controlled
// text: it is shown as JSON (control characters escaped) so it cannot drive the terminal.

import type { JwtDecodeReport, JwtVerifyReport } from '../../web/jwt.js';
import type { Style } from './style.js';

/** JSON with the characters JSON.stringify leaves raw but terminals act on (DEL, C1, bidi) escaped too. */
export function safeJson(v: unknown, indent?: number): string {
  const s = JSON.stringify(v, null, indent) ?? 'undefined';
  return s.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
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
    out.push(`${style.bold('encrypted JWT (JWE)')}: ${r.algorithmDescription}`);
    out.push('');
    out.push(style.bold('header'));
    out.push(indentBlock(safeJson(r.header, 2), '  '));
    out.push('');
    out.push(`${style.dim('payload')}  encrypted: ${r.signatureBytes} bytes of ciphertext, readable only with the decryption key`);
    return out.join('\n') + '\n';
  }
  const signed = r.algorithm === 'none' ? style.red('unsigned JWT') : style.bold('signed JWT (JWS)');
  out.push(`${signed}, alg ${safeJson(r.algorithm)}: ${r.algorithmDescription}`);
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
      let meaning = c.meaning;
      if (c.claim === 'exp' && r.expired) meaning = style.red(meaning);
      if (c.claim === 'nbf' && r.notYetValid) meaning = style.red(meaning);
      const value = `${safeJson(c.value).padEnd(valueW)}  `;
      out.push(`  ${style.cyan(c.claim.padEnd(3))}  ${style.dim(c.name.padEnd(nameW))}  ${value}${meaning}`);
    }
  }
  out.push('');
  out.push(
    `${style.dim('signature')}  ${r.signatureBytes} bytes, not checked by decode: 'netkit jwt verify' checks it with the key`,
  );
  if (r.warnings.length) {
    out.push('');
    for (const w of r.warnings) out.push(`${style.yellow('!')} ${w}`);
  }
  return out.join('\n') + '\n';
}

export function renderJwtVerify(r: JwtVerifyReport, style: Style): string {
  const out: string[] = [];
  out.push(r.valid ? style.green(r.reason) : `${style.red('invalid')}: ${r.reason}`);
  out.push(`${style.dim('header ')}  ${safeJson(r.header)}`);
  out.push(`${style.dim('payload')}  ${safeJson(r.payload)}`);
  return out.join('\n') + '\n';
}
