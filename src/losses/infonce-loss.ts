import { InfonceError } from "../errors.js";
import type { Kernel, Matrix } from "../types.js";
import { buildCandidates, candidateLogitsBackward, candidateLogitsInto, type NegativeMode } from "./candidates.js";
import { checkEmbeddings } from "./embeddings.js";
import { type HardNegativeOptions, hardNegativeRowsInPlace } from "./hard-negative-head.js";
import type { ResolvedScale } from "./logit-scale.js";
import {
  oneOf,
  REDUCTIONS,
  type Reduction,
  resolveScale,
  SIMILARITIES,
  type Similarity,
  validateChoices,
} from "./loss-options.js";
import { miReading } from "./mi-reading.js";
import type { NegativeQueue } from "./negative-queue.js";
import { softmaxCrossEntropyRowsInPlace } from "./softmax-cross-entropy.js";

export type { NegativeMode, Reduction, Similarity };
export { REDUCTIONS, SIMILARITIES };
export const NEGATIVE_MODES: readonly NegativeMode[] = ["in-batch", "unpaired", "paired"];

export interface InfonceLossOptions {
  /** Default "cosine" (as info-nce-pytorch and CLIP). */
  readonly similarity?: Similarity;
  /** τ > 0, finite; logits are similarity / τ. Default 0.1 (when logitScale is not given either). */
  readonly temperature?: number;
  /**
   * open_clip's learnable log-scale instead of τ: logits are e^{logitScale} · similarity, logitScale clamped to
   * [0, log 100] (open_clip's init is log(1/0.07), CLIP_LOGIT_SCALE_INIT). Excludes temperature.
   */
  readonly logitScale?: number;
  /**
   * Engine for the saturation check (the rise of log K − loss per doubling of K, in-batch only). Default: the
   * process-wide kernel.
   */
  readonly kernel?: Kernel;
  /**
   * - "in-batch" (default): query i's candidates are all N keys; k_i is its positive (K = N).
   * - "unpaired": one shared set of M negatives (`negativeKeys`, M×D): candidates [k_i, n_1..n_M] (K = M + 1).
   * - "paired": query i has its own M negatives, rows i·M..i·M+M−1 of `negativeKeys` ((N·M)×D, i.e. an N×M×D
   *   tensor flattened row-major): candidates [k_i, n_{i,1}..n_{i,M}] (K = M + 1).
   * These are info-nce-pytorch's semantics; `inBatchNegatives` adds the other keys of the batch.
   */
  readonly negatives?: NegativeMode;
  /** The negatives for "unpaired" (M×D) and "paired" ((N·M)×D); float32 or float64. */
  readonly negativeKeys?: Matrix;
  /**
   * unpaired/paired only: also use the other N − 1 keys of the batch as negatives, so the candidates are
   * [k_1..k_N, the M extra negatives] with k_i the positive (K = N + M), the rectangular score matrix of bounds/.
   * Default false.
   */
  readonly inBatchNegatives?: boolean;
  /**
   * CLIP's symmetric loss (Radford et al. 2021): the mean of the query→key loss (rows) and the key→query loss
   * (columns) of the N×N logits. In-batch only, with two views (k not null); labels allowed.
   */
  readonly symmetric?: boolean;
  /** Default "mean" (over the anchors that have a positive). */
  readonly reduction?: Reduction;
  /**
   * Multi-positive (SupCon, Khosla et al. 2020, L_out): one label per row; every candidate sharing the anchor's
   * label is a positive, and an anchor's loss is the mean over its positives of −log softmax. In-batch only.
   * With k given, the candidates are the N keys and k_i is always among query i's positives; with k = null
   * (one view), the candidates are the other N − 1 rows of q, and anchors whose label no other row shares are
   * skipped (loss 0, no gradient, left out of the mean), as pytorch-metric-learning's SupConLoss does.
   */
  readonly labels?: ArrayLike<number>;
  /**
   * Hard-negative weighting (Robinson et al. 2021, β) and debiasing (Chuang et al. 2020, τ⁺) instead of the plain
   * cross-entropy (losses/hard-negative-head.ts). Every anchor needs exactly one positive; not with symmetric.
   * β = τ⁺ = 0 is InfoNCE. Their SimCLR setting is self-contrast: q = [x; y], k = null, labels = [0..N−1, 0..N−1].
   */
  readonly hardNegatives?: HardNegativeOptions;
  /**
   * A MoCo-style queue of negatives from earlier batches (He et al. 2020; losses/negative-queue.ts): its keys are
   * the unpaired candidates [k_i, queue…], K = 1 + queue size (or N + size with inBatchNegatives). Replaces
   * negatives/negativeKeys.
   */
  readonly queue?: NegativeQueue;
}

/** scale, logitScale: the scale 1/τ used, and its log (clamped to [0, log 100] when given as logitScale). */
export interface InfonceLossResult extends ResolvedScale {
  /** The reduced loss (nats); for "none", the per-query losses (skipped anchors 0; symmetric: ½(row + column)). */
  readonly loss: number | Float64Array;
  /** Mean loss over the anchors used, whatever the reduction (symmetric: mean of both directions). */
  readonly meanLoss: number;
  /** ∂loss/∂q (N×D). For "none", the gradient of the sum of the per-query losses. */
  readonly gradQ: Matrix<Float64Array>;
  /** ∂loss/∂k (N×D), or null when k is null (self-contrast: everything flows into gradQ). */
  readonly gradK: Matrix<Float64Array> | null;
  /** ∂loss/∂negativeKeys (same shape), or null without negative keys. */
  readonly gradNegatives: Matrix<Float64Array> | null;
  /** Candidates per query, the positive(s) included. */
  readonly K: number;
  readonly logK: number;
  /**
   * The InfoNCE lower bound on I(q-view; k-view) this batch shows: log K − meanLoss (nats; van den Oord et al.
   * 2018). null with labels that give an anchor several positives (SupCon is not an InfoNCE bound).
   */
  readonly miBound: number | null;
  /** The rise of miBound per doubling of K (in-batch pairs, K ≥ 4; see losses/mi-reading.ts), else null. */
  readonly risePerDoubling: number | null;
  /** miBound within 5% of log K or still rising by ≥ ½ log 2 per doubling of K: the batch limits it. */
  readonly saturated: boolean;
  /** Why the bound is saturated, or why there is no bound (several positives); null otherwise. */
  readonly message: string | null;
  /** ∂loss/∂logitScale, the log of the scale 1/τ (open_clip's learnable logit_scale; reported for τ too). */
  readonly gradLogitScale: number;
  /** Anchors that contributed (N minus skipped). */
  readonly anchors: number;
  /** Anchors skipped for lack of a positive (self-contrast with labels only). */
  readonly skipped: number;
}

const FN = "infonceLoss";

/** Why the hard-negative and debiased losses report no MI bound (docs/bounds.md). */
export const HARD_NOT_A_BOUND =
  "with β > 0 or τ⁺ > 0 the negatives are reweighted or debiased, so log K − loss is no longer the InfoNCE bound (docs/bounds.md)";

/** Why a loss with several positives per anchor reports no MI bound. */
export const SUPCON_NOT_A_BOUND =
  "labels give an anchor several positives (SupCon): the loss is not an InfoNCE bound, so log K − loss bounds nothing";

/**
 * The InfoNCE (NT-Xent) contrastive loss on embeddings, with exact float64 gradients (van den Oord et al. 2018;
 * Chen et al. 2020's SimCLR with cosine/τ; Radford et al. 2021 for the symmetric form; Khosla et al. 2020 for
 * labels):
 *
 *   logit_ic = sim(q_i, cand_ic) / τ,   loss_i = −(1/|P_i|) Σ_{p∈P_i} log softmax_c(logit_i·)_p
 *
 * computed as a max-shifted log-softmax (no raw exponential), so τ = 1e-4 (logits ±1e4) and τ = 1e4 are exact.
 * Collapsed embeddings give exactly log K; a single in-batch pair (K = 1) gives 0.
 *
 * @param q N×D queries (row-major, float32 or float64; read in float64).
 * @param k N×D keys, k_i the positive of q_i; or null for one-view self-contrast with labels.
 * @throws InfonceError E_SHAPE naming both shapes when q, k or negativeKeys do not fit, E_VALUE for NaN/±∞
 *   inputs, τ ≤ 0, a zero row under cosine or overflowing logits, E_ARG for incompatible options, E_DATA when
 *   no anchor has a positive.
 */
export function infonceLoss(q: Matrix, k: Matrix | null, options: InfonceLossOptions = {}): InfonceLossResult {
  const similarity = options.similarity ?? "cosine";
  if (options.queue !== undefined && (options.negatives !== undefined || options.negativeKeys !== undefined)) {
    throw new InfonceError("E_ARG", `${FN}: queue supplies the negatives; leave negatives and negativeKeys unset`);
  }
  const mode = options.queue !== undefined ? "unpaired" : (options.negatives ?? "in-batch");
  const reduction = options.reduction ?? "mean";
  const symmetric = options.symmetric ?? false;
  const inBatchNegatives = options.inBatchNegatives ?? false;
  const labels = options.labels;
  const nk = options.queue !== undefined ? options.queue.negatives(FN) : options.negativeKeys;
  const hard = checkHard(options.hardNegatives);
  validateChoices(FN, { similarity, reduction });
  oneOf(FN, mode, NEGATIVE_MODES, "negatives");
  const { scale, logitScale } = resolveScale(FN, options, { temperature: 0.1 });
  checkEmbeddings(q, "q", FN);
  const N = q.rows;
  const D = q.cols;
  const self = k === null;
  if (k !== null) {
    checkEmbeddings(k, "k", FN);
    if (k.rows !== N || k.cols !== D) {
      throw new InfonceError(
        "E_SHAPE",
        `${FN}: q is ${N}×${D} but k is ${k.rows}×${k.cols}; k must hold one key per query, as wide as q (${N}×${D})`,
      );
    }
  }
  if (labels !== undefined) {
    if (labels.length !== N) {
      throw new InfonceError(
        "E_SHAPE",
        `${FN}: labels has ${labels.length} entries but q has ${N} rows; one label per row`,
      );
    }
    for (let i = 0; i < N; i++) {
      if (!Number.isFinite(labels[i]))
        throw new InfonceError("E_VALUE", `${FN}: labels[${i}] = ${labels[i]}; labels must be finite numbers`);
    }
    if (mode !== "in-batch") {
      throw new InfonceError("E_ARG", `${FN}: labels work with negatives "in-batch" only (got "${mode}")`);
    }
  }
  if (self && labels === undefined) {
    throw new InfonceError(
      "E_ARG",
      `${FN}: k = null means one-view self-contrast, whose positives come from labels; pass options.labels or the keys k`,
    );
  }
  if (symmetric && (mode !== "in-batch" || self)) {
    throw new InfonceError(
      "E_ARG",
      `${FN}: symmetric (CLIP) needs negatives "in-batch" and two views (k given): the key→query direction needs an N×N logit matrix`,
    );
  }
  if (inBatchNegatives && mode === "in-batch") {
    throw new InfonceError(
      "E_ARG",
      `${FN}: inBatchNegatives applies to negatives "unpaired" or "paired"; "in-batch" already uses them`,
    );
  }
  if (mode === "in-batch") {
    if (nk !== undefined) {
      throw new InfonceError(
        "E_ARG",
        `${FN}: negativeKeys were given but negatives is "in-batch"; choose "unpaired" or "paired"`,
      );
    }
  } else {
    if (nk === undefined) {
      throw new InfonceError("E_ARG", `${FN}: negatives "${mode}" needs options.negativeKeys`);
    }
    checkEmbeddings(nk, "negativeKeys", FN);
    if (nk.cols !== D) {
      throw new InfonceError(
        "E_SHAPE",
        `${FN}: q is ${N}×${D} but negativeKeys is ${nk.rows}×${nk.cols}; negatives must be ${D} wide like q`,
      );
    }
    if (mode === "paired") {
      if (nk.rows % N !== 0) {
        throw new InfonceError(
          "E_SHAPE",
          `${FN}: q is ${N}×${D} but negativeKeys is ${nk.rows}×${nk.cols}; paired negatives are an N×M×D tensor given as (N·M)×D, so the rows must be a multiple of N = ${N}`,
        );
      }
    }
  }

  if (hard !== undefined && (symmetric || (labels !== undefined && !onePositiveEach(labels, self)))) {
    throw new InfonceError(
      "E_ARG",
      `${FN}: hardNegatives needs exactly one positive per anchor and no symmetric loss (with labels: each label on exactly ${self ? "two rows" : "one row"})`,
    );
  }
  const cs = buildCandidates(
    q,
    k,
    { mode, inBatchNegatives, labels, normalize: similarity === "cosine", negativeKeys: nk },
    FN,
  );
  const { K } = cs;
  if (hard !== undefined && K < 2) {
    throw new InfonceError("E_DATA", `${FN}: hardNegatives needs at least one negative per anchor; K = ${K}`);
  }
  const L = candidateLogitsInto(cs, scale, new Float64Array(N * K), FN);
  // The saturation check needs the K×K logits before the cross-entropy overwrites them (in-batch pairs only).
  const squareLogits = mode === "in-batch" && labels === undefined ? Float64Array.from(L) : null;
  // CLIP's key→query direction: the same cross-entropy on the transposed N×N logits (K = N when symmetric).
  const LT = symmetric ? transpose(L, N) : null;
  const colPositive = symmetric ? transposeMask(cs.positive, N) : null;

  const rowLoss = new Float64Array(N);
  const used = hard === undefined ? softmaxCrossEntropyRowsInPlace(L, N, K, cs.positive, rowLoss) : N;
  if (hard !== undefined) {
    hardNegativeRowsInPlace(
      L,
      N,
      K,
      (i) => cs.positive.subarray(i * K, i * K + K).indexOf(1),
      { ...hard, scale },
      rowLoss,
    );
  }
  if (used === 0) {
    throw new InfonceError(
      "E_DATA",
      `${FN}: no anchor has a positive: in one-view self-contrast every label appears once; each anchor needs another row with its label`,
    );
  }
  let multi = false;
  for (let i = 0; i < N && !multi; i++) {
    let count = 0;
    for (let c = 0; c < K; c++) count += cs.positive[i * K + c] as number;
    multi = count > 1;
  }
  const colLoss = LT && colPositive ? new Float64Array(N) : null;
  if (LT && colPositive && colLoss) {
    // Every column has a positive (two views: key c is always a positive of query c), so used = N both ways.
    softmaxCrossEntropyRowsInPlace(LT, N, N, colPositive, colLoss);
    for (let i = 0; i < N; i++)
      for (let c = 0; c < N; c++) L[i * N + c] = (L[i * N + c] as number) + (LT[c * N + i] as number);
  }
  const rowMean = meanOf(rowLoss, cs.positive, K);
  const colMean = colLoss ? meanOf(colLoss, null, N) : 0;

  // Backward through the similarity, with the reduction's weight folded into the scale.
  const half = symmetric ? 0.5 : 1;
  const weight = reduction === "mean" ? half / used : half;
  const { gradQueries, gradPool, gradLogScale } = candidateLogitsBackward(cs, L, weight * scale);

  const meanLoss = symmetric ? 0.5 * rowMean + 0.5 * colMean : rowMean;
  let loss: number | Float64Array;
  if (reduction === "none") {
    const per = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      per[i] = colLoss ? 0.5 * (rowLoss[i] as number) + 0.5 * (colLoss[i] as number) : (rowLoss[i] as number);
    }
    loss = per;
  } else if (reduction === "sum") {
    let rs = 0;
    let colSum = 0;
    for (let i = 0; i < N; i++) {
      rs += rowLoss[i] as number;
      if (colLoss) colSum += colLoss[i] as number;
    }
    loss = symmetric ? 0.5 * rs + 0.5 * colSum : rs;
  } else {
    loss = meanLoss;
  }
  const logK = Math.log(K);
  const notBound = multi
    ? SUPCON_NOT_A_BOUND
    : hard !== undefined && (hard.beta > 0 || hard.tauPlus > 0)
      ? HARD_NOT_A_BOUND
      : null;
  const reading = notBound !== null ? null : miReading(meanLoss, K, squareLogits, options.kernel);
  return {
    loss,
    meanLoss,
    gradQ: { rows: N, cols: D, data: gradQueries },
    gradK: self ? null : { rows: N, cols: D, data: gradPool.slice(0, N * D) },
    gradNegatives: nk === undefined ? null : { rows: nk.rows, cols: D, data: gradPool.slice(N * D) },
    K,
    logK,
    miBound: reading?.miBound ?? null,
    risePerDoubling: reading?.risePerDoubling ?? null,
    saturated: reading?.saturated ?? false,
    message: reading === null ? notBound : reading.message,
    gradLogitScale: gradLogScale,
    scale,
    logitScale,
    anchors: used,
    skipped: N - used,
  };
}

/** β ≥ 0 and τ⁺ ∈ [0, 1), filled with their defaults (0), or undefined when no hard-negative head is asked for. */
function checkHard(h: HardNegativeOptions | undefined): { beta: number; tauPlus: number } | undefined {
  if (h === undefined) return undefined;
  const beta = h.beta ?? 0;
  const tauPlus = h.tauPlus ?? 0;
  if (!(Number.isFinite(beta) && beta >= 0)) {
    throw new InfonceError(
      "E_VALUE",
      `${FN}: hardNegatives.beta = ${beta}; it must be a finite number ≥ 0 (Robinson et al. use 0.5–1)`,
    );
  }
  if (!(Number.isFinite(tauPlus) && tauPlus >= 0 && tauPlus < 1)) {
    throw new InfonceError(
      "E_VALUE",
      `${FN}: hardNegatives.tauPlus = ${tauPlus}; it must be in [0, 1) (a class prior such as 0.1)`,
    );
  }
  return { beta, tauPlus };
}

/** Whether every label occurs on exactly two rows (self-contrast: the anchor and its one positive) or once (two views). */
function onePositiveEach(labels: ArrayLike<number>, self: boolean): boolean {
  const counts = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) counts.set(labels[i] as number, (counts.get(labels[i] as number) ?? 0) + 1);
  for (const c of counts.values()) if (c !== (self ? 2 : 1)) return false;
  return true;
}

/** Running mean of the row losses of the rows that have a positive (all rows when `positive` is null). */
function meanOf(rowLoss: Float64Array, positive: Uint8Array | null, K: number): number {
  let mean = 0;
  let seen = 0;
  for (let i = 0; i < rowLoss.length; i++) {
    if (positive !== null && positive.subarray(i * K, i * K + K).indexOf(1) < 0) continue;
    seen++;
    mean += ((rowLoss[i] as number) - mean) / seen;
  }
  return mean;
}

function transpose(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j] as number;
  return t;
}

function transposeMask(a: Uint8Array, n: number): Uint8Array {
  const t = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j] as number;
  return t;
}
