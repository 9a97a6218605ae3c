import { logSumExp, logSumExpBackwardRowsInto } from "../math/log-softmax.js";

/** β and τ⁺ of the hard-negative (Robinson et al. 2021) and debiased (Chuang et al. 2020) losses. */
export interface HardNegativeOptions {
  /** Concentration β ≥ 0 of the importance weights e^{β·logit} on the negatives. 0: plain (debiased) loss. */
  readonly beta?: number;
  /** Class prior τ⁺ ∈ [0, 1): the chance that a "negative" shares the anchor's class. 0: no debiasing. */
  readonly tauPlus?: number;
}

/**
 * The hard-negative / debiased head on rows of candidate logits with exactly one positive each, in place (L
 * becomes ∂(Σ_i loss_i)/∂L), in the log space of the authors' formula (their code exponentiates and overflows at
 * small τ). With p the positive logit, n_1..n_m the negatives (m = K − 1):
 *
 *   R = Σ_j e^{(1+β) n_j} / mean_j e^{β n_j}              (importance-weighted negatives; β = 0: Σ_j e^{n_j})
 *   Ng = max( (R − τ⁺ m e^{p}) / (1 − τ⁺),  m e^{−scale} )   (debiasing, floored at m e^{−1/τ} as the authors do)
 *   loss = −log( e^{p} / (e^{p} + Ng) )
 *
 * β = τ⁺ = 0 is InfoNCE's cross-entropy. The floor is where the gradient stops (torch.clamp's), and
 * ∂R/∂n_j = R · ((1+β) softmax((1+β)n)_j − β softmax(βn)_j).
 * @param posCol column of each row's positive. @param scale the logit scale 1/τ (the floor's e^{−1/τ}).
 */
export function hardNegativeRowsInPlace(
  L: Float64Array,
  rows: number,
  K: number,
  posCol: (i: number) => number,
  o: { beta: number; tauPlus: number; scale: number },
  rowLoss: Float64Array,
): void {
  const m = K - 1;
  const { beta, tauPlus } = o;
  const logM = Math.log(m);
  const logOneMinus = Math.log1p(-tauPlus);
  const floor = logM - o.scale;
  const neg = new Float64Array(m);
  const n1 = new Float64Array(m);
  const n0 = new Float64Array(m);
  for (let i = 0; i < rows; i++) {
    const base = i * K;
    const pc = posCol(i);
    const p = L[base + pc] as number;
    for (let c = 0, j = 0; c < K; c++) if (c !== pc) neg[j++] = L[base + c] as number;
    for (let j = 0; j < m; j++) {
      n1[j] = (1 + beta) * (neg[j] as number);
      n0[j] = beta * (neg[j] as number);
    }
    const logR = logSumExp(n1) - logSumExp(n0) + logM;
    let lngRaw = logR;
    let b = Number.NEGATIVE_INFINITY;
    if (tauPlus > 0) {
      b = Math.log(tauPlus * m) + p;
      lngRaw = logR > b ? logR + Math.log1p(-Math.exp(b - logR)) - logOneMinus : Number.NEGATIVE_INFINITY;
    }
    const clamped = !(lngRaw >= floor);
    const lng = clamped ? floor : lngRaw;
    const top = Math.max(p, lng);
    const lse = top + Math.log(Math.exp(p - top) + Math.exp(lng - top));
    rowLoss[i] = lse - p;
    const rho = Math.exp(lng - lse); // ∂loss/∂lng, = 1 − softmax of the positive
    let gp = -rho; // ∂(lse − p)/∂p through e^{p}: σ − 1 = −ρ
    L.fill(0, base, base + K);
    if (!clamped) {
      // ∂lng/∂R = 1/((1 − τ⁺) Ng) and ∂lng/∂p = −τ⁺ m e^{p} / ((1 − τ⁺) Ng), both in log space.
      const dR = rho * Math.exp(logR - logOneMinus - lng);
      if (tauPlus > 0) gp -= rho * Math.exp(b - logOneMinus - lng);
      logSumExpBackwardRowsInto(n1, 1, 1, m, n1);
      logSumExpBackwardRowsInto(n0, 1, 1, m, n0);
      for (let c = 0, j = 0; c < K; c++) {
        if (c === pc) continue;
        L[base + c] = dR * ((1 + beta) * (n1[j] as number) - beta * (n0[j] as number));
        j++;
      }
    }
    L[base + pc] = gp;
  }
}
