import { Z_95 } from "../math/normal-distribution.js";
import { groupedVariance, JACKKNIFE_GROUPS, JACKKNIFE_MIN_ROWS } from "./bound-jackknife.js";
import type { HeldOutBatches } from "./held-out-evaluation.js";
import type { CriticOptimizer } from "./neural-step.js";

/** An estimate read from a trained InfoNCE critic without InfoNCE's log K ceiling, reported beside it. */
export interface CeilingFreeReadout {
  readonly method: "leave-positive-out";
  readonly label: string;
  readonly estimate: number;
  readonly stderr: number;
  readonly ci95: readonly [number, number];
  /** Rows per held-out batch, K. */
  readonly k: number;
  readonly batches: number;
}

/** What the read-out is, in one line (docs/neural.md says more). */
export const READOUT_LABEL =
  "leave-positive-out read-out of the same critic: mean_i [f(x_i,y_i) − log mean_{j≠i} e^{f(x_i,y_j)}], not capped " +
  "by log K; for the optimal critic it is ≥ I in expectation (Jensen on the log of the mean), so with InfoNCE below " +
  "it brackets I when the critic is good";

/**
 * The value and delete-a-group jackknife values of the leave-positive-out read-out on one K×K score matrix.
 *
 * Why this read-out: InfoNCE's optimal critic is f(x, y) = pmi(x, y) + c(x) (van den Oord et al. 2018; Poole et al.
 * 2019, §2.3), and c(x_i) = log E_y e^{f(x_i, y)} since E_y e^{pmi(x, y)} = 1; the mean over the row's negatives
 * estimates it, so f(x_i, y_i) − log mean_{j≠i} e^{f(x_i, y_j)} estimates pmi(x_i, y_i), whose mean is I. Leaving the
 * positive out of the denominator is what removes the log K cap (log K − L_K keeps it in). The mean of the K − 1
 * terms e^{pmi} is unbiased for 1, so by Jensen the expectation of −log of it is ≥ 0: for the optimal critic the
 * read-out is biased upward — the leave-one-out upper bound of Poole et al. (2019, eq. 13) in its row form — and the
 * bias grows when I ≫ log K, where the negatives rarely reach the high-pmi region.
 *
 * One pass: per row i with its largest negative m_i, the sums E_ih = Σ_{j∈h, j≠i} e^{S_ij − m_i} per group h give
 * every leave-a-group-out row term (groups contiguous, as in bound-jackknife.ts).
 *
 * @returns [value, leave-out values…] (NaN entries when K < JACKKNIFE_MIN_ROWS or a sum underflows)
 */
export function leavePositiveOut(s: Float32Array, k: number): { value: number; leaveOut: Float64Array | null } {
  // One pair has no negative to estimate its normaliser from.
  if (k < 2) return { value: Number.NaN, leaveOut: null };
  const g = JACKKNIFE_GROUPS;
  const withJackknife = k >= JACKKNIFE_MIN_ROWS;
  const start = new Int32Array(g + 1);
  for (let h = 0; h <= g; h++) start[h] = Math.floor((h * k) / g);
  const e = new Float64Array(g);
  const acc = new Float64Array(g);
  let total = 0;
  let group = 0;
  for (let i = 0; i < k; i++) {
    while (i >= (start[group + 1] as number)) group++;
    const o = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) if (j !== i) max = Math.max(max, s[o + j] as number);
    let all = 0;
    for (let h = 0; h < g; h++) {
      let sum = 0;
      for (let j = start[h] as number; j < (start[h + 1] as number); j++) {
        if (j !== i) sum += Math.exp((s[o + j] as number) - max);
      }
      e[h] = sum;
      all += sum;
    }
    const positive = (s[o + i] as number) - max;
    total += positive - Math.log(all / (k - 1));
    if (!withJackknife) continue;
    for (let left = 0; left < g; left++) {
      if (left === group) continue;
      const kept = all - (e[left] as number);
      const negatives = k - ((start[left + 1] as number) - (start[left] as number)) - 1;
      acc[left] = (acc[left] as number) + positive - Math.log(kept / negatives);
    }
  }
  const value = total / k;
  if (!withJackknife) return { value, leaveOut: null };
  for (let h = 0; h < g; h++) acc[h] = (acc[h] as number) / (k - ((start[h + 1] as number) - (start[h] as number)));
  return { value, leaveOut: acc };
}

/**
 * The leave-positive-out read-out on the held-out test batches [from, to) with the critic InfoNCE trained: the mean
 * of the batch values, with the jackknife standard error per batch pooled over the disjoint batches.
 */
export function ceilingFreeReadout(
  opt: CriticOptimizer,
  batches: HeldOutBatches,
  from: number,
  to: number,
): CeilingFreeReadout {
  const k = batches.k;
  const b = to - from;
  let sum = 0;
  let variance = 0;
  for (let j = from; j < to; j++) {
    const { scores } = opt.evaluateScores(batches.x[j] as Float32Array, batches.y[j] as Float32Array, k);
    const r = leavePositiveOut(scores, k);
    sum += r.value;
    variance += r.leaveOut === null ? Number.NaN : groupedVariance(r.leaveOut);
  }
  const estimate = sum / b;
  const stderr = Number.isFinite(variance) ? Math.sqrt(variance) / b : Number.NaN;
  return {
    method: "leave-positive-out",
    label: READOUT_LABEL,
    estimate,
    stderr,
    ci95: [estimate - Z_95 * stderr, estimate + Z_95 * stderr],
    k,
    batches: b,
  };
}
