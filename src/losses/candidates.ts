import { InfonceError } from "../errors.js";
import { axpyRowInPlace, dotRows } from "../math/dense-rows.js";
import type { Matrix } from "../types.js";
import { copyRows, normalizeBackwardInPlace } from "./embeddings.js";

/** Where a query's negatives come from (see InfonceLossOptions.negatives). */
export type NegativeMode = "in-batch" | "unpaired" | "paired";

/**
 * Every query's candidate list, as rows of one float64 pool (normalised for cosine): the keys, then the extra
 * negatives (self-contrast: the queries themselves). Candidate c of query i is pool row `poolRow(i, c)`; the
 * positives are marked in `positive` (N×K). This is the only place that knows the negatives modes: the losses
 * see an N×K logit matrix and a positive mask.
 */
export interface CandidateSet {
  readonly N: number;
  readonly D: number;
  /** Candidates per query, the positive(s) included. */
  readonly K: number;
  readonly normalize: boolean;
  /** N×D queries (normalised for cosine) and their norms. */
  readonly queries: Float64Array;
  readonly queryNorms: Float64Array;
  /** P×D candidate rows: keys (N) then negatives (rows of negativeKeys); the queries themselves for self-contrast. */
  readonly pool: Float64Array;
  readonly poolNorms: Float64Array;
  /** True for one-view self-contrast (pool === queries). */
  readonly self: boolean;
  readonly poolRow: (i: number, c: number) => number;
  /** N×K, 1 where candidate c is a positive of query i. */
  readonly positive: Uint8Array;
}

export interface CandidateSpec {
  readonly mode: NegativeMode;
  readonly inBatchNegatives: boolean;
  readonly labels: ArrayLike<number> | undefined;
  readonly normalize: boolean;
  /** Validated: "unpaired" M×D, "paired" (N·M)×D, undefined for "in-batch". */
  readonly negativeKeys: Matrix | undefined;
}

/** Which keys head a query's candidate list before the extra negatives: [k_i], [k_1..k_N], or [q_j, j ≠ i]. */
const Head = { Own: 0, All: 1, Others: 2 } as const;

/**
 * Builds the candidate lists of info-nce-pytorch's negatives modes (plus in-batch extension and SupCon labels).
 * @param q N×D, k N×D or null (self-contrast), both validated by the caller.
 */
export function buildCandidates(q: Matrix, k: Matrix | null, spec: CandidateSpec, fn: string): CandidateSet {
  const N = q.rows;
  const D = q.cols;
  const { mode, labels, normalize } = spec;
  const nk = spec.negativeKeys;
  const self = k === null;
  const M = nk === undefined ? 0 : mode === "paired" ? nk.rows / N : nk.rows;
  const queries = new Float64Array(N * D);
  const queryNorms = new Float64Array(N);
  copyRows(q, queries, queryNorms, 0, normalize, "q", fn);
  let pool = queries;
  let poolNorms = queryNorms;
  if (k !== null) {
    const P = N + (nk === undefined ? 0 : nk.rows);
    pool = new Float64Array(P * D);
    poolNorms = new Float64Array(P);
    copyRows(k, pool, poolNorms, 0, normalize, "k", fn);
    if (nk !== undefined) copyRows(nk, pool, poolNorms, N, normalize, "negativeKeys", fn);
  }
  const head = self ? Head.Others : mode === "in-batch" || spec.inBatchNegatives ? Head.All : Head.Own;
  const headLen = head === Head.Own ? 1 : head === Head.All ? N : N - 1;
  const K = headLen + M;
  if (K < 1) {
    throw new InfonceError("E_DATA", `${fn}: self-contrast with a single row has no candidates; it needs N ≥ 2`);
  }
  const paired = mode === "paired";
  const poolRow = (i: number, c: number): number => {
    if (c >= headLen) return N + (paired ? i * M : 0) + (c - headLen);
    if (head === Head.Own) return i;
    if (head === Head.All) return c;
    return c < i ? c : c + 1;
  };
  // Positives: label equality among the head, or the single positive column (0 for [k_i, …], i for [k_1..k_N, …]).
  const positive = new Uint8Array(N * K);
  for (let i = 0; i < N; i++) {
    if (labels === undefined) positive[i * K + (head === Head.Own ? 0 : i)] = 1;
    else for (let c = 0; c < headLen; c++) if (labels[poolRow(i, c)] === labels[i]) positive[i * K + c] = 1;
  }
  return { N, D, K, normalize, queries, queryNorms, pool, poolNorms, self, poolRow, positive };
}

/**
 * Logits of every candidate: out[i·K + c] = scale · q̂_i · p̂_{poolRow(i,c)} (scale = 1/τ). Overflowing logits are
 * an E_VALUE naming the query and candidate rather than a silent ±∞.
 */
export function candidateLogitsInto(cs: CandidateSet, scale: number, out: Float64Array, fn: string): Float64Array {
  const { N, K, D, queries, pool } = cs;
  for (let i = 0; i < N; i++) {
    const qb = i * D;
    for (let c = 0; c < K; c++) {
      const t = dotRows(queries, qb, pool, cs.poolRow(i, c) * D, D);
      const v = t * scale;
      if (!Number.isFinite(v)) {
        throw new InfonceError(
          "E_VALUE",
          `${fn}: the logit of query ${i} and candidate ${c} is ${v} (similarity ${t} / τ ${1 / scale}) and overflows float64; scale the embeddings down or raise τ`,
        );
      }
      out[i * K + c] = v;
    }
  }
  return out;
}

/**
 * Backward of candidateLogitsInto: given G = ∂loss/∂logits (N×K), returns ∂loss/∂queries and ∂loss/∂pool rows
 * (through the cosine normalisation when used). For self-contrast both flow into one buffer (the pool is q).
 * `scale` multiplies G (1/τ, times any reduction weight the caller folded in). Also returns ∂loss/∂(log of the
 * logit scale), the gradient of open_clip's learnable logit_scale.
 */
export function candidateLogitsBackward(
  cs: CandidateSet,
  G: Float64Array,
  scale: number,
): { gradQueries: Float64Array; gradPool: Float64Array; gradLogScale: number } {
  const { N, K, D, queries, pool } = cs;
  const gq = new Float64Array(N * D);
  const gpool = cs.self ? gq : new Float64Array(pool.length);
  for (let i = 0; i < N; i++) {
    const qb = i * D;
    for (let c = 0; c < K; c++) {
      const g = (G[i * K + c] as number) * scale;
      if (g === 0) continue;
      const pb = cs.poolRow(i, c) * D;
      axpyRowInPlace(g, pool, pb, gq, qb, D);
      axpyRowInPlace(g, queries, qb, gpool, pb, D);
    }
  }
  // ∂loss/∂log scale = Σ_ic G_ic · logit_ic = Σ_i q̂_i · (∂loss/∂q̂_i), read off before the normalisation
  // backward (O(N·D) instead of a second O(N·K·D) pass). Self-contrast holds both sides in one buffer: half.
  let gradLogScale = 0;
  for (let i = 0; i < N; i++) gradLogScale += dotRows(queries, i * D, gq, i * D, D);
  if (cs.self) gradLogScale *= 0.5;
  if (cs.normalize) {
    normalizeBackwardInPlace(gq, queries, cs.queryNorms, 0, N, D);
    if (!cs.self) normalizeBackwardInPlace(gpool, pool, cs.poolNorms, 0, pool.length / D, D);
  }
  return { gradQueries: gq, gradPool: gpool, gradLogScale };
}
