import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";

/** Entropies and MI of a discrete joint law, in nats. */
export interface DiscreteInformation {
  readonly hX: number;
  readonly hY: number;
  readonly hXY: number;
  /** I(X;Y) = H(X) + H(Y) − H(X,Y), computed directly as Σ p log p/(p_x p_y) for accuracy near 0. */
  readonly mi: number;
  /** Marginals p(x) (rows) and p(y) (columns). */
  readonly px: Float64Array;
  readonly py: Float64Array;
}

/**
 * Information measures of a joint probability table P (r×c, P[i*c+j] = p(x=i, y=j)). The table may hold counts or
 * unnormalised weights: it is normalised first. Entries must be finite and ≥ 0 with a positive total.
 */
export function discreteInformation(table: Matrix): DiscreteInformation {
  const { rows, cols, data } = table;
  if (data.length !== rows * cols) {
    throw new InfonceError("E_SHAPE", `table data has ${data.length} entries but ${rows}×${cols} needs ${rows * cols}`);
  }
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new InfonceError("E_VALUE", `table entry ${i} is ${v}; probabilities/counts must be finite and ≥ 0`);
    }
    total += v;
  }
  if (!(total > 0)) throw new InfonceError("E_VALUE", "table sums to 0; it needs at least one positive entry");
  const px = new Float64Array(rows);
  const py = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = (data[i * cols + j] as number) / total;
      px[i] = (px[i] as number) + p;
      py[j] = (py[j] as number) + p;
    }
  }
  const h = (p: number): number => (p > 0 ? -p * Math.log(p) : 0);
  let hX = 0;
  let hY = 0;
  let hXY = 0;
  let mi = 0;
  for (let i = 0; i < rows; i++) hX += h(px[i] as number);
  for (let j = 0; j < cols; j++) hY += h(py[j] as number);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = (data[i * cols + j] as number) / total;
      if (p > 0) {
        hXY -= p * Math.log(p);
        mi += p * Math.log(p / ((px[i] as number) * (py[j] as number)));
      }
    }
  }
  return { hX, hY, hXY, mi: Math.max(0, mi), px, py };
}

/** Exact MI of a discrete joint table, in nats (see discreteInformation). */
export function discreteMI(table: Matrix): number {
  return discreteInformation(table).mi;
}

/** Pointwise MI table: pmi[i,j] = log p(i,j)/(p(i)p(j)); −∞ where p(i,j) = 0. */
export function discretePmi(table: Matrix): Float64Array {
  const { px, py } = discreteInformation(table);
  let total = 0;
  for (let i = 0; i < table.data.length; i++) total += table.data[i] as number;
  const out = new Float64Array(table.rows * table.cols);
  for (let i = 0; i < table.rows; i++) {
    for (let j = 0; j < table.cols; j++) {
      const p = (table.data[i * table.cols + j] as number) / total;
      out[i * table.cols + j] =
        p > 0 ? Math.log(p / ((px[i] as number) * (py[j] as number))) : Number.NEGATIVE_INFINITY;
    }
  }
  return out;
}
