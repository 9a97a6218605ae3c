import { createRng } from "../../src/math/rng.js";
import type { PairedSample } from "../../src/types.js";

/**
 * A 4+4 Gaussian whose columns are correlated ≥ 0.99 within each side: x₀ = z₀, x_a = √0.99 z₀ + √0.01 z_a, y the
 * same of w, w_p = ρ z_p + √(1 − ρ²) ε with ρ² = 1 − e⁻²: each side an invertible linear map of z or w, one pair
 * correlated, so I = −½ log(1 − ρ²) = 1 nat exactly. With `pair` 1 (the default) the information is in
 * x₁ − √0.99 x₀ = 0.1 z₁, a direction of small variance: the hard case for a critic on the raw columns, and for normal
 * scores, whose quantile noise (of order n^−½) is not small beside 0.1; with `pair` 0 it is in the shared direction.
 */
export function collinearGaussian(n: number, seed: number, pair: 0 | 1 = 1): PairedSample {
  const rng = createRng(seed);
  const d = 4;
  const rho = Math.sqrt(1 - Math.exp(-2));
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: d }, () => rng.normal());
    const w = Array.from({ length: d }, () => rng.normal());
    w[pair] = rho * (z[pair] as number) + Math.sqrt(1 - rho * rho) * (w[pair] as number);
    for (let a = 0; a < d; a++) {
      const mix = (v: number[]) =>
        a === 0 ? (v[0] as number) : Math.sqrt(0.99) * (v[0] as number) + 0.1 * (v[a] as number);
      x[i * d + a] = mix(z);
      y[i * d + a] = mix(w);
    }
  }
  return { x: { rows: n, cols: d, data: x }, y: { rows: n, cols: d, data: y } };
}
