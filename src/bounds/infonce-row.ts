/** InfoNCE (infonceBound) on a validated K×M score matrix, writing the gradient into grad[0, K·M); returns the value. */
export function infonceInto(s: ArrayLike<number>, K: number, M: number, grad: Float64Array): number {
  const logM = Math.log(M);
  let mean = 0;
  for (let i = 0; i < K; i++) mean += (infonceRow(s, i * M, i, M, K, logM, grad, i * M) - mean) / (i + 1);
  // Each row term is ≤ log M by the theorem (e^{S_ii} is one of the M terms of the row's sum) and infonceRow clamps
  // it; the mean of clamped terms can still round one ulp above, hence the second clamp.
  return Math.min(mean, logM);
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
