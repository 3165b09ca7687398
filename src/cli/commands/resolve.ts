// netkit resolve: DNS lookups through Node's dns (c-ares), for people and for scripts.
// One query per (name, type, server); results stream out in input order while up to
// --concurrency queries are in flight; exit 0 all answered, 1 NXDOMAIN/NODATA, 9 no reply.

import { Option } from 'commander';
import { outputOptions, type Register } from '../command.js';
import { inputLine, type Context, type OutputOptions } from '../context.js';
import { CliError, EXIT, UsageError, type ExitCode } from '../errors.js';

interface Options extends OutputOptions {
  type: string[];
  server: string[];
  system?: boolean;
  short?: boolean;
  timeout: string;
  tries: string;
  concurrency: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export const DEFAULTS = { timeoutMs: 5000, tries: 2, concurrency: 64 } as const;

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('resolve')
    .description('DNS lookups: every record type, each server labelled; a visible status and exit codes scripts can use')
    .argument('<name...>', 'names to look up; an IP address means a reverse (PTR) lookup; "-" reads names from stdin, one a line')
    .addOption(
      new Option('-t, --type <type>', 'A AAAA CNAME MX NS TXT SOA SRV PTR CAA NAPTR ANY; repeat or comma-separate')
        .argParser(collect)
        .default([], 'A and AAAA'),
    )
    .addOption(
      new Option('-s, --server <addr[:port]>', 'ask this name server: IPv4, IPv6, [IPv6]:port, or a host name (resolved by the system first); repeatable, each answers separately')
        .argParser(collect)
        .default([], "the system's configured servers"),
    )
    .option('--system', "ask the operating system's resolver (getaddrinfo: /etc/hosts, nsswitch) like other programs do: A/AAAA only, no TTLs")
    .option('--short', 'print only the data of the answers, one a line (like dig +short)')
    .addOption(new Option('--timeout <ms>', 'overall deadline per query, enforced by netkit').default(String(DEFAULTS.timeoutMs), `${DEFAULTS.timeoutMs}`))
    .addOption(new Option('--tries <n>', 'attempts per query within the deadline').default(String(DEFAULTS.tries), `${DEFAULTS.tries}`))
    .addOption(new Option('--concurrency <n>', 'queries in flight at once (bulk input)').default(String(DEFAULTS.concurrency), `${DEFAULTS.concurrency}`));
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit resolve example.com                      A and AAAA from the system's name servers
  netkit resolve example.com -t MX -t TXT --server 9.9.9.9 --server [2620:fe::fe]:53
  netkit resolve 192.0.2.1                        reverse lookup (PTR)
  netkit resolve bücher.example --short           IDN names are sent in punycode (xn--...)
  netkit resolve --system localhost               what getaddrinfo says (hosts file included)
  netkit resolve - --json < names.txt             bulk: in input order, JSON Lines

Exit codes: 0 every query answered, 1 some NXDOMAIN or NODATA, 2 bad input,
9 no reply or server failure (TIMEOUT, connection refused, SERVFAIL, REFUSED).`,
  );
  cmd.action(wrap(run));
};

function intOption(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`${name} "${text}" is not a whole number`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${name} ${text} is outside ${min} to ${max}`);
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

async function run(ctx: Context, opts: Options, args: string[]): Promise<void> {
  if (opts.json && opts.short) throw new UsageError('--json and --short are alternatives: choose one');
  const core = await import('../../core/dnsname.js');
  const { parseAddress } = await import('../../core/address.js');
  const { ptrName } = await import('../../core/reverse.js');
  const io = await import('../../io/dns.js');
  const render = await import('../render/resolve.js');

  const timeoutMs = intOption('--timeout', opts.timeout, 1, 600_000);
  const tries = intOption('--tries', opts.tries, 1, 10);
  const concurrency = intOption('--concurrency', opts.concurrency, 1, 10_000);

  // Types: -t, comma lists, and bare type words among the arguments (`netkit resolve example.com MX`).
  const typeTexts = opts.type.flatMap((t) => t.split(','));
  const names: string[] = [];
  for (const a of args) {
    if (a !== '-' && (core.RECORD_TYPES as readonly string[]).includes(a.toUpperCase()) && a.toUpperCase() === a) {
      typeTexts.push(a);
    } else names.push(a);
  }
  const types = typeTexts.map((t) => core.parseRecordType(t));
  const queryTypes: readonly string[] = types.length > 0 ? [...new Set(types)] : ['A', 'AAAA'];
  if (names.length === 0) throw new UsageError('no name to look up (give names, addresses, or "-" for stdin)');
  if (names.filter((n) => n === '-').length > 1) throw new UsageError('"-" (stdin) given more than once');

  if (opts.system) {
    if (opts.server.length > 0) throw new UsageError('--system asks the operating system, so it takes no --server');
    const bad = queryTypes.find((t) => t !== 'A' && t !== 'AAAA');
    if (bad) throw new UsageError(`--system (getaddrinfo) answers A and AAAA only, not ${bad}`);
  }

  /** One input text to an Item; throws NetkitError on bad input. */
  const toItem = (text: string): Item => {
    // Dispatch on syntax: a colon or only digits and dots is an address (or a precise error
    // about one: "octet 300 is greater than 255"), never a name to send to a server.
    if (text !== '.' && (text.includes(':') || /^[0-9.]+$/.test(text))) {
      const addr = parseAddress(text);
      if (opts.system) throw new UsageError(`--system cannot do reverse lookups (${text}); leave out --system`);
      return { input: text, name: ptrName(addr.withoutZone()).replace(/\.$/, ''), types: ['PTR'] };
    }
    return { input: text, name: core.parseDnsName(text), types: queryTypes };
  };

  // Fail fast on the command line's own names, before any query.
  const argItems = new Map<number, Item>();
  names.forEach((n, i) => {
    if (n !== '-') argItems.set(i, toItem(n));
  });

  // Servers: parse all, then look up those given by name (the system resolves them).
  const specs = opts.server.map((s) => core.parseServerSpec(s));
  const servers: { address: string; port: number }[] = [];
  for (const s of specs) {
    if (!s.isName) {
      servers.push({ address: s.host, port: s.port });
      continue;
    }
    try {
      servers.push({ address: await io.lookupServerHost(s.host), port: s.port });
    } catch (e) {
      const m = io.mapDnsError(e);
      throw new CliError(
        `cannot find the address of name server "${s.host}": ${m.error ?? m.status}`,
        m.status === 'NXDOMAIN' || m.status === 'NODATA' ? EXIT.INPUT : EXIT.NO_REPLY,
      );
    }
  }

  type Runner = { label: string; query: (name: string, type: string) => Promise<import('../../io/dns.js').DnsResult> };
  const clients: InstanceType<typeof io.DnsClient>[] = [];
  const runners: Runner[] = [];
  if (opts.system) {
    runners.push({ label: 'system', query: (n, t) => io.systemLookup(n, t as 'A' | 'AAAA', { timeoutMs }) });
  } else {
    const targets = servers.length > 0 ? servers : [null];
    for (const s of targets) {
      const c = new io.DnsClient(s, { timeoutMs, tries });
      clients.push(c);
      runners.push({ label: c.label, query: (n, t) => c.query(n, t as never) });
    }
  }

  const table = new render.StreamTable((s) => ctx.out.write(s), ctx.style, runners.length > 1);
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

  const emit = (rec: import('../render/resolve.js').ResolveRecord) => {
    ctx.setExit(exitFor(rec.status));
    if (ctx.json) ctx.jsonLine(rec);
    else if (opts.short) {
      ctx.out.write(render.shortLines(rec));
      if (rec.status !== 'NOERROR') {
        clearProgress();
        ctx.warn(`${rec.name} ${rec.type}${runners.length > 1 ? ` @${rec.server}` : ''}: ${rec.status}${rec.error ? ` (${rec.error})` : ''}`);
      }
    } else table.add(rec);
  };

  // Items in input order: arguments, with "-" expanded to stdin's lines.
  async function* items(): AsyncGenerator<Item> {
    for (let i = 0; i < names.length; i++) {
      const given = argItems.get(i);
      if (given) {
        yield given;
        continue;
      }
      for await (const line of ctx.stdinLines()) {
        const text = inputLine(line.text);
        if (text === null) continue;
        try {
          yield toItem(text);
        } catch (e) {
          clearProgress();
          ctx.reportInputError(e, `stdin line ${line.lineNo}`);
        }
      }
    }
  }

  const stats: PoolStats = { inFlight: 0, completed: 0 };
  let emitted = 0;
  const started = Date.now();
  // Only when results go elsewhere: on a terminal they scroll by anyway and would tear the line.
  const progress = ctx.stderrIsTTY && !ctx.stdoutIsTTY && !ctx.io.env.CI ? setInterval(() => showProgress(), 250) : null;
  progress?.unref();
  const showProgress = () => {
    const secs = (Date.now() - started) / 1000;
    if (secs < 1) return;
    progressShown = true;
    const { completed, inFlight } = stats;
    ctx.io.stderr.write(`\r\x1b[Knetkit: ${completed} queries done, ${inFlight} in flight, ${Math.round(completed / secs)}/s`);
  };

  type Job = { item: Item; type: string; runner: Runner };
  async function* jobs(): AsyncGenerator<Job> {
    for await (const item of items()) {
      for (const type of item.types) for (const runner of runners) yield { item, type, runner };
    }
  }
  const ask = async ({ item, type, runner }: Job): Promise<import('../render/resolve.js').ResolveRecord> => {
    const res = await runner.query(item.name, type);
    const rec: import('../render/resolve.js').ResolveRecord = {
      input: item.input,
      name: item.name,
      type,
      server: runner.label,
      status: res.status,
      answers: res.answers,
      elapsedMs: res.elapsedMs,
    };
    if (res.error) rec.error = res.error;
    return rec;
  };

  try {
    await orderedPool(jobs(), concurrency, concurrency * 8, ask, async (rec) => {
      emit(rec);
      // Back-pressure: a slow reader of stdout slows netkit down instead of growing its memory.
      if (++emitted % 512 === 0) await ctx.out.flushAndDrain();
    }, stats);
  } finally {
    if (progress) clearInterval(progress);
    clearProgress();
    for (const c of clients) c.close();
  }
  if (!ctx.json && !opts.short) table.end();
}

export interface PoolStats {
  inFlight: number;
  completed: number;
}

/**
 * Run `fn` over `source` with at most `limit` calls in flight and hand the results to
 * `emit` in source order. A slow head holds back at most `maxHeld` results behind it
 * (then the pool waits for it), so memory stays bounded whatever the source's length.
 * A rejection from `fn` or `emit` ends the pool with that error.
 */
export async function orderedPool<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  maxHeld: number,
  fn: (t: T) => Promise<R>,
  emit: (r: R) => void | Promise<void>,
  stats: PoolStats = { inFlight: 0, completed: 0 },
): Promise<void> {
  const window: { done: boolean; promise: Promise<R> }[] = [];
  let wake: (() => void) | null = null;
  const drain = async (all: boolean) => {
    while (window.length > 0 && (all || window[0]!.done || window.length > maxHeld)) {
      await emit(await window.shift()!.promise);
    }
  };
  for await (const t of source) {
    while (stats.inFlight >= limit) await new Promise<void>((res) => (wake = res));
    stats.inFlight++;
    const slot = { done: false, promise: undefined as unknown as Promise<R> };
    slot.promise = fn(t).finally(() => {
      slot.done = true;
      stats.inFlight--;
      stats.completed++;
      const w = wake;
      wake = null;
      w?.();
    });
    // Rejections surface when the slot is drained; until then, do not report them as unhandled.
    slot.promise.catch(() => {});
    window.push(slot);
    await drain(false);
  }
  await drain(true);
}
