import type { Matrix } from "../types.js";

/** [a | b]: the columns of a then those of b, row by row (a and b have the same rows), as a new matrix. */
export function joinColumns(a: Matrix<Float64Array>, b: Matrix<Float64Array>): Matrix<Float64Array> {
  const n = a.rows;
  const d = a.cols + b.cols;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    data.set(a.data.subarray(i * a.cols, (i + 1) * a.cols), i * d);
    data.set(b.data.subarray(i * b.cols, (i + 1) * b.cols), i * d + a.cols);
  }
  return { rows: n, cols: d, data };
}
