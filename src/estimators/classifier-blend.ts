/**
 * A blend of the classifier's two cross-validated models, q = w·q_trees + (1 − w)·q_logistic: a convex combination of
 * two conditional distributions is one too, so its held-out cross-entropy bounds the MI as either's does. The two
 * err differently — the logistic model smooth in every column at once, the trees in steps along a few — and the
 * blend is often better than both: on openintro's fastfood (restaurant from 13 nutrition columns, 301 rows)
 * scikit-learn's own logistic regression reads 0.719 and its boosted trees 0.942, their blend at w = 0.6 1.051
 * (scripts/blend-bars.py).
 */
import { beatsByOneStderr } from "./held-out-spread.js";

/**
 * The weights of the trees tried (and of the regression's, gaussian-decoder.ts): strictly between 0 and 1 (either
 * end is a single model, chosen without a blend).
 */
export const BLEND_WEIGHTS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** log(w·e^b + (1 − w)·e^a) per row: the blend's log-likelihood of each row's label from the two models'. */
export function blendLogLik(logistic: ArrayLike<number>, trees: ArrayLike<number>, w: number): Float64Array {
  return Float64Array.from({ length: logistic.length }, (_, i) => {
    const a = logistic[i] as number;
    const b = trees[i] as number;
    const top = Math.max(a, b);
    if (top === Number.NEGATIVE_INFINITY) return top;
    return top + Math.log(w * Math.exp(b - top) + (1 - w) * Math.exp(a - top));
  });
}

/**
 * The blend weight chosen on the two models' out-of-fold log-likelihoods of the same rows (cross-validated on the
 * same folds), kept only when the blend beats the better of the two there by more than a paired standard error —
 * the one-standard-error rule the classifier applies between any two of its models: one weight fitted on the rows
 * it is judged on is otherwise an optimism of its own. Null when no blend is kept.
 */
export function chooseBlend(logistic: ArrayLike<number>, trees: ArrayLike<number>): number | null {
  const sum = (t: ArrayLike<number>) => {
    let total = 0;
    for (let i = 0; i < t.length; i++) total += t[i] as number;
    return total;
  };
  const better = sum(trees) > sum(logistic) ? trees : logistic;
  let best: { w: number; total: number; terms: Float64Array } | null = null;
  for (const w of BLEND_WEIGHTS) {
    const terms = blendLogLik(logistic, trees, w);
    const total = sum(terms);
    if (best === null || total > best.total) best = { w, total, terms };
  }
  return best !== null && beatsByOneStderr(best.terms, better) ? best.w : null;
}
