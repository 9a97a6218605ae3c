import type { RealArray } from "../types.js";

/**
 * log Σ_i e^{a[offset + i·stride]} for i < length, computed stably by shifting by the maximum, so ±1e4 inputs
 * neither overflow nor underflow. −∞ entries contribute 0; all −∞ gives −∞; any +∞ gives +∞; NaN propagates.
 */
export function logSumExp(a: ArrayLike<number>, offset = 0, length = a.length - offset, stride = 1): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0, p = offset; i < length; i++, p += stride) {
    const v = a[p] as number;
    if (v > max || Number.isNaN(v)) max = v;
    if (Number.isNaN(v)) return Number.NaN;
  }
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0, p = offset; i < length; i++, p += stride) sum += Math.exp((a[p] as number) - max);
  return max + Math.log(sum);
}

/** log( (1/length) Σ e^{a_i} ): the log of a mean of exponentials, stable (see logSumExp). Empty → NaN. */
export function logMeanExp(a: ArrayLike<number>, offset = 0, length = a.length - offset, stride = 1): number {
  if (length <= 0) return Number.NaN;
  return logSumExp(a, offset, length, stride) - Math.log(length);
}

/**
 * Row-wise log-softmax of an r×c row-major matrix into `out` (float64): out[i,j] = a[i,j] − logsumexp_j a[i,·].
 */
export function logSoftmaxRows(a: RealArray, rows: number, cols: number, out: Float64Array): Float64Array {
  for (let i = 0; i < rows; i++) {
    const lse = logSumExp(a, i * cols, cols);
    for (let j = 0; j < cols; j++) out[i * cols + j] = (a[i * cols + j] as number) - lse;
  }
  return out;
}
