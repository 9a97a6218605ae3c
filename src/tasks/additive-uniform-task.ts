import { InfonceError } from "../errors.js";
import type { GroundTruthTask } from "./gaussian-task.js";
import { rngSampler } from "./sample-args.js";

/**
 * Exact MI of X ~ U(0, 1), Y = X + N, N ~ U(−ε, ε) (bmi's additive-noise law):
 * I = ε − log 2ε for ε ≤ ½, and 1/(4ε) for ε > ½.
 * Derivation: I = h(Y) − h(Y|X) = h(Y) − log 2ε, where Y's density is a trapezoid (the convolution of U(0,1) and
 * U(−ε, ε)) whose entropy is ε for ε ≤ ½ and log 2ε + 1/(4ε) for ε > ½. Written as Y = X + U(0, a), the same law has I = a/2 − log a for a ≤ 1,
 * which is this formula with a = 2ε (a shift of Y changes nothing).
 */
export function additiveUniformMI(epsilon: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new InfonceError("E_VALUE", `noise half-width epsilon must be finite and > 0, got ${epsilon}`);
  }
  return epsilon <= 0.5 ? epsilon - Math.log(2 * epsilon) : 1 / (4 * epsilon);
}

/** The additive-uniform task `1v1-additive-ε`. */
export function additiveUniformTask(epsilon: number): GroundTruthTask {
  const name = `1v1-additive-${epsilon}`;
  const trueMI = additiveUniformMI(epsilon);
  return {
    name,
    description: `X ~ U(0,1), Y = X + U(−${epsilon}, ${epsilon}) (bmi's additive noise)`,
    family: "additive-uniform",
    params: { dimX: 1, dimY: 1, epsilon },
    dimX: 1,
    dimY: 1,
    trueMI,
    sample: rngSampler(name, 1, 1, (rng, n, x, y) => {
      for (let i = 0; i < n; i++) {
        const u = rng.uniform();
        x[i] = u;
        y[i] = u + epsilon * (2 * rng.uniform() - 1);
      }
    }),
  };
}
