import type { Kernel } from "../types.js";

/**
 * Rise of the InfoNCE estimate when the number of candidates doubles, in units of log 2, on one K×K held-out score
 * matrix: (I_NCE(K) − I_NCE(K/2)) / log 2, where I_NCE(K/2) is the mean of the bound on the two diagonal
 * (K/2)×(K/2) blocks (two disjoint half batches of the same pairs, with the same critic).
 *
 * Why this detects saturation: for the optimal critic (pmi), I_NCE(K) = log K − L_K grows with K and never passes
 * min(I, log K) (van den Oord et al. 2018; Poole et al. 2019). When I ≪ log K the bound has converged and doubling
 * K changes it by ≈ 0; when I ≳ log K the positive already dominates most rows, L_K ≈ const, and the estimate rises
 * by the full log 2 with every doubling: it is measuring K, not the data. With the true pmi as critic on the 20-d
 * Gaussian laws (docs/neural.md) the rise is 0.02–0.05 at I ≤ 0.4 log K, 0.24 at 0.7 log K and 0.54–0.63 at
 * I ≈ log K, 0.76–0.95 above it.
 *
 * @param s K×K row-major float32; diagonal = positives (not modified)
 * @param full I_NCE(K) on s when the caller has it already (the estimator does), to skip a second K×K pass and its
 *   K×K gradient buffer
 * @returns the rise per doubling in units of log 2, or NaN for K < 4
 */
export function infonceRisePerDoubling(kernel: Kernel, s: Float32Array, k: number, full?: number): number {
  if (k < 4) return Number.NaN;
  const h = Math.floor(k / 2);
  const whole = full ?? kernel.bound("infonce", s, k, k, 0, new Float32Array(k * k));
  const block = new Float32Array(h * h);
  const grad = new Float32Array(h * h);
  let halves = 0;
  for (const start of [0, k - h]) {
    for (let a = 0; a < h; a++) {
      const row = (start + a) * k + start;
      block.set(s.subarray(row, row + h), a * h);
    }
    halves += kernel.bound("infonce", block, h, h, 0, grad);
  }
  // For odd K the halves hold ⌊K/2⌋ rows each (one row left out), so the step in log K is log(K/⌊K/2⌋), not log 2.
  return (whole - halves / 2) / Math.log(k / h);
}

/**
 * The rise per doubling at or above which an InfoNCE estimate is flagged as saturated: half of the log 2 that a
 * fully saturated bound gains. The optimal critic crosses it near I = log K (0.54 at I = 8, K = 2,500; 0.63 at
 * I = 8, K = 1,250) and stays well below it at I = 0.7 log K (0.18–0.28).
 */
export const SATURATION_RISE = 0.5;
