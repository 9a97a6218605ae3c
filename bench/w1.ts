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
 * step as the script draws them): x ~ N(0, I_d), y = ρx + √(1−ρ²)ε, two MLPs d → H → H → 32 (ReLU), dot scores,
 * InfoNCE, Adam lr 5e-4. Reports ms per step (wall, and CPU time of this process, robust to other tenants taking
 * the cores) after `warmup` steps, and the mean of ln B − loss over the last 100 steps, the script's "estimate".
 */
export function benchW1(kernel: Kernel, a: W1Args): Record<string, number | string> {
  const w = createW1Workload({ batch: a.batch, hidden: a.hidden, dim: a.dim, seed: a.seed, kernel });
  for (let i = 0; i < a.warmup; i++) w.step();
  const last: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < a.steps; i++) {
    const v = w.step();
    if (i >= a.steps - 100) last.push(v);
  }
  const ms = (performance.now() - t0) / a.steps;
  const cpu = process.cpuUsage(cpu0);
  return {
    workload: "w1",
    ms_per_step: ms,
    cpu_ms_per_step: (cpu.user + cpu.system) / 1000 / a.steps,
    estimate: last.reduce((s, v) => s + v, 0) / last.length,
    true_mi: w.trueMI,
    batch: a.batch,
    hidden: a.hidden,
  };
}
