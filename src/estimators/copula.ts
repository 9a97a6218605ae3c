import { ascendingOrder } from "../math/ascending-order.js";
import { normalQuantile } from "../math/normal-distribution.js";
import { mix32 } from "../math/rng.js";
import type { Matrix } from "../types.js";

/**
 * How equal values of a column are ranked:
 * - "average": they share the average of the ranks they span, so equal values stay equal (a discrete column keeps
 *   its atoms). Right for the estimators that read atoms (Gaussian covariances, Gao's estimator, the neural critics).
 * - "random": they take the ranks they span in a fixed pseudo-random order of their rows, so every value is
 *   distinct. The order is a hash of the row's position and of the column's values: the same data give the same
 *   scores, and two columns (x and y, or a feature and the target) are not put in the same order — one key for
 *   both would line their ties up and create dependence. Right for the nearest-neighbour estimators that assume a continuous law (KSG, Ross's continuous side,
 *   KSG-CMI): on tied columns their neighbour counts are wrong (two independent integer columns read 0.12 nats
 *   instead of 0). The MI is unchanged: the new column X′ is a function of X and of an independent U (the row's
 *   key), and X is a function of X′, so I(X′;Y) = I(X;Y) (the same data processing argument as scikit-learn's
 *   tiny noise in mutual_info_regression).
 * - "jitter": the scores of "random", each plus a uniform draw over one rank's width at the centre of the scale,
 *   √(2π)/(n + 1), so that the scores carry no more precision than n ranks can (the draw is a hash of the row
 *   alone: an increasing map of the column leaves the scores as they were, ties apart). Right for a target that a
 *   decoder predicts (regression.ts): with exact scores a target that is an increasing function of a feature has
 *   exactly that feature's scores, and the held-out Gaussian log-likelihood reads the floating-point floor
 *   (Rdatasets' Ecdat/CRANpackages, Packages against Date, 29 rows: 14.26 nats). One width for every row keeps the
 *   decoder's noise Gaussian-like: a draw within each rank's own cell of the unit interval, wide in the tails (Φ⁻¹
 *   of (0, 1/n) reaches −∞), read −19.7 nats there. The new column is a function of Y and of independent noise, so
 *   its MI with anything is at most Y's: a held-out bound on it still bounds I(X;Y).
 */
export type CopulaTies = "average" | "random" | "jitter";

/**
 * Marginal Gaussianisation (the normal-scores / Gaussian-copula transform): each column x_j is replaced by
 * Φ⁻¹(r_ij / (n + 1)), r_ij the rank of x_ij in its column (1…n); `ties` says how equal values are ranked.
 *
 * MI is invariant under any strictly increasing map of each coordinate (Kraskov et al. 2004; Cover & Thomas 2006), and the
 * rank transform is such a map of the empirical distribution: it removes marginal warps (half-cube, asinh,
 * normal CDF …) that bias KSG and break the Gaussian estimator, leaving only the dependence (the copula).
 * Kraskov et al. 2004 (sec. IV) already recommend rank-transforming marginals; the Gaussian scores make the
 * result exactly Gaussian when the copula is (then the Gaussian estimator is exact).
 *
 * @param m n×d row-major (not modified)
 * @returns a new n×d row-major matrix of normal scores
 */
export function copulaTransform(m: Matrix<Float64Array>, ties: CopulaTies = "average"): Matrix<Float64Array> {
  const { rows: n, cols: d, data } = m;
  const out = new Float64Array(n * d);
  const values = new Float64Array(n);
  const words = new Int32Array(values.buffer);
  const width = rankJitterWidth(n);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) values[i] = data[i * d + c] as number;
    const order = ascendingOrder(values);
    let salt: number | undefined;
    forEachRun(values, order, (start, end) => {
      if (ties === "average" || (ties === "random" && end - start === 1)) {
        // Ranks start+1 … end (1-based) share their average.
        const score = normalQuantile((start + 1 + end) / 2 / (n + 1));
        for (let t = start; t < end; t++) out[(order[t] as number) * d + c] = score;
      } else {
        // A single value ("jitter") needs no order among ties, nor the column's hash.
        let run: ArrayLike<number> = order.subarray(start, end);
        if (end - start > 1) {
          salt ??= contentHash(words);
          const s = salt;
          run = Array.from(run).sort((a, b) => mix32(a ^ s) - mix32(b ^ s) || a - b);
        }
        for (let t = start; t < end; t++) {
          const row = run[t - start] as number;
          const score = normalQuantile((t + 1) / (n + 1));
          out[row * d + c] = ties === "jitter" ? score + width * (uniform(row) - 0.5) : score;
        }
      }
    });
  }
  return { rows: n, cols: d, data: out };
}

/**
 * Calls `visit(start, end)` for each run of equal values along `order` (an ascending order of `values`): the
 * positions start … end − 1 of `order` hold the rows of one value.
 */
export function forEachRun(values: Float64Array, order: Int32Array, visit: (start: number, end: number) => void): void {
  const n = order.length;
  let start = 0;
  while (start < n) {
    const v = values[order[start] as number];
    let end = start + 1;
    while (end < n && values[order[end] as number] === v) end++;
    visit(start, end);
    start = end;
  }
}

/** The width of ties "jitter"'s uniform draw on n rows: one rank's width at the centre of the normal scale. */
export function rankJitterWidth(n: number): number {
  return Math.sqrt(2 * Math.PI) / (n + 1);
}

/** A draw in (0, 1) from a hash of the row (ties "jitter"). */
function uniform(row: number): number {
  return ((mix32(mix32(row ^ 0x2545f491) + 0x9e3779b9) >>> 0) + 0.5) / 4294967296;
}

/** A 32-bit hash of a column's float64 words in row order, never 0 (mix32(0) is 0: row 0 would always come first). */
function contentHash(words: Int32Array): number {
  let h = 0x5bd1e995;
  for (let i = 0; i < words.length; i++) h = mix32(h ^ (words[i] as number)) + i;
  return h | 1;
}

/** Above this share of tied rows in a column, the nearest-neighbour estimators on raw scales warn (`tiesWarning`). */
const TIES_WARN_SHARE = 0.1;

/** The largest share, over the columns of `m`, of rows whose value equals another row's in that column. */
export function tiedShare(m: Matrix<Float64Array>): number {
  const { rows: n, cols: d, data } = m;
  const values = new Float64Array(n);
  let most = 0;
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) values[i] = data[i * d + c] as number;
    let tied = 0;
    forEachRun(values, ascendingOrder(values), (start, end) => {
      if (end - start > 1) tied += end - start;
    });
    most = Math.max(most, tied / Math.max(1, n));
  }
  return most;
}

/**
 * The warning for a nearest-neighbour estimator run on raw (standardised) scales over tied columns, or null: on
 * ties it counts rows at distance 0 as neighbours and reads dependence that is not there (0.29 nats for an
 * independent integer age and rounded income), which the copula's random ranks of ties remove.
 */
export function tiesWarning(estimator: string, sides: Readonly<Record<string, Matrix<Float64Array>>>): string | null {
  const tied = Object.entries(sides)
    .map(([side, m]) => ({ side, share: tiedShare(m) }))
    .filter((s) => s.share > TIES_WARN_SHARE);
  if (tied.length === 0) return null;
  const what = tied.map((s) => `${s.side} (${Math.round(100 * s.share)}% of rows tied in a column)`).join(", ");
  return `ties in ${what}: ${estimator} assumes a continuous law and counts tied rows as neighbours at distance 0, which reads as dependence; use copula: true (--copula: ties ranked at random, MI unchanged) or auto`;
}
