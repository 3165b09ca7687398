// The byte-level readers of the bulk hot paths accept exactly what the core's strict
// parsers accept, with the same values: scanIPv4Bytes vs scanIPv4, scanIPv6Bytes vs
// parseIPv6, the set reader's fast lines vs parseSetEntry, and grep's reading of a
// line vs a slow reference written with the core's parsers and regular expressions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIPv4, parseIPv6, scanIPv4 } from '../../src/core/address.js';
import { NetkitError } from '../../src/core/errors.js';
import { scanIPv4Bytes, scanIPv6Bytes } from '../../src/core/fastscan.js';
import { IPv4Lookup, IPv4Ranges, IPv6Lookup, IPv6Ranges } from '../../src/core/ranges.js';
import { AddressSet, parseSetEntry } from '../../src/core/sets.js';
import { SetReader } from '../../src/bulk/set-reader.js';
import { GrepEngine, type GrepFlags } from '../../src/bulk/grep-engine.js';
import { quad, readQuad } from '../../src/bulk/read-quad.js';

// Text that is often an address and often almost one.
const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '00', '01', '999', '1000', '', '0x1'));
const v4ish = fc.array(octet, { minLength: 1, maxLength: 6 }).map((o) => o.join('.'));
const group = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16)),
  fc.constantFrom('0', '0000', 'FFFF', 'fFfF', '10000', 'g', ''),
);
const v6ish = fc
  .tuple(fc.array(group, { minLength: 0, maxLength: 9 }), fc.option(fc.integer({ min: 0, max: 9 })), fc.option(v4ish))
  .map(([gs, dbl, tail]) => {
    const parts = [...gs];
    if (dbl !== null) parts.splice(Math.min(dbl, parts.length), 0, '');
    let s = parts.join(':');
    if (dbl !== null && (s.startsWith(':') || s === '')) s = ':' + s;
    if (dbl !== null && s.endsWith(':')) s = s + ':';
    if (tail !== null) s = s + (s.endsWith(':') ? '' : ':') + tail;
    return s;
  });
const noise = fc.stringMatching(/^[0-9a-fA-F.:xg]{0,46}$/);
const candidate = fc.oneof(v4ish, v6ish, noise);

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('scanners agree with the core parsers', () => {
  it('scanIPv4Bytes = scanIPv4', () => {
    fc.assert(
      fc.property(candidate, (s) => {
        expect(scanIPv4Bytes(bytes(s), 0, s.length)).toBe(scanIPv4(s, 0, s.length));
      }),
      { numRuns: 5000 },
    );
  });

  it("grep's one-pass readQuad = scanIPv4Bytes on the digits and dots it read", () => {
    fc.assert(
      fc.property(candidate, fc.constantFrom(' ', '\n', ':', 'x', '/'), (s, after) => {
        if (!/^[0-9]/.test(s)) return;
        const b = bytes(s + after + '\n');
        const v = readQuad(b, 0) >>> 0;
        const end = quad.end;
        expect(end).toBeGreaterThan(0);
        expect(/^[0-9.]*$/.test(s.slice(0, end))).toBe(true);
        // what grep and the set reader use: a quad that ends its field has the value
        // scanIPv4Bytes gives, and quad.ok says whether it gives one
        if (!/[0-9.]/.test(String.fromCharCode(b[end]!))) expect(quad.ok ? v : -1).toBe(scanIPv4Bytes(b, 0, end));
      }),
      { numRuns: 5000 },
    );
  });

  it('scanIPv6Bytes accepts exactly what parseIPv6 accepts, with the same value', () => {
    const out = new Uint32Array(4);
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (s) => {
        let ref: ReturnType<typeof parseIPv6> | null = null;
        try {
          ref = parseIPv6(s);
        } catch (e) {
          if (!(e instanceof NetkitError)) throw e;
        }
        const ok = scanIPv6Bytes(bytes(s), 0, s.length, out, 0);
        expect(ok, JSON.stringify(s)).toBe(ref !== null);
        if (ref) {
          accepted++;
          expect([...out]).toEqual([ref.w0, ref.w1, ref.w2, ref.w3]);
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100); // the generator does reach valid addresses
  });

  it('rows: the cases at the edges', () => {
    const out = new Uint32Array(4);
    const rows: [string, boolean][] = [
      ['::', true], ['::1', true], ['1::', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7::', true],
      ['::ffff:1.2.3.4', true], ['1:2:3:4:5:6:1.2.3.4', true], ['1:2:3:4:5:6:7:1.2.3.4', false],
      [':::', false], ['1:::2', false], ['1::2::3', false], ['1:2', false], ['12345::', false], [':1', false], ['1:', false],
      ['::1.2.3', false], ['::01.2.3.4', false], ['1:2:3:4:5:6:7:8:9', false], ['::1:2:3:4:5:6:7:8', false], ['', false],
    ];
    for (const [s, want] of rows) expect(scanIPv6Bytes(bytes(s), 0, s.length, out, 0), s).toBe(want);
  });
});

function fakeContext() {
  const errors: string[] = [];
  const ctx = {
    onError(e: unknown, where: string) {
      if (!(e instanceof NetkitError)) throw e;
      errors.push(`${where}: ${e.message}`);
    },
    readLines: async () => {
      throw new Error('no files in this test');
    },
    usageError: (m: string) => new Error(m),
  };
  return { ctx, errors };
}

describe('the set reader reads lines as parseSetEntry does', () => {
  const entryish = fc.oneof(
    candidate,
    fc.tuple(candidate, fc.oneof(fc.integer({ min: 0, max: 130 }).map(String), fc.constantFrom('024', '', '-1', '255.255.255.0'))).map(([a, p]) => `${a}/${p}`),
    fc.tuple(candidate, candidate).map(([a, b]) => `${a}-${b}`),
  );
  it('the same ranges, and an error for every line the core refuses', () => {
    fc.assert(
      fc.property(fc.array(entryish, { maxLength: 20 }), (lines) => {
        const { ctx, errors } = fakeContext();
        const reader = new SetReader(ctx, 4);
        reader.addBuffer(Buffer.from(lines.join('\n')), 't.txt');
        const ref: string[] = [];
        let refErrors = 0;
        lines.forEach((l) => {
          if (l === '') return;
          try {
            ref.push(parseSetEntry(l).toString());
          } catch (e) {
            if (!(e instanceof NetkitError)) throw e;
            refErrors++;
          }
        });
        expect(errors.length).toBe(refErrors);
        expect(reader.entries).toBe(ref.length);
        const got = new AddressSet(reader.v4, reader.v6).cidrs().map(String);
        expect(got).toEqual(AddressSet.from(ref).cidrs().map(String));
      }),
      { numRuns: 1000 },
    );
  });

  it('reports bad lines with file:line and keeps the rest; skips comments and blanks', () => {
    const { ctx, errors } = fakeContext();
    const reader = new SetReader(ctx, 4);
    reader.addBuffer(Buffer.from('# list\n10.0.0.0/24\r\n\n  10.0.1.0/24  # office\n10.0.0.1/24\nbogus\n'), 'lan.txt');
    expect(reader.entries).toBe(2);
    expect(errors).toEqual([
      'lan.txt:5: invalid network "10.0.0.1/24": host bits are set (the network is 10.0.0.0/24)',
      'lan.txt:6: invalid IP address "bogus": not an IPv4 address (no dots) nor an IPv6 address (no colons)',
    ]);
  });
});

// ---------------------------------------------------------------------------
// grep's reading of a line, against a slow reference

const NETS = ['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32', '::ffff:0:0/96'];

function refField(f: string, v4: AddressSet): 0 | 1 | 2 {
  let r: 0 | 1 | 2 = 0;
  if (f.includes(':')) {
    if (/^[0-9a-fA-F.:]+$/.test(f)) {
      try {
        const a = parseIPv6(f);
        if (v4.contains(a)) return 2;
        r = 1;
      } catch {
        /* not an address */
      }
    }
    for (const part of f.split(':')) {
      if (!/^[0-9.]+$/.test(part)) continue;
      try {
        if (v4.contains(parseIPv4(part))) return 2;
        r = 1;
      } catch {
        /* no */
      }
    }
    return r;
  }
  if (!/^[0-9.]+$/.test(f)) return 0;
  try {
    return v4.contains(parseIPv4(f)) ? 2 : 1;
  } catch {
    return 0;
  }
}

function refSelect(line: string, set: AddressSet, flags: GrepFlags): boolean {
  let fields = line.match(/[A-Za-z0-9.:]+/g) ?? [];
  if (flags.anchored) {
    fields = /^[A-Za-z0-9.:]/.test(line) ? [fields[0]!] : [];
    if (fields.length === 1 && fields[0]!.includes(':')) {
      const f = fields[0]!;
      let r = 0;
      if (/^[0-9a-fA-F.:]+$/.test(f)) {
        try {
          const a = parseIPv6(f);
          if (set.contains(a)) return !flags.invert;
          r = 1;
        } catch {
          /* no */
        }
      }
      const head = f.split(':')[0]!;
      try {
        const a = parseIPv4(head);
        r = set.contains(a) ? 2 : 1;
      } catch {
        /* no */
      }
      return flags.invert ? r === 1 || (r === 0 && flags.includeNoAddress) : r === 2;
    }
  }
  let seen = false;
  for (const f of fields) {
    const r = refField(f, set);
    if (r === 2) return !flags.invert;
    if (r === 1) seen = true;
  }
  return flags.invert && (seen || flags.includeNoAddress);
}

describe('grep reads lines as the reference does', () => {
  const token = fc.oneof(
    candidate,
    fc.constantFrom('10.1.2.3', '192.0.2.7', '2001:db8::1', '::ffff:10.9.9.9', '8.8.8.8', 'fe80::1', 'host', 'x10.0.0.1', '10.0.0.1x'),
    fc.integer({ min: 0, max: 0xffffffff }).map((v) => `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`),
  );
  const sep = fc.constantFrom(' ', ',', '[', ']', '=', '/', '%', '-', '"', '', '.', ':', '\t');
  const line = fc.array(fc.tuple(token, sep), { maxLength: 6 }).map((ts) => ts.map(([t, s]) => t + s).join(''));
  const flagsArb = fc.record({
    invert: fc.boolean(),
    includeNoAddress: fc.boolean(),
    anchored: fc.boolean(),
    count: fc.constant(false),
  });

  it('selects the same lines', () => {
    const set = AddressSet.from(NETS);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), flagsArb, (lines, flags) => {
        if (flags.includeNoAddress && !flags.invert) flags.includeNoAddress = false;
        const chunks: string[] = [];
        const out = { copy: (b: Buffer, s: number, e: number) => chunks.push(b.toString('latin1', s, e)) };
        const v4 = new IPv4Ranges();
        const v6 = new IPv6Ranges();
        for (let i = 0; i < set.v4.length; i++) v4.push(set.v4.start(i), set.v4.end(i));
        for (let i = 0; i < set.v6.length; i++) {
          const w = (k: number) => set.v6.word(i, k);
          v6.push(w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7));
        }
        const engine = new GrepEngine(new IPv4Lookup(v4), new IPv6Lookup(v6), flags, out as any);
        const text = lines.map((l) => l + '\n').join('');
        engine.scan(Buffer.from(text, 'latin1'), 0, text.length);
        const want = lines.filter((l) => refSelect(l, set, flags)).map((l) => l + '\n');
        expect(chunks.join('')).toBe(want.join(''));
        expect(engine.selected).toBe(want.length);
      }),
      { numRuns: 2000 },
    );
  });
});
