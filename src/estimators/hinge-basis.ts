import type { Matrix } from "../types.js";

/**
 * Knots of the additive basis, on the normal-score scale (quantiles 7%, 23%, 50%, 77%, 93% of N(0, 1)): a
 * piecewise-linear function of each column with a bend at each, enough for a square, a sine over a couple of
 * periods or a threshold, while five slopes per column keep the ridge system small.
 */
const KNOTS = [-1.5, -0.75, 0, 0.75, 1.5] as const;

/** Columns the additive basis gives each input column: the column itself and one hinge per knot. */
export const HINGE_COLUMNS = 1 + KNOTS.length;

/**
 * The additive basis of normal scores z (n×d): for each column, z and max(0, z − knot) for every knot, so that a
 * linear model in it is a sum of piecewise-linear functions of the columns (a generalised additive model with
 * linear splines; Hastie & Tibshirani 1990). n × (d·HINGE_COLUMNS), column c's block at c·HINGE_COLUMNS.
 */
export function hingeBasis(z: Matrix<Float64Array>): Matrix<Float64Array> {
  const { rows: n, cols: d } = z;
  const width = d * HINGE_COLUMNS;
  const out = new Float64Array(n * width);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) {
      const v = z.data[r * d + c] as number;
      const o = r * width + c * HINGE_COLUMNS;
      out[o] = v;
      for (let j = 0; j < KNOTS.length; j++) {
        const k = KNOTS[j] as number;
        out[o + 1 + j] = v > k ? v - k : 0;
      }
    }
  }
  return { rows: n, cols: width, data: out };
}
