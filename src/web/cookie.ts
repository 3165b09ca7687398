// Cookies, explained: what a Set-Cookie header asks the browser to keep, and whether
// the browser would keep it and send it back with a given request, as browsers do it
// today (RFC 6265bis). The line is read here (name/value split, what makes browsers
// ignore it); storing and sending (domain and path matching, the public suffix list, the
// __Host-/__Secure- prefixes) are tough-cookie's; this module turns its answers into
// reasons in plain words. Pure: no node:* imports, the clock is a parameter.

import * as tc from 'tough-cookie';
import { quoteInput, WebInputError } from './errors.js';
import { humanTime, isoTime, relativeTime } from './time.js';

/** Longest Set-Cookie value netkit reads (browsers drop cookies whose name and value pass 4096 bytes). */
export const MAX_SET_COOKIE_LENGTH = 65536;
/** RFC 6265bis section 5.6: name plus value over 4096 bytes, and the browser ignores the cookie. */
const MAX_NAME_VALUE_BYTES = 4096;
/** RFC 6265bis section 5.5: a cookie's lifetime is capped at 400 days. */
const MAX_AGE_CAP_MS = 400 * 86400_000;

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface CookieReport {
  /** The Set-Cookie value as given. */
  input: string;
  name: string;
  value: string;
  /** The Domain attribute (lower case, leading dot dropped), or null: a host-only cookie. */
  domain: string | null;
  /** The Path attribute, or null when absent or ignored (the default path applies). */
  path: string | null;
  /** The Expires attribute as ISO 8601 UTC, or null. */
  expires: string | null;
  /** The Max-Age attribute in seconds, or null. */
  maxAge: number | null;
  /** When the cookie expires, Max-Age winning over Expires, capped at 400 days ahead as browsers do; null for a session cookie. */
  expiresAt: string | null;
  /** Deleted when the browser closes (no Expires, no Max-Age). */
  session: boolean;
  secure: boolean;
  httpOnly: boolean;
  /** As written and understood, or null when absent or not one of Strict, Lax, None. */
  sameSite: SameSite | null;
  partitioned: boolean;
  /** Sent only to the host that set it (no Domain). */
  hostOnly: boolean;
  /** The name prefix with rules attached, if any. */
  prefix: '__Host-' | '__Secure-' | null;
  /** The moment "now" was taken as, ISO 8601. */
  now: string;
  /** Where browsers will reject the cookie or surprise you. */
  warnings: string[];
}

const utf8 = new TextEncoder();

/** Set-Cookie attributes as written: name (lower case) and raw value, in order. */
function rawAttributes(input: string): { name: string; value: string | null }[] {
  const parts = input.split(';').slice(1);
  return parts
    .map((p) => {
      const eq = p.indexOf('=');
      const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
      return { name, value: eq < 0 ? null : p.slice(eq + 1).trim() };
    })
    .filter((a) => a.name !== '');
}

function lastAttr(attrs: { name: string; value: string | null }[], name: string): { name: string; value: string | null } | undefined {
  // RFC 6265 section 5.3: when an attribute repeats, the last one counts.
  for (let i = attrs.length - 1; i >= 0; i--) if (attrs[i]!.name === name) return attrs[i];
  return undefined;
}

function cleanSetCookie(raw: string): string {
  return raw.replace(/^\s*set-cookie\s*:\s*/i, '').trim();
}

/** A pasted request header that is not a Set-Cookie value: say what it is and which command reads it. */
function pastedRequestHeader(text: string): string | null {
  if (/^\s*cookie\s*:/i.test(text)) {
    return "this is a Cookie request header (the name=value pairs a browser sends back), not a Set-Cookie value: 'netkit cookie parse' and 'netkit cookie match' read the Set-Cookie response headers a server sends, one cookie each";
  }
  if (/^\s*authorization\s*:/i.test(text)) {
    return "this is an Authorization request header, not a Set-Cookie value: 'netkit jwt decode' reads a bearer token from it";
  }
  return null;
}

/**
 * The cookie's name and value as RFC 6265bis section 5.6 splits them: the text before the
 * first ";", cut at its first "=" (none: a nameless cookie whose value is all of it), with
 * spaces and tabs trimmed. "=a=bar" is a nameless cookie with value "a=bar", not a=bar.
 */
function nameValue(text: string): { name: string; value: string } {
  const semi = text.indexOf(';');
  const pair = semi < 0 ? text : text.slice(0, semi);
  const eq = pair.indexOf('=');
  const trim = (v: string) => v.replace(/^[ \t]+|[ \t]+$/g, '');
  return eq < 0 ? { name: '', value: trim(pair) } : { name: trim(pair.slice(0, eq)), value: trim(pair.slice(eq + 1)) };
}

function badCookie(input: string, reason: string): WebInputError {
  return new WebInputError(`invalid Set-Cookie ${quoteInput(input)}: ${reason}`);
}

/** A private-use character standing in for a tab while tough-cookie parses. */
const TAB_STAND_IN = '\ue009';

/** Tabs at the edges of names and values are whitespace, trimmed as browsers do; the rest stand in. */
function tabsStoodIn(text: string): string {
  const edge = (v: string) => v.replace(/^[ \t]+|[ \t]+$/g, '');
  return text
    .split(';')
    .map((seg) => {
      const eq = seg.indexOf('=');
      return eq < 0 ? edge(seg) : `${edge(seg.slice(0, eq))}=${edge(seg.slice(eq + 1))}`;
    })
    .join(';')
    .replace(/\t/g, TAB_STAND_IN);
}

function restoreTabs(c: tc.Cookie): void {
  const back = (v: string) => v.split(TAB_STAND_IN).join('\t').replace(/^[ \t]+|[ \t]+$/g, '');
  c.key = back(c.key);
  c.value = back(c.value);
  if (typeof c.path === 'string') c.path = back(c.path);
  if (typeof c.domain === 'string') c.domain = back(c.domain);
  if (c.extensions) c.extensions = c.extensions.map(back);
}

/** Parse with tough-cookie, refusing what browsers ignore outright; returns the cookie and the cleaned text. */
function readCookie(raw: string): { cookie: tc.Cookie; text: string } {
  if (raw.length > MAX_SET_COOKIE_LENGTH) {
    throw new WebInputError(
      `invalid Set-Cookie: ${raw.length} characters is longer than the ${MAX_SET_COOKIE_LENGTH} netkit reads (browsers ignore cookies past ${MAX_NAME_VALUE_BYTES} bytes)`,
    );
  }
  const header = pastedRequestHeader(raw);
  if (header !== null) throw badCookie(raw, header);
  const text = cleanSetCookie(raw);
  if (text === '') throw badCookie(raw, 'it is empty');
  // RFC 6265bis section 5.6 step 1: a control character (other than tab) makes the browser ignore the whole line.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      throw badCookie(text, `control character ${quoteInput(text[i]!)} at position ${i}: browsers ignore the whole cookie`);
    }
  }
  // Tab is allowed (browsers keep it inside a value, trim it at the edges like a space);
  // tough-cookie refuses it, so it parses a stand-in that is put back afterwards.
  const hasTab = text.includes('\t');
  const cookie = tc.Cookie.parse(hasTab ? tabsStoodIn(text) : text, { loose: true });
  if (!cookie) throw badCookie(text, 'it cannot be read as a Set-Cookie header (name=value, then attributes after ";")');
  if (hasTab) restoreTabs(cookie);
  // tough-cookie splits "=a=bar" as a=bar; browsers as a nameless cookie "a=bar".
  const nv = nameValue(text);
  cookie.key = nv.name;
  cookie.value = nv.value;
  return { cookie, text };
}

function prefixOf(name: string): CookieReport['prefix'] {
  // RFC 6265bis section 5.7 step 22: browsers match the prefixes case-insensitively
  // (so "__host-" cannot slip past the rules); tough-cookie matches them exactly.
  const lower = name.toLowerCase();
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  return null;
}

function sameSiteOf(v: string | undefined): SameSite | null {
  if (v === 'strict') return 'Strict';
  if (v === 'lax') return 'Lax';
  if (v === 'none') return 'None';
  return null;
}

/** When the cookie expires (ms), Max-Age winning, or null for a session cookie. */
function expiryMs(cookie: tc.Cookie, nowMs: number): number | null {
  if (cookie.maxAge !== null && cookie.maxAge !== undefined && cookie.maxAge !== 'Infinity') {
    const ma = cookie.maxAge as number;
    // RFC 6265 section 5.2.2: zero or negative Max-Age means "the earliest representable time".
    return ma <= 0 ? Number.MIN_SAFE_INTEGER : nowMs + ma * 1000;
  }
  if (cookie.expires instanceof Date) return cookie.expires.getTime();
  return null;
}

function isPublicSuffix(domain: string): boolean {
  // tough-cookie answers the registrable domain (eTLD+1) or undefined when `domain` is itself a suffix.
  if (/^[\d.]+$/.test(domain) || domain.includes(':')) return false; // IP literals have no suffix
  try {
    return tc.getPublicSuffix(domain, { allowSpecialUseDomain: true }) === undefined;
  } catch {
    return false;
  }
}

/** RFC 6265bis section 5.6: why browsers ignore a cookie for its name and value alone, or null. */
function ignoredWhy(name: string, value: string): string | null {
  if (name === '' && value === '') return 'empty name and empty value';
  const size = utf8.encode(name).length + utf8.encode(value).length;
  if (size > MAX_NAME_VALUE_BYTES) return `name and value are ${size} bytes, over the ${MAX_NAME_VALUE_BYTES} browsers accept`;
  return null;
}

/**
 * Why every browser refuses to store this cookie whoever sets it, or null: what the
 * parse step ignores, and the storage rules that need Secure (RFC 6265bis section 5.7 for
 * SameSite=None; CHIPS for Partitioned). Each pairs with the parse warning it repeats.
 */
function refusedWhy(r: CookieReport): { reason: string; topic: RegExp } | null {
  const ignored = ignoredWhy(r.name, r.value);
  if (ignored !== null) return { reason: `${ignored}: the browser ignores the cookie`, topic: /: browsers ignore the cookie$/ };
  if (r.sameSite === 'None' && !r.secure) {
    return { reason: 'SameSite=None without Secure: the browser rejects the cookie', topic: /^SameSite=None without Secure/ };
  }
  if (r.partitioned && !r.secure) {
    return { reason: 'Partitioned without Secure: the browser rejects the cookie', topic: /^Partitioned without Secure/ };
  }
  return null;
}

/** Parse one Set-Cookie value and say where browsers will reject it or surprise. */
export function parseSetCookie(raw: string, nowMs: number): CookieReport {
  const { cookie, text } = readCookie(raw);
  const attrs = rawAttributes(text);
  const warnings: string[] = [];
  const name = cookie.key;
  const prefix = prefixOf(name);
  const ext = (cookie.extensions ?? []).map((e) => e.trim());
  const partitioned = ext.some((e) => e.toLowerCase() === 'partitioned');
  const domain = cookie.domain ?? null;
  const path = cookie.path ?? null;
  const sameSite = sameSiteOf(cookie.sameSite);
  const maxAge = typeof cookie.maxAge === 'number' ? cookie.maxAge : null;
  const expiresDate = cookie.expires instanceof Date ? cookie.expires : null;
  const asked = expiryMs(cookie, nowMs);
  // RFC 6265bis section 5.5: browsers cap the lifetime at 400 days; expiresAt is what they keep.
  const exp = asked !== null && asked - nowMs > MAX_AGE_CAP_MS ? nowMs + MAX_AGE_CAP_MS : asked;

  const ignored = ignoredWhy(name, cookie.value);
  if (ignored !== null) warnings.push(`${ignored}: browsers ignore the cookie`);
  else if (name === '' && cookie.value.includes('=')) {
    // RFC 6265bis section 5.6: the first "=" splits, so "=a=bar" is nameless; sent back it reads "a=bar".
    const [n] = cookie.value.split('=');
    warnings.push(`no name, and the value has "=": browsers keep a nameless cookie, send it back as "${cookie.value}", and a server reads that as a cookie named ${quoteInput(n!)}`);
  } else if (name === '') warnings.push('no name (nothing before "="): browsers keep it as a nameless cookie, which servers rarely expect');

  if (sameSite === 'None' && !cookie.secure) warnings.push('SameSite=None without Secure: browsers reject the cookie');
  const ss = lastAttr(attrs, 'samesite');
  if (ss && sameSite === null) {
    warnings.push(`SameSite=${ss.value ?? ''} is not Strict, Lax or None: ignored, as if SameSite were not set`);
  }
  const spelled = prefix !== null && !name.startsWith(prefix) ? ` (the name starts with ${name.slice(0, prefix.length)}, and browsers match the prefix in any case)` : '';
  if (prefix === '__Secure-' && !cookie.secure) warnings.push(`the __Secure- prefix requires Secure${spelled}: browsers reject the cookie`);
  if (prefix === '__Host-') {
    const broken: string[] = [];
    if (!cookie.secure) broken.push('it is not Secure');
    if (domain !== null) broken.push(`it has Domain=${domain}`);
    if (path !== '/') broken.push(path === null ? 'it has no Path=/' : `its Path is ${path}`);
    if (broken.length) warnings.push(`the __Host- prefix requires Secure, Path=/ and no Domain, but ${broken.join(', ')}${spelled}: browsers reject the cookie`);
  }
  if (partitioned && !cookie.secure) warnings.push('Partitioned without Secure: browsers reject the cookie');

  const d = lastAttr(attrs, 'domain');
  if (domain !== null && isPublicSuffix(domain)) {
    warnings.push(`Domain=${domain} is a public suffix: browsers reject a cookie for a whole suffix (it would go to every site under it)`);
  } else if (d && (d.value === null || d.value === '' || d.value === '.')) {
    warnings.push('Domain is empty: ignored, so the cookie is host-only');
  }

  const p = lastAttr(attrs, 'path');
  if (p && path === null) warnings.push(`Path=${p.value ?? ''} does not start with "/": ignored, the default path applies`);

  const e = lastAttr(attrs, 'expires');
  if (e && expiresDate === null) warnings.push(`Expires=${e.value ?? ''} is not a date browsers can read: ignored`);
  const m = lastAttr(attrs, 'max-age');
  if (m && maxAge === null) warnings.push(`Max-Age=${m.value ?? ''} is not a whole number of seconds: ignored`);
  if (maxAge !== null && expiresDate !== null) {
    const fromExpires = expiresDate.getTime();
    if (Math.abs(fromExpires - asked!) > 60_000) {
      warnings.push(`Max-Age and Expires disagree: Max-Age wins, so it expires ${exp! <= nowMs ? 'immediately' : humanTime(exp!)}, not ${humanTime(fromExpires)}`);
    }
  }
  if (exp !== null && exp <= nowMs) {
    const when = exp === Number.MIN_SAFE_INTEGER ? `Max-Age=${maxAge}` : `expired ${relativeTime(exp, nowMs)}`;
    warnings.push(`already expired (${when}): browsers delete the cookie instead of storing it, which is how a server deletes one`);
  } else if (asked !== null && asked - nowMs > MAX_AGE_CAP_MS) {
    warnings.push(`expires more than 400 days ahead: browsers cap the lifetime at 400 days, so it goes on ${humanTime(nowMs + MAX_AGE_CAP_MS)}`);
  }
  for (const x of ext) {
    if (x.toLowerCase() === 'partitioned') continue;
    const attrName = x.split('=')[0]!.trim();
    if (attrName.toLowerCase() === 'priority') continue; // Chrome's Priority: known, harmless
    warnings.push(`unknown attribute ${quoteInput(attrName)}: browsers ignore it`);
  }

  return {
    input: text,
    name,
    value: cookie.value,
    domain,
    path,
    expires: expiresDate ? isoTime(expiresDate.getTime()) : null,
    maxAge,
    expiresAt: exp === null ? null : exp === Number.MIN_SAFE_INTEGER ? isoTime(0) : isoTime(exp),
    session: exp === null,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite,
    partitioned,
    hostOnly: domain === null,
    prefix,
    now: isoTime(nowMs) ?? String(nowMs),
    warnings,
  };
}

// ---------------------------------------------------------------------------------
// Match: stored from one URL, sent to another?

export interface CookieMatchReport {
  /** The cookie's name. */
  cookie: string;
  /** The request the cookie would ride with. */
  url: string;
  /** The response that set the cookie. */
  from: string;
  /** Would the browser store the cookie at all? */
  stored: boolean;
  /** Would it send the cookie with a request to `url`? */
  sent: boolean;
  /** Why, in words. */
  reason: string;
  /** The cookie's scope once stored: the host or Domain, and the path; null when not stored. */
  domain: string | null;
  path: string | null;
  hostOnly: boolean | null;
  /** The page the request came from (--site), or null: the user started it. */
  site: string | null;
  /** The Set-Cookie value as given. */
  input: string;
  /** Parse warnings (see CookieReport.warnings). */
  warnings: string[];
}

/** Read a URL for cookie matching: http(s) or ws(s), with a host. */
export function parseCookieUrl(text: string, what: string): URL {
  let u: URL;
  if (text.length > 8192) throw new WebInputError(`invalid ${what} URL: ${text.length} characters is too long`);
  try {
    u = new URL(text);
  } catch {
    const hint = /^[\w.-]+(:\d+)?(\/.*)?$/.test(text) ? ` (write the scheme: https://${text})` : '';
    throw new WebInputError(`invalid ${what} URL ${quoteInput(text)}: not an absolute URL${hint}`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) {
    throw new WebInputError(`invalid ${what} URL ${quoteInput(text)}: cookies travel over http, https, ws and wss, not ${u.protocol.slice(0, -1)}`);
  }
  if (u.hostname === '') throw new WebInputError(`invalid ${what} URL ${quoteInput(text)}: it has no host`);
  return u;
}

function hostOf(u: URL): string {
  // tough-cookie's canonical form: lower case, punycode, IPv6 without brackets.
  const h = u.hostname.replace(/^\[(.*)\]$/, '$1');
  return tc.canonicalDomain(h) ?? h;
}

function isSecureUrl(u: URL): boolean {
  if (u.protocol === 'https:' || u.protocol === 'wss:') return true;
  // Browsers treat localhost and loopback as secure contexts (tough-cookie: allowSecureOnLocal).
  const h = hostOf(u);
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1';
}

/** Why the browser refused to store the cookie, in the notes' terms. */
function storeRefusal(e: Error, r: CookieReport, fromHost: string, from: URL): string {
  const msg = e.message;
  if (/not in this host's domain/i.test(msg)) {
    return `set by ${fromHost}, which may not set a cookie for Domain=${r.domain} (only for ${fromHost} or a parent domain of it), so the browser rejects it`;
  }
  if (/public suffix/i.test(msg)) {
    return `Domain=${r.domain} is a public suffix: no site may set a cookie for all of it, so the browser rejects it`;
  }
  if (/__Host prefix/i.test(msg)) {
    const w = r.warnings.find((x) => x.startsWith('the __Host- prefix'));
    return w ? w.replace(': browsers reject the cookie', ', so the browser rejects it') : 'the __Host- prefix rules are broken, so the browser rejects it';
  }
  if (/__Secure prefix/i.test(msg)) return 'the __Secure- prefix requires Secure, so the browser rejects it';
  if (/not a secure connection/i.test(msg)) {
    return `Secure, but set over ${from.protocol.slice(0, -1)}: browsers accept Secure cookies only from https (or localhost), so it is rejected`;
  }
  return `the browser rejects it: ${msg.replace(/\s+/g, ' ')}`;
}

/** Where the request comes from, for SameSite. */
export interface RequestContext {
  /** The page making the request; absent: the user started it (typed the URL, a bookmark). */
  site?: string;
  /** A subresource (image, iframe, fetch) rather than a top-level navigation (following a link). */
  subresource?: boolean;
}

/** The registrable domain ("site") of a host: eTLD+1 by the public suffix list, or the host itself. */
function registrable(host: string): string {
  try {
    return tc.getPublicSuffix(host, { allowSpecialUseDomain: true }) ?? host;
  } catch {
    return host;
  }
}

/** Same site in the schemeful sense of RFC 6265bis section 5.2: same scheme, same registrable domain. */
function sameSite(a: URL, b: URL): boolean {
  const secure = (u: URL) => u.protocol === 'https:' || u.protocol === 'wss:';
  return secure(a) === secure(b) && registrable(hostOf(a)) === registrable(hostOf(b));
}

/** Why two URLs are not the same site, in words: the registrable domains or (schemeful same-site) the schemes differ. */
function crossSiteWhy(site: URL, url: URL): string {
  const a = hostOf(site);
  const b = hostOf(url);
  if (registrable(a) === registrable(b)) {
    return `${site.protocol}//${a} is not the same site as ${url.protocol}//${b}: one is https, the other not, and the scheme is part of the site`;
  }
  return `${a} is not the same site as ${b}`;
}

/**
 * Would a browser store this Set-Cookie from `fromText` and send it with a request to
 * `urlText` at `nowMs`? Without `context.site`, the request is a navigation the user
 * started (typed URL), where SameSite does not hold cookies back.
 */
export function matchSetCookie(raw: string, urlText: string, fromText: string, nowMs: number, context: RequestContext = {}): CookieMatchReport {
  const url = parseCookieUrl(urlText, 'request');
  const from = parseCookieUrl(fromText, '--from');
  const site = context.site === undefined ? null : parseCookieUrl(context.site, '--site');
  const crossSite = site !== null && !sameSite(site, url);
  const sameSiteContext = site === null ? undefined : !crossSite ? 'strict' : context.subresource ? 'none' : 'lax';
  const r = parseSetCookie(raw, nowMs);
  const fromHost = hostOf(from);
  const reqHost = hostOf(url);
  const now = new Date(nowMs);
  const head = { cookie: r.name, url: url.href, from: from.href };
  const tail = { site: site?.href ?? null, input: r.input, warnings: r.warnings };
  const notStored = (reason: string, topic: RegExp): CookieMatchReport => ({
    ...head,
    stored: false,
    sent: false,
    reason,
    domain: null,
    path: null,
    hostOnly: null,
    ...tail,
    // The reason already says it: the parse warning on the same rule would only repeat it.
    warnings: r.warnings.filter((w) => !topic.test(w)),
  });

  const jar = new tc.CookieJar(undefined, {
    rejectPublicSuffixes: true,
    looseMode: true,
    prefixSecurity: 'strict',
    allowSpecialUseDomain: true,
    allowSecureOnLocal: true,
    enforceSecureOriginOnStorage: true,
  });
  const refused = refusedWhy(r);
  if (refused !== null) return notStored(refused.reason, refused.topic);
  // tough-cookie enforces the prefixes only in their exact spelling; browsers in any case.
  if (r.prefix !== null && !r.name.startsWith(r.prefix)) {
    const w = r.warnings.find((x) => x.startsWith(`the ${r.prefix} prefix`));
    if (w) return notStored(w.replace(': browsers reject the cookie', ', so the browser rejects it'), /^the __(Host|Secure)- prefix/);
  }
  let stored: tc.Cookie | undefined;
  try {
    // Browsers canonicalise a Unicode Domain to its punycode form, as they do the URL's host;
    // tough-cookie checks the canonical form when storing but keeps the raw one for sending.
    // (The cookie as readCookie parsed it: a tab inside a value survives, and the name/value split is RFC 6265bis's.)
    const toStore = readCookie(r.input).cookie;
    if (toStore.domain) toStore.domain = tc.canonicalDomain(toStore.domain) ?? toStore.domain;
    stored = jar.setCookieSync(toStore, from.href, { now, http: true, ignoreError: false });
  } catch (e) {
    return notStored(storeRefusal(e as Error, r, fromHost, from), /public suffix|^the __(Host|Secure)- prefix/);
  }
  if (!stored) return notStored('the browser ignores it', /^$/);
  const exp = stored.expiryTime(now);
  if (exp !== undefined && exp <= nowMs) {
    const when = r.maxAge !== null ? `Max-Age=${r.maxAge}` : `expired ${relativeTime(exp, nowMs)}`;
    return notStored(`already expired (${when}): the browser deletes the cookie instead of storing it`, /^already expired/);
  }
  const cdomain = stored.domain ?? fromHost;
  const cpath = stored.path ?? '/';
  const hostOnly = Boolean(stored.hostOnly);
  const scope = { domain: cdomain, path: cpath, hostOnly };

  // Expiry was judged above with the injected clock; tough-cookie's getCookies reads the real one.
  const sentCookies = jar.getCookiesSync(url.href, { http: true, expire: false, ...(sameSiteContext ? { sameSiteContext } : {}) });
  const sent = sentCookies.some((c) => c.key === stored!.key);

  const reqPath = url.pathname || '/';
  const domainOk = hostOnly ? reqHost === cdomain : Boolean(tc.domainMatch(reqHost, cdomain, false));
  const pathOk = Boolean(tc.pathMatch(reqPath, cpath));
  const secureOk = !stored.secure || isSecureUrl(url);
  const pathWhy = stored.pathIsDefault ? `no Path, so the path is ${cpath} (the directory of ${from.pathname})` : `Path=${cpath}`;

  if (sent) {
    const who = hostOnly
      ? reqHost === fromHost
        ? `set by ${fromHost} without Domain, and this request goes to ${reqHost} itself`
        : `host-only cookie for ${cdomain}, and this request goes to ${reqHost}`
      : reqHost === cdomain
        ? `set by ${fromHost} for Domain=${cdomain}, and this request goes to ${reqHost}`
        : `set by ${fromHost} for Domain=${cdomain}, which covers its subdomain ${reqHost}`;
    const pathNote = cpath === '/' ? '' : `; ${reqPath} is within ${cpath}`;
    const secNote = stored.secure ? '; Secure, and the request is secure' : '';
    let siteNote = '';
    if (crossSite) {
      const ss = sameSiteOf(stored.sameSite);
      const ctx = `${context.subresource ? 'a cross-site subresource request' : 'a cross-site navigation'} from ${hostOf(site!)}`;
      siteNote =
        ss === 'None'
          ? `; SameSite=None allows ${ctx}`
          : ss === 'Lax'
            ? `; SameSite=Lax allows ${ctx}`
            : `; no SameSite, so ${ctx} carries it (Chrome treats it as Lax${context.subresource ? ' and would not send it' : ''})`;
    }
    return { ...head, stored: true, sent: true, reason: `${who}${pathNote}${secNote}${siteNote}`, ...scope, ...tail };
  }

  let reason: string;
  if (!domainOk) {
    if (hostOnly) {
      reason =
        tc.domainMatch(reqHost, fromHost, false)
          ? `set by ${fromHost} without Domain, so sent only to ${fromHost} itself, not to its subdomain ${reqHost} (Domain=${fromHost} would cover subdomains)`
          : `set by ${fromHost}, so not sent to ${reqHost} (a cookie goes back only to the site that set it)`;
    } else {
      reason = `set by ${fromHost} for Domain=${cdomain}, so sent to ${cdomain} and its subdomains, not to ${reqHost}`;
    }
  } else if (!pathOk) {
    reason = `${pathWhy}: sent only to ${cpath} and paths under it, not to ${reqPath}`;
  } else if (!secureOk) {
    reason = `Secure, so sent only over https, not with this ${url.protocol.slice(0, -1)} request`;
  } else if (crossSite && sameSiteOf(stored.sameSite) === 'Strict') {
    reason = `SameSite=Strict, so not sent with a request from another site (${crossSiteWhy(site!, url)})`;
  } else if (crossSite && sameSiteOf(stored.sameSite) === 'Lax' && context.subresource) {
    reason = `SameSite=Lax, so sent when a link from another site is followed, but not with a cross-site subresource request (image, iframe, fetch) from ${hostOf(site!)}`;
  } else {
    reason = 'not sent by the RFC 6265 rules';
  }
  return { ...head, stored: true, sent: false, reason, ...scope, ...tail };
}
