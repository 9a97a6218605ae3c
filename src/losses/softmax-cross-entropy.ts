import { logSoftmaxRowsInto } from "../math/log-softmax.js";

/**
 * The one softmax cross-entropy of the losses, with one or several positives per row (uniform target over them;
 * Khosla et al. 2020's L_out), in place:
 *
 *   loss_i = −(1/|P_i|) Σ_{p∈P_i} log softmax(L_i·)_p,   ∂loss_i/∂L_ic = softmax_ic − [c ∈ P_i]/|P_i|
 *
 * On return L holds ∂(Σ_i loss_i)/∂L and rowLoss[i] the row losses. A row without a positive gets loss 0 and a
 * zero gradient (left to the caller to count out of a mean). The log-softmax is math/log-softmax's, so equal
 * logits give exactly log K and ±1e4 logits stay finite.
 * @param L rows×cols logits, row-major. @param positive rows×cols, 1 marks a positive.
 * @returns the number of rows that have a positive.
 */
export function softmaxCrossEntropyRowsInPlace(
  L: Float64Array,
  rows: number,
  cols: number,
  positive: Uint8Array,
  rowLoss: Float64Array,
): number {
  logSoftmaxRowsInto(L, rows, cols, L);
  let used = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let count = 0;
    let s = 0;
    for (let c = 0; c < cols; c++) {
      if (positive[o + c] === 1) {
        count++;
        s += L[o + c] as number;
      }
    }
    if (count === 0) {
      rowLoss[i] = 0;
      L.fill(0, o, o + cols);
      continue;
    }
    used++;
    rowLoss[i] = 0 - s / count; // 0 − x, not −x: a perfect row reports +0
    const t = 1 / count;
    for (let c = 0; c < cols; c++) L[o + c] = Math.exp(L[o + c] as number) - (positive[o + c] === 1 ? t : 0);
  }
  return used;
}
