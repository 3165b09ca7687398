// The bounded, ordered pool behind bulk `netkit resolve`: items are pushed in input
// order, at most `limit` calls run at once, and results are handed to `emit` in input
// order. A slow head holds back at most `maxHeld` started items behind it; then no more
// start until it is done, so memory stays bounded however long the input.
//
// Push-based and callback-driven on purpose: the async-generator pipeline it replaces
// (a generator per layer, for-await, an await per result) cost more CPU per query than
// encoding and decoding the DNS messages together (bench/resolve.mjs).

export interface PoolStats {
  inFlight: number;
  completed: number;
}

interface Slot<R> {
  done: boolean;
  failed: boolean;
  value: R | undefined;
  error: unknown;
}

export class OrderedPool<T, R> {
  /** Pushed, not started: queue[qHead..]. */
  private queue: T[] = [];
  private qHead = 0;
  /** Started, not emitted, in input order: window[wHead..]. */
  private window: (Slot<R> | undefined)[] = [];
  private wHead = 0;
  /** An emit that asked to wait (it returned a promise): nothing more is emitted until it settles. */
  private emitting = false;
  private failed = false;
  private error: unknown = undefined;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxHeld: number,
    private readonly fn: (t: T) => Promise<R>,
    private readonly emit: (r: R) => void | Promise<void>,
    readonly stats: PoolStats = { inFlight: 0, completed: 0 },
  ) {}

  /** Add an item at the end of the input; it starts as soon as the bounds allow. */
  push(t: T): void {
    if (this.failed) return;
    this.queue.push(t);
    this.pump();
  }

  /** Resolves once every item pushed so far has started (then push more); rejects when the pool failed. */
  room(): Promise<void> {
    return this.until(() => this.qHead === this.queue.length);
  }

  /** Resolves when everything pushed has been emitted; rejects with the first error of a call or of emit. */
  close(): Promise<void> {
    return this.until(() => this.qHead === this.queue.length && this.wHead === this.window.length && !this.emitting);
  }

  private until(ready: () => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.failed) reject(this.error);
        else if (ready()) resolve();
        else this.waiters.push(check);
      };
      check();
    });
  }

  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.error = e;
    this.queue = [];
    this.qHead = 0;
  }

  /** Emit what is finished at the head, start what the bounds allow, wake the waiters. */
  private pump(): void {
    while (!this.failed && !this.emitting && this.wHead < this.window.length && this.window[this.wHead]!.done) {
      const slot = this.window[this.wHead]!;
      this.window[this.wHead++] = undefined;
      if (slot.failed) {
        this.fail(slot.error);
        break;
      }
      let wait: void | Promise<void>;
      try {
        wait = this.emit(slot.value as R);
      } catch (e) {
        this.fail(e);
        break;
      }
      if (wait) {
        this.emitting = true;
        wait.then(
          () => {
            this.emitting = false;
            this.pump();
          },
          (e: unknown) => {
            this.emitting = false;
            this.fail(e);
            this.pump();
          },
        );
      }
    }
    if (this.wHead > 1024 && this.wHead * 2 > this.window.length) {
      this.window = this.window.slice(this.wHead);
      this.wHead = 0;
    }
    while (
      !this.failed &&
      this.qHead < this.queue.length &&
      this.stats.inFlight < this.limit &&
      this.window.length - this.wHead < Math.max(1, this.maxHeld)
    ) {
      const t = this.queue[this.qHead]!;
      this.queue[this.qHead++] = undefined as T;
      this.start(t);
    }
    if (this.qHead === this.queue.length && this.qHead > 0) {
      this.queue = [];
      this.qHead = 0;
    }
    if (this.waiters.length > 0) {
      const ws = this.waiters;
      this.waiters = [];
      for (const w of ws) w();
    }
  }

  private start(t: T): void {
    const slot: Slot<R> = { done: false, failed: false, value: undefined, error: undefined };
    this.window.push(slot);
    this.stats.inFlight++;
    const settle = () => {
      slot.done = true;
      this.stats.inFlight--;
      this.stats.completed++;
      this.pump();
    };
    let p: Promise<R>;
    try {
      p = this.fn(t);
    } catch (e) {
      slot.failed = true;
      slot.error = e;
      // settle on a later turn: pump is running now
      queueMicrotask(settle);
      return;
    }
    p.then(
      (v) => {
        slot.value = v;
        settle();
      },
      (e: unknown) => {
        slot.failed = true;
        slot.error = e;
        settle();
      },
    );
  }
}

/**
 * Run `fn` over `source` with at most `limit` calls in flight and hand the results to
 * `emit` in source order (OrderedPool over an iterable: the source is read only as
 * fast as items start). A rejection from `fn` or `emit` ends the pool with that error.
 */
export async function orderedPool<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  maxHeld: number,
  fn: (t: T) => Promise<R>,
  emit: (r: R) => void | Promise<void>,
  stats?: PoolStats,
): Promise<void> {
  const pool = new OrderedPool(limit, maxHeld, fn, emit, stats);
  for await (const t of source) {
    pool.push(t);
    await pool.room();
  }
  await pool.close();
}
