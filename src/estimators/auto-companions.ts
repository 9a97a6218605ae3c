/** The estimates `auto` runs beside its choice (companions), the rules by which one is reported instead, and when. */

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
