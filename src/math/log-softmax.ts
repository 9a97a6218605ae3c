import type { RealArray } from "../types.js";

// The one log-sum-exp / log-softmax of the project: the bounds (S → value, ∂S) and the contrastive losses
// (logits → cross-entropy, ∂logits) call these instead of writing their own max-shift.
//
// Stability: every sum is shifted by its maximum, so logits of ±1e4 neither overflow nor underflow. −∞ entries
// (masks) contribute 0. A row whose entries are all −∞ has no candidate: its log-sum-exp is −∞ and, instead of
// the NaN that −∞ − (−∞) would give, its softmax and every gradient through it are 0 (the row contributes nothing).
// Any +∞ gives +∞; NaN propagates.

/**
 * log Σ_i e^{a[offset + i·stride]} for i < length, shifted by the maximum. All −∞ (or empty) → −∞, any +∞ → +∞,
 * NaN → NaN.
 */
export function logSumExp(a: ArrayLike<number>, offset = 0, length = a.length - offset, stride = 1): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0, p = offset; i < length; i++, p += stride) {
    const v = a[p] as number;
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
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
 * Row log-sum-exp of a rows×cols row-major matrix: lse[i] = log Σ_j e^{a[i·cols + j]} (float64).
 * @param a rows×cols row-major (float32 or float64; use subarray for a band of rows).
 * @param lse receives `rows` values; returned.
 */
export function logSumExpRowsInto(a: RealArray, rows: number, cols: number, lse: Float64Array): Float64Array {
  for (let i = 0; i < rows; i++) lse[i] = logSumExp(a, i * cols, cols);
  return lse;
}

/**
 * Row log-softmax: out[i,j] = a[i,j] − lse_i, with lse_i = log Σ_j e^{a[i,j]} written into `lse` when given.
 * `out` may be `a` itself (in place). An all −∞ row gives an all −∞ row of log-probabilities; a row holding
 * +∞ or NaN gives NaN log-probabilities (its lse is +∞ or NaN), so an overflow is never hidden.
 * @param a rows×cols row-major. @param out rows×cols, float64 or float32; returned.
 */
export function logSoftmaxRowsInto<T extends RealArray>(
  a: RealArray,
  rows: number,
  cols: number,
  out: T,
  lse?: Float64Array,
): T {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = Number.NEGATIVE_INFINITY;
    let nan = false;
    for (let j = 0; j < cols; j++) {
      const v = a[o + j] as number;
      if (v > max) max = v;
      else if (Number.isNaN(v)) nan = true;
    }
    if (nan || max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) {
      // All −∞ keeps −∞ (not −∞ − (−∞) = NaN); +∞ and NaN have no finite log-probabilities.
      const l = nan ? Number.NaN : max;
      if (lse !== undefined) lse[i] = l;
      out.fill(max === Number.NEGATIVE_INFINITY && !nan ? Number.NEGATIVE_INFINITY : Number.NaN, o, o + cols);
      continue;
    }
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp((a[o + j] as number) - max);
    const logSum = Math.log(sum);
    if (lse !== undefined) lse[i] = max + logSum;
    // (a − max) − log Σ rather than a − lse: exact for the largest entry, where a − lse would cancel two
    // numbers of size |a| (1e4 → an absolute error of 1e-12).
    for (let j = 0; j < cols; j++) out[o + j] = (a[o + j] as number) - max - logSum;
  }
  return out;
}

/** Row-wise log-softmax of an r×c row-major matrix into a new or given float64 buffer (see logSoftmaxRowsInto). */
export function logSoftmaxRows(
  a: RealArray,
  rows: number,
  cols: number,
  out: Float64Array = new Float64Array(rows * cols),
): Float64Array {
  return logSoftmaxRowsInto(a, rows, cols, out);
}

/**
 * Backward of the row log-sum-exp: out[i,j] = g_i · softmax_ij = g_i · e^{a[i,j] − max_i} / Σ_k e^{a[i,k] − max_i},
 * where `g` is the upstream gradient per row (a number applies to every row; 1 gives the softmax itself).
 * `accumulate` adds into `out` instead of overwriting it. `out` may be `a` (in place, without accumulate).
 * All −∞ rows get 0. The max-shift is redone here rather than taking lse, because e^{a − lse} would carry the
 * rounding of lse (a relative error of 1e-12 at |a| = 1e4).
 */
export function logSumExpBackwardRowsInto<T extends RealArray>(
  a: RealArray,
  g: number | ArrayLike<number>,
  rows: number,
  cols: number,
  out: T,
  accumulate = false,
): T {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const gi = typeof g === "number" ? g : (g[i] as number);
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < cols; j++) {
      const v = a[o + j] as number;
      if (v > max || Number.isNaN(v)) max = v;
    }
    if (max === Number.NEGATIVE_INFINITY || gi === 0) {
      if (!accumulate) out.fill(0, o, o + cols);
      continue;
    }
    if (!(max < Number.POSITIVE_INFINITY)) {
      // +∞ or NaN: no finite softmax; say so instead of writing numbers.
      out.fill(Number.NaN, o, o + cols);
      continue;
    }
    if (accumulate) {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += Math.exp((a[o + j] as number) - max);
      const s = gi / sum;
      for (let j = 0; j < cols; j++) out[o + j] = (out[o + j] as number) + s * Math.exp((a[o + j] as number) - max);
    } else {
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const e = Math.exp((a[o + j] as number) - max);
        out[o + j] = e;
        sum += e;
      }
      const s = gi / sum;
      for (let j = 0; j < cols; j++) out[o + j] = (out[o + j] as number) * s;
    }
  }
  return out;
}

/**
 * Backward of the row log-softmax y = a − lse(a): out[i,j] = g[i,j] − softmax_ij · Σ_k g[i,k], with
 * softmax = e^{logp}. Entries where logp is −∞ (masked candidates, all −∞ rows) get 0. `out` may alias `g`.
 * @param logp rows×cols log-probabilities from logSoftmaxRowsInto. @param g upstream ∂/∂y, rows×cols.
 */
export function logSoftmaxBackwardRowsInto<T extends RealArray>(
  logp: RealArray,
  g: RealArray,
  rows: number,
  cols: number,
  out: T,
): T {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let gs = 0;
    for (let j = 0; j < cols; j++) if ((logp[o + j] as number) !== Number.NEGATIVE_INFINITY) gs += g[o + j] as number;
    for (let j = 0; j < cols; j++) {
      const lp = logp[o + j] as number;
      out[o + j] = lp === Number.NEGATIVE_INFINITY ? 0 : (g[o + j] as number) - Math.exp(lp) * gs;
    }
  }
  return out;
}
