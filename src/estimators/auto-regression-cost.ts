/** What the held-out regression bound would cost `auto` (auto-choice.ts runs it beside its estimates within this). */
import type { SampleProfile } from "./auto-profile.js";

/**
 * The most multiply-adds auto spends on the regression bound, as regressionWork counts them (about 10 s here): 300
 * columns × 3,000 rows (where InfoNCE read 0.38 and the bound 0.50, scikit-learn's 0.505) fit; 400 × 20,000
 * (1.3e10, 19 s) do not. It was 5e9, which left out vega-datasets' flights-airport.csv --y count (origin and
 * destination airports, 350 indicators, 5,366 rows, 6.9e9): auto read 0.004 by InfoNCE, the bound 0.234 in 17 s.
 */
export const AUTO_REGRESSION_WORK = 1e10;

/**
 * The regression bound's work on n rows and d feature columns, in two representations: each fold's Gram matrix
 * (n·d²/2) and, per penalty (11), inner fold (4) and outer fold (5), a Cholesky solve (d³/3) — on min(d, n)
 * columns, since wider features are first put in their rows' span (n²·d/2 for the rows' Gram matrix).
 */
export function regressionWork(n: number, d: number): number {
  const fitted = Math.min(d, n);
  const span = d > n ? (n * n * d) / 2 : 0;
  return 2 * (span + (n * fitted * fitted) / 2 + (220 * fitted * fitted * fitted) / 3);
}

/**
 * The side the regression bound predicts (`fitting`): a single continuous column, within AUTO_REGRESSION_WORK for
 * the feature columns on the other side (of any kind: categorical ones enter as indicators, counted as the profile
 * counts them); null when there is none. Counting columns instead let a 2,000-level text column of a 20,000-row
 * table through as one column: 1,944 indicators, 10¹² multiply-adds, no answer in 5 minutes (beside a number, or
 * beside a second text column, 2,000 states × 10 quarters). `tooCostly`: the
 * warning when a side could be the target but the indicators make the bound too costly; then nothing auto runs
 * reads dependence through a categorical column of many levels (that table, a noise column beside, MI about 0.35:
 * Gao's estimate refused, InfoNCE read −0.000), and the user should know.
 */
export function regressionSides(p: SampleProfile): { fitting: "x" | "y" | null; tooCostly: string | null } {
  const fits = (d: number) => regressionWork(p.n, d) <= AUTO_REGRESSION_WORK;
  const fx = p.featuresX ?? p.dx;
  const fy = p.featuresY ?? p.dy;
  if (p.dy === 1 && p.kindY === "continuous" && fits(fx)) return { fitting: "y", tooCostly: null };
  if (p.dx === 1 && p.kindX === "continuous" && fits(fy)) return { fitting: "x", tooCostly: null };
  const costly = (side: "x" | "y", features: number, columns: number) =>
    `the held-out regression bound did not run: ${side.toUpperCase()}'s ${columns} columns make ${features} feature columns (categories as indicators), ${regressionWork(p.n, features).toExponential(1)} multiply-adds on ${p.n} rows (> ${AUTO_REGRESSION_WORK.toExponential(0)}); dependence carried by a categorical column of many levels may be missed: -e regression runs it (slowly), or select fewer columns`;
  if (p.dy === 1 && p.kindY === "continuous" && fx > p.dx) return { fitting: null, tooCostly: costly("x", fx, p.dx) };
  if (p.dx === 1 && p.kindX === "continuous" && fy > p.dy) return { fitting: null, tooCostly: costly("y", fy, p.dy) };
  return { fitting: null, tooCostly: null };
}
