import { InfonceError } from "../errors.js";
import type { ScoreRowBlocks, StreamedBoundOptions } from "./streamed.js";
import { checkBlockFinite, checkStreamShape } from "./streamed.js";

/**
 * The Donsker–Varadhan bound (see dvBound) in O(M) memory: one pass over row blocks with an online log-sum-exp
 * of the negatives (running maximum; the partial sum is rescaled when the maximum grows, Milakov & Gimelshein
 * 2018's online softmax), and a second pass only when the gradient is asked for, since each off-diagonal
 * entry's gradient −e^{S_ij}/Σ e^{S} needs the full sum.
 *
 * @param rows K, @param cols M (M ≥ K; column i is row i's positive); needs K·(M−1) ≥ 1 negatives.
 * @returns the value in nats (agrees with dvBound to rounding: the sum is accumulated in a different order).
 * @throws InfonceError E_SHAPE, E_ARG (blockRows), E_DATA (no negatives), E_VALUE (NaN/±∞ score, with position).
 */
export function dvBoundStreamed(
  rows: number,
  cols: number,
  blocks: ScoreRowBlocks,
  options: StreamedBoundOptions = {},
): { readonly value: number } {
  const b = checkStreamShape(rows, cols, options, "dvBoundStreamed");
  if (rows * (cols - 1) < 1) {
    throw new InfonceError(
      "E_DATA",
      `dvBoundStreamed: S is ${rows}×${cols}, which has no negative (off-diagonal) pair; DV needs K·(M−1) ≥ 1`,
    );
  }
  const block = new Float64Array(b * cols);
  let diag = 0;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let start = 0; start < rows; start += b) {
    const count = Math.min(b, rows - start);
    blocks(start, count, block);
    checkBlockFinite(block, start, count, cols, "dvBoundStreamed");
    let bmax = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < count; r++) {
      const i = start + r;
      diag += ((block[r * cols + i] as number) - diag) / (i + 1);
      for (let j = 0; j < cols; j++) {
        const v = block[r * cols + j] as number;
        if (j !== i && v > bmax) bmax = v;
      }
    }
    if (bmax > max) {
      sum *= Math.exp(max - bmax); // e^{−∞} = 0 on the first block
      max = bmax;
    }
    for (let r = 0; r < count; r++) {
      const i = start + r;
      for (let j = 0; j < cols; j++) if (j !== i) sum += Math.exp((block[r * cols + j] as number) - max);
    }
  }
  const nNeg = rows * (cols - 1);
  const lse = max + Math.log(sum);
  const value = diag - (max + Math.log(sum / nNeg));
  const onGrad = options.onGrad;
  if (onGrad) {
    const grad = new Float64Array(b * cols);
    for (let start = 0; start < rows; start += b) {
      const count = Math.min(b, rows - start);
      blocks(start, count, block);
      checkBlockFinite(block, start, count, cols, "dvBoundStreamed");
      for (let r = 0; r < count; r++) {
        const i = start + r;
        for (let j = 0; j < cols; j++) {
          grad[r * cols + j] = j === i ? 1 / rows : -Math.exp((block[r * cols + j] as number) - lse);
        }
      }
      onGrad(start, count, count === b ? grad : grad.subarray(0, count * cols));
    }
  }
  return { value };
}
