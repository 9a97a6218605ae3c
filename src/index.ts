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
export type * from "./types.js";
