/**
 * The standard normal distribution: CDF via erfc, quantile via Acklam's rational approximation refined by one
 * Halley step (relative error ~1e-15 in the central range). Used by the copula transform, intervals and tasks.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** erfc(x), |error| ~1e-15: Taylor series of erf for |x| < 2, Lentz continued fraction for x ≥ 2. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)^n x^{2n+1} / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - TWO_OVER_SQRT_PI * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) — modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** Φ(x) = P(Z ≤ x) for Z ~ N(0, 1). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** log φ(x), the standard normal log-density. */
export function normalLogPdf(x: number): number {
  return -0.5 * x * x - 0.9189385332046728;
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for p ∈ (0, 1); ±∞ at 0 and 1, NaN outside. Acklam (2003) + one Halley refinement. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const a = (i: number) => A[i] as number;
  const b = (i: number) => B[i] as number;
  const c = (i: number) => C[i] as number;
  const d = (i: number) => D[i] as number;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c(0) * q + c(1)) * q + c(2)) * q + c(3)) * q + c(4)) * q + c(5)) /
      ((((d(0) * q + d(1)) * q + d(2)) * q + d(3)) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a(0) * r + a(1)) * r + a(2)) * r + a(3)) * r + a(4)) * r + a(5)) * q) /
      (((((b(0) * r + b(1)) * r + b(2)) * r + b(3)) * r + b(4)) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x =
      -(((((c(0) * q + c(1)) * q + c(2)) * q + c(3)) * q + c(4)) * q + c(5)) /
      ((((d(0) * q + d(1)) * q + d(2)) * q + d(3)) * q + 1);
  }
  // One Halley step on Φ(x) − p: the error of the rational approximation (~1e-9) drops to ~1e-15.
  // In the upper half use Φ(x) − p = (1 − p) − Φ(−x), which keeps the digits of a small upper tail.
  const err = p <= 0.5 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const u = err * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** The two-sided 97.5% quantile of N(0,1): half-width multiplier of a 95% interval. */
export const Z_95 = 1.959963984540054;
