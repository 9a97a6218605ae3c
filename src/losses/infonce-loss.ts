import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";
import { buildCandidates, candidateLogitsBackward, candidateLogitsInto, type NegativeMode } from "./candidates.js";
import { checkEmbeddings } from "./embeddings.js";
import { softmaxCrossEntropyRowsInPlace } from "./softmax-cross-entropy.js";

/** How a query and a candidate are compared: u·v, or u·v / (‖u‖‖v‖). The logit is that divided by τ. */
export type Similarity = "dot" | "cosine";
export type { NegativeMode };
/** How per-query losses are combined. */
export type Reduction = "mean" | "sum" | "none";

export const SIMILARITIES: readonly Similarity[] = ["dot", "cosine"];
export const NEGATIVE_MODES: readonly NegativeMode[] = ["in-batch", "unpaired", "paired"];
export const REDUCTIONS: readonly Reduction[] = ["mean", "sum", "none"];

export interface InfonceLossOptions {
  /** Default "cosine" (as info-nce-pytorch and CLIP). */
  readonly similarity?: Similarity;
  /** τ > 0, finite; logits are similarity / τ. Default 0.1. */
  readonly temperature?: number;
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
}

export interface InfonceLossResult {
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
  /** True when miBound ≥ 0.95 · log K: the batch is too small to show more (I_NCE ≤ log K: van den Oord et al. 2018; Poole et al. 2019). */
  readonly saturated: boolean;
  /** "this batch cannot show more than log K = … nats" when saturated, else null. */
  readonly message: string | null;
  /** Anchors that contributed (N minus skipped). */
  readonly anchors: number;
  /** Anchors skipped for lack of a positive (self-contrast with labels only). */
  readonly skipped: number;
}

const FN = "infonceLoss";

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
  const tau = options.temperature ?? 0.1;
  const mode = options.negatives ?? "in-batch";
  const reduction = options.reduction ?? "mean";
  const symmetric = options.symmetric ?? false;
  const inBatchNegatives = options.inBatchNegatives ?? false;
  const labels = options.labels;
  const nk = options.negativeKeys;
  oneOf(similarity, SIMILARITIES, "similarity");
  oneOf(mode, NEGATIVE_MODES, "negatives");
  oneOf(reduction, REDUCTIONS, "reduction");
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau <= 0) {
    throw new InfonceError("E_VALUE", `${FN}: temperature = ${tau}; it must be a finite number > 0 (e.g. 0.07 or 0.1)`);
  }
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

  const cs = buildCandidates(
    q,
    k,
    { mode, inBatchNegatives, labels, normalize: similarity === "cosine", negativeKeys: nk },
    FN,
  );
  const { K } = cs;
  const invTau = 1 / tau;
  const L = candidateLogitsInto(cs, invTau, new Float64Array(N * K), FN);
  // CLIP's key→query direction: the same cross-entropy on the transposed N×N logits (K = N when symmetric).
  const LT = symmetric ? transpose(L, N) : null;
  const colPositive = symmetric ? transposeMask(cs.positive, N) : null;

  const rowLoss = new Float64Array(N);
  const used = softmaxCrossEntropyRowsInPlace(L, N, K, cs.positive, rowLoss);
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
  const { gradQueries, gradPool } = candidateLogitsBackward(cs, L, weight * invTau);

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
  const miBound = multi ? null : logK - meanLoss;
  const saturated = miBound !== null && miBound >= 0.95 * logK;
  return {
    loss,
    meanLoss,
    gradQ: { rows: N, cols: D, data: gradQueries },
    gradK: self ? null : { rows: N, cols: D, data: gradPool.slice(0, N * D) },
    gradNegatives: nk === undefined ? null : { rows: nk.rows, cols: D, data: gradPool.slice(N * D) },
    K,
    logK,
    miBound,
    saturated,
    message: saturated ? `this batch cannot show more than log K = ${logK.toFixed(3)} nats` : null,
    anchors: used,
    skipped: N - used,
  };
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

function oneOf<T extends string>(value: T, allowed: readonly T[], name: string): void {
  if (!allowed.includes(value)) {
    throw new InfonceError(
      "E_ARG",
      `${FN}: ${name} = "${String(value)}"; expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  }
}
