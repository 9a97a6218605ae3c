import { infonceRow } from "./infonce-row.js";
import type { ScoreRowBlocks, StreamedBoundOptions } from "./streamed.js";
import { checkBlockFinite, checkStreamShape } from "./streamed.js";

/**
 * The InfoNCE bound (see infonceBound) in O(M) memory: S arrives in blocks of rows from `blocks`, one pass,
 * and is never held whole, so K = M = 10⁶ needs a few MB instead of 8 TB (the O(K)-memory form of bmi and of
 * Poole et al.'s code). Each row is computed by the same kernel as infonceBound, so the value is bit-identical.
 *
 * @param rows K, @param cols M (M ≥ K; column i is row i's positive).
 * @returns the value in nats; the gradient goes block by block to `options.onGrad` when given.
 * @throws InfonceError E_SHAPE for M < K, E_ARG for a bad blockRows, E_VALUE for a NaN/±∞ score (with its position).
 */
export function infonceBoundStreamed(
  rows: number,
  cols: number,
  blocks: ScoreRowBlocks,
  options: StreamedBoundOptions = {},
): { readonly value: number } {
  const b = checkStreamShape(rows, cols, options, "infonceBoundStreamed");
  const block = new Float64Array(b * cols);
  const grad = new Float64Array(b * cols);
  const logM = Math.log(cols);
  let mean = 0;
  for (let start = 0; start < rows; start += b) {
    const count = Math.min(b, rows - start);
    blocks(start, count, block);
    checkBlockFinite(block, start, count, cols, "infonceBoundStreamed");
    for (let r = 0; r < count; r++) {
      const i = start + r;
      const term = infonceRow(block, r * cols, i, cols, rows, logM, grad, r * cols);
      mean += (term - mean) / (i + 1);
    }
    options.onGrad?.(start, count, count === b ? grad : grad.subarray(0, count * cols));
  }
  return { value: Math.min(mean, logM) };
}
