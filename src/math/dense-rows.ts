// Inner loops on contiguous float64 rows, for the embedding losses and the Gaussian estimator's covariance. Four
// independent accumulators let the CPU overlap the multiply-adds (a dependent chain of one accumulator runs ~1.5–2×
// slower in V8, measured on N = 1024, D = 128); the summation order is fixed, so results are deterministic.

/** Σ_d a[ai + d] · b[bi + d] for d < n. */
export function dotRows(a: Float64Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let d = 0;
  for (; d + 3 < n; d += 4) {
    t0 += (a[ai + d] as number) * (b[bi + d] as number);
    t1 += (a[ai + d + 1] as number) * (b[bi + d + 1] as number);
    t2 += (a[ai + d + 2] as number) * (b[bi + d + 2] as number);
    t3 += (a[ai + d + 3] as number) * (b[bi + d + 3] as number);
  }
  for (; d < n; d++) t0 += (a[ai + d] as number) * (b[bi + d] as number);
  return t0 + t1 + (t2 + t3);
}

/** y[yi + d] += alpha · x[xi + d] for d < n (in place on y). */
export function axpyRowInPlace(
  alpha: number,
  x: Float64Array,
  xi: number,
  y: Float64Array,
  yi: number,
  n: number,
): void {
  let d = 0;
  for (; d + 3 < n; d += 4) {
    y[yi + d] = (y[yi + d] as number) + alpha * (x[xi + d] as number);
    y[yi + d + 1] = (y[yi + d + 1] as number) + alpha * (x[xi + d + 1] as number);
    y[yi + d + 2] = (y[yi + d + 2] as number) + alpha * (x[xi + d + 2] as number);
    y[yi + d + 3] = (y[yi + d + 3] as number) + alpha * (x[xi + d + 3] as number);
  }
  for (; d < n; d++) y[yi + d] = (y[yi + d] as number) + alpha * (x[xi + d] as number);
}
