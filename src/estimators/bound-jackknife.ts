import type { BoundName, Kernel } from "../types.js";

/** Groups deleted one at a time; 10 is the usual choice for a delete-a-group jackknife (Efron & Tibshirani 1993). */
export const JACKKNIFE_GROUPS = 10;

/** Smallest batch the jackknife runs on: each deleted group keeps ≥ 2 rows so every leave-out matrix has off-diagonals. */
export const JACKKNIFE_MIN_ROWS = 2 * JACKKNIFE_GROUPS;

/**
 * Variance of a bound evaluated on one K×K held-out score matrix, by the delete-a-group jackknife
 * (Quenouille 1956; Tukey 1958; the grouped form: Efron & Tibshirani 1993, §11.5).
 *
 * Why not sd(row terms)/√K: every row's log-sum-exp shares the K columns, so the rows are correlated; the
 * cross-covariances are O(1/K) each but there are K² of them, the same order as the K variances. Deleting a group
 * of m pairs removes their rows *and* columns, so each leave-out value θ₍g₎ is the bound on a (K−m)×(K−m) batch of
 * the remaining pairs, and (G−1)/G · Σ_g (θ₍g₎ − θ̄)² estimates Var θ with those correlations in. Every θ₍g₎ has the
 * same K − m, so the bound's dependence on K (InfoNCE's log K) shifts all of them alike and cancels.
 *
 * Rows are in random order (the held-out split is shuffled), so contiguous groups are random groups.
 *
 * @param s K×K row-major float32, s[i*K+j] = f(x_i, y_j); diagonal = positives (not modified)
 * @param bound the bound as the kernel evaluates it (MINE is evaluated as DV)
 * @returns the variance, or NaN when K < JACKKNIFE_MIN_ROWS or a leave-out value is not finite
 */
export function jackknifeBoundVariance(
  kernel: Kernel,
  bound: BoundName,
  s: Float32Array,
  k: number,
  param: number,
): number {
  if (k < JACKKNIFE_MIN_ROWS) return Number.NaN;
  const g = JACKKNIFE_GROUPS;
  const values = new Float64Array(g);
  if (bound === "infonce" && infonceLeaveGroupOut(s, k, g, values)) return groupedVariance(values);
  // Group sizes differ by at most one row (⌊K/G⌋ or ⌈K/G⌉): the equal-size formula is off by O(1/K) there.
  const kept = new Int32Array(k);
  let sub = new Float32Array(0);
  let grad = new Float32Array(0);
  for (let group = 0; group < g; group++) {
    const from = Math.floor((group * k) / g);
    const to = Math.floor(((group + 1) * k) / g);
    let m = 0;
    for (let i = 0; i < k; i++) if (i < from || i >= to) kept[m++] = i;
    if (sub.length < m * m) {
      sub = new Float32Array(m * m);
      grad = new Float32Array(m * m);
    }
    for (let a = 0; a < m; a++) {
      const row = (kept[a] as number) * k;
      const out = a * m;
      for (let b = 0; b < m; b++) sub[out + b] = s[row + (kept[b] as number)] as number;
    }
    const v = kernel.bound(bound, sub, m, m, param, grad);
    if (!Number.isFinite(v)) return Number.NaN;
    values[group] = v;
  }
  return groupedVariance(values);
}

/** (G−1)/G · Σ_g (θ₍g₎ − θ̄)². */
export function groupedVariance(values: Float64Array): number {
  const g = values.length;
  let mean = 0;
  for (let i = 0; i < g; i++) mean += values[i] as number;
  mean /= g;
  let ss = 0;
  for (let i = 0; i < g; i++) ss += ((values[i] as number) - mean) ** 2;
  return ((g - 1) / g) * ss;
}

/**
 * The G leave-a-group-out InfoNCE values of one K×K score matrix in one pass over it, instead of G passes over
 * (K−m)² copies: per row i, with its max m_i, the sums E_ih = Σ_{j in group h} e^{S_ij − m_i} (float64) give every
 * leave-out log-sum-exp as log Σ_{h≠g} E_ih (summed, not subtracted from the total, so no cancellation), and
 * θ₍g₎ = log(K − m_g) + mean_{i∉g} (S_ii − m_i − log Σ_{h≠g} E_ih). Groups are contiguous, as in the general path.
 * Returns false (values unusable) when a kept sum underflows, i.e. a positive lies > 700 nats below its row's max.
 */
function infonceLeaveGroupOut(s: Float32Array, k: number, g: number, values: Float64Array): boolean {
  const start = new Int32Array(g + 1);
  for (let h = 0; h <= g; h++) start[h] = Math.floor((h * k) / g);
  const e = new Float64Array(g);
  const acc = new Float64Array(g);
  let group = 0;
  for (let i = 0; i < k; i++) {
    while (i >= (start[group + 1] as number)) group++;
    const o = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) max = Math.max(max, s[o + j] as number);
    for (let h = 0; h < g; h++) {
      let sum = 0;
      for (let j = start[h] as number; j < (start[h + 1] as number); j++) sum += Math.exp((s[o + j] as number) - max);
      e[h] = sum;
    }
    const positive = (s[o + i] as number) - max;
    for (let left = 0; left < g; left++) {
      if (left === group) continue;
      let kept = 0;
      for (let h = 0; h < g; h++) if (h !== left) kept += e[h] as number;
      if (!(kept > 0)) return false;
      acc[left] = (acc[left] as number) + positive - Math.log(kept);
    }
  }
  for (let h = 0; h < g; h++) {
    const rows = k - ((start[h + 1] as number) - (start[h] as number));
    values[h] = Math.log(rows) + (acc[h] as number) / rows;
  }
  return Number.isFinite(groupedVariance(values));
}
