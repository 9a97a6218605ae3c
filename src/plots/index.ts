// Browser-safe Vega-Lite spec builders shared by the CLI (rendered to SVG/PNG in src/node/plot) and the web page.
export type { BoundVsKLaw, MeanSE, TheoryRow } from "./bound-vs-k-spec.js";
export { boundVsKSpec } from "./bound-vs-k-spec.js";
export type { EstimateAtK } from "./estimate-vs-k-spec.js";
export { estimateVsKSpec } from "./estimate-vs-k-spec.js";
export type { EstimateRow, EstimatesOptions } from "./estimates-spec.js";
export { estimatesSpec } from "./estimates-spec.js";
export { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "./plot-theme.js";
export type { TrainingCurveOptions } from "./training-curve-spec.js";
export { trainingCurveSpec } from "./training-curve-spec.js";
