// Names to addresses for `netkit route`, through the system resolver (dns.lookup:
// /etc/hosts, nsswitch, mDNS where configured), the way ping or ssh would find them.

import { lookup } from 'node:dns/promises';

export interface LookupFailure {
  /** ENOTFOUND / ENODATA: the name does not exist; EAI_AGAIN: no answer from the resolver; else another failure. */
  reason: 'no such name' | 'no reply' | 'failed';
  code: string | undefined;
  message: string;
}

/** Every address the system resolver gives for a name, in its order, each once; or why none. */
export async function lookupAll(
  name: string,
  resolve: (name: string) => Promise<{ address: string }[]> = (n) => lookup(n, { all: true, verbatim: true }),
): Promise<string[] | LookupFailure> {
  try {
    const found = await resolve(name);
    return [...new Set(found.map((f) => f.address))];
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOTFOUND' || code === 'ENODATA' ? 'no such name' : code === 'EAI_AGAIN' ? 'no reply' : 'failed';
    return { reason, code, message: (e as Error).message };
  }
}
