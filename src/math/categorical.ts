/**
 * The cumulative distribution of nonnegative weights: cdf[k] = (w_0 + … + w_k) / Σ w, each partial sum divided
 * once (sampled task data depend on these exact values, so the order of operations is part of the contract).
 * Returns the total too, for the caller's check that there is mass at all.
 */
export function weightsCdf(weights: ArrayLike<number>): { readonly cdf: Float64Array; readonly total: number } {
  const cdf = new Float64Array(weights.length);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    total += weights[k] as number;
    cdf[k] = total;
  }
  for (let k = 0; k < cdf.length; k++) cdf[k] = (cdf[k] as number) / total;
  return { cdf, total };
}

/**
 * Inverse-CDF draw of a category for u ~ U(0, 1): the first index whose cdf exceeds u, by bisection; the last
 * index when rounding left every entry ≤ u.
 */
export function drawCategory(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
