import { ascendingOrder } from "../math/ascending-order.js";
import { normalQuantile } from "../math/normal-distribution.js";
import type { Matrix } from "../types.js";

/**
 * Marginal Gaussianisation (the normal-scores / Gaussian-copula transform): each column x_j is replaced by
 * Φ⁻¹(r_ij / (n + 1)), r_ij the rank of x_ij in its column (1…n). Ties get the average of the ranks they span,
 * so equal values stay equal (a discrete column keeps its atoms, and KSG's duplicate handling is unchanged).
 *
 * MI is invariant under any strictly increasing map of each coordinate (Kraskov et al. 2004; Cover & Thomas 2006), and the
 * rank transform is such a map of the empirical distribution: it removes marginal warps (half-cube, asinh,
 * normal CDF …) that bias KSG and break the Gaussian estimator, leaving only the dependence (the copula).
 * Kraskov et al. 2004 (sec. IV) already recommend rank-transforming marginals; the Gaussian scores make the
 * result exactly Gaussian when the copula is (then the Gaussian estimator is exact).
 *
 * @param m n×d row-major (not modified)
 * @returns a new n×d row-major matrix of normal scores
 */
export function copulaTransform(m: Matrix<Float64Array>): Matrix<Float64Array> {
  const { rows: n, cols: d, data } = m;
  const out = new Float64Array(n * d);
  const values = new Float64Array(n);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) values[i] = data[i * d + c] as number;
    const order = ascendingOrder(values);
    let start = 0;
    while (start < n) {
      const v = values[order[start] as number] as number;
      let end = start + 1;
      while (end < n && values[order[end] as number] === v) end++;
      // Ranks start+1 … end (1-based) share their average.
      const rank = (start + 1 + end) / 2;
      const score = normalQuantile(rank / (n + 1));
      for (let t = start; t < end; t++) out[(order[t] as number) * d + c] = score;
      start = end;
    }
  }
  return { rows: n, cols: d, data: out };
}
