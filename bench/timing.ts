/** Clock helpers for the benchmarks: wall time (performance.now) and this process's CPU time, in milliseconds. */

/** CPU time (user + system, all threads) of this process so far, ms. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Runs fn `warmup` times, then `reps` times; returns the mean wall and CPU milliseconds per call. */
export function timeMs(fn: () => void, reps: number, warmup = 1): { wall: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return { wall: (performance.now() - t0) / reps, cpu: (cpuMs() - c0) / reps };
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
