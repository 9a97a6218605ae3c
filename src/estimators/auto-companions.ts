/** The estimates `auto` runs beside its choice (companions), the rules by which one is reported instead, and when. */
import { AUTO_REGRESSION } from "./auto-choice.js";

/**
 * An estimate run beside the chosen one, reported instead by its rule: "within-ceiling" — a consistent estimator
 * beside a lower bound (Ross's beside the classifier), reported when it lies between the bound and the bound's
 * ceiling (settings.labelEntropy, H of the label), where MI must lie; "larger-bound" — a held-out lower bound (the
 * regression bound, InfoNCE), reported when it is larger than the estimate so far and 0, since MI is at least that;
 * "clearly-larger-bound" — the same, only when the bound's whole 95% interval lies above the estimate so far (beside
 * an estimate exact for the data its test let through, which a noisy bound should not replace by chance).
 * `minEstimate`: run only when the chosen estimate is at least this (where the chosen estimator is known to read
 * low).
 */
export interface Companion {
  readonly estimator: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly rule: "within-ceiling" | "larger-bound" | "clearly-larger-bound";
  readonly minEstimate?: number;
}

/** One estimator `auto` may run: its options, why, and the estimates run beside it. */
export interface EstimatorChoice {
  readonly estimator: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly reason: string;
  /** An estimate shown beside the chosen one (the Gaussian copula), never swapped in. */
  readonly reference?: { readonly estimator: string; readonly settings: Readonly<Record<string, unknown>> };
  /** Estimates run beside the chosen one, each reported instead by its rule (Companion); the best accepted wins. */
  readonly companions?: readonly Companion[];
  /** Set when this choice is a fallback whose meaning the user should know. */
  readonly warning?: string;
  /** A bound tried late: an estimate of it below 0 counts as falling through, like a refusal. */
  readonly fallThroughBelowZero?: boolean;
}

/**
 * InfoNCE runs beside KSG (3 to 6 dimensions) when KSG reads at least this many nats, and beside Gao's estimate
 * when it reads at least AUTO_NEURAL_BESIDE_GAO; the larger held-out estimate is reported. Nearest-neighbour
 * estimators read low at strong dependence, more so with more dimensions: Y = X² + 0.3ε in 3+3 (n 4,000, MI 3.42):
 * KSG 2.38, InfoNCE 3.17–3.20; two unrelated string columns beside 2 Gaussian ones against 2 more (ρ 0.6, MI 0.446):
 * Gao 0.36–0.37, InfoNCE 0.43–0.46. Below these levels KSG is close on every task of the registry and InfoNCE's
 * seconds buy nothing.
 */
export const AUTO_NEURAL_BESIDE_KSG = 1;
export const AUTO_NEURAL_BESIDE_GAO = 0.2;

/**
 * How InfoNCE runs beside the Gaussian-copula estimate, from AUTO_NEURAL_MIN_ROWS to AUTO_NEURAL_BESIDE_COPULA_ROWS
 * rows when no regression bound runs: Mardia's test checks a fourth moment alone and lets through, on a few hundred
 * rows, dependence no Gaussian copula has, which the Gaussian-copula estimate then reads far too low. 5 pairs
 * y = f(x) + ε/2 (f = x², |x|, x³, sin 2x, eˣ; x warped by exp, cube, logistic, sinh), MI 4.07: the test passed in
 * 5 of 9 samples of 200–500 rows (Gaussian copula 1.36–1.60); in 2 of them InfoNCE's whole interval lay above (1.50
 * → 2.03 and 1.55 → 2.08 reported), in 3 (200 and 300 rows) it reached below and the estimate stood. Its bound is reported only when its whole 95% interval
 * lies above, so that where the estimate is exact a noisy bound does not replace it by chance: on the 28 Gaussian
 * copulas of scripts/sweep-warped-tables.py that auto sends to the Gaussian-copula estimate it replaced none.
 */
export const AUTO_NEURAL_BESIDE_COPULA = "clearly-larger-bound" satisfies Companion["rule"];

/**
 * The rows from which InfoNCE no longer runs beside the Gaussian-copula estimate: Mardia's test rejected the 5 pairs
 * above in 9 of 9 samples of 1,000, 2,000 and 5,000 rows, and from here the check would cost more than the estimate it
 * checks (3–13 s of training beside 1–3 s on 5,000–50,000 rows; 3–6 s beside 1 s on 1,000).
 */
export const AUTO_NEURAL_BESIDE_COPULA_ROWS = 2000;

/**
 * How the regression bound runs beside KSG on 1+1 continuous data: reported only when its whole 95% interval lies
 * above. There KSG is close on smooth laws (within 0.03 on the 1+1 tables of scripts/sweep-warped-tables.py), and a
 * bound reported whenever it is larger would only pick the noise; but KSG's k = 3 neighbours cannot follow a function
 * that changes faster than the rows are spaced, which is the shape of a time series against its time
 * (fpp2/sunspotarea.csv, 141 yearly rows of an 11-year cycle: KSG 0.085, the regression bound 0.330 [0.219, 0.440],
 * scikit-learn's held-out bound 0.430) and of a deterministic relation (y = f(x) exactly, 1,000 rows, MI 7.92: KSG
 * 5.76, the bound 6.53 [6.41, 6.65]). Of the 22 1+1 tables there that go to KSG it replaced KSG on two (that one,
 * and a Gaussian of MI 0.05 on 200 rows: KSG 0.018, the bound 0.078 [0.032, 0.123]); on the other 20 KSG stood.
 */
export const AUTO_REGRESSION_BESIDE_KSG_1X1 = "clearly-larger-bound" satisfies Companion["rule"];

/**
 * The rows from which the regression bound no longer runs beside KSG on 1+1 data: with more rows KSG's neighbours
 * follow such functions, and the bound costs more than the estimate it checks (one Gaussian pair, CPU seconds of the
 * whole command: 1.3 beside KSG's 0.9 at 5,000 rows, 4.0 beside 1.7 at 50,000).
 */
export const AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS = 5000;

/** A choice with the companions run beside it, its reason saying so (no companions: the choice itself). */
export function withCompanions(choice: EstimatorChoice, companions: readonly Companion[]): EstimatorChoice {
  if (companions.length === 0) return choice;
  const said = companions.map((c) => {
    const name = c.estimator === AUTO_REGRESSION ? "the held-out regression bound" : c.estimator;
    if (c.rule === "clearly-larger-bound") return `${name} (when its whole 95% interval lies above)`;
    return `${name}${c.minEstimate === undefined ? "" : ` (when the estimate is ≥ ${c.minEstimate} nats)`}`;
  });
  return { ...choice, reason: `${choice.reason}; beside it, reported when larger: ${said.join(", ")}`, companions };
}
