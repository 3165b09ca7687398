// The compact serialisation (RFC 7515 section 7.1, RFC 7516 section 7.1): parts,
// strict base64url and JSON objects, read so that every error says exactly what is wrong.

import { parseJsonSafely, quoteInput, WebInputError } from '../errors.js';

/** Longest token netkit reads. Tokens travel in HTTP headers, which servers cap at 8-16 KB. */
export const MAX_TOKEN_LENGTH = 65536;

/** base64url to bytes; the caller has checked the alphabet and length. */
export function base64urlDecode(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function base64urlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}


export interface CompactToken {
  /** The token text as read (trimmed, any "Bearer " prefix removed). */
  text: string;
  format: 'JWS' | 'JWE';
  /** The base64url parts, as in the token. */
  parts: string[];
  header: Record<string, unknown>;
  /** Claims of a JWS; null for a JWE (its payload is ciphertext). */
  payload: Record<string, unknown> | null;
  /** Length in bytes of the decoded signature (JWS) or ciphertext (JWE). */
  signatureBytes: number;
}

const PART_NAMES_JWS = ['header', 'payload', 'signature'];
const PART_NAMES_JWE = ['header', 'encrypted key', 'initialisation vector', 'ciphertext', 'authentication tag'];

/** Strip what people paste along with a token: whitespace, `Authorization:` and `Bearer `. */
export function cleanToken(raw: string): string {
  let t = raw.trim();
  t = t.replace(/^authorization\s*:\s*/i, '');
  t = t.replace(/^bearer\s+/i, '');
  return t.trim();
}

function malformed(token: string, reason: string): WebInputError {
  return new WebInputError(`invalid JWT ${quoteInput(token)}: ${reason}`);
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Check one part is base64url (RFC 7515 section 2: no padding) and decode it. */
function decodePart(token: string, part: string, offset: number, name: string): Uint8Array {
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
    if (!ok) {
      const ch = part[i]!;
      const shown = quoteInput(String.fromCodePoint(part.codePointAt(i)!));
      const hint =
        ch === '=' ? ": base64url in a JWT has no '=' padding" : ch === '+' || ch === '/' ? `: '${ch}' is base64, base64url uses '-' and '_'` : '';
      throw malformed(token, `${name} is not base64url: character ${shown} at position ${offset + i}${hint}`);
    }
  }
  if (part.length % 4 === 1) throw malformed(token, `${name} is not base64url: ${part.length} character${part.length === 1 ? '' : 's'} cannot encode whole bytes (a length of 4n+1 never does)`);
  // RFC 4648 section 3.5: the bits past the last whole byte are zero. Otherwise the same
  // bytes have a second spelling, which lenient decoders accept and strict ones refuse.
  const spare = part.length % 4 === 2 ? 15 : part.length % 4 === 3 ? 3 : 0;
  if (spare !== 0) {
    const last = B64URL.indexOf(part[part.length - 1]!);
    if ((last & spare) !== 0) {
      throw malformed(
        token,
        `${name} is not canonical base64url: its last character '${part[part.length - 1]}' at position ${offset + part.length - 1} sets bits past the last byte (the one spelling of these bytes ends in '${B64URL[last & ~spare]}')`,
      );
    }
  }
  try {
    return base64urlDecode(part);
  } catch {
    throw malformed(token, `${name} is not base64url`);
  }
}

export const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonObject(token: string, bytes: Uint8Array, name: string): Record<string, unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw malformed(token, `${name} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = parseJsonSafely(text, name);
  } catch (e) {
    throw malformed(token, (e as Error).message);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformed(token, `${name} is JSON but not an object (${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})`);
  }
  return value as Record<string, unknown>;
}

/** Read a compact JWS (3 parts) or JWE (5 parts); throws WebInputError with the reason. */
export function parseCompact(raw: string): CompactToken {
  if (raw.length > MAX_TOKEN_LENGTH * 2) {
    // Say so before even trimming a huge input.
    throw new WebInputError(`invalid JWT: ${raw.length} characters is longer than the ${MAX_TOKEN_LENGTH} netkit reads (tokens travel in HTTP headers of a few KB)`);
  }
  const token = cleanToken(raw);
  if (token.length === 0) throw new WebInputError('invalid JWT "": the token is empty');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw malformed(token, `${token.length} characters is longer than the ${MAX_TOKEN_LENGTH} netkit reads (tokens travel in HTTP headers of a few KB)`);
  }
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    const hint = parts.length === 2 ? " (an unsigned token still ends in '.')" : '';
    throw malformed(
      token,
      `${parts.length} part${parts.length === 1 ? '' : 's'} separated by '.'; a signed JWT (JWS) has 3, header.payload.signature, an encrypted one (JWE) 5${hint}`,
    );
  }
  const format = parts.length === 3 ? 'JWS' : 'JWE';
  const names = format === 'JWS' ? PART_NAMES_JWS : PART_NAMES_JWE;
  const offsets: number[] = [];
  parts.reduce((off, p) => (offsets.push(off), off + p.length + 1), 0);
  // Header first, then payload, then the rest: the error names the most basic problem.
  const part = (i: number) => decodePart(token, parts[i]!, offsets[i]!, names[i]!);
  if (parts[0]!.length === 0) throw malformed(token, 'the header is empty');
  const header = decodeJsonObject(token, part(0), 'header');
  if (typeof header.alg !== 'string') {
    throw malformed(token, header.alg === undefined ? 'the header has no "alg" (algorithm)' : 'the header\'s "alg" is not a string');
  }
  if (format === 'JWE') {
    if (typeof header.enc !== 'string') throw malformed(token, 'five parts make a JWE, but the header has no "enc" (content encryption)');
    const rest = [1, 2, 3, 4].map(part);
    return { text: token, format, parts, header, payload: null, signatureBytes: rest[2]!.length };
  }
  if (parts[1]!.length === 0) throw malformed(token, 'the payload is empty (a detached payload cannot be decoded)');
  const payload = decodeJsonObject(token, part(1), 'payload');
  return { text: token, format, parts, header, payload, signatureBytes: part(2).length };
}
