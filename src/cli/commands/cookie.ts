// netkit cookie: what a Set-Cookie header asks the browser to keep, and whether the
// browser would keep it and send it back. "Cookies given by YouTube are sent only to
// YouTube": match says so per cookie, with the rule that decided. tough-cookie (RFC 6265
// and the public suffix list) is loaded only when a cookie command runs.

import { NOW_HELP, outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { nowFrom } from '../../web/time.js';
import { renderCookie, renderCookieMatch } from '../render/cookie.js';

interface Options extends OutputOptions {
  now?: string;
}
interface MatchOptions extends Options {
  from?: string;
  site?: string;
  subresource?: boolean;
}


export const register: Register = (program, wrap) => {
  const cookie = program
    .command('cookie')
    .description('cookies: explain a Set-Cookie header, and whether a browser would store it and send it to a URL');

  const parse = cookie
    .command('parse')
    .description('name, value and every attribute explained, with warnings where browsers reject or surprise')
    .argument('<set-cookie...>', "Set-Cookie header values (quote each); '-' reads them from stdin, one a line")
    .option('--now <time>', NOW_HELP);
  outputOptions(parse);
  parse.addHelpText(
    'after',
    `
Examples:
  netkit cookie parse 'sid=31d4d96e; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600'
  netkit cookie parse '__Host-id=1; Path=/; Domain=example.com'      (warns: __Host- forbids Domain)
  curl -sI https://example.com | sed -n 's/^set-cookie: //Ip' | netkit cookie parse -

Exit codes: 0 every cookie read (warnings or not), 2 one could not be read.`,
  );
  parse.action(wrap(runParse));

  const match = cookie
    .command('match')
    .description('would the browser store each cookie (set by --from) and send it with a request to URL? exit 0 all sent, 1 not')
    .argument('<url>', 'the request: an http(s) URL')
    .argument('<set-cookie...>', "Set-Cookie header values; '-' reads them from stdin, one a line")
    .option('--from <url>', 'the URL whose response set the cookies (default: the request URL)')
    .option('--site <url>', 'the page making the request, for SameSite (default: none, the user typed the URL)')
    .option('--subresource', 'with --site: an image, iframe or fetch rather than following a link')
    .option('--now <time>', NOW_HELP);
  outputOptions(match);
  match.addHelpText(
    'after',
    `
Examples:
  netkit cookie match https://google.com/ --from https://youtube.com/ 'PREF=f6=8'
      (not sent: set by youtube.com, so not sent to google.com)
  netkit cookie match https://www.youtube.com/watch --from https://youtube.com/ 'a=1; Domain=youtube.com' 'b=2'
  netkit cookie match http://example.com/ 'sid=1; Secure'
  netkit cookie match https://youtube.com/ --site https://news.example/ --subresource 'a=1; SameSite=Lax'

Without --site the request is one the user started (typing the URL), where SameSite does
not hold cookies back. With --site, a cross-site navigation carries Lax and None cookies,
a cross-site --subresource only None ones, a same-site request all of them.

Exit codes: 0 every cookie would be sent, 1 some would not (not stored, or not sent), 2 input errors.`,
  );
  match.action(wrap(runMatch));
};

/** The cookie arguments, with '-' expanded to stdin lines; each with where it came from. */
async function* cookieInputs(ctx: Context, args: string[]): AsyncGenerator<{ text: string; where?: string }> {
  if (args.filter((a) => a === '-').length > 1) throw new CliError("'-' (stdin) can be given only once", EXIT.INPUT);
  for (const a of args) {
    if (a !== '-') {
      yield { text: a };
      continue;
    }
    for await (const { text, lineNo } of ctx.stdinLines()) {
      if (text.trim() === '') continue;
      yield { text, where: `stdin line ${lineNo}` };
    }
  }
}

async function runParse(ctx: Context, opts: Options, inputs: string[]): Promise<void> {
  const web = await import('../../web/cookie.js');
  const nowMs = nowFrom(opts.now);
  let first = true;
  for await (const { text, where } of cookieInputs(ctx, inputs)) {
    try {
      const r = web.parseSetCookie(text, nowMs);
      if (ctx.json) ctx.jsonLine(r);
      else {
        if (!first) ctx.line();
        ctx.out.write(renderCookie(r, ctx.style, nowMs, ctx.width));
      }
      first = false;
    } catch (e) {
      ctx.reportInputError(e, where);
    }
  }
}

async function runMatch(ctx: Context, opts: MatchOptions, url: string, inputs: string[]): Promise<void> {
  const web = await import('../../web/cookie.js');
  const nowMs = nowFrom(opts.now);
  // Bad URLs fail the whole command at once, before any cookie is judged.
  web.parseCookieUrl(url, 'request');
  if (opts.from !== undefined) web.parseCookieUrl(opts.from, '--from');
  if (opts.site !== undefined) web.parseCookieUrl(opts.site, '--site');
  else if (opts.subresource) throw new CliError('--subresource needs --site: the page that makes the request', EXIT.INPUT);
  let allSent = true;
  for await (const { text, where } of cookieInputs(ctx, inputs)) {
    try {
      const r = web.matchSetCookie(text, url, opts.from ?? url, nowMs, {
        ...(opts.site !== undefined ? { site: opts.site } : {}),
        subresource: Boolean(opts.subresource),
      });
      if (!r.sent) allSent = false;
      if (ctx.json) ctx.jsonLine(r);
      else ctx.out.write(renderCookieMatch(r, ctx.style, ctx.width));
    } catch (e) {
      ctx.reportInputError(e, where);
    }
  }
  ctx.setExit(allSent ? EXIT.OK : EXIT.NO);
}
