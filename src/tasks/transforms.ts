import { InfonceError } from "../errors.js";
import { normalCdf, normalQuantile } from "../math/normal-distribution.js";

/**
 * Invertible maps applied to X alone or Y alone: they leave I(X;Y) unchanged (Kraskov et al. 2004; Czyż et al. 2023) but make
 * the law non-Gaussian, which is what makes the transformed tasks hard (Czyż et al. 2023, "Beyond Normal").
 * A map acts on one row (a point of ℝ^dimIn) and writes a point of ℝ^dimOut into `out`.
 */
export interface RowMap {
  /** Short name used in task names, e.g. "half_cube", "spiral". */
  readonly name: string;
  /** Output dimension for an input dimension (throws E_ARG when the map does not apply to it). */
  dimOut(dimIn: number): number;
  /** out = f(v). `v` has dimIn entries, `out` dimOut(dimIn). */
  apply(v: Float64Array, out: Float64Array): void;
  /** out = f⁻¹(w): the exact or numerically exact inverse (used by tests and to recover the base sample). */
  invert(w: Float64Array, out: Float64Array): void;
}

/** A map applying the strictly increasing scalar function f to every coordinate. */
function elementwise(name: string, f: (t: number) => number, inverse: (s: number) => number): RowMap {
  return {
    name,
    dimOut: (d) => d,
    apply(v, out) {
      for (let i = 0; i < v.length; i++) out[i] = f(v[i] as number);
    },
    invert(w, out) {
      for (let i = 0; i < w.length; i++) out[i] = inverse(w[i] as number);
    },
  };
}

/**
 * Inverts t ↦ f(t) = t + w(t) with |w| < 1 and f' > 0 by safeguarded Newton: the root of f(t) = s lies in
 * [s − 1, s + 1], and bisection steps keep it bracketed where Newton would leave (converges to ~1e-15).
 */
function invertNearIdentity(f: (t: number) => number, df: (t: number) => number, s: number): number {
  let lo = s - 1;
  let hi = s + 1;
  let t = s;
  for (let it = 0; it < 200; it++) {
    const g = f(t) - s;
    if (g === 0) return t;
    if (g > 0) hi = t;
    else lo = t;
    let next = t - g / df(t);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

/** t ↦ t·√|t|, a signed t^{3/2} (bmi's half-cube); inverse s ↦ sign(s)|s|^{2/3}. */
export const halfCube: RowMap = elementwise(
  "half_cube",
  (t) => t * Math.sqrt(Math.abs(t)),
  (s) => Math.sign(s) * Math.cbrt(s * s),
);

/** asinh, which turns the heavy Student-t tails into light ones (bmi's asinh tasks); inverse sinh. */
export const asinhMap: RowMap = elementwise("asinh", Math.asinh, Math.sinh);

/** The standard normal CDF Φ: maps ℝ onto (0, 1) (bmi's normal_cdf tasks); inverse the normal quantile. */
export const normalCdfMap: RowMap = elementwise("normal_cdf", normalCdf, normalQuantile);

/**
 * bmi's wiggly maps: t + a sum of small sines, strictly increasing (slope ≥ 1 − 0.4 − 0.34 − 0.099 > 0.16 for X,
 * ≥ 1 − 0.16 − 0.221 − 0.086 > 0.53 for Y), so invertible; the sines sum to less than 1 in size. The coefficients are bmi's, so the tasks are the same laws.
 */
const wigglyXf = (t: number): number =>
  t + 0.4 * Math.sin(t) + 0.2 * Math.sin(1.7 * t + 1) + 0.03 * Math.sin(3.3 * t - 2.5);
const wigglyXd = (t: number): number =>
  1 + 0.4 * Math.cos(t) + 0.34 * Math.cos(1.7 * t + 1) + 0.099 * Math.cos(3.3 * t - 2.5);
const wigglyYf = (t: number): number =>
  t - 0.4 * Math.sin(0.4 * t) + 0.17 * Math.sin(1.3 * t + 3.5) + 0.02 * Math.sin(4.3 * t - 2.5);
const wigglyYd = (t: number): number =>
  1 - 0.16 * Math.cos(0.4 * t) + 0.221 * Math.cos(1.3 * t + 3.5) + 0.086 * Math.cos(4.3 * t - 2.5);

/**
 * Inverts a strictly increasing f on ℝ by bisection: the bracket [−1, 1] is doubled until it holds s, then halved
 * 200 times (to the last bit of a double).
 */
function invertIncreasing(f: (t: number) => number, s: number): number {
  let lo = -1;
  let hi = 1;
  while (f(lo) > s) lo *= 2;
  while (f(hi) < s) hi *= 2;
  for (let it = 0; it < 200 && hi - lo > 0; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (f(mid) < s) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const sinhCubicF = (t: number): number => Math.sinh(t) + t * t * t;

/** t ↦ sinh t + t³: a strong increasing warp with exponential tails (issue 11's warped-Gaussian table). */
export const sinhCubic: RowMap = elementwise("sinh_cubic", sinhCubicF, (s) => invertIncreasing(sinhCubicF, s));

/** t ↦ sign(t)·t²: increasing, flat at 0 and quadratic in the tails; inverse sign(s)·√|s|. */
export const signedSquare: RowMap = elementwise(
  "signed_square",
  (t) => Math.sign(t) * t * t,
  (s) => Math.sign(s) * Math.sqrt(Math.abs(s)),
);

export const wigglyX: RowMap = elementwise("wiggly", wigglyXf, (s) => invertNearIdentity(wigglyXf, wigglyXd, s));
export const wigglyY: RowMap = elementwise("wiggly", wigglyYf, (s) => invertNearIdentity(wigglyYf, wigglyYd, s));

/**
 * The spiral (bmi's Spiral with a canonical so(n) generator): v ↦ R(θ) v, R the rotation by θ = speed·‖v‖² in the
 * plane of coordinates (i, j). A rotation keeps ‖v‖, so the inverse rotates by −speed·‖w‖²: a diffeomorphism of
 * ℝ^d whose twist grows with the radius (what makes it hard for estimators that assume near-linear structure).
 */
export function spiral(i: number, j: number, speed: number): RowMap {
  if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j > i)) {
    throw new InfonceError("E_ARG", `spiral plane (i, j) needs integers 0 ≤ i < j, got (${i}, ${j})`);
  }
  const rotate = (v: Float64Array, out: Float64Array, sign: number): void => {
    let r2 = 0;
    for (let k = 0; k < v.length; k++) r2 += (v[k] as number) ** 2;
    const theta = sign * speed * r2;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const a = v[i] as number;
    const b = v[j] as number;
    out.set(v);
    out[i] = c * a - s * b;
    out[j] = s * a + c * b;
  };
  return {
    name: "spiral",
    dimOut(d) {
      if (d <= j) throw new InfonceError("E_ARG", `spiral in plane (${i}, ${j}) needs dimension > ${j}, got ${d}`);
      return d;
    },
    apply: (v, out) => rotate(v, out, 1),
    invert: (w, out) => rotate(w, out, -1),
  };
}

/**
 * bmi's Swiss roll: an embedding of (0, 1) into ℝ², t = 1.5π(1 + 2u), u ↦ (t cos t, t sin t)/21. One-to-one,
 * so MI with Y is kept; the inverse reads t back from the radius: t = 21‖w‖.
 */
export const swissRoll: RowMap = {
  name: "swissroll",
  dimOut(d) {
    if (d !== 1) throw new InfonceError("E_ARG", `the Swiss roll maps 1 dimension to 2, got dimension ${d}`);
    return 2;
  },
  apply(v, out) {
    const t = 1.5 * Math.PI * (1 + 2 * (v[0] as number));
    out[0] = (t * Math.cos(t)) / 21;
    out[1] = (t * Math.sin(t)) / 21;
  },
  invert(w, out) {
    const t = 21 * Math.hypot(w[0] as number, w[1] as number);
    out[0] = (t / (1.5 * Math.PI) - 1) / 2;
  },
};
