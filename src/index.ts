// Public, browser-safe API of infonce: re-exports only. Node-only features live in ./node/index.ts.
// What a library user calls: estimators, bounds and losses, tasks with exact MI, the benchmark runner, the theory
// checks, the engine switch and the errors. Building blocks (critics, trainers, kernels, k-d trees, special
// functions) stay importable from their own module files but are not part of the supported surface.

// benchmark: estimators × tasks × seeds → rows, summary, markdown and JSON
export * from "./benchmark/index.js";
export type { AlphaOptions } from "./bounds/alpha.js";
export { alphaBound } from "./bounds/alpha.js";
export type { BoundOptions, BoundOptionsOf, BoundResultOf } from "./bounds/bound.js";
export { bound } from "./bounds/bound.js";
export type { BoundParam, BoundSpec, NoOptions, TrainingGradient } from "./bounds/bound-spec.js";
export { dvBound } from "./bounds/dv.js";
export { dvBoundStreamed } from "./bounds/dv-streamed.js";
export type { InfonceBoundOptions } from "./bounds/infonce.js";
export { infonceBound } from "./bounds/infonce.js";
export { infonceBoundStreamed } from "./bounds/infonce-streamed.js";
export { jsBound } from "./bounds/js.js";
export type { MineBoundValue, MineOptions, MineState } from "./bounds/mine.js";
export { mineBound } from "./bounds/mine.js";
export { nwjBound } from "./bounds/nwj.js";
export type { BoundParamKey, RegisteredBound } from "./bounds/registry.js";
export { BOUNDS } from "./bounds/registry.js";
export type { SmileOptions } from "./bounds/smile.js";
export { smileBound } from "./bounds/smile.js";
export type { ScoreRowBlocks, StreamedBoundOptions } from "./bounds/streamed.js";
export { symmetricInfonceBound } from "./bounds/symmetric-infonce.js";
// conditional MI: estimators and tasks with exact CMI
export * from "./cmi/index.js";
export type { ErrorCode } from "./errors.js";
export { InfonceError, isInfonceError } from "./errors.js";
// MI estimators (KSG, Gaussian, discrete, mixed, auto and one neural estimator per bound) and their registry
export type { AutoOptions, AutoReportedSettings } from "./estimators/auto.js";
export { autoEstimator } from "./estimators/auto.js";
export type { ClassifierOptions, ClassifierReportedSettings } from "./estimators/classifier.js";
export type { DiscreteOptions, DiscreteReportedSettings } from "./estimators/discrete.js";
export { discreteEstimator } from "./estimators/discrete.js";
export type { GaussianOptions, GaussianReportedSettings } from "./estimators/gaussian.js";
export { gaussianEstimator } from "./estimators/gaussian.js";
export type { EstimatorName } from "./estimators/index.js";
export { ESTIMATORS } from "./estimators/index.js";
export type { KsgEstimator, KsgOptions, KsgReportedSettings } from "./estimators/ksg.js";
export { ksg2Estimator, ksgEstimator } from "./estimators/ksg.js";
export type { KsgPool } from "./estimators/ksg-jobs.js";
export type { MixedOptions, MixedReportedSettings } from "./estimators/mixed.js";
export { mixedEstimator } from "./estimators/mixed.js";
export type { NeuralEstimator } from "./estimators/neural.js";
export type { NeuralReportedSettings } from "./estimators/neural-result.js";
export type { NeuralOptions } from "./estimators/neural-settings.js";
// engines: the process-wide kernel (EstimateOptions.kernel overrides it per call) and the browser's loader
export { getKernel, setKernel } from "./linalg/engine.js";
export type { EngineName, LoadedEngine } from "./linalg/engine-report.js";
export { describeEngine } from "./linalg/engine-report.js";
export type { BlockwiseOptions } from "./linalg/infonce-blockwise.js";
export { infonceLossBlockwise } from "./linalg/infonce-blockwise.js";
export type { LoadBrowserEngineOptions } from "./linalg/load-engine-browser.js";
export { loadBrowserEngine } from "./linalg/load-engine-browser.js";
// contrastive losses on embeddings, with gradients
export type { DclLossOptions, DclLossResult } from "./losses/dcl-loss.js";
export { dclLoss, dclwLoss } from "./losses/dcl-loss.js";
export type { HardNegativeOptions } from "./losses/hard-negative-head.js";
export type {
  InfonceLossOptions,
  InfonceLossResult,
  NegativeMode,
  Reduction,
  Similarity,
} from "./losses/infonce-loss.js";
export { infonceLoss, NEGATIVE_MODES, REDUCTIONS, SIMILARITIES } from "./losses/infonce-loss.js";
export { CLIP_LOGIT_SCALE_INIT, SIGLIP_LOGIT_BIAS_INIT, SIGLIP_LOGIT_SCALE_INIT } from "./losses/logit-scale.js";
export { NegativeQueue } from "./losses/negative-queue.js";
export type { SiglipBlockwiseOptions, SiglipBlockwiseResult } from "./losses/siglip-blockwise.js";
export { siglipLossBlockwise } from "./losses/siglip-blockwise.js";
export type { SiglipLossOptions, SiglipLossResult } from "./losses/siglip-loss.js";
export { siglipLoss } from "./losses/siglip-loss.js";
// many variables: the MI matrix and feature ranking
export type {
  ColumnTable,
  MatrixOptions,
  MiMatrix,
  MiNormalization,
  PairResult,
  PairSettings,
  RankedFeature,
  RankOptions,
  RankResult,
  Variable,
  VariableSpec,
} from "./many/index.js";
export { informationCoefficient, MI_NORMALIZATIONS, miMatrix, rankFeatures } from "./many/index.js";
// exact MI of known laws, and units
export { discreteMI } from "./math/discrete-mi.js";
export { correlationForMI, gaussianMI, gaussianMIFromCorrelation, gaussianPmi } from "./math/gaussian-mi.js";
export { bitsToNats, natsToBits } from "./math/units.js";
// the staircase experiment (Poole et al. 2019, Fig. 2)
export type {
  StaircaseEstimator,
  StaircaseOptions,
  StaircaseResult,
  StaircaseRun,
  StairStats,
} from "./staircase/run-staircase.js";
export { runStaircase, STAIRCASE_ESTIMATORS } from "./staircase/run-staircase.js";
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
export { computeTheory } from "./theory/compute-theory.js";
export { defaultTheoryLaws } from "./theory/default-theory-laws.js";
export type { DiscreteLawSpec } from "./theory/discrete-law.js";
export { discreteTheoryLaw } from "./theory/discrete-law.js";
export { gaussianTheoryLaw } from "./theory/gaussian-law.js";
export type { SameCriticOptions, SameCriticResult, SameCriticRow } from "./theory/same-critic-bounds.js";
export { sameCriticBounds } from "./theory/same-critic-bounds.js";
export type { LawEvaluator, TheoryCriticName, TheoryLaw } from "./theory/theory-law.js";
export type { TheoryMarkdownOptions } from "./theory/theory-markdown.js";
export { theoryMarkdown } from "./theory/theory-markdown.js";
export type * from "./types.js";
