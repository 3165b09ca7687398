// End-to-end regressions found by trying the bulk tools as a demanding user would
// (QA pass against grepcidr, iprange, ipcalc-ng and Python's ipaddress).
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../src/core/prefix.js';
import { splitIntoCount } from '../../src/core/set.js';
import { splitRecord } from '../../src/cli/render/split.js';
import { jsonLines, netkit } from '../helpers/cli.js';

describe('split --count at scale', () => {
  it('honours --limit, as --prefix does (was: always 65536, "pass --all")', () => {
    const r = netkit(['split', '10.0.0.0/8', '--count', '70000', '--limit', '100000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(70001);
    expect(lines[0]).toBe('10.0.0.0/25');
    expect(lines[69999]).toBe('10.136.183.128/25');
    const refused = netkit(['split', '10.0.0.0/24', '--count', '3', '--limit', '2']);
    expect(refused).toMatchObject({ stdout: '', code: 2 });
    expect(refused.stderr).toBe('netkit: --count 3 is more than --limit 2 subnets: raise --limit or pass --all\n');
  });

  it('streams many subnets instead of building them all (was: out of memory, a V8 stack trace)', () => {
    // 3 million /54s of an IPv6 /32: a plan of objects took gigabytes; the stream is constant memory
    // (a small heap makes the old way fail fast instead of after a minute of swapping)
    const r = netkit(['split', '2001:db8::/32', '--count', '3000000', '--all'], {
      timeoutMs: 60_000,
      env: { NODE_OPTIONS: '--max-old-space-size=160' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(3_000_001);
    expect(lines[2_999_999]).toBe('2001:db8:b71a:fc00::/54');
  });

  it('--json of a streamed --count split is the same object the plan gives', () => {
    const r = netkit(['split', '10.0.0.0/16', '--count', '5000', '--json']);
    expect(r.code).toBe(0);
    const want = splitRecord(splitIntoCount(parseNetwork('10.0.0.0/16'), 5000), 'count');
    expect(jsonLines(r.stdout)).toEqual([want]);
    expect(want.free.length).toBeGreaterThan(0); // a real test: the free part is there
  });
});
