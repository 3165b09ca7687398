// Query deadlines without a timer and an AbortController per query: every query of a
// client has the same timeout, so deadlines come in the order they were set, and one
// timer for the earliest live deadline serves them all (a sweep aborts every deadline
// that has passed, then re-arms for the next). A finished query's deadline is only
// marked done; it is skipped when the sweep reaches it. With no live deadline left the
// timer is cleared, so a finished run does not wait out the last query's timeout.

import type { QuerySignal } from './transport.js';

export class Deadline implements QuerySignal {
  aborted = false;
  reason: unknown = undefined;
  /** Finished (or aborted): the sweep skips it. */
  done = false;
  private first: (() => void) | null = null;
  private more: (() => void)[] | null = null;

  constructor(readonly at: number) {}

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.first === null) this.first = listener;
    else (this.more ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.first === listener) this.first = null;
    else if (this.more) {
      const i = this.more.indexOf(listener);
      if (i >= 0) this.more.splice(i, 1);
    }
  }

  /** Abort now (listeners run once, in the order added). */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.done = true;
    this.reason = reason;
    const first = this.first;
    const more = this.more;
    this.first = null;
    this.more = null;
    first?.();
    if (more) for (const fn of more) fn();
  }
}

export class DeadlineSweep {
  private queue: Deadline[] = [];
  private head = 0;
  private live = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly now: () => number,
    private readonly reason: () => unknown,
  ) {}

  /** A deadline `ms` from now; call `finish` on it when the query is over. */
  start(ms: number): Deadline {
    const d = new Deadline(this.now() + ms);
    this.queue.push(d);
    this.live++;
    if (this.timer === null) this.arm(d.at);
    return d;
  }

  finish(d: Deadline): void {
    if (d.done) return;
    d.done = true;
    if (--this.live === 0) this.reset();
  }

  private reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.head = 0;
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sweep(), Math.max(0, Math.ceil(at - this.now())));
  }

  private sweep(): void {
    this.timer = null;
    const now = this.now();
    while (this.head < this.queue.length) {
      const d = this.queue[this.head]!;
      if (!d.done) {
        if (d.at > now) break;
        this.live--;
        d.abort(this.reason());
      }
      this.head++;
    }
    if (this.live === 0) return this.reset();
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    // The earliest live deadline (skipping finished ones costs nothing extra later).
    while (this.queue[this.head]!.done) this.head++;
    this.arm(this.queue[this.head]!.at);
  }
}
