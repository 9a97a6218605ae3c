/** A point mass in a continuous column (a value many rows share), which `auto` reads as no Gaussian copula. */
import type { Matrix } from "../types.js";

/**
 * From this share of the rows on one value of a continuous column (a Tobit-like target: zero hours, zero income, a
 * detection limit), `auto` takes the data for no Gaussian copula — its ties, ranked at random, are not one, though
 * Mardia's kurtosis test lets them through — and runs InfoNCE beside KSG whatever KSG reads. y = max(0, x₁ + x₂ +
 * ε/2 − c) against 5 columns (scripts/point-mass-tables.py): at 30%, 50% and 85% zeros, 2,000 rows (MI 0.939, 0.777,
 * 0.348) auto read 0.734 (the regression bound), 0.663 (the Gaussian copula, z = 2.78) and 0.200 (KSG), InfoNCE on
 * the copula 0.918, 0.726 and 0.320; at 60% in 3+1 (3,000 rows, MI 0.677) the Gaussian copula 0.583 against 0.678;
 * at 20% in 4+1 (500 rows, MI 1.004) KSG 0.785 against 0.948. Independent columns of such targets read within 0.03
 * of 0 either way. From AUTO_NEURAL_MIN_ROWS rows, where InfoNCE runs: on a few dozen rows 10% is two or three equal
 * values, no point mass (Rdatasets' cluster/flower.csv --y V7, 18 rows, read 0.092 by KSG in place of the Gaussian
 * copula's 0.741, scikit-learn's held-out bound 0.419).
 */
export const AUTO_POINT_MASS = 0.1;

/** The largest share of the rows that one value takes in any column not flagged in `skip` (0 when none is left). */
export function largestPointMass(m: Matrix<Float64Array>, skip: readonly boolean[]): number {
  let largest = 0;
  const column = new Float64Array(m.rows);
  for (let c = 0; c < m.cols; c++) {
    if (skip[c] === true) continue;
    for (let r = 0; r < m.rows; r++) column[r] = m.data[r * m.cols + c] as number;
    column.sort();
    let run = 1;
    for (let r = 1; r <= m.rows; r++) {
      if (r < m.rows && column[r] === column[r - 1]) run++;
      else {
        largest = Math.max(largest, run / m.rows);
        run = 1;
      }
    }
  }
  return largest;
}
