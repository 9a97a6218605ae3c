/**
 * What the classifier and the regression bound share in comparing a fitted model with the marginal model on held-out
 * rows: the paired standard error of the one-standard-error rule, and the spread of a fold whose terms are exactly 0.
 */

/** Standard error of the mean of a − b over the rows both were scored on (a paired comparison). */
export function pairedStderr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    s += d;
    s2 += d * d;
  }
  const m = a.length;
  return m > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / m) / (m - 1)) / m) : 0;
}

/**
 * The one-standard-error rule between two models scored on the same rows: whether `a` beats `b` by more than one
 * paired standard error of the mean difference of their log-likelihoods.
 */
export function beatsByOneStderr(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let gain = 0;
  for (let i = 0; i < a.length; i++) gain += (a[i] as number) - (b[i] as number);
  return gain / a.length > pairedStderr(a, b);
}

/**
 * Standard error of the mean of held-out terms where the rows of a fold that chose the marginal model — whose terms
 * are exactly 0 — take their spread from `runnerUp`: the terms log q'(y|x) − log q₀(y) of the best model that lost
 * to the marginal (null for a row whose fold chose a fitted model, which keeps its own term). Zeros say that no
 * model beat the marginal on this table, not that the bound is known to be exactly 0; the runner-up's terms are the
 * sampling spread of the held-out gain of the best model the fold could fit. Independent data then read
 * 0 [−w, w] rather than a zero-width [0, 0].
 */
export function standInStderr(terms: readonly number[], runnerUp: readonly (number | null)[]): number {
  let sum = 0;
  let sumSq = 0;
  const m = terms.length;
  for (let j = 0; j < m; j++) {
    const t = runnerUp[j] ?? (terms[j] as number);
    sum += t;
    sumSq += t * t;
  }
  return m > 1 ? Math.sqrt(Math.max(0, (sumSq - (sum * sum) / m) / (m - 1)) / m) : 0;
}
