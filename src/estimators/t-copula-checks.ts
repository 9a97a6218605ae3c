/** The checks of the t-copula model (t-copula.ts) on its fitted scores. */
import jstat from "jstat";
import { ascendingOrder } from "../math/ascending-order.js";
import { erfc } from "../math/normal-distribution.js";

/** The asymptotic Kolmogorov p-value of a one-sample statistic D on m values (Stephens' finite-m scaling). */
function kolmogorovP(dStat: number, m: number): number {
  const lambda = (Math.sqrt(m) + 0.12 + 0.11 / Math.sqrt(m)) * dStat;
  if (lambda < 0.2) return 1;
  let p = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    p += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * The two checks of a t copula on the rows' t scores x, each a p-value, from their squared Mahalanobis norms
 * q = xᵀR⁻¹x under the fitted R and the rank of each cell (0 … m − 1):
 * - radial: Q/d = xᵀR⁻¹x/d is F(d, ν) distributed (χ²_d/d at ν = ∞), by Kolmogorov–Smirnov;
 * - symmetry: an elliptical law's radius is independent of its direction, so of the sign of each score: the
 *   Mann–Whitney test of Q between the rows of positive and of negative score in each column, the smallest p-value
 *   times d (Bonferroni). Radii alone let through y = x² + noise in 3+3 columns (p 0.39): a square's rank is large
 *   where |x| is, so the rows of positive y scores are the far ones.
 */
export function copulaChecks(
  q: Float64Array,
  ranks: readonly Int32Array[],
  nu: number,
): { readonly radialP: number; readonly symmetryP: number } {
  const d = ranks.length;
  const m = q.length;
  const order = ascendingOrder(q);
  // A very large second degree of freedom stands for ∞ (F(d, ν) → χ²_d/d).
  const df2 = Number.isFinite(nu) ? nu : 1e9;
  let dStat = 0;
  const rankOfRow = new Float64Array(m);
  order.forEach((row, i) => {
    const f = jstat.jStat.centralF.cdf((q[row] as number) / d, d, df2);
    dStat = Math.max(dStat, f - i / m, (i + 1) / m - f);
    rankOfRow[row] = i + 1;
  });
  let smallest = 1;
  for (const column of ranks) {
    // A score is positive where the rank is above the middle (the quantiles are symmetric about it).
    let n1 = 0;
    let rankSum = 0;
    for (let i = 0; i < m; i++) {
      if (2 * ((column[i] as number) + 1) > m + 1) {
        n1++;
        rankSum += rankOfRow[i] as number;
      }
    }
    const n2 = m - n1;
    if (n1 === 0 || n2 === 0) continue;
    const z = (rankSum - (n1 * (m + 1)) / 2) / Math.sqrt((n1 * n2 * (m + 1)) / 12);
    smallest = Math.min(smallest, erfc(Math.abs(z) / Math.SQRT2));
  }
  return { radialP: kolmogorovP(dStat, m), symmetryP: Math.min(1, d * smallest) };
}
