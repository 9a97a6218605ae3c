import { InfonceError } from "../errors.js";

// Shared passes over a K×M row-major score matrix S[i*M+j] whose entries (i, i) are the positives and every
// (i, j ≠ i) a negative. Internal: the bound files compose these; nothing here is exported publicly.

/** mean_i S[i,i], as a running mean so that K equal scores give exactly that score (no K·x/K rounding). */
export function diagonalMean(s: ArrayLike<number>, rows: number, cols: number): number {
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += ((s[i * cols + i] as number) - mean) / (i + 1);
  return mean;
}

/**
 * grad[i·M + j] = 1/K for j = i and −e^{S_ij − logScale} for j ≠ i: the gradient of mean_i S_ii minus a term whose
 * derivative in each negative is e^{S_ij}/e^{logScale} (DV: the log of the off-diagonal sum; NWJ: 1 + log K(M−1)).
 * One exponential per entry keeps it representable whenever the term is. Float64 gradients only: MINE's training
 * gradient, written in float32, keeps its own loop, because a shared one fed both widths turns polymorphic in V8
 * and DV/NWJ ran 6% slower (value and gradient, K = M = 512, float32 scores, after a MINE run in the process).
 */
export function diagonalMinusExpGradientInto(
  s: ArrayLike<number>,
  K: number,
  M: number,
  logScale: number,
  grad: Float64Array,
): void {
  for (let i = 0; i < K; i++) {
    const base = i * M;
    for (let j = 0; j < M; j++) grad[base + j] = j === i ? 1 / K : -Math.exp((s[base + j] as number) - logScale);
  }
}

/**
 * log mean_{j≠i} e^{c(S[i,j])} over the K·(M−1) negatives, max-shifted so that scores of ±1e4 neither overflow
 * nor underflow. c is the identity, or clipping to [−clip, clip] when `clip` is finite and > 0 (SMILE).
 */
export function offDiagonalLogMeanExp(s: ArrayLike<number>, rows: number, cols: number, clip: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = clipped(s[i * cols + j] as number, clip);
      if (j !== i && v > max) max = v;
    }
  }
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) if (j !== i) sum += Math.exp(clipped(s[i * cols + j] as number, clip) - max);
  }
  // The maximum contributes exactly 1, so sum ∈ [1, K(M−1)] and log(sum / count) loses nothing to cancellation.
  return max + Math.log(sum / (rows * (cols - 1)));
}

/** v clipped to [−clip, clip]; the identity for clip = ∞. */
function clipped(v: number, clip: number): number {
  return Math.min(Math.max(v, -clip), clip);
}

/** log of the largest finite double: e^x overflows float64 for x above this. */
export const LOG_MAX_DOUBLE = Math.log(Number.MAX_VALUE);

/**
 * Bounds that report mean_{j≠i} e^{S_ij} itself (not its log) cannot represent it once it exceeds float64;
 * the true value is then below −1e308, and we say so instead of returning −∞ or NaN.
 */
export function checkMeanExpRepresentable(lme: number, bound: string): void {
  if (lme > LOG_MAX_DOUBLE) {
    throw new InfonceError(
      "E_VALUE",
      `${bound}: the negatives' mean of e^S is e^${lme.toFixed(2)}, beyond float64 (largest e^${LOG_MAX_DOUBLE.toFixed(2)}), so the bound is below −1e308; scores this large need a log-domain bound (infonce, dv, smile)`,
    );
  }
}

/** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}), stable for every finite x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** The logistic function σ(x) = 1 / (1 + e^{−x}), stable for every finite x (never 1/∞ → NaN). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
