/** Wall-clock helpers for the benchmarks (performance.now, milliseconds). */

/** Runs fn once to warm up, then `reps` times; returns the mean milliseconds per call. */
export function timeMs(fn: () => void, reps: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
