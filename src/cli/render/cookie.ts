// Human views of a parsed Set-Cookie and of a store/send verdict.

import type { CookieMatchReport, CookieReport } from '../../web/cookie.js';
import { humanTime, relativeTime } from '../../web/time.js';
import { safeJson, safeText } from '../../core/safe-text.js';
import type { Style } from './style.js';
import { keyValueTable } from './table.js';
import { fitLines } from './wrap.js';

/** Cookie text is attacker-controlled: show it quoted when it holds anything a terminal could act on. */
function shown(s: string): string {
  return /^[\x21-\x7e]*$/.test(s) ? s : safeJson(s);
}

function expiry(r: CookieReport, nowMs: number): string {
  if (r.session) return 'when the browser closes (a session cookie: no Expires, no Max-Age)';
  if (r.maxAge !== null && r.maxAge <= 0) return `at once (Max-Age=${r.maxAge}: the browser deletes the cookie)`;
  const at = Date.parse(r.expiresAt!);
  const when = at <= nowMs ? `expired ${relativeTime(at, nowMs)}` : relativeTime(at, nowMs);
  const source =
    r.maxAge !== null ? `Max-Age=${r.maxAge}${r.expires !== null ? ', which wins over Expires' : ''}` : 'Expires';
  const capped = r.warnings.some((w) => w.includes('cap the lifetime at 400 days')) ? ', capped at 400 days' : '';
  return `${humanTime(at)} (${when}), from ${source}${capped}`;
}

/** The parsed cookie; with a finite `width` (a terminal's) long values wrap under themselves. */
export function renderCookie(r: CookieReport, style: Style, nowMs: number, width = Infinity): string {
  const rows: [string, string][] = [
    ['name', r.name === '' ? style.dim('(none)') : shown(r.name)],
    ['value', r.value === '' ? style.dim('(empty)') : shown(r.value)],
    [
      'domain',
      r.domain === null
        ? 'host-only: sent back only to the host that set it (no Domain)'
        : /^\d{1,3}(\.\d{1,3}){3}$/.test(r.domain) || r.domain.includes(':')
          ? `only ${shown(r.domain)}: an IP address has no subdomains (Domain=${shown(r.domain)})`
          : `${shown(r.domain)} and all its subdomains (Domain=${shown(r.domain)})`,
    ],
    ['path', r.path === null ? 'default: the directory of the URL that set it (no Path)' : `${shown(r.path)} and paths under it`],
    ['expires', expiry(r, nowMs)],
    ['secure', r.secure ? 'yes: sent only over https' : 'no: sent over http too'],
    ['httpOnly', r.httpOnly ? 'yes: hidden from JavaScript (document.cookie)' : 'no: JavaScript on the page can read it'],
    [
      'sameSite',
      r.sameSite === 'Strict'
        ? 'Strict: sent only when the request comes from the same site'
        : r.sameSite === 'Lax'
          ? 'Lax: sent on same-site requests and top-level navigation from other sites'
          : r.sameSite === 'None'
            ? 'None: sent with cross-site requests too'
            : 'not set: Chrome treats it as Lax; Firefox and Safari send it cross-site too',
    ],
    ['partitioned', r.partitioned ? 'yes: kept apart per top-level site (CHIPS)' : 'no'],
  ];
  const out = [keyValueTable(rows, style, width)];
  for (const w of r.warnings) out.push(fitLines(`${style.yellow('!')} ${safeText(w)}`, width));
  return out.join('\n') + '\n';
}

export function renderCookieMatch(r: CookieMatchReport, style: Style, width = Infinity): string {
  const verdict = r.sent ? style.green('sent') : r.stored ? style.red('not sent') : style.red('not stored');
  const out = [`${shown(r.cookie === '' ? '(nameless)' : r.cookie)}: ${verdict}: ${safeText(r.reason)}`];
  for (const w of r.warnings) out.push(`  ${style.yellow('!')} ${safeText(w)}`);
  return fitLines(out.join('\n'), width) + '\n';
}
