import type { CompiledKernel } from "../src/linalg/compiled-kernel.js";
import { cpuMs } from "./timing.js";

/**
 * One core's measured peak (GFLOPS) with the instruction set the GEMM micro-kernel uses: 12 independent FMA
 * chains on registers (no memory traffic), timed for about `seconds`. Best of three runs, to resist noise; from
 * wall time and from CPU time.
 */
export function measureFmaPeak(kernel: CompiledKernel, seconds = 0.3): { wall: number; cpu: number } {
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
  let wall = 0;
  let cpu = 0;
  for (let r = 0; r < 3; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    sink += kernel.fmaPeakRun(iters);
    const dt = (performance.now() - t0) / 1000;
    const dc = (cpuMs() - c0) / 1000;
    wall = Math.max(wall, (iters * perIter) / dt / 1e9);
    cpu = Math.max(cpu, (iters * perIter) / dc / 1e9);
  }
  if (Number.isNaN(sink)) return { wall: Number.NaN, cpu: Number.NaN }; // consume the result: cannot be skipped
  return { wall, cpu };
}
