import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkScoreMatrix } from "./check-score-matrix.js";

/**
 * The InfoNCE lower bound on I(X;Y) (van den Oord et al. 2018, "Representation Learning with Contrastive
 * Predictive Coding"; Poole et al. 2019, eq. 12), row-wise, with its exact gradient.
 *
 *   value = log M + (1/K) Σ_i ( S_ii − logsumexp_j S_ij ) = (1/K) Σ_i ( S_ii − log mean_j e^{S_ij} )
 *   ∂value/∂S_ij = (1/K) ( [i = j] − softmax_j(S_i·)_j )
 *
 * @param S K×M row-major, S[i*M + j] = f(x_i, y_j), M ≥ K. Column i is row i's positive; every other column is a
 *   negative, so each row has M candidates (the positive included): the square K×K in-batch case, or K×M with
 *   M − K extra negatives shared by all rows.
 * @returns value in nats, never above log M (clamped there: rounding may not lift it past the theorem), and
 *   grad (K×M, float64). K = M = 1 gives value 0 and grad 0. Collapsed scores (all equal) give exactly 0.
 * @throws InfonceError E_SHAPE for M < K or a wrong data length, E_VALUE for a NaN/±∞ entry (named by position).
 */
export function infonceBound(S: ScoreMatrix): BoundValue {
  checkScoreMatrix(S, "infonceBound", 0);
  const { rows: K, cols: M, data: s } = S;
  const grad = new Float64Array(K * M);
  const logM = Math.log(M);
  let mean = 0;
  for (let i = 0; i < K; i++) mean += (infonceRow(s, i * M, i, M, K, logM, grad, i * M) - mean) / (i + 1);
  return { value: Math.min(mean, logM), grad };
}

/**
 * One row of the InfoNCE bound (shared with the streamed form, so both give the same bits): returns
 * S_ii − log mean_j e^{S_ij} (clamped to ≤ log M) for the row at s[base..base+M) whose positive is column `pos`,
 * and writes (1/K)([j = pos] − softmax_j) into grad[gbase..gbase+M).
 */
export function infonceRow(
  s: ArrayLike<number>,
  base: number,
  pos: number,
  M: number,
  K: number,
  logM: number,
  grad: Float64Array,
  gbase: number,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < M; j++) {
    const v = s[base + j] as number;
    if (v > max) max = v;
  }
  // grad row holds e^{S_ij − max} first, then −softmax/K.
  let sum = 0;
  let negSum = 0;
  for (let j = 0; j < M; j++) {
    const e = Math.exp((s[base + j] as number) - max);
    grad[gbase + j] = e;
    sum += e;
    if (j !== pos) negSum += e;
  }
  // S_ii − log mean_j e^{S_ij} = (S_ii − max) − log(sum / M): both parts are exact for collapsed rows (0 and
  // log 1), so equal scores give a row term of exactly 0 rather than log M − log M rounded.
  let term = (s[base + pos] as number) - max - Math.log(sum / M);
  if (term > logM) term = logM;
  const scale = -1 / (K * sum);
  for (let j = 0; j < M; j++) grad[gbase + j] = (grad[gbase + j] as number) * scale;
  // (1/K)(1 − p_ii) as (Σ_{j≠i} e_j)/(K Σ_j e_j): keeps its relative precision when the positive dominates,
  // where 1 − p would round to 0.
  grad[gbase + pos] = negSum / (K * sum);
  return term;
}
