// The client's deadline sweep: one timer for all of a client's queries. Deadlines abort
// in order once passed, finished ones never abort, and no timer is left when nothing is live.
import { describe, expect, it } from 'vitest';
import { DeadlineSweep } from '../../src/io/dns/deadline.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DeadlineSweep', () => {
  it('aborts passed deadlines in order with the reason, skips finished ones', async () => {
    const sweep = new DeadlineSweep(() => performance.now(), () => 'late');
    const fired: number[] = [];
    const ds = [0, 1, 2, 3].map((i) => {
      const d = sweep.start(20 + i * 15);
      d.addEventListener('abort', () => fired.push(i));
      return d;
    });
    sweep.finish(ds[1]!);
    await sleep(150);
    expect(fired).toEqual([0, 2, 3]);
    expect(ds.map((d) => d.aborted)).toEqual([true, false, true, true]);
    expect(ds[0]!.reason).toBe('late');
    expect(ds[1]!.reason).toBeUndefined();
  });

  it('a removed listener is not called; a second listener is', async () => {
    const sweep = new DeadlineSweep(() => performance.now(), () => 'late');
    const calls: string[] = [];
    const d = sweep.start(10);
    const a = () => calls.push('a');
    d.addEventListener('abort', a);
    d.addEventListener('abort', () => calls.push('b'));
    d.removeEventListener('abort', a);
    await sleep(60);
    expect(calls).toEqual(['b']);
  });

  it('when every query finished, no timer holds the process (the sweep never fires)', async () => {
    let reasons = 0;
    const sweep = new DeadlineSweep(() => performance.now(), () => ++reasons);
    const ds = Array.from({ length: 3000 }, () => sweep.start(30));
    for (const d of ds) sweep.finish(d);
    const timers = () => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await sleep(80);
    expect(reasons).toBe(0);
    expect(ds.some((d) => d.aborted)).toBe(false);
    // The sweep holds a timer exactly while a deadline runs. Counted synchronously around
    // start and finish: vitest's own timers come and go across an await (a baseline taken
    // before the sleep above was off by one under load).
    const active = timers();
    const d = sweep.start(5);
    expect(timers()).toBe(active + 1);
    sweep.finish(d);
    expect(timers()).toBe(active);
  });
});
