import { logSumExp } from "../../src/math/log-softmax.js";

/**
 * The InfoNCE batch bound written the plain way, as an oracle for the theory evaluators:
 * log K + (1/K) Σ_i [S_ii − log Σ_j e^{S_ij}], S a K×K row-major score matrix built entry by entry.
 */
export function referenceInfonce(K: number, f: (i: number, j: number) => number): number {
  const S = new Float64Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) S[i * K + j] = f(i, j);
  let sum = 0;
  for (let i = 0; i < K; i++) sum += (S[i * K + i] as number) - logSumExp(S, i * K, K);
  return Math.log(K) + sum / K;
}
