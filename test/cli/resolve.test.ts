// The ordered, bounded pool behind `netkit resolve -`: results in source order, never
// more than `limit` in flight, never more than `maxHeld` finished results waiting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exitFor } from '../../src/cli/commands/resolve.js';
import { orderedPool } from '../../src/cli/ordered-pool.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('orderedPool', () => {
  it('keeps source order and its bounds, whatever the delays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 16 }),
        async (delays, limit, maxHeld) => {
          let inFlight = 0;
          let peak = 0;
          let finished = 0;
          let emittedCount = 0;
          let peakHeld = 0;
          const out: number[] = [];
          await orderedPool(
            delays.map((d, i) => [i, d] as const),
            limit,
            maxHeld,
            async ([i, d]) => {
              inFlight++;
              peak = Math.max(peak, inFlight);
              await sleep(d);
              inFlight--;
              finished++;
              return i;
            },
            (i) => {
              // finished results not yet emitted, this one included
              peakHeld = Math.max(peakHeld, finished - emittedCount);
              emittedCount++;
              out.push(i);
            },
          );
          expect(out).toEqual(delays.map((_, i) => i));
          expect(peak).toBeLessThanOrEqual(limit);
          expect(peakHeld).toBeLessThanOrEqual(Math.max(limit, maxHeld + 1));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('runs calls concurrently up to the limit (not one after another)', async () => {
    const t0 = Date.now();
    await orderedPool(Array.from({ length: 20 }, (_, i) => i), 10, 100, async (i) => (await sleep(50), i), () => {});
    // 20 calls of 50 ms, 10 at a time: about 100 ms, not 1000
    expect(Date.now() - t0).toBeLessThan(800);
  });

  it('reads an async source lazily: no more than limit + maxHeld items ahead of the output', async () => {
    let pulled = 0;
    let maxAhead = 0;
    let emitted = 0;
    async function* source() {
      for (let i = 0; i < 200; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - emitted);
        yield i;
      }
    }
    await orderedPool(source(), 4, 8, async (i) => (await sleep(i % 7 === 0 ? 5 : 0), i), () => void emitted++);
    expect(emitted).toBe(200);
    expect(maxAhead).toBeLessThanOrEqual(4 + 8 + 1);
  });

  it('a failing call ends the pool with its error', async () => {
    await expect(
      orderedPool([1, 2, 3], 2, 4, async (i) => {
        if (i === 2) throw new Error('boom');
        return i;
      }, () => {}),
    ).rejects.toThrow('boom');
  });
});

describe('exitFor', () => {
  it.each([
    ['NOERROR', 0],
    ['NXDOMAIN', 1],
    ['NODATA', 1],
    ['SERVFAIL', 9],
    ['REFUSED', 9],
    ['TIMEOUT', 9],
    ['ERROR', 9],
  ])('%s -> %i', (status, code) => expect(exitFor(status)).toBe(code));
});
