import { createRng } from "../math/rng.js";
import { randomRows } from "./sample-checks.js";

/**
 * The rise, from half the rows to all of them, at which a Gaussian-copula estimate is flagged `saturated`: half of the
 * log 2 per doubling by which an estimate limited by the sample's resolution grows (as InfoNCE's saturation check,
 * docs/neural.md). An estimate the rows support moves only by its noise: a 3+3 Gaussian copula of 5 nats, 5,000 rows:
 * 4.914 on 2,500 of them, 4.934 on all (standard error 0.024).
 */
export const COPULA_RESOLUTION_RISE = 0.5 * Math.LN2;

/** The stream of the half-sample draw, apart from the estimators' own draws with the same seed. */
const HALF_STREAM = 0x68616c66;

/** A seeded random half of n row indices (ascending). */
export function halfOfRows(n: number, seed: number): Int32Array {
  return randomRows(n, Math.floor(n / 2), createRng(seed, HALF_STREAM));
}

/**
 * A warning when the Gaussian-copula estimate on all rows exceeds that on half of them by COPULA_RESOLUTION_RISE and
 * by 4 standard errors of the full estimate (the half's own spread about it: few rows per dimension make it wide —
 * a 20+20 Gaussian copula of 2 nats on 200 rows rose by chance past the first, not the second): normal scores of ranks see a nearly deterministic dependence only down to the spacing of n ranks, so the
 * estimate grows with the rows instead of settling, and reads low (y = Ax + 10⁻³ε in 3+3, 19.08 nats: 9.441 on 2,500
 * rows, 9.969 on 5,000, interval [9.921, 10.017]); null otherwise.
 */
export function copulaResolutionWarning(all: number, half: number, n: number, stderr: number): string | null {
  if (!(all - half >= Math.max(COPULA_RESOLUTION_RISE, 4 * (Number.isFinite(stderr) ? stderr : 0)))) return null;
  return (
    `saturated: the Gaussian-copula estimate still rises with the rows (${half.toFixed(3)} nats on ${Math.floor(n / 2)} of them, ` +
    `${all.toFixed(3)} on all ${n}): normal scores of ranks resolve a nearly deterministic dependence only to the ` +
    "spacing of the ranks, so the true MI is probably well above it; read it, and its interval, as a lower bound. More rows raise it"
  );
}
