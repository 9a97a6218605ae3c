import { type FittedClassifier, type LabelledRows, labelLogLikelihoods } from "./softmax-classifier.js";

/** Standard error of a fit's mean validation cross-entropy (from its per-row terms). */
export function crossEntropyStderr(fit: FittedClassifier, validation: LabelledRows): number {
  const ll = labelLogLikelihoods(fit.mlp, validation);
  let s = 0;
  let s2 = 0;
  for (const v of ll) {
    s += v;
    s2 += v * v;
  }
  const m = ll.length;
  return m > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / m) / (m - 1)) / m) : 0;
}

/**
 * The one-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman, sec. 7.10): the simplest
 * capacity (ladder order) whose validation cross-entropy is within one standard error of the best. On a few
 * dozen validation rows the raw minimum picks a larger model by noise (iris: the MLP over logistic regression,
 * 0.99 against 1.01 held out).
 */
export function oneStandardError(fits: readonly { fit: FittedClassifier; se: number }[]): FittedClassifier {
  let best = fits[0] as { fit: FittedClassifier; se: number };
  for (const f of fits) if (f.fit.validationCrossEntropy < best.fit.validationCrossEntropy) best = f;
  const limit = best.fit.validationCrossEntropy + best.se;
  return (fits.find((f) => f.fit.validationCrossEntropy <= limit) ?? best).fit;
}
