import { InfonceError } from "../errors.js";
import type { BoundName, RealArray } from "../types.js";

/**
 * The bounds of BOUNDS.md on a K×M score matrix, in float64, as the TypeScript kernel's readable oracle:
 * S[i*M + j] = f(x_i, y_j), M ≥ K, column i is row i's positive, every other (i, j) a negative.
 * Writes the gradient to ascend into `grad` (float64, length ≥ K·M) and returns the value.
 * `scratch` must hold at least 2·M float64 numbers (per-row work); nothing is allocated here.
 *
 * Values (all batch means; O = the K·(M−1) off-diagonal entries):
 * - infonce: log M + (1/K) Σ_i (S_ii − logsumexp_j S_ij)           (van den Oord 2018; Poole 2019 eq. 12)
 * - nwj:     mean_i S_ii − e^{−1} mean_O e^{S_ij}                   (Nguyen, Wainwright, Jordan 2010)
 * - dv:      mean_i S_ii − log mean_O e^{S_ij}                      (Donsker–Varadhan)
 * - js:      value 1 + mean_i S_ii − mean_O e^{S_ij} (NWJ on f + 1); gradient of the Jensen–Shannon objective
 *            mean_i −softplus(−S_ii) − mean_O softplus(S_ij)        (Hjelm 2019; Poole 2019 I_JS)
 * - smile:   value mean_i S_ii − log mean_O e^{clip(S_ij, −τ, τ)}, τ = param (≤ 0 or ∞: no clip); gradient as JS
 *            (Song & Ermon 2020)
 * - alpha:   Poole et al. (2019) I_α with the constant NWJ baseline e, in THEORY.md's convention: α = param,
 *            α = 0 uses the leave-one-out InfoNCE baseline, α = 1 is exactly NWJ; see alphaBound below.
 */
export function boundValueGrad64(
  name: Exclude<BoundName, "mine">,
  s: RealArray,
  rows: number,
  cols: number,
  param: number,
  grad: Float64Array,
  scratch: Float64Array,
): number {
  checkScores(name, s, rows, cols);
  switch (name) {
    case "infonce":
      return infonceBound(s, rows, cols, grad);
    case "nwj":
      return nwjBound(s, rows, cols, grad);
    case "dv":
      return dvBound(s, rows, cols, grad);
    case "js":
      return jsBound(s, rows, cols, grad);
    case "smile":
      return smileBound(s, rows, cols, param, grad);
    case "alpha":
      return alphaBound(s, rows, cols, param, grad, scratch);
    default:
      throw new InfonceError(
        "E_UNKNOWN",
        `unknown bound "${String(name)}"; expected infonce, nwj, dv, js, smile, alpha`,
      );
  }
}

function checkScores(name: string, s: RealArray, rows: number, cols: number): void {
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= rows)) {
    throw new InfonceError(
      "E_SHAPE",
      `${name}: score matrix is ${rows}×${cols}; it needs K ≥ 1 rows and M ≥ K columns (column i is row i's positive)`,
    );
  }
  if (s.length < rows * cols) {
    throw new InfonceError("E_SHAPE", `${name}: scores hold ${s.length} numbers, fewer than ${rows}×${cols}`);
  }
  if (name !== "infonce" && cols < 2) {
    throw new InfonceError("E_DATA", `${name} needs at least one negative pair (M ≥ 2 columns), got a ${rows}×1 batch`);
  }
  for (let p = 0; p < rows * cols; p++) {
    const v = s[p] as number;
    if (!Number.isFinite(v)) {
      const i = Math.floor(p / cols);
      throw new InfonceError("E_VALUE", `${name}: score S[${i},${p - i * cols}] is ${v}; scores must be finite`);
    }
  }
}

function infonceBound(s: RealArray, k: number, m: number, grad: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const o = i * m;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) max = Math.max(max, s[o + j] as number);
    let z = 0;
    for (let j = 0; j < m; j++) z += Math.exp((s[o + j] as number) - max);
    const lse = max + Math.log(z);
    sum += (s[o + i] as number) - lse;
    for (let j = 0; j < m; j++) grad[o + j] = -Math.exp((s[o + j] as number) - lse) / k;
    grad[o + i] = (grad[o + i] as number) + 1 / k;
  }
  return Math.log(m) + sum / k;
}

function meanDiagonal(s: RealArray, k: number, m: number): number {
  let d = 0;
  for (let i = 0; i < k; i++) d += s[i * m + i] as number;
  return d / k;
}

function nwjBound(s: RealArray, k: number, m: number, grad: Float64Array): number {
  const nOff = k * (m - 1);
  let e = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < m; j++) {
      if (j === i) {
        grad[i * m + j] = 1 / k;
        continue;
      }
      const t = Math.exp((s[i * m + j] as number) - 1);
      e += t;
      grad[i * m + j] = -t / nOff;
    }
  }
  return meanDiagonal(s, k, m) - e / nOff;
}

/** DV and SMILE share the log-mean-exp of the (possibly clipped) negatives; `tau` ≤ 0 means no clip. */
function dvLike(s: RealArray, k: number, m: number, tau: number, grad: Float64Array | null): number {
  const nOff = k * (m - 1);
  const clip = tau > 0 && Number.isFinite(tau);
  const c = (v: number): number => (clip ? Math.min(tau, Math.max(-tau, v)) : v);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) if (j !== i) max = Math.max(max, c(s[i * m + j] as number));
  let z = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) if (j !== i) z += Math.exp(c(s[i * m + j] as number) - max);
  if (grad) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < m; j++) {
        grad[i * m + j] = j === i ? 1 / k : -Math.exp((s[i * m + j] as number) - max) / z;
      }
    }
  }
  return meanDiagonal(s, k, m) - (max + Math.log(z / nOff));
}

function dvBound(s: RealArray, k: number, m: number, grad: Float64Array): number {
  return dvLike(s, k, m, 0, grad);
}

/** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}), stable for ±1e4. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Gradient of the Jensen–Shannon objective mean_i −softplus(−S_ii) − mean_O softplus(S_ij); returns the objective. */
function jsObjectiveGrad(s: RealArray, k: number, m: number, grad: Float64Array): number {
  const nOff = k * (m - 1);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < m; j++) {
      const v = s[i * m + j] as number;
      if (j === i) {
        pos += softplus(-v);
        grad[i * m + j] = sigmoid(-v) / k;
      } else {
        neg += softplus(v);
        grad[i * m + j] = -sigmoid(v) / nOff;
      }
    }
  }
  return -pos / k - neg / nOff;
}

function jsBound(s: RealArray, k: number, m: number, grad: Float64Array): number {
  jsObjectiveGrad(s, k, m, grad);
  const nOff = k * (m - 1);
  let e = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) if (j !== i) e += Math.exp(s[i * m + j] as number);
  return 1 + meanDiagonal(s, k, m) - e / nOff;
}

function smileBound(s: RealArray, k: number, m: number, tau: number, grad: Float64Array): number {
  if (Number.isNaN(tau)) throw new InfonceError("E_VALUE", "smile: clip τ is NaN; use τ > 0, or ≤ 0 / ∞ for no clip");
  jsObjectiveGrad(s, k, m, grad);
  return dvLike(s, k, m, tau, null);
}

/**
 * Poole et al. (2019) I_α (their code's `interpolated_lower_bound`), in our row layout (query x_i, candidates y_j)
 * and THEORY.md's convention (α = 0: InfoNCE baseline, α = 1: NWJ). Per row i, with the leave-one-out mean
 * L_ij = (1/(M−1)) Σ_{k≠j} e^{S_ik} and the interpolated baseline B_ij = (1−α) L_ij + α·e:
 *   value = 1 + (1/|O|) Σ_{(i,j)∈O} (S_ii − log B_ij) − (1/|O|) Σ_{(i,j)∈O} e^{S_ij} / B_ii.
 * At α = 1, B = e and this is NWJ exactly. Everything is done in the log domain (b = log B) so ±1e4 scores stay
 * finite; the leave-one-out sums avoid cancellation by treating the row's largest entry separately.
 * scratch: 2·M float64 (log-baselines b_ij of the row, and e^{−b}).
 */
function alphaBound(
  s: RealArray,
  k: number,
  m: number,
  alpha: number,
  grad: Float64Array,
  scratch: Float64Array,
): number {
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new InfonceError("E_VALUE", `alpha bound: α must be in [0, 1] (0 = InfoNCE baseline, 1 = NWJ), got ${alpha}`);
  }
  if (scratch.length < 2 * m) throw new InfonceError("E_INTERNAL", `alpha bound: scratch needs ${2 * m} numbers`);
  const nOff = k * (m - 1);
  const c = 1 - alpha;
  const logC = Math.log(c); // −∞ at α = 1: the InfoNCE part vanishes
  const logA1 = Math.log(alpha) + 1; // log(α e); −∞ at α = 0
  const logM1 = Math.log(m - 1);
  const b = scratch; // b[j], j < m
  let joint = 0;
  let marg = 0;
  for (let i = 0; i < k; i++) {
    const o = i * m;
    // Row maximum and runner-up, for leave-one-out log-sum-exps without cancellation.
    let jStar = 0;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const v = s[o + j] as number;
      if (v > max) {
        max = v;
        jStar = j;
      }
    }
    let sumAll = 0;
    for (let j = 0; j < m; j++) sumAll += Math.exp((s[o + j] as number) - max);
    // Sum excluding jStar, shifted by the runner-up maximum.
    let max2 = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) if (j !== jStar) max2 = Math.max(max2, s[o + j] as number);
    let sumNoStar = 0;
    for (let j = 0; j < m; j++) if (j !== jStar) sumNoStar += Math.exp((s[o + j] as number) - max2);
    const lseNoStar = max2 + Math.log(sumNoStar);
    for (let j = 0; j < m; j++) {
      // log Σ_{k≠j} e^{S_ik}: for j ≠ jStar the max stays in the sum, so sumAll − e^{S_ij−max} ≥ 1 is accurate.
      const lse = j === jStar ? lseNoStar : max + Math.log(sumAll - Math.exp((s[o + j] as number) - max));
      const loo = lse - logM1;
      b[j] = logAddExp(logC + loo, logA1);
    }
    // Value.
    const sii = s[o + i] as number;
    let lseNeg = Number.NEGATIVE_INFINITY; // log Σ_{j≠i} e^{S_ij}
    {
      let mx = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < m; j++) if (j !== i) mx = Math.max(mx, s[o + j] as number);
      let z = 0;
      for (let j = 0; j < m; j++) if (j !== i) z += Math.exp((s[o + j] as number) - mx);
      lseNeg = mx + Math.log(z);
    }
    const bi = b[i] as number;
    for (let j = 0; j < m; j++) if (j !== i) joint += sii - (b[j] as number);
    marg += Math.exp(lseNeg - bi);

    // Gradient of the joint term J = (1/|O|) Σ_{j≠i} (S_ii − b_ij): ∂b_ij/∂S_ik = [k≠j] c e^{S_ik} / ((M−1) B_ij).
    // Σ_{j≠i, j≠k} e^{S_ik − b_ij} is split into the columns other than jStar (shifted by their smallest b, β)
    // and jStar's own term, so that no exponential overflows (see the bounds in the comments of the tests).
    let beta = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) if (j !== i && j !== jStar) beta = Math.min(beta, b[j] as number);
    const eb = scratch.subarray(m, 2 * m); // e^{−(b_j − β)}
    let u = 0;
    for (let j = 0; j < m; j++) {
      if (j !== i && j !== jStar) {
        const t = Math.exp(beta - (b[j] as number));
        eb[j] = t;
        u += t;
      } else eb[j] = 0;
    }
    // Gradient of the marginal term G = (1/|O|) Σ_{j≠i} e^{S_ij − b_ii}, through e^{S_ik} and through b_ii:
    // ∂G/∂S_ik = (1/|O|) e^{S_ik − b_ii} (1 − c e^{loo_ii} / B_ii) for k ≠ i, 0 for k = i.
    const q = c > 0 ? Math.exp(logC + lseNeg - logM1 - bi) : 0;
    for (let kk = 0; kk < m; kk++) {
      const sik = s[o + kk] as number;
      let dJ = kk === i ? m - 1 : 0;
      if (c > 0) {
        let w = 0;
        if (u > 0) w += Math.exp(logC - logM1 + sik - beta) * (u - (eb[kk] as number));
        if (jStar !== i && jStar !== kk) w += Math.exp(logC - logM1 + sik - (b[jStar] as number));
        dJ -= w;
      }
      const dG = kk === i ? 0 : Math.exp(sik - bi) * (1 - q);
      grad[o + kk] = (dJ - dG) / nOff;
    }
  }
  return 1 + joint / nOff - marg / nOff;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const mx = Math.max(a, b);
  return mx + Math.log1p(Math.exp(-Math.abs(a - b)));
}
