import { digamma } from "../math/digamma.js";

/**
 * The fraction of its ceiling from which a KSG estimate is flagged `saturated`. A Gaussian 1+1 pair of 5 nats reads
 * 4.98 at 5,000 rows (0.66 of the ceiling 7.59) and 4.02 at 200 rows (0.92 of 4.37), 20% low; y = x³ + x + 10⁻³ε
 * (7.9 nats) reads 5.74 at 1,000 rows, 0.96 of 5.98.
 */
export const KSG_CEILING_FRACTION = 0.9;

/**
 * The largest value KSG can return on n rows with k neighbours, whatever the dependence. Each point's k − 1 nearer
 * joint neighbours lie strictly within ε_i in both marginals, so n_x, n_y ≥ k − 1 and estimator 1
 * (ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩) is at most ψ(n) − ψ(k); estimator 2's inclusive counts are ≥ k, so it is
 * at most ψ(n) − ψ(k) − 1/k (Kraskov, Stögbauer & Grassberger 2004, eqs. 8–9). Reached by y = x.
 */
export function ksgCeiling(n: number, k: number, variant: 1 | 2): number {
  return digamma(n) - digamma(k) - (variant === 2 ? 1 / k : 0);
}

/**
 * A warning when `value` is within KSG_CEILING_FRACTION of the ceiling: the estimate is then limited by n, not by
 * the data (as InfoNCE by log K), and its interval says how it varies, not where the MI is; null otherwise.
 */
export function ksgCeilingWarning(name: string, value: number, n: number, k: number, variant: 1 | 2): string | null {
  const ceiling = ksgCeiling(n, k, variant);
  if (!(value >= KSG_CEILING_FRACTION * ceiling)) return null;
  return (
    `saturated: the ${name} estimate ${value.toFixed(3)} nats is within ${Math.round(100 * (1 - KSG_CEILING_FRACTION))}% ` +
    `of the most ${name} can return on ${n} rows with k = ${k} (ψ(n) − ψ(k)${variant === 2 ? " − 1/k" : ""} = ` +
    `${ceiling.toFixed(3)} nats, reached when y is a function of x): the dependence is nearly deterministic and the ` +
    "true MI is probably well above it; read it, and its interval, as a lower bound. More rows raise the ceiling by log 2 per doubling"
  );
}
