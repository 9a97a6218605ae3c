/** What the held-out regression bound would cost `auto` (auto-choice.ts runs it beside its estimates within this). */

/**
 * The most multiply-adds auto spends on the regression bound, as regressionWork counts them (about 5 s here): 300
 * columns × 3,000 rows (where InfoNCE read 0.38 and the bound 0.50, scikit-learn's 0.505) fit; 400 × 20,000 (19 s)
 * do not.
 */
export const AUTO_REGRESSION_WORK = 5e9;

/**
 * The regression bound's work on n rows and d feature columns, in two representations: each fold's Gram matrix
 * (n·d²/2) and, per penalty (11), inner fold (4) and outer fold (5), a Cholesky solve (d³/3).
 */
export function regressionWork(n: number, d: number): number {
  return 2 * ((n * d * d) / 2 + (220 * d * d * d) / 3);
}
