// Public, browser-safe API of infonce: re-exports only. Node-only features live in ./node/index.ts.

// benchmark: estimators × tasks × seeds → rows, summary, markdown and JSON
export * from "./benchmark/index.js";
export { alphaBound } from "./bounds/alpha.js";
export type { BoundOptions } from "./bounds/bound.js";
export { BOUND_NAMES, bound } from "./bounds/bound.js";
export { dvBound } from "./bounds/dv.js";
export { dvBoundStreamed } from "./bounds/dv-streamed.js";
export { infonceBound } from "./bounds/infonce.js";
export { infonceBoundStreamed } from "./bounds/infonce-streamed.js";
export { jsBound } from "./bounds/js.js";
export type { MineBoundValue, MineOptions, MineState } from "./bounds/mine.js";
export { mineBound } from "./bounds/mine.js";
export { nwjBound } from "./bounds/nwj.js";
export { smileBound } from "./bounds/smile.js";
export type { ScoreRowBlocks, StreamedBoundOptions } from "./bounds/streamed.js";
export { symmetricInfonceBound } from "./bounds/symmetric-infonce.js";
export type { ErrorCode } from "./errors.js";
export { InfonceError, isInfonceError } from "./errors.js";
export type {
  InfonceLossOptions,
  InfonceLossResult,
  NegativeMode,
  Reduction,
  Similarity,
} from "./losses/infonce-loss.js";
export { infonceLoss, NEGATIVE_MODES, REDUCTIONS, SIMILARITIES } from "./losses/infonce-loss.js";
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
export type { LawEvaluator, TheoryCriticName, TheoryLaw } from "./theory/theory-law.js";
export { THEORY_CRITICS } from "./theory/theory-law.js";
export type { TheoryMarkdownOptions } from "./theory/theory-markdown.js";
export { theoryMarkdown } from "./theory/theory-markdown.js";
export type * from "./types.js";
