import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";
import { takeColumns } from "./sample-checks.js";
import { standardizeColumns } from "./standardize.js";

/**
 * Sample excess kurtosis above which a column counts as heavy-tailed (normal 0, exponential 6, log-normal with
 * σ = 1 about 110). Z-scores of such a column leave a few rows at tens of standard deviations and the rest in a
 * narrow band, which a linear model cannot use: wine's 13 features through x → sinh(2z) + z³ (MI unchanged) gave a
 * classifier bound of 0.563 [−0.244, 1.369] for 1.037 on the raw table; normal scores give 1.033 on both.
 */
export const HEAVY_TAIL_KURTOSIS = 20;

/** Columns of m whose sample excess kurtosis exceeds HEAVY_TAIL_KURTOSIS. */
export function heavyTailedColumns(m: Matrix<Float64Array>): number[] {
  const out: number[] = [];
  const n = m.rows;
  for (let c = 0; c < m.cols; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += m.data[i * m.cols + c] as number;
    mean /= n;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const d = (m.data[i * m.cols + c] as number) - mean;
      m2 += d * d;
      m4 += d * d * d * d;
    }
    if (m2 > 0 && (n * m4) / (m2 * m2) - 3 > HEAVY_TAIL_KURTOSIS) out.push(c);
  }
  return out;
}

/**
 * Label-free features for a linear model: z-scores, with the heavy-tailed columns (heavyTailedColumns) replaced
 * by the normal scores of their ranks (an increasing map of one column keeps the MI).
 *
 * @returns the features and the number of columns given normal scores
 */
export function robustFeatures(m: Matrix<Float64Array>): { features: Matrix<Float64Array>; normalScored: number } {
  const features = { rows: m.rows, cols: m.cols, data: standardizeColumns(m).data };
  const heavy = heavyTailedColumns(m);
  if (heavy.length === 0) return { features, normalScored: 0 };
  const scores = copulaTransform(takeColumns(m, heavy));
  heavy.forEach((c, j) => {
    for (let i = 0; i < m.rows; i++) features.data[i * m.cols + c] = scores.data[i * heavy.length + j] as number;
  });
  return { features, normalScored: heavy.length };
}
