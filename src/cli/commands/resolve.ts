// netkit resolve: DNS lookups through netkit's own DNS client (src/io/dns), for people
// and for scripts. One query per (name, type, server); results stream out in input order
// while up to --concurrency queries are in flight; exit 0 all answered, 1 NXDOMAIN/NODATA,
// 9 no reply or a server failure. --system asks getaddrinfo instead.

import { Option } from 'commander';
import { outputOptions, type Register } from '../command.js';
import { inputLine, type Context, type OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError, type ExitCode } from '../errors.js';
import type { ResolveRecord } from '../render/resolve.js';
import { safeText } from '../../core/safe-text.js';
import { OrderedPool, type PoolStats } from '../ordered-pool.js';

interface Options extends OutputOptions {
  type: string[];
  server: string[];
  reverse: string[];
  system?: boolean;
  short?: boolean;
  tcp?: boolean;
  dnssec?: boolean;
  edns: boolean;
  timeout: string;
  tries: string;
  concurrency: string;
  tlsCa: string[];
  tlsHostname?: string;
  trace?: boolean;
  trustAnchor?: string;
  now?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export const DEFAULTS = { timeoutMs: 5000, tries: 2, concurrency: 128 } as const;

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('resolve')
    .description('DNS lookups: every record with its TTL, the flags and sections, each server labelled; a visible status and exit codes scripts can use')
    .argument('[name...]', 'names to look up; an IP address means a reverse (PTR) lookup; "-" reads names from stdin, one a line; @SERVER is --server SERVER, as in dig')
    .addOption(
      new Option('-t, --type <type>', 'A AAAA CNAME MX NS TXT SOA SRV PTR CAA NAPTR SSHFP TLSA HTTPS SVCB DNSKEY DS RRSIG NSEC NSEC3 NSEC3PARAM CDS CDNSKEY ANY AXFR, TYPEnnn; repeat or comma-separate')
        .argParser(collect)
        .default([], 'A and AAAA'),
    )
    .addOption(
      new Option(
        '-s, --server <addr[:port]|url>',
        'ask this name server: IPv4, IPv6, [IPv6]:port, or a host name (resolved by the system first); or a URL picking the transport: udp://, tcp://, tls://HOST[:853] (DNS over TLS), https://HOST[:443]/PATH (DNS over HTTPS); repeatable, each answers separately',
      )
        .argParser(collect)
        .default([], "the system's configured servers"),
    )
    .option('--system', "ask the operating system's resolver (getaddrinfo: /etc/hosts, nsswitch) like other programs do: A/AAAA only, no TTLs")
    .addOption(new Option('-x, --reverse <address>', 'reverse (PTR) lookup of an IP address, as dig -x (an address among the names does the same); repeatable').argParser(collect).default([]))
    .option('--short', 'print only the data of the answers, one a line (like dig +short)')
    .option('--tcp', 'ask over TCP (default: UDP, and TCP when the answer is truncated)')
    .option('--dnssec', 'set the DO bit: RRSIG and NSEC records come with the answer, and the AD flag shows validation by the server')
    .option('--no-edns', 'send no EDNS(0) (default: EDNS with a 1232-byte UDP size), for servers that choke on it')
    .addOption(new Option('--timeout <ms>', 'overall deadline per query').default(String(DEFAULTS.timeoutMs), `${DEFAULTS.timeoutMs}`))
    .addOption(new Option('--tries <n>', 'UDP sends per query within the deadline, each wait twice the last').default(String(DEFAULTS.tries), `${DEFAULTS.tries}`))
    .addOption(new Option('--concurrency <n>', 'queries in flight at once (bulk input); with --system at most UV_THREADPOOL_SIZE (4)').default(String(DEFAULTS.concurrency), `${DEFAULTS.concurrency}`))
    .addOption(new Option('--tls-ca <file>', 'also trust the CA certificates (PEM) in FILE for tls:// and https:// servers; repeatable').argParser(collect).default([], 'system CAs and NODE_EXTRA_CA_CERTS'))
    .option('--tls-hostname <name>', 'the name the tls:// or https:// server\'s certificate must carry (when the server is given as an address)')
    .option('--trace', 'follow the delegations from the root servers down, one step per zone cut (with --server: the root NS set that server names)')
    .option('--trust-anchor <file>', 'with --trace --dnssec: DS or DNSKEY records for the root (default: the IANA root KSK built in)')
    .option('--now <time>', 'with --trace --dnssec: check signature validity at this time (ISO 8601 or seconds since 1970) instead of the clock');
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit resolve example.com                      A and AAAA from the system's name servers
  netkit resolve example.com -t MX -t TXT --server 9.9.9.9 --server [2620:fe::fe]:53
  netkit resolve example.com -t DNSKEY --dnssec   keys, signatures, the AD flag
  netkit resolve example.com -t AXFR --server 192.0.2.53   a zone transfer (over TCP)
  netkit resolve example.com --server tls://9.9.9.9 --tls-hostname dns.quad9.net   DNS over TLS
  netkit resolve example.com --server https://dns.quad9.net/dns-query               DNS over HTTPS
  netkit resolve www.example.com --trace --dnssec  from the root down, the chain of trust checked
  netkit resolve 192.0.2.1                        reverse lookup (PTR)
  netkit resolve bücher.example --short           IDN names are sent in punycode (xn--...)
  netkit resolve --system localhost               what getaddrinfo says (hosts file included)
  netkit resolve - --json < names.txt             bulk: in input order, JSON Lines

Exit codes: 0 every query answered, 1 some NXDOMAIN or NODATA, 2 bad input,
9 no reply or server failure (TIMEOUT, SERVFAIL, REFUSED, ERROR: connection refused,
a malformed reply, another rcode).`,
  );
  cmd.action(wrap(run));
};

/** A whole number option: digits only, no leading zero, inside [min, max]. */
function intOption(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`${name} "${safeText(text, 40)}" is not a whole number`);
  if (text.length > 1 && text.startsWith('0')) throw new UsageError(`${name} "${text}" has a leading zero`);
  const n = text.length > 9 ? Infinity : Number(text);
  if (n < min || n > max) throw new UsageError(`${name} ${text.length > 12 ? text.slice(0, 12) + '…' : text} is outside ${min} to ${max}`);
  return n;
}

/** What to ask for one input item. */
interface Item {
  input: string;
  name: string;
  types: readonly string[];
}

/** Exit status for one query's status. */
export function exitFor(status: string): ExitCode {
  if (status === 'NOERROR') return EXIT.OK;
  if (status === 'NXDOMAIN' || status === 'NODATA') return EXIT.NO;
  return EXIT.NO_REPLY;
}

/**
 * Text that is not a name but is often typed where one goes: a URL, or host:port. Says
 * what it looks like and which name to give instead; null when it is neither.
 */
export function notAName(text: string): string | null {
  const url = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(text);
  if (url) {
    const host = url[2]!;
    return host ? `looks like a URL: give the host name alone (netkit resolve ${host.replace(/^\[|\]$/g, '')})` : 'looks like a URL, not a name';
  }
  const bracket = /^\[([^\]]+)\]:([0-9]+)$/.exec(text);
  if (bracket) return `looks like [address]:port: DNS names carry no port; give the address alone (${bracket[1]})`;
  const hostPort = /^([^:]+):([0-9]+)$/.exec(text);
  if (hostPort) return `looks like host:port: DNS names carry no port; give the name alone (${hostPort[1]})`;
  return null;
}

async function run(ctx: Context, opts: Options, args: string[]): Promise<void> {
  if (opts.json && opts.short) throw new UsageError('--json and --short are alternatives: choose one');
  const dnsname = await import('../../core/dnsname.js');
  const types = await import('../../core/dns-types.js');
  const { NetkitError } = await import('../../core/errors.js');
  const { parseAddress } = await import('../../core/address.js');
  const { ptrName } = await import('../../core/reverse.js');
  const io = await import('../../io/dns/index.js');
  const render = await import('../render/resolve.js');

  const timeoutMs = intOption('--timeout', opts.timeout, 1, 600_000);
  const tries = intOption('--tries', opts.tries, 1, 10);
  const concurrency = intOption('--concurrency', opts.concurrency, 1, 10_000);

  // Types: -t, comma lists, and bare type words among the arguments (`netkit resolve example.com MX`).
  // Servers: --server, and @SERVER among the arguments as dig, kdig and doggo take it
  // (`netkit resolve @9.9.9.9 example.com MX`); no name starts with "@". A dig +option is
  // refused with netkit's spelling of it (digOption). -x addresses come after the names.
  const typeTexts = opts.type.flatMap((t) => t.split(','));
  const serverTexts = [...opts.server];
  const names: string[] = [];
  for (const a of args) {
    if (a.startsWith('+') && a.length > 1) throw new UsageError(digOption(a));
    if (a.startsWith('@')) {
      if (a.length === 1) throw new UsageError('"@" without a server: write @ADDRESS, @HOST or @URL (tls://..., https://...) as one argument');
      serverTexts.push(a.slice(1));
    } else if (a !== '-' && a.toUpperCase() === a && isTypeWord(a)) typeTexts.push(a);
    else names.push(a);
  }
  for (const x of opts.reverse) {
    try {
      parseAddress(x);
    } catch (e) {
      throw new UsageError(`-x takes an IP address (${e instanceof Error ? e.message : String(e)}); a name goes among the arguments`);
    }
    names.push(x);
  }
  function isTypeWord(a: string): boolean {
    try {
      types.parseRecordType(a);
      return !/^[0-9.:]*$/.test(a);
    } catch {
      return false;
    }
  }
  const parsedTypes = typeTexts.map((t) => types.parseRecordType(t));
  const queryTypes: readonly string[] = parsedTypes.length > 0 ? [...new Set(parsedTypes)] : ['A', 'AAAA'];
  if (names.length === 0) throw new UsageError('no name to look up (give names, addresses, or "-" for stdin)');
  if (names.filter((n) => n === '-').length > 1) throw new UsageError('"-" (stdin) given more than once');

  if (opts.system) {
    if (serverTexts.length > 0) throw new UsageError('--system asks the operating system, so it takes no --server (or @SERVER)');
    if (opts.tcp) throw new UsageError('--tcp and --system are alternatives: getaddrinfo chooses its own transport');
    if (opts.dnssec) throw new UsageError('--dnssec and --system are alternatives: getaddrinfo does not hand over DNSSEC records');
    if (opts.edns === false) throw new UsageError('--no-edns and --system are alternatives: getaddrinfo chooses its own EDNS');
    if (queryTypes.includes('AXFR')) throw new UsageError('a zone transfer (AXFR) needs a name server: use --server, not --system');
    const bad = queryTypes.find((t) => t !== 'A' && t !== 'AAAA');
    if (bad) throw new UsageError(`--system (getaddrinfo) answers A and AAAA only, not ${bad}`);
  }
  if (opts.dnssec && opts.edns === false) throw new UsageError('--dnssec needs EDNS (the DO bit lives there): leave out --no-edns');
  if (opts.trace && opts.system) throw new UsageError('--trace asks the name servers themselves, from the root down: it takes no --system');
  if (!opts.trace && opts.trustAnchor !== undefined) throw new UsageError('--trust-anchor is for --trace --dnssec');
  if (!opts.trace && opts.now !== undefined) throw new UsageError('--now is for --trace --dnssec');

  /** One input text to an Item; throws NetkitError on bad input. */
  const toItem = (text: string): Item => {
    const trap = notAName(text);
    if (trap) throw new NetkitError('domain name', text, trap);
    // Dispatch on syntax: a colon or only digits and dots is an address (or a precise error
    // about one: "octet 300 is greater than 255"), never a name to send to a server.
    if (text !== '.' && (text.includes(':') || /^[0-9.]+$/.test(text))) {
      const addr = parseAddress(text);
      if (opts.system) throw new UsageError(`--system cannot do reverse lookups (${safeText(text, 80)}); leave out --system`);
      return { input: text, name: ptrName(addr.withoutZone()).replace(/\.$/, ''), types: ['PTR'] };
    }
    return { input: text, name: dnsname.parseDnsName(text), types: queryTypes };
  };

  // Fail fast on the command line's own names, before any query.
  const argItems = new Map<number, Item>();
  names.forEach((n, i) => {
    if (n !== '-') argItems.set(i, toItem(n));
  });

  // Servers: parse all (a URL picks the transport), then look up those given by name (the system resolves them).
  const { parseServerUrl } = await import('../../io/dns/server-url.js');
  const specs = serverTexts.map((s) => parseServerUrl(s));
  const encrypted = specs.some((s) => s.transport === 'tls' || s.transport === 'https');
  if (!encrypted && opts.tlsHostname !== undefined) throw new UsageError('--tls-hostname is for tls:// and https:// servers');
  if (!encrypted && opts.tlsCa.length > 0) throw new UsageError('--tls-ca is for tls:// and https:// servers');
  if (opts.tlsHostname !== undefined) dnsname.parseDnsName(opts.tlsHostname);
  const tlsCa = await readTlsCas(opts.tlsCa);
  const servers: { address: string; port: number; url: import('../../io/dns/server-url.js').ServerUrl }[] = [];
  // node:dns loads only when the system is asked something (a server's name, --system, resolv.conf).
  const system = () => import('../../io/dns/system.js');
  for (const s of specs) {
    if (!s.isName) {
      servers.push({ address: s.host, port: s.port, url: s });
      continue;
    }
    try {
      servers.push({ address: await (await system()).lookupServerHost(s.host), port: s.port, url: s });
    } catch (e) {
      const m = (await system()).mapLookupError(e);
      throw new CliError(
        `cannot find the address of name server "${safeText(s.host)}": ${m.error ?? m.status}`,
        m.status === 'NXDOMAIN' || m.status === 'NODATA' ? EXIT.INPUT : EXIT.NO_REPLY,
      );
    }
  }

  if (opts.trace) {
    if (names.includes('-')) throw new UsageError('--trace takes names on the command line, not "-" (stdin)');
    if (serverTexts.length > 1) throw new UsageError('--trace starts from one server\'s root NS set: give one --server at most');
    if (opts.short) throw new UsageError('--trace shows every step: --short is for plain lookups (use --json to pick fields)');
    const { runTrace } = await import('./resolve-trace.js');
    return runTrace(ctx, {
      names: [...argItems.values()].map((i) => i.name),
      types: parsedTypes.length > 0 ? queryTypes : [...argItems.values()].some((i) => i.types[0] === 'PTR') ? ['PTR'] : ['A'],
      server: servers[0],
      dnssec: Boolean(opts.dnssec),
      trustAnchor: opts.trustAnchor,
      now: opts.now,
      timeoutMs,
      tries,
      tlsCa,
      tlsHostname: opts.tlsHostname,
      tcp: Boolean(opts.tcp),
      edns: opts.edns !== false,
    });
  }

  type Runner = { label: string; query: (item: Item, type: string) => Promise<ResolveRecord> };
  const runners: Runner[] = [];
  const queryOpts = { tcp: Boolean(opts.tcp), dnssec: Boolean(opts.dnssec), edns: opts.edns !== false };

  /** A record for a client's result. */
  const fromResult = (item: Item, type: string, server: string, res: import('../../io/dns/index.js').DnsResult): ResolveRecord => {
    const m = res.message;
    const rec: ResolveRecord = {
      input: item.input,
      name: item.name,
      type,
      server,
      status: res.status,
      rcode: m ? m.rcode : null,
      flags: m ? m.flags : null,
      answers: m ? m.answers : [],
      authority: m ? m.authority : [],
      additional: m ? m.additional : [],
      edns: m ? m.edns : null,
      transport: res.transport,
      elapsedMs: res.elapsedMs,
    };
    if (res.status === 'NXDOMAIN' || res.status === 'NODATA') {
      const soa = m?.authority.find((a) => a.type === 'SOA');
      if (soa) rec.negativeTtl = Math.min(soa.ttl, (soa.data as { minttl: number }).minttl);
    }
    if (res.error) rec.error = res.error;
    if (res.ignoredReplies > 0) rec.ignoredReplies = res.ignoredReplies;
    if (res.messages !== undefined) rec.messages = res.messages;
    return rec;
  };

  // --system: no more lookups in flight than getaddrinfo has threads (lookupThreads says why).
  let maxInFlight = concurrency;
  if (opts.system) {
    const { systemLookup, lookupThreads } = await system();
    maxInFlight = Math.min(concurrency, lookupThreads(ctx.io.env));
    runners.push({
      label: 'system',
      query: async (item, type) => {
        const res = await systemLookup(item.name, type as 'A' | 'AAAA', { timeoutMs });
        const rec: ResolveRecord = {
          input: item.input,
          name: item.name,
          type,
          server: 'system',
          status: res.status,
          rcode: null,
          flags: null,
          answers: res.answers.map((a) => ({ name: item.name, type: a.type, ttl: null, data: a.data })),
          authority: [],
          additional: [],
          edns: null,
          transport: 'getaddrinfo',
          elapsedMs: res.elapsedMs,
        };
        if (res.error) rec.error = res.error;
        return rec;
      },
    });
  } else if (servers.length > 0) {
    // node:tls and node:http2 cost milliseconds to load: only a tls:// or https:// server brings them in.
    const { clientForUrl } = encrypted ? await import('../../io/dns/encrypted.js') : { clientForUrl: null };
    for (const s of servers) {
      const u = clientForUrl
        ? clientForUrl(s.url, s.address, { timeoutMs, tries, tlsCa, ...(opts.tlsHostname ? { tlsHostname: opts.tlsHostname } : {}) })
        : s.url.transport === 'tcp'
          ? { client: new io.DnsClient(s, { timeoutMs, tries, udp: (a) => new io.TcpTransport(a) }), label: `tcp://${io.serverLabel(s)}` }
          : { client: new io.DnsClient(s, { timeoutMs, tries }), label: io.serverLabel(s) };
      runners.push({ label: u.label, query: async (item, type) => fromResult(item, type, u.label, await u.client.query(item.name, type, queryOpts)) });
    }
  } else {
    // The system's configured servers (resolv.conf), asked in order: the next one only
    // when one gives no usable reply, each with its share of the deadline.
    const sys = (await system()).systemServers();
    if (sys.length === 0) throw new UsageError('no name server configured on this system (resolv.conf has none): give --server');
    const share = Math.max(1, Math.floor(timeoutMs / sys.length));
    const clients = sys.map((s) => new io.DnsClient(s, { timeoutMs: share, tries }));
    const label = sys.map((s) => (s.port === 53 ? s.address : io.serverLabel(s))).join(',');
    runners.push({
      label,
      query: async (item, type) => {
        let res!: import('../../io/dns/index.js').DnsResult;
        for (const c of clients) {
          res = await c.query(item.name, type, queryOpts);
          if (res.status !== 'TIMEOUT' && res.status !== 'ERROR') break;
        }
        return fromResult(item, type, label, res);
      },
    });
  }

  const table = new render.StreamTable((s) => ctx.out.write(s), ctx.style, runners.length > 1, undefined, ctx.width);
  if (opts.system && !ctx.json && !opts.short) {
    ctx.err.write('netkit: note: --system asks getaddrinfo (/etc/hosts, nsswitch, as other programs do): A and AAAA only, no TTLs\n');
    ctx.err.flush();
  }

  // The progress line (see below) is erased before any message so the two never share a line.
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) ctx.io.stderr.write('\r\x1b[K');
    progressShown = false;
  };

  const emit = (rec: ResolveRecord) => {
    ctx.setExit(exitFor(rec.status));
    // jsonLine: safeJson (C1 controls and bidi overrides in TXT data escaped), or --get's fields.
    if (ctx.json) ctx.jsonLine(rec, render.OPTIONAL_FIELDS);
    else if (opts.short) {
      ctx.out.write(render.shortLines(rec));
      if (rec.status !== 'NOERROR') {
        clearProgress();
        ctx.warn(`${safeText(rec.name)} ${rec.type}${runners.length > 1 ? ` @${rec.server}` : ''}: ${rec.status}${rec.error ? ` (${safeText(rec.error, 200)})` : ''}`);
      }
    } else table.add(rec);
  };

  const stats: PoolStats = { inFlight: 0, completed: 0 };
  let emitted = 0;
  const started = Date.now();
  // Only when results go elsewhere: on a terminal they scroll by anyway and would tear the
  // line. Whether stderr is a terminal is asked once the run has lasted a second: asking
  // builds Node's terminal stream, which a short run (a shell loop's) should not pay for.
  const progress = !ctx.stdoutIsTTY && !ctx.io.env.CI ? setInterval(() => showProgress(), 250) : null;
  progress?.unref();
  const showProgress = () => {
    const secs = (Date.now() - started) / 1000;
    if (secs < 1 || !ctx.stderrIsTTY) return;
    progressShown = true;
    const { completed, inFlight } = stats;
    ctx.io.stderr.write(`\r\x1b[Knetkit: ${completed} queries done, ${inFlight} in flight, ${Math.round(completed / secs)}/s`);
  };

  // A bad stdin line in --json keeps its place in the stream as {input, line, error}
  // (as subnet and route do), so it rides through the pool in input order.
  type BadLine = { bad: { input: string; line: number; error: unknown } };
  type Job = { item: Item; type: string; runner: Runner } | BadLine;
  const pool = new OrderedPool<Job, ResolveRecord | BadLine>(
    maxInFlight,
    maxInFlight * 8,
    (job) => ('bad' in job ? Promise.resolve(job) : job.runner.query(job.item, job.type)),
    (rec) => {
      if ('bad' in rec) ctx.errorRecord(rec.bad.input, rec.bad.line, rec.bad.error);
      else emit(rec);
      // Nothing else in flight (a name typed at a terminal, a slow trickle): show it now.
      if (stats.inFlight === 0) ctx.out.flush();
      // Back-pressure: a slow reader of stdout slows netkit down instead of growing its memory.
      if (++emitted % 512 === 0) return ctx.out.flushAndDrain();
    },
    stats,
  );
  const add = (item: Item) => {
    for (const type of item.types) for (const runner of runners) pool.push({ item, type, runner });
  };

  try {
    // Input order: arguments, with "-" expanded to stdin's lines (a chunk of them at a
    // time; the next is read when every query of this one has started).
    for (let i = 0; i < names.length; i++) {
      const given = argItems.get(i);
      if (given) {
        add(given);
        await pool.room();
        continue;
      }
      await ctx.eachStdinLine(
        (line, lineNo) => {
          const text = inputLine(line);
          if (text === null) return;
          try {
            add(toItem(text));
          } catch (e) {
            clearProgress();
            ctx.reportInputError(e, `stdin line ${lineNo}`);
            if (ctx.json) pool.push({ bad: { input: text, line: lineNo, error: e } });
          }
        },
        () => pool.room(),
      );
    }
    await pool.close();
  } finally {
    if (progress) clearInterval(progress);
    clearProgress();
  }
  if (!ctx.json && !opts.short) table.end();
}

/** dig's +options and netkit's spelling of each; `n` is the number after "=", if any. */
const DIG_OPTIONS: Readonly<Record<string, (n: number | null) => string>> = {
  short: () => '--short',
  tcp: () => '--tcp',
  vc: () => '--tcp',
  dnssec: () => '--dnssec',
  trace: () => '--trace',
  noedns: () => '--no-edns',
  time: (n) => (n === null ? '--timeout MS (milliseconds)' : `--timeout ${n * 1000} (milliseconds)`),
  tries: (n) => (n === null ? '--tries N' : `--tries ${n}`),
  retry: (n) => (n === null ? '--tries N (tries, not retries)' : `--tries ${n + 1} (tries, not retries)`),
};

/** The message for a dig-style +option among the arguments (no name starts with "+"). */
function digOption(arg: string): string {
  const m = /^\+([a-z]+)(?:=(\d{1,6}))?$/i.exec(arg);
  const shown = safeText(arg, 40);
  const word = m?.[1]!.toLowerCase();
  const ours = word !== undefined && Object.hasOwn(DIG_OPTIONS, word) ? DIG_OPTIONS[word]!(m![2] === undefined ? null : Number(m![2])) : null;
  return ours ? `${shown} is dig's spelling: netkit resolve takes ${ours}` : `${shown} is a dig option, not a name: see 'netkit resolve --help' for netkit's options`;
}

/** --tls-ca files as PEM text; a missing or non-PEM file is bad input (exit 2). */
async function readTlsCas(files: string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const { readCaFile } = await import('../../io/dns/tls-trust.js');
  // A TlsCaError is an InputError: main.ts reports it (escaped, one line, exit 2).
  return files.map((f) => readCaFile(f));
}
