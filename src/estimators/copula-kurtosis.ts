import { centreInPlaceAndCholesky } from "../math/centred-cholesky.js";
import { solveLowerInPlace } from "../math/cholesky.js";
import { joinColumns } from "../math/join-columns.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { copulaTransform } from "./copula.js";
import { randomRows, takeRows } from "./sample-checks.js";

/** Mardia's multivariate kurtosis of the normal scores of [x y], and how far it lies from its value under a Gaussian copula. */
export interface CopulaKurtosis {
  /** b₂ = (1/m) Σ ((z_i − z̄)ᵀ S⁻¹ (z_i − z̄))² over the m rows tested, S the covariance with divisor m. */
  readonly b2: number;
  /** Its mean over samples of the Gaussian copula with the data's normal-score covariance, made the same way. */
  readonly expected: number;
  /** Their standard deviation. */
  readonly sd: number;
  /** (b₂ − expected) / sd: of order 1 for a Gaussian copula. */
  readonly z: number;
  /** Rows tested (all of them, or as many as COPULA_TEST_MAX_ROWS and COPULA_TEST_WORK allow, drawn at random). */
  readonly rows: number;
}

/** Samples of the Gaussian copula drawn for the null distribution of b₂. */
export const COPULA_TEST_REPLICATES = 20;

/** At most this many rows enter the test (drawn by the seed): the test's power is ample there, its cost is not. */
export const COPULA_TEST_MAX_ROWS = 5000;

/**
 * The multiply-adds the test may spend, (replicates + 1) × rows × d² (1.5 s at 40+40 here): wide tables are tested on
 * fewer rows (40+40 columns: 3,720 rows; 90+90: 735), down to COPULA_TEST_ROWS_PER_DIM per dimension; wider, none.
 */
export const COPULA_TEST_WORK = 5e8;

/**
 * The fewest rows per dimension the test runs on: its null is drawn at the sample's size, so few are enough (with
 * Mardia's asymptotic null it needed 20; a 20+20 Gaussian copula of 2 nats on 200 rows then went to InfoNCE, 0.377,
 * and now to the Gaussian-copula estimate, 2.169).
 */
export const COPULA_TEST_ROWS_PER_DIM = 4;

/**
 * Mardia's (1970) kurtosis test, applied to the Gaussian copula: the columns of x and y are replaced by their
 * normal scores (copula.ts), so each is Gaussian by construction and what b₂ measures is whether their joint law
 * is — whether the Gaussian-copula estimate is the MI (it is exact then) or only the MI of a Gaussian with the same
 * rank correlations. Heavy joint tails (a t copula) raise b₂, a dependence concentrated on a curve or a spiral
 * moves it; a Gaussian copula leaves |z| of order 1.
 *
 * b₂ is compared with its distribution under the null, drawn (a parametric bootstrap): COPULA_TEST_REPLICATES
 * Gaussian samples of the same size with the covariance of the data's normal scores, each through the same normal
 * scores. Mardia's asymptotic mean d(d + 2)(n − 1)/(n + 1) and variance 8d(d + 2)/n hold for Gaussian data, not for
 * normal scores: ranks quantise each column, and where columns are strongly correlated (redundant features) the
 * quantisation is most of what is left of one column given the others, so b₂ moved and a Gaussian copula was
 * rejected (columns of each side correlated 0.99, 4+4, 1,000 rows: z = 3.0; 0.999, 10+10, 50,000 rows: z = 4.8),
 * and sent to InfoNCE, which read 0.24 and 0.20 nats of 1 and 2. The drawn null knows the quantisation, and holds
 * with few rows per dimension too.
 *
 * Returns null when the normal scores are singular (a column a function of the others), where there is no test,
 * or when fewer than COPULA_TEST_ROWS_PER_DIM rows per dimension are available or affordable.
 */
export function copulaKurtosis(x: Matrix<Float64Array>, y: Matrix<Float64Array>, seed = 0): CopulaKurtosis | null {
  const d = x.cols + y.cols;
  const rng = createRng(seed, COPULA_TEST_STREAM);
  const affordable = Math.floor(COPULA_TEST_WORK / ((COPULA_TEST_REPLICATES + 1) * d * d));
  const m = Math.min(x.rows, COPULA_TEST_MAX_ROWS, affordable);
  if (m < COPULA_TEST_ROWS_PER_DIM * d) return null;
  // All rows, or m of them drawn at random.
  const rows = m < x.rows ? randomRows(x.rows, m, rng) : null;
  const pick = (a: Matrix<Float64Array>) => (rows === null ? a : takeRows(a, rows));
  const observed = mardiaB2(joinColumns(copulaTransform(pick(x)), copulaTransform(pick(y))));
  if (observed === null) return null;
  const { b2, l } = observed;
  const draws: number[] = [];
  const g = new Float64Array(d);
  for (let r = 0; r < COPULA_TEST_REPLICATES; r++) {
    // Rows of N(0, S) = L g, g standard normal; their normal scores are a sample of the Gaussian copula with S.
    const data = new Float64Array(m * d);
    for (let i = 0; i < m; i++) {
      rng.fillNormal(g);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b <= a; b++) s += (l[a * d + b] as number) * (g[b] as number);
        data[i * d + a] = s;
      }
    }
    const sim = mardiaB2(copulaTransform({ rows: m, cols: d, data }));
    if (sim !== null) draws.push(sim.b2);
  }
  if (draws.length < 2) return null;
  const expected = draws.reduce((s, v) => s + v, 0) / draws.length;
  const sd = Math.sqrt(draws.reduce((s, v) => s + (v - expected) ** 2, 0) / (draws.length - 1));
  return { b2, expected, sd, z: (b2 - expected) / sd, rows: m };
}

/** The RNG stream of the test, apart from the estimators' own draws with the same seed. */
const COPULA_TEST_STREAM = 0x636f70;

/** Mardia's b₂ of the rows of z (modified: centred in place) and the Cholesky factor of their covariance. */
function mardiaB2(zm: Matrix<Float64Array>): { b2: number; l: Float64Array } | null {
  const { rows: n, cols: d, data: z } = zm;
  const l = centreInPlaceAndCholesky(z, n, d);
  if (l === null) return null;
  // (z_i − z̄)ᵀ S⁻¹ (z_i − z̄) = ‖L⁻¹ (z_i − z̄)‖².
  const v = new Float64Array(d);
  let b2 = 0;
  for (let i = 0; i < n; i++) {
    v.set(z.subarray(i * d, (i + 1) * d));
    solveLowerInPlace(l, d, v);
    let q = 0;
    for (let c = 0; c < d; c++) q += (v[c] as number) * (v[c] as number);
    b2 += (q * q) / n;
  }
  return { b2, l };
}
