import { isCompiledKernel } from "../src/linalg/compiled-kernel.js";
import type { Kernel } from "../src/types.js";
import { measureFmaPeak } from "./fma-peak.js";
import { timeMs } from "./timing.js";

/** The shapes of torch_ref.py gemm: (m, k, n). */
export const GEMM_SHAPES: readonly (readonly [number, number, number])[] = [
  [128, 256, 256],
  [512, 512, 512],
  [1024, 1024, 1024],
];

/**
 * float32 C = A B at torch_ref.py's sizes, GFLOPS (same rule for repetitions: ≈ 2 GFLOP per size, ≥ 3 reps,
 * 3 warm-up calls), from wall time as torch_ref.py does and (`_cpu`) from this process's CPU time. Adds one core's
 * FMA peak and the 512³ efficiency against it (CPU time over CPU time) for the compiled engines.
 */
export function benchGemm(kernel: Kernel): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = { workload: "gemm" };
  for (const [m, k, n] of GEMM_SHAPES) {
    const a = new Float32Array(m * k).map((_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
    const b = new Float32Array(k * n).map((_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
    const c = new Float32Array(m * n);
    const flop = 2 * m * k * n;
    const reps = Math.max(3, Math.floor(2e9 / flop));
    const t = timeMs(() => kernel.gemm(false, false, m, n, k, 1, a, b, 0, c), reps, 3);
    out[`${m}x${k}x${n}_gflops`] = flop / (t.wall / 1000) / 1e9;
    out[`${m}x${k}x${n}_gflops_cpu`] = flop / (t.cpu / 1000) / 1e9;
    if (!Number.isFinite(c[0] as number)) throw new Error("gemm produced a non-finite result");
  }
  if (isCompiledKernel(kernel)) {
    const peak = measureFmaPeak(kernel);
    out.fma_peak_gflops = peak.wall;
    out.fma_peak_gflops_cpu = peak.cpu;
    // Both in CPU time: the efficiency stays meaningful when other tenants take the core (wall time would not).
    out["512x512x512_pct_of_peak"] = (100 * (out["512x512x512_gflops_cpu"] as number)) / peak.cpu;
  } else {
    out.fma_peak_gflops = null;
  }
  return out;
}
