// A name server written as a URL picks the transport, as doggo's users write it:
//   udp://ADDR[:PORT]   tcp://ADDR[:PORT]   tls://HOST-OR-ADDR[:PORT] (853, RFC 7858)
//   https://HOST[:PORT]/PATH (443, RFC 8484)
// A bare address stays plain DNS (parseServerSpec). Pure: no node: imports.

import { parseServerSpec } from '../../core/dnsname.js';
import { NetkitError } from '../../core/errors.js';

export type TransportName = 'udp' | 'tcp' | 'tls' | 'https';

export interface ServerUrl {
  transport: TransportName;
  /** An IP literal, or a host name when `isName`. */
  host: string;
  port: number;
  isName: boolean;
  /** DoH: the path (with any query string) the POST goes to, e.g. `/dns-query`. */
  path?: string;
  /** The text as given, for labels. */
  text: string;
}

const DEFAULT_PORT: Readonly<Record<TransportName, number>> = { udp: 53, tcp: 53, tls: 853, https: 443 };

/** Parse `--server` text: a bare `ADDR[:PORT]` (UDP, TCP on truncation) or a URL. */
export function parseServerUrl(text: string): ServerUrl {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(text);
  if (!m) {
    // "https:/x" or "tls:host": a scheme without "//" is a typo, not a host "tls" with a port.
    const typo = /^(udp|tcp|tls|https?):/i.exec(text);
    if (typo) throw new NetkitError('name server', text, `write the URL as ${typo[1].toLowerCase()}://HOST`, 0);
    const s = parseServerSpec(text);
    return { transport: 'udp', host: s.host, port: s.port, isName: s.isName, text };
  }
  const scheme = m[1].toLowerCase();
  let rest = m[2];
  if (scheme === 'http') throw new NetkitError('name server', text, 'DNS over HTTPS needs https:// (plain http is not supported)');
  if (scheme !== 'udp' && scheme !== 'tcp' && scheme !== 'tls' && scheme !== 'https') {
    throw new NetkitError('name server', text, `unknown scheme "${m[1]}" (use udp://, tcp://, tls:// or https://)`, 0);
  }
  const transport: TransportName = scheme;
  let path: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    if (transport !== 'https') throw new NetkitError('name server', text, `a ${scheme}:// server takes no path`, m[1].length + 3 + slash);
    path = rest.slice(slash);
    rest = rest.slice(0, slash);
  } else if (transport === 'https') {
    throw new NetkitError('name server', text, 'a DNS over HTTPS URL needs a path, such as https://HOST/dns-query');
  }
  if (/[?#@]/.test(rest)) throw new NetkitError('name server', text, 'user names, queries and fragments go after the path, not in the host');
  let spec;
  try {
    spec = parseServerSpec(rest);
  } catch (e) {
    if (e instanceof NetkitError) {
      const pos = e.position === undefined ? undefined : e.position + m[1].length + 3;
      throw new NetkitError('name server', text, e.reason, pos);
    }
    throw e;
  }
  // parseServerSpec defaults to 53; a URL without a port takes its scheme's port.
  const explicitPort = /^\[[^\]]*\]:|^[^:[\]]*:[^:]*$/.test(rest);
  return {
    transport,
    host: spec.host,
    port: explicitPort ? spec.port : DEFAULT_PORT[transport],
    isName: spec.isName,
    ...(path !== undefined ? { path } : {}),
    text,
  };
}
