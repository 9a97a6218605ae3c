/** MINE's running state: the moving average of E_{p(x)p(y)}[e^f] (BOUNDS.md). NaN before the first batch. */
export interface MineState {
  ema: number;
}

/**
 * MINE's training gradient (Belghazi et al. 2018; BOUNDS.md): on a K×M score matrix,
 * ∂/∂S [ mean_i S_ii − mean_{j≠i} e^{S_ij} / ema ] with the moving average updated first,
 * ema ← momentum·ema + (1 − momentum)·mean_{j≠i} e^{S_ij} (the first batch sets ema to its mean), clamped ≥ 1e-4
 * as in Poole et al.'s code. The bias-corrected denominator is the point of MINE: the plain DV gradient divides by
 * the batch mean, a biased estimate of the expectation. Writes gradOut (K×M) and updates `state`. Runs in
 * TypeScript because the Kernel is stateless. Returns the new ema.
 */
export function mineGradient(
  s: Float32Array,
  rows: number,
  cols: number,
  momentum: number,
  state: MineState,
  gradOut: Float32Array,
): number {
  const nOff = rows * (cols - 1);
  // mean_O e^{S_ij} via a max shift, so large scores give a large (possibly infinite) mean, never NaN.
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (j !== i) max = Math.max(max, s[i * cols + j] as number);
  let sum = 0;
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (j !== i) sum += Math.exp((s[i * cols + j] as number) - max);
  const batchMean = Math.exp(max) * (sum / nOff);
  const ema = Number.isNaN(state.ema) ? batchMean : momentum * state.ema + (1 - momentum) * batchMean;
  state.ema = Math.max(ema, 1e-4);
  const logEma = Math.log(state.ema);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      gradOut[i * cols + j] = j === i ? 1 / rows : -Math.exp((s[i * cols + j] as number) - logEma) / nOff;
    }
  }
  return state.ema;
}
