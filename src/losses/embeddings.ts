import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";

// Internal helpers of the embedding losses: validation at the API boundary and the cosine normalisation with
// its backward pass. Everything is float64; float32 inputs are promoted exactly.

/** Checks that `m` is a well-formed rows×cols matrix of finite numbers; names the first bad entry. */
export function checkEmbeddings(m: Matrix, name: string, fn: string): void {
  if (m === null || typeof m !== "object" || !("data" in m)) {
    throw new InfonceError("E_ARG", `${fn}: ${name} must be a Matrix { rows, cols, data }`);
  }
  const { rows, cols, data } = m;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new InfonceError("E_SHAPE", `${fn}: ${name} is ${rows}×${cols}; it needs at least one row and one column`);
  }
  if (data.length !== rows * cols) {
    throw new InfonceError(
      "E_SHAPE",
      `${fn}: ${name} claims ${rows}×${cols} = ${rows * cols} entries but its data has ${data.length}`,
    );
  }
  for (let p = 0; p < data.length; p++) {
    const v = data[p] as number;
    if (v - v !== 0) {
      const i = Math.floor(p / cols);
      throw new InfonceError("E_VALUE", `${fn}: ${name}[${i},${p - i * cols}] = ${v}; embeddings must be finite`);
    }
  }
}

/**
 * The two views of a paired loss, checked: each well-formed and finite, and y as many rows and as wide as x
 * (`pairing` ends the error, saying why in the loss's terms). Returns N and D.
 */
export function checkPairedViews(x: Matrix, y: Matrix, fn: string, pairing: string): { N: number; D: number } {
  checkEmbeddings(x, "x", fn);
  checkEmbeddings(y, "y", fn);
  const N = x.rows;
  const D = x.cols;
  if (y.rows !== N || y.cols !== D) {
    throw new InfonceError("E_SHAPE", `${fn}: x is ${N}×${D} but y is ${y.rows}×${y.cols}; ${pairing}`);
  }
  return { N, D };
}

/** Two views checkPairedViews accepted, as float64 rows (L2-normalised when `normalize`) with their norms. */
export function copyViews(
  x: Matrix,
  y: Matrix,
  normalize: boolean,
  fn: string,
): { xs: Float64Array; xNorm: Float64Array; ys: Float64Array; yNorm: Float64Array } {
  const xs = new Float64Array(x.rows * x.cols);
  const xNorm = new Float64Array(x.rows);
  const ys = new Float64Array(y.rows * y.cols);
  const yNorm = new Float64Array(y.rows);
  copyRows(x, xs, xNorm, 0, normalize, "x", fn);
  copyRows(y, ys, yNorm, 0, normalize, "y", fn);
  return { xs, xNorm, ys, yNorm };
}

/**
 * Copies rows of `src` (rows×cols) into `out` at row offset `at`, L2-normalised when `normalize`, recording the
 * norms. A zero row has no direction, so cosine similarity is undefined: E_VALUE naming the row (we do not
 * clamp the norm with an ε as F.normalize does, because that silently turns the row into a zero vector whose
 * similarity to everything is 0).
 */
export function copyRows(
  src: Matrix,
  out: Float64Array,
  norms: Float64Array,
  at: number,
  normalize: boolean,
  name: string,
  fn: string,
): void {
  const { rows, cols, data } = src;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    const o = (at + i) * cols;
    if (!normalize) {
      for (let d = 0; d < cols; d++) out[o + d] = data[base + d] as number;
      norms[at + i] = 1;
      continue;
    }
    // Scaled 2-norm (as BLAS dnrm2): divide by the largest |x| first so 1e200-sized rows do not overflow.
    let amax = 0;
    for (let d = 0; d < cols; d++) amax = Math.max(amax, Math.abs(data[base + d] as number));
    if (amax === 0) {
      throw new InfonceError(
        "E_VALUE",
        `${fn}: ${name} row ${i} is the zero vector; cosine similarity needs a nonzero norm (use similarity "dot", or drop the row)`,
      );
    }
    let ss = 0;
    for (let d = 0; d < cols; d++) {
      const v = (data[base + d] as number) / amax;
      ss += v * v;
    }
    const norm = amax * Math.sqrt(ss);
    norms[at + i] = norm;
    for (let d = 0; d < cols; d++) out[o + d] = (data[base + d] as number) / norm;
  }
}

/**
 * Backward of row normalisation x̂ = x/‖x‖, in place on g (rows from `at`): ∂L/∂x = (g − x̂ (x̂·g)) / ‖x‖.
 */
export function normalizeBackwardInPlace(
  g: Float64Array,
  xhat: Float64Array,
  norms: Float64Array,
  at: number,
  rows: number,
  cols: number,
): void {
  for (let i = 0; i < rows; i++) {
    const o = (at + i) * cols;
    let dot = 0;
    for (let d = 0; d < cols; d++) dot += (g[o + d] as number) * (xhat[o + d] as number);
    const inv = 1 / (norms[at + i] as number);
    for (let d = 0; d < cols; d++) g[o + d] = ((g[o + d] as number) - (xhat[o + d] as number) * dot) * inv;
  }
}
