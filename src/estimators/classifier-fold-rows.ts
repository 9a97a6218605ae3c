import type { Kernel, Matrix } from "../types.js";
import { inRowSpan } from "./row-span.js";
import { type LabelledRows, rowRange } from "./softmax-classifier.js";

/** Float32 copy of rows `idx` of m with their labels. */
function gather(m: Matrix<Float64Array>, labels: Int32Array, idx: readonly number[]): LabelledRows {
  const d = m.cols;
  const x = new Float32Array(idx.length * d);
  const y = new Int32Array(idx.length);
  idx.forEach((r, i) => {
    for (let c = 0; c < d; c++) x[i * d + c] = m.data[r * d + c] as number;
    y[i] = labels[r] as number;
  });
  return { x, labels: y, rows: idx.length };
}

/**
 * A fold's rows in one encoding, gathered once: its training rows (all of them, the first nVal: validation, the
 * rest) and its held-out rows, with dim columns: the encoding's, or where it has more columns than the fold has
 * training rows, their coordinates in the span of those rows (row-span.ts; the logistic fits are unchanged by it).
 */
export interface FoldRows {
  readonly all: LabelledRows;
  readonly validation: LabelledRows;
  readonly train: LabelledRows;
  readonly held: LabelledRows;
  readonly dim: number;
}

export function foldRows(
  features: Matrix<Float64Array>,
  codes: Int32Array,
  rest: readonly number[],
  held: readonly number[],
  nVal: number,
  kernel: Kernel,
): FoldRows {
  const gathered = { all: gather(features, codes, rest), held: gather(features, codes, held) };
  const wide = features.cols > rest.length;
  const spanned = wide ? inRowSpan(gathered.all, features.cols, [gathered.held], kernel) : null;
  const all = spanned?.basis ?? gathered.all;
  const dim = wide ? rest.length : features.cols;
  return {
    all,
    validation: rowRange(all, dim, 0, nVal),
    train: rowRange(all, dim, nVal, all.rows),
    held: spanned?.others[0] ?? gathered.held,
    dim,
  };
}
