import { codeCounts } from "./code-counts.js";

/**
 * Ĥ(Y) of a label (class codes 0 … classes − 1): the plug-in entropy and its Miller–Madow correction,
 * (classes − 1)/(2n), stopped at log(classes), which no entropy of `classes` values exceeds (10 rows of each of 3
 * classes have a plug-in entropy of exactly log 3). No estimate of I(X;Y) should exceed it: I(X;Y) ≤ H(Y).
 */
export function labelEntropy(
  codes: Int32Array,
  classes: number,
): { readonly plugIn: number; readonly millerMadow: number } {
  const n = codes.length;
  let plugIn = 0;
  for (const c of codeCounts(codes, classes)) if (c > 0) plugIn -= (c / n) * Math.log(c / n);
  const millerMadow = Math.max(0, Math.min((classes - 1) / (2 * n), Math.log(classes) - plugIn));
  return { plugIn, millerMadow };
}
