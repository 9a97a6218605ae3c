import { logSumExp } from "../math/log-softmax.js";
import { codeCounts } from "./code-counts.js";

/**
 * The classes that the rows training a classifier lacked, and what the classifier says of them: nothing was learned
 * of such a class, so it gets the marginal model's probability for it, ½/(rows + ½·absent) (a class absent from
 * the rows counted as half a row, as logistic-exact.ts's and the trees' priors count it), and the classes the rows
 * showed share the rest in the model's proportions. The result is a distribution fixed by the training rows alone,
 * so the held-out bound H(Y) − cross-entropy stays a bound; under it the marginal model is itself unchanged.
 *
 * Why: a fitted model's logit for a class it never saw is its intercept alone while the others move with x, and far
 * from the features' mean it vanishes. ISLR's NCI60 (64 cell lines, 6,830 genes, 14 labels, five of them on one
 * row each, so each is missing from the training rows of the fold that holds it out): the logistic fit put
 * log q ≈ −127 on those five rows and the classifier read −8.73 nats [−18.6, 1.2].
 */
export interface AbsentClasses {
  /** 1 for a class the training rows lacked. */
  readonly mask: Uint8Array;
  /** log ½/(rows + ½·absent): the log probability of each absent class. */
  readonly logProbability: number;
  /** log rows/(rows + ½·absent): the probability left to the classes the rows showed. */
  readonly logPresentShare: number;
}

/** The absent classes of the training labels, or null when every class occurs in them. */
export function absentClasses(labels: Int32Array, classes: number): AbsentClasses | null {
  const counts = codeCounts(labels, classes);
  const mask = Uint8Array.from(counts, (c) => (c === 0 ? 1 : 0));
  const absent = mask.reduce((a, b) => a + b, 0);
  if (absent === 0) return null;
  const rows = labels.length;
  const total = rows + 0.5 * absent;
  return { mask, logProbability: Math.log(0.5 / total), logPresentShare: Math.log(rows / total) };
}

/**
 * log q(y | x) of one row from the model's logits (classes of them at `offset`): the log-softmax, or under absent
 * classes the rule above.
 */
export function labelLogProbability(
  logits: ArrayLike<number>,
  offset: number,
  classes: number,
  y: number,
  absent: AbsentClasses | null,
): number {
  const logit = logits[offset + y] as number;
  if (absent === null) return logit - logSumExp(logits, offset, classes);
  if (absent.mask[y] === 1) return absent.logProbability;
  // The absent classes' logits as −∞, which the log-sum-exp leaves out; in one buffer reused row after row (scoring
  // calls this per row, every epoch).
  if (present.length < classes) present = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    present[c] = absent.mask[c] === 1 ? Number.NEGATIVE_INFINITY : (logits[offset + c] as number);
  }
  return absent.logPresentShare + logit - logSumExp(present, 0, classes);
}

/** labelLogProbability's scratch row (grown to the most classes seen; each call fills what it reads). */
let present = new Float64Array(0);
