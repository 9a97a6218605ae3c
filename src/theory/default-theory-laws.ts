import type { Matrix } from "../types.js";
import { discreteTheoryLaw } from "./discrete-law.js";
import { gaussianTheoryLaw } from "./gaussian-law.js";
import type { TheoryLaw } from "./theory-law.js";

/**
 * Joint table of a noisy copy channel with a Zipf input: p(y = j) ∝ (j + 1)^{−s}, and given y, x = y with
 * probability α, otherwise x is uniform on the n symbols. Both marginals are skewed; every cell is positive.
 */
export function zipfChannelTable(n: number, s: number, alpha: number): Matrix<Float64Array> {
  const py = zipf(n, s);
  const data = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) data[i * n + j] = (py[j] as number) * ((i === j ? alpha : 0) + (1 - alpha) / n);
  }
  return { rows: n, cols: n, data };
}

/**
 * Joint table with a uniform p(y) and a skewed p(x): p(y = j) = 1/n and p(x = i | y = j) ∝ (i + 1)^{−s} · (1 + β[i = j]).
 * Here the article's critic log p(x, y) = pmi + log p(x) − log n differs from pmi by a term in x alone.
 */
export function uniformYTable(n: number, s: number, beta: number): Matrix<Float64Array> {
  const w = zipf(n, s);
  const data = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let z = 0;
    for (let i = 0; i < n; i++) z += (w[i] as number) * (i === j ? 1 + beta : 1);
    for (let i = 0; i < n; i++) data[i * n + j] = ((w[i] as number) * (i === j ? 1 + beta : 1)) / (z * n);
  }
  return { rows: n, cols: n, data };
}

function zipf(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  let z = 0;
  for (let k = 0; k < n; k++) {
    w[k] = (k + 1) ** -s;
    z += w[k] as number;
  }
  for (let k = 0; k < n; k++) w[k] = (w[k] as number) / z;
  return w;
}

/** Parameters of the built-in laws (documented in docs/theory.md). */
export const THEORY_LAW_PARAMETERS = {
  zipf: { n: 32, s: 1.1, alpha: 0.85 },
  uniformY: { n: 32, s: 1.1, beta: 100 },
  gaussian: { d: 4, mi: 4 },
} as const;

/**
 * The laws of the theory run: a discrete law whose candidates' marginal p(y) is skewed (the article's critic is
 * loose), a discrete law with a uniform p(y) (the article's critic is optimal), and a correlated Gaussian.
 */
export function defaultTheoryLaws(): TheoryLaw[] {
  const z = THEORY_LAW_PARAMETERS.zipf;
  const u = THEORY_LAW_PARAMETERS.uniformY;
  const g = THEORY_LAW_PARAMETERS.gaussian;
  const rho = Math.sqrt(-Math.expm1((-2 * g.mi) / g.d));
  return [
    discreteTheoryLaw({
      name: "discrete-zipf",
      description: `${z.n}×${z.n} table: y ~ Zipf(s = ${z.s}); x = y with probability ${z.alpha}, else uniform`,
      table: zipfChannelTable(z.n, z.s, z.alpha),
    }),
    discreteTheoryLaw({
      name: "discrete-uniform-y",
      description: `${u.n}×${u.n} table: y uniform; p(x | y) ∝ (1 + ${u.beta}·[x = y]) · (x + 1) to the power −${u.s}`,
      table: uniformYTable(u.n, u.s, u.beta),
    }),
    gaussianTheoryLaw({
      name: "gaussian",
      description: `${g.d} independent pairs (xₖ, yₖ), standard normal with correlation ρ = ${rho.toFixed(4)}`,
      rho,
      d: g.d,
    }),
  ];
}
