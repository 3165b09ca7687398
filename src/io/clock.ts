// A monotonic clock in milliseconds for deadlines and elapsed times. performance.now()
// would do, but the `performance` global loads perf_hooks on first use (about 2 ms of
// every `netkit resolve` start); process.hrtime is already there.

/** Milliseconds from an arbitrary origin, monotonic, sub-millisecond resolution. */
export function monotonicMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
