import { InfonceError } from "../errors.js";
import { checkScoresFinite } from "./check-score-matrix.js";

/**
 * Supplies rows [start, start + count) of a K×M score matrix into `out` (count×M row-major, float64):
 * out[r*M + j] = S[start + r, j]. Called in increasing row order; a bound that needs two passes (DV with a
 * gradient) calls it twice per block, so it must be a pure function of (start, count) — typically scores
 * recomputed from embeddings, so the K×M matrix never exists.
 */
export type ScoreRowBlocks = (start: number, count: number, out: Float64Array) => void;

/** Options of the O(K)-memory (streamed) bounds. */
export interface StreamedBoundOptions {
  /** Rows per block (memory is blockRows·M doubles, twice with a gradient). Default 64. */
  readonly blockRows?: number;
  /**
   * Receives the gradient of the value w.r.t. rows [start, start + count), count×M row-major. The buffer is
   * reused for the next block: copy what you keep. Omit it to compute the value only (one pass).
   */
  readonly onGrad?: (start: number, count: number, grad: Float64Array) => void;
}

/** Validates the streamed bounds' shape and block size; returns the block size. */
export function checkStreamShape(rows: number, cols: number, options: StreamedBoundOptions, bound: string): number {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < rows) {
    throw new InfonceError(
      "E_SHAPE",
      `${bound}: S is ${rows}×${cols}; a K×M score matrix needs integers with M ≥ K ≥ 1 (column i is row i's positive)`,
    );
  }
  const b = options.blockRows ?? 64;
  if (!Number.isInteger(b) || b < 1) {
    throw new InfonceError("E_ARG", `${bound}: blockRows = ${b}; it must be a positive integer`);
  }
  return Math.min(b, rows);
}

/** Checks a supplied block for NaN/±∞ and names the entry by its position in the full S. */
export function checkBlockFinite(out: Float64Array, start: number, count: number, cols: number, bound: string): void {
  checkScoresFinite(out, count * cols, cols, bound, start);
}
