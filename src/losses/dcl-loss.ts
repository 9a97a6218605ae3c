import { InfonceError } from "../errors.js";
import { axpyRowInPlace, dotRows } from "../math/dense-rows.js";
import { logSumExpBackwardRowsInto, logSumExpRowsInto } from "../math/log-softmax.js";
import type { Matrix } from "../types.js";
import { checkPairedViews, copyViews } from "./embeddings.js";
import { oneOf, REDUCTIONS, type Reduction, resolveScale } from "./loss-options.js";
import { type PairedViewsLossResult, pairedViewsLoss } from "./paired-views-result.js";

export interface DclLossOptions {
  /** τ > 0 (lightly's default 0.1); or give logitScale (open_clip's learnable log(1/τ), clamped). */
  readonly temperature?: number;
  readonly logitScale?: number;
  /** DCLW: weight the positive term by the negative von Mises–Fisher weight 2 − N·softmax_i(x̂_i·ŷ_i / σ). */
  readonly weighted?: boolean;
  /**
   * Fixed weights w_i of the positive terms (lightly's weight_fn, evaluated by the caller; constants, no gradient).
   * Excludes weighted.
   */
  readonly positiveWeights?: ArrayLike<number>;
  /** σ of DCLW's weight (lightly's default 0.5). */
  readonly sigma?: number;
  /** "mean" (default, lightly's): over the N pairs; "sum"; "none": one loss per pair (both views' mean). */
  readonly reduction?: Reduction;
}

/** loss: for "none", one loss per pair (both views' mean). */
export interface DclLossResult extends PairedViewsLossResult {
  /** The positive weights used (all 1 for DCL). */
  readonly positiveWeights: Float64Array;
}

/** Why DCL reports no MI bound. */
export const DCL_NOT_A_BOUND =
  "DCL/DCLW leave the positive out of the denominator, so the loss can fall below 0 and log K − loss bounds nothing (it is a batch Donsker–Varadhan-type value, biased upward)";

const FN = "dclLoss";

/**
 * The decoupled contrastive loss DCL and its weighted form DCLW (Yeh et al. 2022) as lightly's DCLLoss / DCLWLoss
 * compute them (single process): with x̂, ŷ the L2-normalised views and logits a·b/τ,
 *
 *   ℓ(a, b)_i = −w_i a_i·b_i/τ + logsumexp_{j≠i} a_i·a_j/τ + logsumexp_{j≠i} a_i·b_j/τ
 *   loss_i = ½ (ℓ(x̂, ŷ)_i + ℓ(ŷ, x̂)_i),  w = 1 (DCL) or 2 − N·softmax(x̂·ŷ/σ) (DCLW; a constant: no gradient flows
 *   through it, as lightly detaches it)
 *
 * The positive is not in either denominator (the "decoupling"); the two log-sum-exps are kept apart as lightly
 * does. The −∞-masked diagonals go through math/log-softmax, so ±1e4 logits stay finite.
 * @param x N×D first views, y N×D second views (row i of each is one sample); N ≥ 2.
 */
export function dclLoss(x: Matrix, y: Matrix, options: DclLossOptions = {}): DclLossResult {
  const reduction = options.reduction ?? "mean";
  oneOf(FN, reduction, REDUCTIONS, "reduction");
  const { scale } = resolveScale(FN, options, { temperature: 0.1 });
  const weighted = options.weighted ?? false;
  const sigma = options.sigma ?? 0.5;
  if (!(typeof sigma === "number" && Number.isFinite(sigma) && sigma > 0)) {
    throw new InfonceError("E_VALUE", `${FN}: sigma = ${sigma}; it must be a finite number > 0 (lightly uses 0.5)`);
  }
  const { N, D } = checkPairedViews(x, y, FN, "the two views must pair up");
  if (N < 2) {
    throw new InfonceError(
      "E_DATA",
      `${FN}: N = ${N}; DCL's negatives are the other pairs of the batch, so it needs N ≥ 2`,
    );
  }
  const views = copyViews(x, y, true, FN);
  const { xs, ys } = views;

  const NEG = Number.NEGATIVE_INFINITY;
  const A = new Float64Array(N * N); // x̂x̂ᵀ/τ, diagonal masked
  const C = new Float64Array(N * N); // ŷŷᵀ/τ, diagonal masked
  const B = new Float64Array(N * N); // x̂ŷᵀ/τ, diagonal masked (the positives kept in pos)
  const BT = new Float64Array(N * N); // its transpose: the second view's anchors
  const pos = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const b = scale * dotRows(xs, i * D, ys, j * D, D);
      if (i === j) {
        pos[i] = b;
        A[i * N + j] = C[i * N + j] = B[i * N + j] = BT[j * N + i] = NEG;
        continue;
      }
      A[i * N + j] = scale * dotRows(xs, i * D, xs, j * D, D);
      C[i * N + j] = scale * dotRows(ys, i * D, ys, j * D, D);
      B[i * N + j] = b;
      BT[j * N + i] = b;
    }
  }
  const w = new Float64Array(N).fill(1);
  const fixed = options.positiveWeights;
  if (fixed !== undefined) {
    if (weighted || fixed.length !== N) {
      throw new InfonceError(
        "E_ARG",
        `${FN}: positiveWeights must hold N = ${N} numbers and excludes weighted (got ${fixed.length}${weighted ? " and weighted" : ""})`,
      );
    }
    for (let i = 0; i < N; i++) w[i] = fixed[i] as number;
    if (!w.every(Number.isFinite)) throw new InfonceError("E_VALUE", `${FN}: positiveWeights must be finite numbers`);
  }
  if (weighted) {
    const c = new Float64Array(N);
    for (let i = 0; i < N; i++) c[i] = dotRows(xs, i * D, ys, i * D, D) / sigma;
    const soft = logSumExpBackwardRowsInto(c, 1, 1, N, new Float64Array(N));
    for (let i = 0; i < N; i++) w[i] = 2 - N * (soft[i] as number);
  }
  const lse = [A, B, C, BT].map((m) => logSumExpRowsInto(m, N, N, new Float64Array(N)));
  const per = new Float64Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) {
    let v = -(w[i] as number) * (pos[i] as number);
    for (const l of lse) v += 0.5 * (l[i] as number);
    per[i] = v;
    sum += v;
  }
  if (!Number.isFinite(sum)) {
    throw new InfonceError("E_VALUE", `${FN}: the loss is ${sum}; the logits overflow float64 (raise τ)`);
  }

  // ∂/∂logits: each log-sum-exp has weight ½ (both views), the positive −w_i (once per view, ½ each).
  const r = reduction === "mean" ? 1 / N : 1;
  for (const m of [A, B, C, BT]) logSumExpBackwardRowsInto(m, 0.5 * r, N, N, m);
  const gx = new Float64Array(N * D);
  const gy = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const gA = ((A[i * N + j] as number) + (A[j * N + i] as number)) * scale;
      const gC = ((C[i * N + j] as number) + (C[j * N + i] as number)) * scale;
      const gB = (i === j ? -(w[i] as number) * r : (B[i * N + j] as number) + (BT[j * N + i] as number)) * scale;
      if (gA !== 0) axpyRowInPlace(gA, xs, j * D, gx, i * D, D);
      if (gC !== 0) axpyRowInPlace(gC, ys, j * D, gy, i * D, D);
      if (gB !== 0) {
        axpyRowInPlace(gB, ys, j * D, gx, i * D, D);
        axpyRowInPlace(gB, xs, i * D, gy, j * D, D);
      }
    }
  }
  // Σ G ⊙ logits = ½ Σ_i (x̂_i·∂x̂_i + ŷ_i·∂ŷ_i): every logit is a product of two rows, counted once from each side.
  let gradLogScale = 0;
  for (let i = 0; i < N; i++) gradLogScale += dotRows(xs, i * D, gx, i * D, D) + dotRows(ys, i * D, gy, i * D, D);
  gradLogScale *= 0.5;
  return {
    ...pairedViewsLoss(reduction, per, sum, views, true, gx, gy),
    gradLogitScale: gradLogScale,
    positiveWeights: w,
    miBound: null,
    message: DCL_NOT_A_BOUND,
  };
}

/** DCLW: dclLoss with lightly's negative von Mises–Fisher weight (σ 0.5 by default). */
export function dclwLoss(x: Matrix, y: Matrix, options: Omit<DclLossOptions, "weighted"> = {}): DclLossResult {
  return dclLoss(x, y, { ...options, weighted: true });
}
