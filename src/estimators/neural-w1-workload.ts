import { SeparableCritic } from "../critics/separable-critic.js";
import { kernelFrom } from "../linalg/engine.js";
import { createRng } from "../math/rng.js";
import type { Kernel } from "../types.js";
import { CriticOptimizer } from "./neural-step.js";

/** The w1 workload of the PyTorch reference (docs/neural.md, docs/benchmarks.md); its defaults. */
export interface W1Options {
  readonly batch?: number;
  readonly dim?: number;
  readonly hidden?: number;
  readonly embed?: number;
  readonly rho?: number;
  readonly lr?: number;
  readonly seed?: number;
  readonly kernel?: Kernel;
}

/** One training step of w1 at a time, for benchmarks; `step()` returns that step's InfoNCE estimate ln B − loss. */
export interface W1Workload {
  step(): number;
  readonly trueMI: number;
  readonly kernel: Kernel;
}

/**
 * torch_ref.py w1 with our trainer: x ~ N(0, I_d), y = ρx + √(1−ρ²)ε drawn fresh every step (as the script does,
 * inside the timed loop), two MLPs d → H → H → E with ReLU (nn.Linear initialisation), scores S = f(x) g(y)ᵀ (B×B),
 * InfoNCE, Adam (lr 5e-4, β (0.9, 0.999), ε 1e-8). Same arithmetic as the estimators: CriticOptimizer.trainStep.
 */
export function createW1Workload(options: W1Options = {}): W1Workload {
  const batch = options.batch ?? 128;
  const dim = options.dim ?? 20;
  const hidden = options.hidden ?? 256;
  const rho = options.rho ?? 0.5;
  const kernel = kernelFrom(options.kernel);
  const seed = options.seed ?? 0;
  const critic = new SeparableCritic(
    {
      dimX: dim,
      dimY: dim,
      hidden: [hidden, hidden],
      embed: options.embed ?? 32,
      activation: "relu",
      similarity: "dot",
    },
    createRng(seed, 2),
    kernel,
  );
  const opt = new CriticOptimizer(critic, { bound: "infonce" }, { lr: options.lr ?? 5e-4 }, kernel);
  const rng = createRng(seed, 4);
  const x = new Float32Array(batch * dim);
  const y = new Float32Array(batch * dim);
  const noise = Math.sqrt(1 - rho * rho);
  return {
    trueMI: (-dim / 2) * Math.log1p(-rho * rho),
    kernel,
    step() {
      for (let p = 0; p < batch * dim; p++) {
        const xv = rng.normal();
        x[p] = xv;
        y[p] = rho * xv + noise * rng.normal();
      }
      return opt.trainStep(x, y, batch);
    },
  };
}
