import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import { checkScoreMatrix } from "./check-score-matrix.js";
import { infonceInto } from "./infonce-row.js";

/**
 * The symmetric (CLIP) InfoNCE bound (Radford et al. 2021, "Learning Transferable Visual Models From Natural
 * Language Supervision"): the mean of the row-wise bound (each x_i picks its y among the K columns) and the
 * column-wise bound (each y_j picks its x among the K rows). Each is ≤ log K, hence so is their mean.
 *
 *   value = ½ [ (1/K) Σ_i (S_ii − log mean_j e^{S_ij}) + (1/K) Σ_j (S_jj − log mean_i e^{S_ij}) ]
 *   ∂value/∂S_ij = (1/2K) ( 2[i = j] − softmax_j(S_i·)_j − softmax_i(S_·j)_i )
 *
 * @param S K×K row-major, S[i*K + j] = f(x_i, y_j), diagonal = positives. Square only: the column-wise
 *   direction needs every y_j to have exactly one positive x, which extra negative columns do not have.
 * @throws InfonceError E_SHAPE for a non-square S, E_VALUE for a NaN/±∞ entry.
 */
export function symmetricInfonceBound(S: ScoreMatrix): BoundValue {
  if (S.rows !== S.cols) {
    throw new InfonceError(
      "E_SHAPE",
      `symmetricInfonceBound: S is ${S.rows}×${S.cols}; the symmetric (CLIP) bound needs a square K×K matrix (each column's positive is its diagonal entry)`,
    );
  }
  checkScoreMatrix(S, "symmetricInfonceBound", 0);
  const K = S.rows;
  const s = S.data;
  const logK = Math.log(K);
  // The row-wise bound (infonceBound), its gradient halved.
  const grad = new Float64Array(K * K);
  const rowMean = infonceInto(s, K, K, grad);
  for (let p = 0; p < grad.length; p++) grad[p] = 0.5 * (grad[p] as number);
  // Column statistics by row-major sweeps (contiguous reads, K-vector accumulators).
  const cmax = new Float64Array(K).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < K; i++) {
    const base = i * K;
    for (let j = 0; j < K; j++) {
      const v = s[base + j] as number;
      if (v > (cmax[j] as number)) cmax[j] = v;
    }
  }
  const csum = new Float64Array(K);
  const cneg = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    const base = i * K;
    for (let j = 0; j < K; j++) {
      const e = Math.exp((s[base + j] as number) - (cmax[j] as number));
      csum[j] = (csum[j] as number) + e;
      if (i !== j) cneg[j] = (cneg[j] as number) + e;
    }
  }
  let mean = 0;
  for (let j = 0; j < K; j++) {
    let term = (s[j * K + j] as number) - (cmax[j] as number) - Math.log((csum[j] as number) / K);
    if (term > logK) term = logK;
    mean += (term - mean) / (j + 1);
  }
  const half = 0.5 / K;
  for (let i = 0; i < K; i++) {
    const base = i * K;
    for (let j = 0; j < K; j++) {
      if (i === j) {
        // ½(1/K)(1 − p_jj) with 1 − p_jj = (Σ_{i≠j} e_ij)/(Σ_i e_ij): no cancellation when p_jj ≈ 1.
        grad[base + j] = (grad[base + j] as number) + (half * (cneg[j] as number)) / (csum[j] as number);
      } else {
        const p = Math.exp((s[base + j] as number) - (cmax[j] as number)) / (csum[j] as number);
        grad[base + j] = (grad[base + j] as number) - half * p;
      }
    }
  }
  return { value: Math.min(0.5 * rowMean + 0.5 * mean, logK), grad };
}
