import { SeparableCritic } from "../src/critics/separable-critic.js";
import { createRng } from "../src/math/rng.js";
import { Adam } from "../src/nn/adam.js";
import type { Kernel } from "../src/types.js";

export interface W1Args {
  readonly steps: number;
  readonly warmup: number;
  readonly batch: number;
  readonly hidden: number;
  readonly dim: number;
  readonly seed: number;
}

const RHO = 0.5;
const EMBED = 32;
const LR = 5e-4;

/**
 * torch_ref.py w1: x ~ N(0, I_d), y = ρx + √(1−ρ²)ε; a separable critic of two MLPs d → H → H → 32 (ReLU), dot
 * scores S = f(x) g(y)ᵀ (B×B), the InfoNCE bound (row cross-entropy with the diagonal as target), Adam lr 5e-4.
 * ms per step (wall) after `warmup` steps (fresh batch, forward, backward, Adam: everything a step does), and the
 * estimate ln B − loss (= the InfoNCE bound) averaged over the last 100 steps.
 */
export function benchW1(kernel: Kernel, a: W1Args): Record<string, number | string> {
  const d = a.dim;
  const B = a.batch;
  const critic = new SeparableCritic(
    { dimX: d, dimY: d, hidden: [a.hidden, a.hidden], embed: EMBED, activation: "relu", similarity: "dot" },
    createRng(a.seed),
    kernel,
  );
  const adam = new Adam(critic.parameters.values, critic.parameters.grads, { lr: LR, maximize: true }, kernel);
  const rng = createRng(a.seed, 1);
  const x = new Float32Array(B * d);
  const y = new Float32Array(B * d);
  const gradS = new Float32Array(B * B);
  const s = Math.sqrt(1 - RHO * RHO);
  const estimates: number[] = [];
  let t0 = 0;
  let cpu0 = process.cpuUsage();
  for (let step = 0; step < a.warmup + a.steps; step++) {
    if (step === a.warmup) {
      t0 = performance.now();
      cpu0 = process.cpuUsage();
    }
    rng.fillNormal(x);
    rng.fillNormal(y);
    for (let i = 0; i < y.length; i++) y[i] = RHO * (x[i] as number) + s * (y[i] as number);
    const scores = critic.scores(x, y, B);
    estimates.push(kernel.bound("infonce", scores, B, B, 0, gradS));
    critic.backward(gradS);
    adam.step();
    critic.afterStep();
  }
  const ms = (performance.now() - t0) / a.steps;
  const cpu = process.cpuUsage(cpu0);
  const last = estimates.slice(-100);
  return {
    workload: "w1",
    ms_per_step: ms,
    // CPU time of this process per step (all threads): robust to other tenants taking the cores, unlike wall time.
    cpu_ms_per_step: (cpu.user + cpu.system) / 1000 / a.steps,
    estimate: last.reduce((p, v) => p + v, 0) / last.length,
    true_mi: (-d / 2) * Math.log(1 - RHO * RHO),
    batch: B,
    hidden: a.hidden,
  };
}
