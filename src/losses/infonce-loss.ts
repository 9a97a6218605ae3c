import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";
import { axpyRowInPlace, dotRows } from "./dense.js";
import { checkEmbeddings, copyRows, normalizeBackwardInPlace } from "./embeddings.js";

/** How a query and a candidate are compared: u·v, or u·v / (‖u‖‖v‖). The logit is that divided by τ. */
export type Similarity = "dot" | "cosine";
/** Where a query's negatives come from (see InfonceLossOptions.negatives). */
export type NegativeMode = "in-batch" | "unpaired" | "paired";
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
  /** True when miBound ≥ 0.95 · log K: the batch is too small to show more (THEORY.md). */
  readonly saturated: boolean;
  /** "this batch cannot show more than log K = … nats" when saturated, else null. */
  readonly message: string | null;
  /** Anchors that contributed (N minus skipped). */
  readonly anchors: number;
  /** Anchors skipped for lack of a positive (self-contrast with labels only). */
  readonly skipped: number;
}

const FN = "infonceLoss";

/** Which keys head a query's candidate list before the extra negatives: [k_i], [k_1..k_N], or [q_j, j ≠ i]. */
const Head = { Own: 0, All: 1, Others: 2 } as const;

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
  let M = 0;
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
      M = nk.rows / N;
    } else {
      M = nk.rows;
    }
  }

  // Embeddings in float64, normalised for cosine. The pool holds every candidate row: keys then negatives
  // (self-contrast: the queries themselves).
  const normalize = similarity === "cosine";
  const qn = new Float64Array(N * D);
  const qnorm = new Float64Array(N);
  copyRows(q, qn, qnorm, 0, normalize, "q", FN);
  const P = self ? N : N + (nk === undefined ? 0 : nk.rows);
  let pool = qn;
  let pnorm = qnorm;
  if (!self) {
    pool = new Float64Array(P * D);
    pnorm = new Float64Array(P);
    copyRows(k as Matrix, pool, pnorm, 0, normalize, "k", FN);
    if (nk !== undefined) copyRows(nk, pool, pnorm, N, normalize, "negativeKeys", FN);
  }

  const head = self ? Head.Others : mode === "in-batch" || inBatchNegatives ? Head.All : Head.Own;
  const headLen = head === Head.Own ? 1 : head === Head.All ? N : N - 1;
  const K = headLen + M;
  if (K < 1) {
    throw new InfonceError("E_DATA", `${FN}: self-contrast with a single row has no candidates; it needs N ≥ 2`);
  }
  const cand = (i: number, c: number): number => {
    if (c >= headLen) return N + (mode === "paired" ? i * M : 0) + (c - headLen);
    if (head === Head.Own) return i;
    if (head === Head.All) return c;
    return c < i ? c : c + 1;
  };

  // Logits.
  const invTau = 1 / tau;
  const L = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    const qb = i * D;
    for (let c = 0; c < K; c++) {
      const t = dotRows(qn, qb, pool, cand(i, c) * D, D);
      const v = t * invTau;
      if (!Number.isFinite(v)) {
        throw new InfonceError(
          "E_VALUE",
          `${FN}: the logit of query ${i} and candidate ${c} is ${v} (similarity ${t} / τ ${tau}) and overflows float64; scale the embeddings down or raise τ`,
        );
      }
      L[i * K + c] = v;
    }
  }

  // Positives: label equality, or the single positive column (0 for [k_i, …], i for [k_1..k_N, …]).
  const singlePos = (i: number): number => (head === Head.Own ? 0 : i);
  const isPos =
    labels === undefined
      ? (i: number, c: number): boolean => c === singlePos(i)
      : (i: number, c: number): boolean => c < headLen && labels[cand(i, c)] === labels[i];

  // Column statistics for the symmetric loss (square N×N, head All): the key→query softmax over rows.
  const cmax = symmetric ? new Float64Array(N).fill(Number.NEGATIVE_INFINITY) : null;
  const csum = symmetric ? new Float64Array(N) : null;
  const colLoss = symmetric ? new Float64Array(N) : null;
  const colCounts = symmetric ? new Float64Array(N) : null;
  if (cmax && csum && colLoss && colCounts) {
    const cpos = new Float64Array(N);
    const ccount = colCounts;
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < N; c++) {
        const v = L[i * N + c] as number;
        if (v > (cmax[c] as number)) cmax[c] = v;
      }
    }
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < N; c++) {
        const v = (L[i * N + c] as number) - (cmax[c] as number);
        csum[c] = (csum[c] as number) + Math.exp(v);
        // Column c's positives are the queries whose row has c as a positive (label equality is symmetric).
        if (isPos(i, c)) {
          cpos[c] = (cpos[c] as number) + v;
          ccount[c] = (ccount[c] as number) + 1;
        }
      }
    }
    // ccount[c] ≥ 1: with two views, query c always has key c among its positives.
    for (let c = 0; c < N; c++) colLoss[c] = Math.log(csum[c] as number) - (cpos[c] as number) / (ccount[c] as number);
  }

  // Row pass: per-row loss, and the gradient w.r.t. the logits written over L.
  const rowLoss = new Float64Array(N);
  const posCount = new Float64Array(N);
  let used = 0;
  let multi = false;
  for (let i = 0; i < N; i++) {
    let count = 0;
    for (let c = 0; c < K; c++) if (isPos(i, c)) count++;
    posCount[i] = count;
    if (count > 0) used++;
    if (count > 1) multi = true;
  }
  if (used === 0) {
    throw new InfonceError(
      "E_DATA",
      `${FN}: no anchor has a positive: in one-view self-contrast every label appears once; each anchor needs another row with its label`,
    );
  }
  const half = symmetric ? 0.5 : 1;
  const wRow = reduction === "mean" ? half / used : half;
  const wCol = reduction === "mean" ? 0.5 / N : 0.5;
  let rowMean = 0;
  let seen = 0;
  for (let i = 0; i < N; i++) {
    const base = i * K;
    const count = posCount[i] as number;
    if (count === 0) {
      // Skipped anchor: no loss, and no row gradient (a symmetric column term cannot occur: labels need two views).
      for (let c = 0; c < K; c++) L[base + c] = 0;
      continue;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) {
      const v = L[base + c] as number;
      if (v > max) max = v;
    }
    let sum = 0;
    let pos = 0;
    for (let c = 0; c < K; c++) {
      const v = (L[base + c] as number) - max;
      sum += Math.exp(v);
      if (isPos(i, c)) pos += v;
    }
    // −mean_p log softmax_p = log Σ e^{L−max} − mean_p (L_p − max): exactly log K for equal logits.
    const li = Math.log(sum) - pos / count;
    rowLoss[i] = li;
    seen++;
    rowMean += (li - rowMean) / seen;
    const logSum = Math.log(sum) + max;
    for (let c = 0; c < K; c++) {
      const v = L[base + c] as number;
      const target = isPos(i, c) ? 1 / count : 0;
      let g = wRow * (Math.exp(v - logSum) - target);
      if (cmax && csum && colCounts) {
        const pc = Math.exp(v - (cmax[c] as number)) / (csum[c] as number);
        g += wCol * (pc - (isPos(i, c) ? 1 / (colCounts[c] as number) : 0));
      }
      L[base + c] = g;
    }
  }
  let colMean = 0;
  if (colLoss) for (let c = 0; c < N; c++) colMean += ((colLoss[c] as number) - colMean) / (c + 1);

  // Backward through the similarity: logit = q̂_i·p̂_j / τ.
  const gq = new Float64Array(N * D);
  const gpool = self ? gq : new Float64Array(P * D);
  for (let i = 0; i < N; i++) {
    const qb = i * D;
    for (let c = 0; c < K; c++) {
      const g = (L[i * K + c] as number) * invTau;
      if (g === 0) continue;
      const pb = cand(i, c) * D;
      axpyRowInPlace(g, pool, pb, gq, qb, D);
      axpyRowInPlace(g, qn, qb, gpool, pb, D);
    }
  }
  if (normalize) {
    normalizeBackwardInPlace(gq, qn, qnorm, 0, N, D);
    if (!self) normalizeBackwardInPlace(gpool, pool, pnorm, 0, P, D);
  }

  const meanLoss = symmetric ? 0.5 * rowMean + 0.5 * colMean : rowMean;
  let loss: number | Float64Array;
  if (reduction === "none") {
    const per = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      per[i] = symmetric
        ? 0.5 * (rowLoss[i] as number) + 0.5 * ((colLoss as Float64Array)[i] as number)
        : (rowLoss[i] as number);
    }
    loss = per;
  } else if (reduction === "sum") {
    let rs = 0;
    let cs = 0;
    for (let i = 0; i < N; i++) {
      rs += rowLoss[i] as number;
      if (colLoss) cs += colLoss[i] as number;
    }
    loss = symmetric ? 0.5 * rs + 0.5 * cs : rs;
  } else {
    loss = meanLoss;
  }
  const logK = Math.log(K);
  const miBound = multi ? null : logK - meanLoss;
  const saturated = miBound !== null && miBound >= 0.95 * logK;
  return {
    loss,
    meanLoss,
    gradQ: { rows: N, cols: D, data: gq },
    gradK: self ? null : { rows: N, cols: D, data: gpool.slice(0, N * D) },
    gradNegatives: nk === undefined ? null : { rows: nk.rows, cols: D, data: gpool.slice(N * D) },
    K,
    logK,
    miBound,
    saturated,
    message: saturated ? `this batch cannot show more than log K = ${logK.toFixed(3)} nats` : null,
    anchors: used,
    skipped: N - used,
  };
}

function oneOf<T extends string>(value: T, allowed: readonly T[], name: string): void {
  if (!allowed.includes(value)) {
    throw new InfonceError(
      "E_ARG",
      `${FN}: ${name} = "${String(value)}"; expected one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  }
}
