import { createRng } from "../../src/math/rng.js";
import type { PairedSample } from "../../src/types.js";

/**
 * A small table for the classifier: two normal columns x and a label y in {0, 1, 2} that x predicts in part (the
 * sign of x₁, and x₂ above 1), so the estimate is clearly above 0 and a logistic fit takes well under a second.
 */
export function classifierSample(n = 240, seed = 3): PairedSample {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => {
    const noisy = (x[2 * i] as number) + 0.5 * rng.normal();
    return (x[2 * i + 1] as number) > 1 ? 2 : noisy > 0 ? 1 : 0;
  });
  return { x: { rows: n, cols: 2, data: x }, y: { rows: n, cols: 1, data: y } };
}
