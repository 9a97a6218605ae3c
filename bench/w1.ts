import { createW1Workload } from "../src/estimators/neural-w1-workload.js";
import type { Kernel } from "../src/types.js";

export interface W1Args {
  readonly steps: number;
  readonly warmup: number;
  readonly batch: number;
  readonly hidden: number;
  readonly dim: number;
  readonly seed: number;
}

/**
 * torch_ref.py w1 with infonce's trainer (createW1Workload: the estimators' own training step, fresh samples each
 * step as the script draws them): ms per step after `warmup` steps, and the mean of ln B − loss over the last
 * 100 steps, the script's "estimate".
 */
export async function benchW1(kernel: Kernel, a: W1Args): Promise<Record<string, number | string>> {
  const w = createW1Workload({ batch: a.batch, hidden: a.hidden, dim: a.dim, seed: a.seed, kernel });
  for (let i = 0; i < a.warmup; i++) w.step();
  const last: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < a.steps; i++) {
    const v = w.step();
    if (i >= a.steps - 100) last.push(v);
  }
  const ms = (performance.now() - t0) / a.steps;
  return {
    workload: "w1",
    ms_per_step: ms,
    estimate: last.reduce((s, v) => s + v, 0) / last.length,
    true_mi: w.trueMI,
    batch: a.batch,
    hidden: a.hidden,
  };
}
