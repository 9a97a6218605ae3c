import { meanOfTerms, normalInterval, type Uncertainty } from "./bootstrap.js";
import { defendedLogRatio } from "./defensive-mixture.js";
import { standInStderr } from "./held-out-spread.js";
import { labelEntropy } from "./label-entropy.js";

/** Per held-out row, what the folds scored (indexed by row; only `rows` are read). */
export interface HeldOutScores {
  /** log q(y_i|x_i) of the model the row's fold chose. */
  readonly logLik: Float64Array;
  /** log p̂(y_i) of the fold's marginal model (class frequencies of its training rows). */
  readonly logMarginal: Float64Array;
  /** 1 where the fold chose a fitted model, 0 where it chose the marginal. */
  readonly fitted: Uint8Array;
  /** Where the marginal was chosen: log q'(y_i|x_i) of the best model that lost to it (the runner-up). */
  readonly logLikRunnerUp: Float64Array;
}

/** The classifier's bound and its interval. */
export interface ClassifierBound {
  readonly value: number;
  readonly uncertainty: Uncertainty;
  /** Ĥ(Y): the plug-in label entropy with the capped Miller–Madow correction, the ceiling of the bound. */
  readonly labelEntropy: number;
  /** Mean held-out cross-entropy of the chosen models. */
  readonly crossEntropy: number;
}

/**
 * The bound H(Y) − held-out cross-entropy from the held-out scores of `rows`, and its 95% interval.
 *
 * Terms t_i = log q̃(y_i|x_i) − log p̂(y_i) + c_i, p̂ the class frequencies of the rows that trained q and
 * q̃ = (1 − ε)·q + ε·p̂ the chosen model mixed with it (defensive-mixture.ts: a held-out row the model put near
 * probability 0 on costs at most log(1/ε), where a near-separable label's overconfident fit cost 10–15 nats): their mean
 * is the held-out cross-entropy of the marginal model less that of q, the bound with H(Y) read off the same rows.
 * With stratified folds p̂ is the frequencies of all rows, so the first part is the plug-in entropy, low by
 * (classes − 1)/(2n) (Miller–Madow): c_i adds that back where q is a fitted model. Where the marginal model is
 * chosen, q = p̂ and the terms are exactly 0 — independent data read 0, not +(classes − 1)/(2n). The correction
 * stops at log(classes) (label-entropy.ts): with the full (classes − 1)/(2n), 10 rows of each of 3 classes read
 * 1.121 [1.109, 1.134], above log 3 = 1.099 (true MI 1.070).
 *
 * The interval is ± 1.96 sd/√m of the terms, except that a fold's zeros (the marginal chosen) carry no spread: they
 * say that no model beat the marginal on this table, not that the bound is known to be exactly 0. There the
 * runner-up's terms log q'(y_i|x_i) − log p̂(y_i) stand in for the spread — the sampling spread of the held-out
 * gain of the best model the fold could fit. Independent labels read 0 [−w, w] instead of a zero-width [0, 0]
 * (3 balanced classes, 150 rows, 4 features: 28 of 30 seeds were exactly [0, 0]).
 *
 * The terms carry the first-order variance of Ĥ(Y), (Σ p log² p − H²)/n, which vanishes for a uniform label; the
 * plug-in entropy's second-order variance, (classes − 1)/(2n²) (Basharin 1959: n(H − Ĥ) → χ²_{classes−1}/2 at
 * the uniform law), does not, and is added. A separable label needs it: two classes at ±8, 30 rows, 15 of each
 * read log 2 [0.6930, 0.6931] and the interval missed log 2 in 17 of 100 seeds.
 *
 * No bound exceeds H(Y), so the estimate stops at Ĥ(Y): each fold's marginal p̂ is its training rows' class
 * frequencies, and where q is near certain (a separable label) the terms' mean is the held-out rows' cross-entropy
 * against p̂, above the plug-in entropy when the folds' class mixes differ (3 separable classes, 30 rows: 1.115,
 * above log 3 = 1.099).
 */
export function classifierBound(
  scores: HeldOutScores,
  rows: readonly number[],
  codes: Int32Array,
  classes: number,
): ClassifierBound {
  const { plugIn: plugInEntropy, millerMadow } = labelEntropy(codes, classes);
  const { logLik, logMarginal, fitted, logLikRunnerUp } = scores;
  let crossEntropy = 0;
  for (const i of rows) crossEntropy -= logLik[i] as number;
  const terms = rows.map(
    (i) => defendedLogRatio((logLik[i] as number) - (logMarginal[i] as number)) + millerMadow * (fitted[i] as number),
  );
  const runnerUp = rows.map((i) =>
    fitted[i] === 1 ? null : defendedLogRatio((logLikRunnerUp[i] as number) - (logMarginal[i] as number)),
  );
  const entropy = plugInEntropy + millerMadow;
  const { mean, uncertainty } = meanOfTerms(terms);
  const value = Math.min(mean, entropy);
  const m = rows.length;
  const stderr = Math.sqrt(standInStderr(terms, runnerUp) ** 2 + (classes - 1) / (2 * m * m));
  return {
    value,
    uncertainty: m > 1 ? normalInterval(value, stderr) : uncertainty,
    labelEntropy: entropy,
    crossEntropy: crossEntropy / rows.length,
  };
}
