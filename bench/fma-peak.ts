import type { CompiledKernel } from "../src/linalg/compiled-kernel.js";

/**
 * One core's measured peak (GFLOPS) with the instruction set the GEMM micro-kernel uses: 12 independent FMA
 * chains on registers (no memory traffic), timed for about `seconds`. Best of three runs, to resist noise.
 */
export function measureFmaPeak(kernel: CompiledKernel, seconds = 0.3): number {
  const perIter = kernel.fmaPeakFlopsPerIter();
  let iters = 1e6;
  let sink = 0;
  for (;;) {
    const t0 = performance.now();
    sink += kernel.fmaPeakRun(iters);
    const dt = (performance.now() - t0) / 1000;
    if (dt > seconds / 4) break;
    iters *= 4;
  }
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    sink += kernel.fmaPeakRun(iters);
    const dt = (performance.now() - t0) / 1000;
    best = Math.max(best, (iters * perIter) / dt / 1e9);
  }
  if (Number.isNaN(sink)) return Number.NaN; // consume the result so the probe cannot be skipped
  return best;
}
