import { InfonceError } from "../errors.js";
import type { BoundValue, ScoreMatrix } from "../types.js";
import type { BoundParam, BoundSpec } from "./bound-spec.js";
import { checkBoundParam, checkScoreMatrix } from "./check-score-matrix.js";

/** I_α's α in this project's convention (0 = InfoNCE end, 1 = NWJ end); ½ by default, midway. */
const ALPHA: BoundParam<"alpha"> = {
  key: "alpha",
  symbol: "α",
  default: 0.5,
  check: (a) => a >= 0 && a <= 1,
  expected: "a number in [0, 1] (0 = InfoNCE end, 1 = NWJ end)",
  doc: "the α-bound's α ∈ [0, 1]: 0 uses the leave-one-out InfoNCE baseline, 1 is NWJ",
};

/** Options of alphaBound (and of `bound("alpha", …)`). */
export interface AlphaOptions {
  /** α ∈ [0, 1]: 0 the InfoNCE end, 1 the NWJ end; default 0.5. */
  readonly alpha?: number;
}

/**
 * Poole et al. 2019's interpolated bound I_α ("On Variational Bounds of Mutual Information", §2.4), with THIS
 * PROJECT's α convention: α = 0 is the InfoNCE end, α = 1 the NWJ end (Poole's paper writes the mixing weight
 * the other way round; our α is 1 − α_Poole = σ(−alpha_logit) of their code).
 *
 * Poole's I_α applies the single-sample TUBA bound to a critic normalised by an interpolated baseline
 *   B(x; y_1..y_n) = (1 − α) · m(x; y_1..y_n) + α · q,   m = (1/n) Σ_k e^{f(x, y_k)},   q = e (a constant, so
 *   that α = 1 is exactly NWJ = TUBA with a = e),
 *   I_α = 1 + E_joint[ f(x, y_1) − log B ] − E_{p(x)p(y_{1:n})}[ e^{f(x, y_1)} / B ],
 * and its batch estimate needs a set y_{1:n} in which y is independent of x for the second term. As in Poole's
 * code, each row holds one column out ("leave-one-out"), so n = M − 1:
 *   L_ih = log( (1/(M−1)) Σ_{k≠h} e^{S_ik} ),  log B_ih = logaddexp( log(1−α) + L_ih, log α + 1 ),
 *   value = 1 + (1/(K(M−1))) Σ_i Σ_{h≠i} ( S_ii − log B_ih ) − (1/(K(M−1))) Σ_i Σ_{j≠i} e^{S_ij − log B_ii}.
 * Joint term: row i's set is its row without one negative h (it keeps the positive), averaged over h.
 * Marginal term: row i's set is its M − 1 negatives, each taking the role of y_1 in turn.
 *
 * Endpoints (checked by the tests):
 * - α = 1: B = e everywhere, value = mean_i S_ii − e^{−1} mean_{j≠i} e^{S_ij} = nwjBound(S) exactly.
 * - α = 0: the marginal term is exactly 1 (Σ_{j≠i} e^{S_ij} / m_ii = M − 1), so value = mean over rows i and
 *   held-out negatives h of ( S_ii − log mean_{k≠h} e^{S_ik} ): the InfoNCE bound with M − 1 candidates
 *   (infonceBound of each row with column h removed), averaged over h. It is InfoNCE at one candidate fewer,
 *   not infonceBound(S) itself: the held-out column is what makes the marginal term an honest sample of
 *   p(x)p(y), and hence I_α a valid bound for every α in between.
 *
 * Gradient (exact, of `value`), with n = M − 1, w = 1 − α, e_ik = e^{S_ik}:
 *   ∂value/∂S_ik = (1/(Kn)) [ n·[k=i] − (w/n) Σ_{h∉{i,k}} e_ik / B_ih − [k≠i] · α e · e_ik / B_ii² ].
 *
 * @param S K×M row-major (see infonceBound), M ≥ 2 (a row needs a negative to hold out).
 * @param options.alpha in [0, 1]; default 0.5, as the alpha estimator's.
 * @throws InfonceError E_DATA for M < 2, E_VALUE for a NaN/±∞ entry, α outside [0, 1], or a marginal term beyond
 *   float64 (α near 1 with scores ≳ 709, as for NWJ).
 */
export function alphaBound(S: ScoreMatrix, options: AlphaOptions = {}): BoundValue {
  const alpha = options.alpha ?? ALPHA.default;
  checkBoundParam(ALPHA, alpha, "alphaBound");
  checkScoreMatrix(S, "alphaBound", 1);
  const { rows: K, cols: M, data: s } = S;
  if (M < 2) {
    throw new InfonceError(
      "E_DATA",
      `alphaBound: S is ${K}×${M}; I_α holds one column out per row, so it needs M ≥ 2 columns (a positive and a negative)`,
    );
  }
  const grad = new Float64Array(K * M);
  const value = alphaInto(s, K, M, alpha, grad);
  if (!Number.isFinite(value)) {
    throw new InfonceError(
      "E_VALUE",
      `alphaBound: the marginal term Σ e^{S_ij}/B overflows float64 at α = ${alpha} (scores up to ${maxAbs(s)}); the bound is below −1e308. Lower α or the scores`,
    );
  }
  return { value, grad };
}

// Per-row work (M doubles each), grown to the largest M seen and reused: training calls alphaInto every step.
let rowExp = new Float64Array(0);
let rowLogB = new Float64Array(0);

/**
 * alphaBound on a validated K×M score matrix (M ≥ 2), gradient into grad[0, K·M); −∞ when the marginal term
 * overflows float64.
 */
export function alphaInto(s: ArrayLike<number>, K: number, M: number, alpha: number, grad: Float64Array): number {
  const n = M - 1;
  const w = 1 - alpha;
  const logW = Math.log(w); // −∞ at α = 1: B is then the constant e
  const logAe = Math.log(alpha) + 1; // −∞ at α = 0: B is then the leave-one-out mean
  const logN = Math.log(n);
  const N = K * n;
  if (rowExp.length < M) {
    rowExp = new Float64Array(M);
    rowLogB = new Float64Array(M);
  }
  const t = rowExp; // e^{S_ik − rowmax}, k < M
  const logB = rowLogB; // log B_ih for every held-out column h < M
  let jointSum = 0;
  let margSum = 0;
  for (let i = 0; i < K; i++) {
    const base = i * M;
    // Row maximum (first argmax) and Σ e^{S − max}.
    let arg = 0;
    let max = s[base] as number;
    for (let k = 1; k < M; k++) {
      const v = s[base + k] as number;
      if (v > max) {
        max = v;
        arg = k;
      }
    }
    let sum = 0;
    for (let k = 0; k < M; k++) {
      const e = Math.exp((s[base + k] as number) - max);
      t[k] = e;
      sum += e;
    }
    // Leave-one-out log-means. For h ≠ argmax, sum − t_h ≥ 1 (the maximum's own 1 stays), so the subtraction
    // loses at most a factor M of precision; holding out the maximum itself is summed afresh, shifted by the
    // runner-up, because sum − 1 could be all cancellation.
    let max2 = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < M; k++) {
      if (k === arg) continue;
      const v = s[base + k] as number;
      if (v > max2) max2 = v;
    }
    let sum2 = 0;
    for (let k = 0; k < M; k++) if (k !== arg) sum2 += Math.exp((s[base + k] as number) - max2);
    for (let h = 0; h < M; h++) {
      const loo = h === arg ? max2 + Math.log(sum2) - logN : max + Math.log(sum - (t[h] as number)) - logN;
      logB[h] = logAddExp(logW + loo, logAe);
    }
    const sii = s[base + i] as number;
    const logBii = logB[i] as number;
    let hMin = -1;
    let rho = Number.POSITIVE_INFINITY;
    for (let h = 0; h < M; h++) {
      if (h === i) continue;
      const lb = logB[h] as number;
      jointSum += sii - lb;
      margSum += Math.exp((s[base + h] as number) - logBii);
      if (lb < rho) {
        rho = lb;
        hMin = h;
      }
    }
    // Gradient. Q_k = Σ_{h∉{i,k}} e_ik / B_ih; every term is ≤ n/w because B_ih (h ≠ k) contains e_ik.
    // R = Σ_{h≠i} e^{ρ − log B_ih} ∈ [1, n] with ρ = min_h log B_ih; Q_k = e^{S_ik − ρ}(R − e^{ρ − log B_ik}) for
    // k ∉ {i, hMin} (R − that term ≥ 1, no cancellation), and directly for k ∈ {i, hMin}.
    let R = 0;
    if (w > 0) for (let h = 0; h < M; h++) if (h !== i) R += Math.exp(rho - (logB[h] as number));
    const aeOverBii = Math.exp(logAe - logBii); // α e / B_ii ≤ 1
    for (let k = 0; k < M; k++) {
      const sik = s[base + k] as number;
      let g = k === i ? n : 0;
      if (w > 0) {
        let Q: number;
        if (k === i || k === hMin) {
          Q = 0;
          for (let h = 0; h < M; h++) if (h !== i && h !== k) Q += Math.exp(sik - (logB[h] as number));
        } else {
          Q = Math.exp(sik - rho) * (R - Math.exp(rho - (logB[k] as number)));
        }
        g -= (w / n) * Q;
      }
      if (k !== i && alpha > 0) g -= Math.exp(sik - logBii) * aeOverBii;
      grad[base + k] = g / N;
    }
  }
  return 1 + (jointSum - margSum) / N;
}

/** log(e^a + e^b), exact when either is −∞. */
function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let p = 0; p < a.length; p++) m = Math.max(m, Math.abs(a[p] as number));
  return m;
}

export const alphaSpec: BoundSpec<"alpha", "alpha", AlphaOptions> = {
  name: "alpha",
  // Plain text (legends, tooltips, CSV): Unicode has no subscript α, so the page renders Iα as I_α where it can.
  label: "Iα",
  description: "Poole et al.'s interpolated bound Iα: InfoNCE at α = 0, NWJ at α = 1",
  param: ALPHA,
  cappedByLogK: false,
  minNegatives: 1,
  valueAndGradient: alphaInto,
  evaluate: (S, alpha) => alphaBound(S, { alpha }),
};
