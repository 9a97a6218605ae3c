// Public, browser-safe API of infonce: re-exports only. Node-only features live in ./node/index.ts.

// benchmark: estimators × tasks × seeds → rows, summary, markdown and JSON
export * from "./benchmark/index.js";
export { alphaBound } from "./bounds/alpha.js";
export type { BoundOptions } from "./bounds/bound.js";
export { bound } from "./bounds/bound.js";
export type { BoundParam, BoundSpec, TrainingGradient } from "./bounds/bound-spec.js";
export { dvBound } from "./bounds/dv.js";
export { dvBoundStreamed } from "./bounds/dv-streamed.js";
export { infonceBound } from "./bounds/infonce.js";
export { infonceBoundStreamed } from "./bounds/infonce-streamed.js";
export { jsBound } from "./bounds/js.js";
export type { MineBoundValue, MineOptions, MineState } from "./bounds/mine.js";
export { mineBound } from "./bounds/mine.js";
export { nwjBound } from "./bounds/nwj.js";
export { BOUND_NAMES, BOUNDS, boundSpec } from "./bounds/registry.js";
export { smileBound } from "./bounds/smile.js";
export type { ScoreRowBlocks, StreamedBoundOptions } from "./bounds/streamed.js";
export { symmetricInfonceBound } from "./bounds/symmetric-infonce.js";
// tasks: ground-truth samplers with exact MI
export * from "./cmi/index.js";
export type { ConcatCriticOptions } from "./critics/concat-critic.js";
export { ConcatCritic } from "./critics/concat-critic.js";
export type { CriticSpec } from "./critics/create-critic.js";
export { createCritic } from "./critics/create-critic.js";
export type { Critic } from "./critics/critic.js";
export type { SeparableCriticOptions, Similarity as CriticSimilarity } from "./critics/separable-critic.js";
export { SeparableCritic } from "./critics/separable-critic.js";
export type { ErrorCode } from "./errors.js";
export { InfonceError, isInfonceError } from "./errors.js";
// classical estimators (KSG, Gaussian, discrete, mixed, auto), the registry, and their exact building blocks
export type { DataKind, EstimatorChoice, SampleProfile } from "./estimators/auto.js";
export { autoEstimator, profileSample, selectEstimator } from "./estimators/auto.js";
export { JACKKNIFE_GROUPS, jackknifeBoundVariance } from "./estimators/bound-jackknife.js";
export { copulaTransform } from "./estimators/copula.js";
export type { DiscreteTerms } from "./estimators/discrete.js";
export { discreteEstimator, discreteTerms } from "./estimators/discrete.js";
export type { GaussianTerms } from "./estimators/gaussian.js";
export { gaussianEstimator, gaussianStderr, gaussianTerms } from "./estimators/gaussian.js";
export type { HeldOutEvaluation } from "./estimators/held-out-evaluation.js";
export { ESTIMATORS } from "./estimators/index.js";
export { infonceRisePerDoubling, SATURATION_RISE } from "./estimators/infonce-saturation.js";
export { ksg2Estimator, ksgEstimator } from "./estimators/ksg.js";
export type { KsgJob, KsgJobResult, KsgPool } from "./estimators/ksg-jobs.js";
export type { KsgTerms } from "./estimators/ksg-mi.js";
export { ksgTerms } from "./estimators/ksg-mi.js";
export { gaoTerms, mixedEstimator, rossTerms } from "./estimators/mixed.js";
export { estimateNeural } from "./estimators/neural.js";
export type { StopReason } from "./estimators/neural-result.js";
export type { NeuralSettings } from "./estimators/neural-settings.js";
export { NEURAL_DEFAULTS, neuralSettings } from "./estimators/neural-settings.js";
export type { BoundChoice } from "./estimators/neural-step.js";
export { CriticOptimizer } from "./estimators/neural-step.js";
export { NeuralTrainer } from "./estimators/neural-trainer.js";
export type { W1Options, W1Workload } from "./estimators/neural-w1-workload.js";
export { createW1Workload } from "./estimators/neural-w1-workload.js";
// linalg: numeric engines (pure TypeScript oracle, WebAssembly SIMD) and the blockwise large-K InfoNCE
export type { CompiledKernel } from "./linalg/compiled-kernel.js";
export { isCompiledKernel } from "./linalg/compiled-kernel.js";
export { getKernel, setKernel } from "./linalg/engine.js";
export type { EngineName, LoadedEngine } from "./linalg/engine-report.js";
export { describeEngine } from "./linalg/engine-report.js";
export type { BlockwiseOptions } from "./linalg/infonce-blockwise.js";
export { infonceLossBlockwise } from "./linalg/infonce-blockwise.js";
export type { LoadBrowserEngineOptions } from "./linalg/load-engine-browser.js";
export { loadBrowserEngine } from "./linalg/load-engine-browser.js";
export { createTsKernel, tsKernel } from "./linalg/ts-kernel.js";
export { loadWasmKernel } from "./linalg/wasm-kernel.js";
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
export * from "./many/index.js";
// math: exact MI of known laws and numerical helpers
export { digamma, digammaTable } from "./math/digamma.js";
export type { DiscreteInformation } from "./math/discrete-mi.js";
export { discreteInformation, discreteMI, discretePmi } from "./math/discrete-mi.js";
export { correlationForMI, gaussianMI, gaussianMIFromCorrelation, gaussianPmi } from "./math/gaussian-mi.js";
export { logGamma } from "./math/log-gamma.js";
export { logMeanExp, logSoftmaxRows, logSumExp } from "./math/log-softmax.js";
export { erfc, normalCdf, normalLogPdf, normalQuantile } from "./math/normal-distribution.js";
export type { Rng } from "./math/rng.js";
export { createRng } from "./math/rng.js";
export type { MeanSummary } from "./math/summary.js";
export { quantile, summarize } from "./math/summary.js";
export { bitsToNats, natsToBits } from "./math/units.js";
export { countWithinRadius, strictRadius } from "./neighbors/count-within.js";
// neighbors: exact max-norm k-d tree queries (KSG's k-th neighbour distances and radius counts)
export type { KdTree } from "./neighbors/kd-tree.js";
export { buildKdTree } from "./neighbors/kd-tree.js";
export { selfKnnMaxNorm } from "./neighbors/knn.js";
export type { AdamOptions } from "./nn/adam.js";
export { Adam } from "./nn/adam.js";
export { Dense } from "./nn/dense.js";
export { linearInit } from "./nn/linear-init.js";
export type { MlpSpec } from "./nn/mlp.js";
export { Mlp } from "./nn/mlp.js";
export type { ParameterSlice } from "./nn/parameter-buffer.js";
export { ParameterBuffer } from "./nn/parameter-buffer.js";
export type {
  StaircaseEstimator,
  StaircaseFacts,
  StaircaseOptions,
  StaircaseResult,
  StaircaseRun,
  StairStats,
} from "./staircase/run-staircase.js";
export { runStaircase, STAIRCASE_ESTIMATORS, staircaseFacts } from "./staircase/run-staircase.js";
export { smoothEma, staircaseSpec } from "./staircase/staircase-spec.js";
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
export type { SameCriticOptions, SameCriticResult, SameCriticRow } from "./theory/same-critic-bounds.js";
export { sameCriticBounds } from "./theory/same-critic-bounds.js";
export type { LawEvaluator, TheoryCriticName, TheoryLaw } from "./theory/theory-law.js";
export { THEORY_CRITICS } from "./theory/theory-law.js";
export type { TheoryMarkdownOptions } from "./theory/theory-markdown.js";
export { theoryMarkdown } from "./theory/theory-markdown.js";
export type * from "./types.js";
