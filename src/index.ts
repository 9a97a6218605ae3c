// Public, browser-safe API of infonce: re-exports only. Node-only features live in ./node/index.ts.

export type { ErrorCode } from "./errors.js";
export { InfonceError, isInfonceError } from "./errors.js";
// math: exact MI of known laws and numerical helpers
export { digamma, digammaTable } from "./math/digamma.js";
export type { DiscreteInformation } from "./math/discrete-mi.js";
export { discreteInformation, discreteMI, discretePmi } from "./math/discrete-mi.js";
export { correlationForMI, gaussianMI, gaussianMIFromCorrelation, gaussianPmi } from "./math/gaussian-mi.js";
export { logGamma } from "./math/log-gamma.js";
export { logMeanExp, logSoftmaxRows, logSumExp } from "./math/log-sum-exp.js";
export { erfc, normalCdf, normalLogPdf, normalQuantile } from "./math/normal-distribution.js";
export type { Rng } from "./math/rng.js";
export { createRng } from "./math/rng.js";
export type { MeanSummary } from "./math/summary.js";
export { quantile, summarize } from "./math/summary.js";
export { bitsToNats, natsToBits } from "./math/units.js";
// tasks: ground-truth samplers with exact MI
export * from "./tasks/index.js";
// theory: the seed article's claims about InfoNCE and MI, computed on laws with exact MI and checked
export type { ClaimCheckOptions, TheoryClaim } from "./theory/check-theory-claims.js";
export { checkTheoryClaims } from "./theory/check-theory-claims.js";
export type {
  MeanSe,
  TheoryLawResult,
  TheoryOptions,
  TheoryResult,
  TheoryRow,
} from "./theory/compute-theory.js";
export { computeTheory, THEORY_DEFAULTS } from "./theory/compute-theory.js";
export {
  defaultTheoryLaws,
  THEORY_LAW_PARAMETERS,
  uniformYTable,
  zipfChannelTable,
} from "./theory/default-theory-laws.js";
export type { DiscreteLawSpec } from "./theory/discrete-law.js";
export { discreteTheoryLaw } from "./theory/discrete-law.js";
export { gaussianTheoryLaw } from "./theory/gaussian-law.js";
export type { CriticName, LawEvaluator, TheoryLaw } from "./theory/theory-law.js";
export { CRITICS } from "./theory/theory-law.js";
export type { TheoryMarkdownOptions } from "./theory/theory-markdown.js";
export { theoryMarkdown } from "./theory/theory-markdown.js";
export type * from "./types.js";
