// Which certificates an encrypted DNS server may present: the system's CAs (Node's
// bundled roots), plus NODE_EXTRA_CA_CERTS (Node's own convention), plus --tls-ca FILE.
// Verification is never switched off. A failed check becomes one line naming the
// problem (expired, unknown CA, wrong host), for status ERROR and exit 9.

import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { InputError } from '../../core/errors.js';

export interface TlsOptions {
  /** The name the certificate must carry (SNI too); default: the host as given. */
  hostname?: string;
  /** PEM text of extra CAs (--tls-ca). */
  ca?: string[];
}

/** A --tls-ca file or NODE_EXTRA_CA_CERTS that cannot be used: an input error (exit 2), reported by main.ts as it is. */
export class TlsCaError extends InputError {
  override readonly name = 'TlsCaError';
}

/** Read a CA file (PEM); throws TlsCaError naming the file and the problem. */
export function readCaFile(file: string, what = '--tls-ca'): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TlsCaError(`${what} ${JSON.stringify(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new TlsCaError(`${what} ${JSON.stringify(file)}: holds no PEM certificate`);
  return text;
}

/**
 * The CA list for a connection. Node adds NODE_EXTRA_CA_CERTS only to its default store,
 * which a `ca` option replaces, so the file is read here to keep it.
 */
export function trustedCas(extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const cas = [...tls.rootCertificates];
  const file = env.NODE_EXTRA_CA_CERTS;
  if (file) {
    try {
      cas.push(readCaFile(file, 'NODE_EXTRA_CA_CERTS'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we (by ignoring it).
    }
  }
  return [...cas, ...extra];
}

/** The certificate problem in words, or undefined when the error is not about a certificate. */
export function certificateProblem(e: NodeJS.ErrnoException & { reason?: string }, host: string): string | undefined {
  switch (e.code) {
    case 'CERT_HAS_EXPIRED':
      return 'certificate expired';
    case 'CERT_NOT_YET_VALID':
      return 'certificate not yet valid';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'certificate signed by an unknown CA (add it with --tls-ca FILE)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `certificate is not for ${host} (wrong host; --tls-hostname names the expected one)`;
    case 'CERT_REVOKED':
      return 'certificate revoked';
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
    case 'INVALID_CA':
      return `certificate rejected (${e.code})`;
    default:
      return undefined;
  }
}
