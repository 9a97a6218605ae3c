import { cholesky, solveLowerInPlace } from "../math/cholesky.js";
import { dotRows } from "../math/dense-rows.js";
import type { Kernel, Matrix } from "../types.js";
import type { LabelledRows } from "./softmax-classifier.js";

/** The ridge added to the Gram matrix's diagonal, relative to its mean: far above float32 products' rounding. */
const RIDGE = 1e-6;

/**
 * Rows of features in coordinates of the span of `basis`'s rows: z = L⁻¹ (X x), with X the basis rows (n×dim) and
 * L Lᵀ = X Xᵀ (Cholesky, a ridge of RIDGE times the mean diagonal). The basis rows themselves get the rows of L, so
 * inner products between vectors of the span are kept; a row's part outside the span is dropped.
 *
 * Why: an L2-penalised logistic regression on n rows of dim > n columns has its weights in the span of its training
 * rows (the gradient of the penalised loss is a combination of them plus l2·W; the intercepts are free), so the
 * same fit on these n coordinates gives the same probabilities on every row, at n/dim of the cost. On a fold of
 * ISLR's NCI60 (51 training rows, 6,830 genes, 14 labels) an evaluation of the loss then costs 51·14·(2·51 + 16)
 * multiply-adds instead of 51·14·(2·6,830 + 16), and the L2 strength can be chosen by cross-validation rather than
 * by a dozen validation rows. Any subset of the basis rows has its fit in the same span, so the fold's inner splits
 * keep the equivalence.
 *
 * @param basis the rows whose span is used (float32, n×dim row-major)
 * @param others further rows to express in the same coordinates (each a new LabelledRows of n columns)
 * @returns basis and others, each with n columns and the same labels
 */
export function inRowSpan(
  basis: LabelledRows,
  dim: number,
  others: readonly LabelledRows[],
  kernel: Kernel,
): { readonly basis: LabelledRows; readonly others: readonly LabelledRows[] } {
  const n = basis.rows;
  // The products on the kernel's float32 GEMM (n² × dim multiply-adds for the Gram matrix: 0.7·10⁹ on a fold of
  // 960 rows × 1,500 columns, seconds in a scalar loop); the ridge is far above their rounding.
  const g32 = new Float32Array(n * n);
  kernel.gemm(false, true, n, n, dim, 1, basis.x, basis.x, 0, g32);
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // Symmetric by construction, whatever order the GEMM summed in.
      const v = 0.5 * ((g32[i * n + j] as number) + (g32[j * n + i] as number));
      gram[i * n + j] = v;
      gram[j * n + i] = v;
    }
  }
  const l = spanFactor(gram, n);
  const project = (rows: LabelledRows): LabelledRows => {
    const k32 = new Float32Array(rows.rows * n);
    kernel.gemm(false, true, rows.rows, n, dim, 1, rows.x, basis.x, 0, k32);
    const x = new Float32Array(rows.rows * n);
    const k = new Float64Array(n);
    for (let r = 0; r < rows.rows; r++) {
      for (let i = 0; i < n; i++) k[i] = k32[r * n + i] as number;
      x.set(solveLowerInPlace(l, n, k), r * n);
    }
    return { x, labels: rows.labels, rows: rows.rows };
  };
  const own = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) own[i * n + j] = l[i * n + j] as number;
  return { basis: { x: own, labels: basis.labels, rows: n }, others: others.map(project) };
}

/**
 * The rows of a wide matrix (more columns than rows) in coordinates of the span of its own rows: n×n, the rows of L
 * with L Lᵀ = X Xᵀ (+ the ridge), in float64. A narrow matrix is returned as it is.
 *
 * Why: a ridge regression with an unpenalised intercept on rows of X has its weights in that span and its fitted
 * values depend on the rows only through their inner products, which these coordinates keep (they are the rows'
 * coordinates in an orthonormal basis of the span); so on any subset of the rows, for every penalty, it gives the
 * same predictions as on X, with systems of n unknowns instead of one per column. On 200 rows × 4,999 columns the
 * regression bound's ridge systems (columns³ per penalty and fold) go from 10¹³ multiply-adds to 10⁹.
 */
export function rowSpanCoordinates(m: Matrix<Float64Array>): Matrix<Float64Array> {
  const { rows: n, cols: d, data } = m;
  if (d <= n) return m;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = dotRows(data, i * d, data, j * d, d);
      gram[i * n + j] = v;
      gram[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data: spanFactor(gram, n) };
}

/**
 * The lower Cholesky factor of a Gram matrix (n×n, symmetric, modified in place) with a ridge of RIDGE times its mean
 * diagonal: what makes the factor exist when rows repeat or are collinear, at a cost in the inner products far
 * below what any penalty of the fits reads.
 */
function spanFactor(gram: Float64Array, n: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += gram[i * n + i] as number;
  const ridge = RIDGE * Math.max(trace / n, Number.MIN_VALUE);
  for (let i = 0; i < n; i++) gram[i * n + i] = (gram[i * n + i] as number) + ridge;
  // A new array, zero above the diagonal: its rows are the coordinates.
  return cholesky({ rows: n, cols: n, data: gram }, "Gram matrix of the rows");
}
