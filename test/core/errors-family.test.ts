// One input-error family (issue 13 §1): every domain error extends InputError and
// carries its exit code, its message is one line a terminal cannot act on, and main.ts
// alone turns it into a status and a stderr line, so a new command needs no wrapper.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, MAX_QUOTED, NetkitError, NetkitRangeError, safeReason } from '../../src/core/errors.js';
import { DnsNameError, parseDnsName } from '../../src/core/dnsname.js';
import { parseAddress } from '../../src/core/address.js';
import { RouteTableError } from '../../src/io/routes/common.js';
import { UnsupportedPlatformError } from '../../src/io/routes/index.js';
import { WebInputError } from '../../src/web/errors.js';
import { CliError, UsageError } from '../../src/cli/errors.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { describeError, main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memory-io.js';
import type { Register } from '../../src/cli/command.js';
import { isUnsafeCodePoint } from '../../src/core/safe-text.js';

const hasRawControl = (s: string) => [...s].some((c) => isUnsafeCodePoint(c.codePointAt(0)!));

describe('the family', () => {
  const members: [string, () => Error, number][] = [
    ['NetkitError (an address)', () => new NetkitError('IPv4 address', '300.1.1.1', 'octet 300 is greater than 255'), 2],
    ['NetkitRangeError', () => new NetkitRangeError('same-net needs at least two addresses'), 2],
    ['DnsNameError', () => new DnsNameError('a..b', 'empty label (two dots in a row)'), 2],
    ['RouteTableError', () => new RouteTableError('/proc/net/route', 'expected at least 8 tab-separated fields, found 2', 2), 2],
    ['UnsupportedPlatformError', () => new UnsupportedPlatformError('aix'), 2],
    ['WebInputError', () => new WebInputError('invalid JWT "x": not three parts'), 2],
    ['UsageError', () => new UsageError('--limit: "x" is not a whole number'), 2],
    ['CliError, default', () => new CliError('x: no such file'), 2],
    ['CliError with its own code (no reply)', () => new CliError('cannot resolve "a": no reply from the resolver', 9), 9],
  ];
  it.each(members)('%s is an InputError with its exit code', (_n, make, code) => {
    const e = make();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).exitCode).toBe(code);
    expect(describeError(e)).toEqual({ message: e.message, code });
  });

  it('anything else is a bug: exit 70, said so', () => {
    expect(describeError(new TypeError('x is undefined')).code).toBe(70);
    expect(describeError('a string').code).toBe(70);
    expect(describeError(new TypeError('boom'), true).stack).toContain('boom');
  });

  it('a message is escaped once, in the base class, whoever built it', () => {
    const e = new WebInputError('unusable key "k\x1b]0;pwned\x07\n\u009b\u202e"');
    expect(e.message).toBe('unusable key "k\\x1b]0;pwned\\x07\\n\\x9b\\u202e"');
    expect(hasRawControl(new RouteTableError('t\x1bable', 'x\ny').message)).toBe(false);
  });
});

describe('the reason of an error: every echoed part escaped and cut like the input', () => {
  const rows: [string, string, RegExp][] = [
    ['a zone with a newline', 'fe80::1%eth0\nfoo', /zone "eth0\\nfoo" has newline/],
    ['a zone with ESC', 'fe80::1%e\x1b[2J', /zone "e\\x1b\[2J"/],
    ['an embedded IPv4 with ESC', '::ffff:1.2.3.\x1b', /embedded IPv4 "1\.2\.3\.\\x1b"/],
    ['an embedded IPv4 with CR', '::ffff:1.2.\r.4', /embedded IPv4 "1\.2\.\\r\.4"/],
  ];
  it.each(rows)('%s', (_n, input, want) => {
    const e = (() => {
      try {
        parseAddress(input);
      } catch (x) {
        return x as NetkitError;
      }
      throw new Error('parsed');
    })();
    expect(e.message).toMatch(want);
    expect(hasRawControl(e.message)).toBe(false);
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it('a long zone is cut at 80 characters with its length said, like the quoted input', () => {
    const zone = 'a'.repeat(600) + '!';
    try {
      parseAddress(`fe80::1%${zone}`);
      expect.unreachable();
    } catch (e) {
      const m = (e as NetkitError).message;
      expect(m).toContain(`zone "${'a'.repeat(MAX_QUOTED)}"…(601 characters)`);
      expect(m.length).toBeLessThan(400); // was 619+ with the zone whole
    }
  });

  it('an option value or file name quoted in any InputError is cut the same way', () => {
    const e = new UsageError(`--limit: "${'x'.repeat(500)}" is not a whole number`);
    expect(e.message).toBe(`--limit: "${'x'.repeat(MAX_QUOTED)}"…(500 characters) is not a whole number`);
    // a part quoted already (quoteInput, escapes and all) is left as it is
    const q = new NetkitError('IP address', '\x1b'.repeat(70), 'unexpected control character U+001B at the start');
    expect(new CliError(q.message).message).toBe(q.message);
    expect(q.message).toContain('\\x1b'.repeat(70) + '"');
  });

  it('safeReason leaves short parts and plain text alone, and is idempotent', () => {
    expect(safeReason('octet 300 is greater than 255')).toBe('octet 300 is greater than 255');
    expect(safeReason('group "12345" has more than four hex digits')).toBe('group "12345" has more than four hex digits');
    const once = safeReason(`label "${'x'.repeat(200)}\x1b"`);
    expect(safeReason(once)).toBe(once);
  });

  it('a DNS name error quotes the name escaped', () => {
    expect(() => parseDnsName('a\x1b[2J.example')).toThrow(/"a\\x1b\[2J\.example"/);
  });

  it('a bidi override is no part of a name (it is not taken through IDNA and asked for)', () => {
    expect(() => parseDnsName('gnp\u202eexe.example')).toThrow(DnsNameError);
    expect(() => parseDnsName('a\u2066b.example')).toThrow(/not allowed in a name/);
    expect(parseDnsName('café.example')).toBe('xn--caf-dma.example');
  });
});

describe('main.ts alone maps errors: a command needs no wrapper', () => {
  const io = () => memoryIo();

  const throwers: [string, () => never][] = [
    ['an address', () => void parseAddress('300.1.1.1') as never],
    ['a DNS name', () => void parseDnsName('a..b') as never],
    ['a route table', () => { throw new RouteTableError('/proc/net/route', 'bad', 3); }],
    ['a token', () => { throw new WebInputError('invalid JWT "x": not three parts'); }],
    ['a usage error', () => { throw new UsageError('--x: "\x1b" is not a number'); }],
    ['a range error', () => { throw new NetkitRangeError('too many'); }],
  ];
  let added: Register | undefined;
  afterEach(() => {
    if (added) COMMANDS.splice(COMMANDS.indexOf(added), 1);
    added = undefined;
  });

  it.each(throwers)('a new command throwing %s: exit 2, one escaped netkit: line', async (_n, fail) => {
    added = (program, wrap) => {
      program.command('brand-new').action(wrap(() => fail()));
    };
    COMMANDS.push(added);
    const o = io();
    expect(await main(['brand-new'], o.io)).toBe(2);
    expect(o.out()).toBe('');
    const lines = o.err().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^netkit: /);
    expect(hasRawControl(o.err().slice(0, -1))).toBe(false);
  });

  it('one bad input among many (reportInputError) goes through the same mapping and the run goes on', async () => {
    added = (program, wrap) => {
      program.command('brand-new').action(
        wrap((ctx) => {
          for (const t of ['10.0.0.1', '300.1.1.1', 'a\x1bb']) {
            try {
              ctx.line(parseAddress(t).toString());
            } catch (e) {
              ctx.reportInputError(e, `input ${t}`);
            }
          }
        }),
      );
    };
    COMMANDS.push(added);
    const o = io();
    expect(await main(['brand-new'], o.io)).toBe(2);
    expect(o.out()).toBe('10.0.0.1\n');
    const lines = o.err().split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^netkit: input a\\x1bb: invalid IP address "a\\x1bb"/);
  });

  it('a bug in a command is still exit 70, not swallowed as an input error', async () => {
    added = (program, wrap) => {
      program.command('brand-new').action(
        wrap((ctx) => {
          ctx.reportInputError(new TypeError('oops'));
        }),
      );
    };
    COMMANDS.push(added);
    const o = io();
    expect(await main(['brand-new'], o.io)).toBe(70);
    expect(o.err()).toMatch(/^netkit: internal error: oops/);
  });
});
