// Browser-safe Vega-Lite spec builders shared by the CLI (rendered to SVG/PNG in src/node/plot) and the web page.
export type { BoundVsKLaw, MeanSE, TheoryRow } from "./boundVsKSpec.js";
export { boundVsKSpec } from "./boundVsKSpec.js";
export type { EstimateRow, EstimatesOptions } from "./estimatesSpec.js";
export { estimatesSpec } from "./estimatesSpec.js";
export type { EstimateAtK } from "./estimateVsKSpec.js";
export { estimateVsKSpec } from "./estimateVsKSpec.js";
export { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "./plotTheme.js";
export type { TrainingCurveOptions } from "./trainingCurveSpec.js";
export { trainingCurveSpec } from "./trainingCurveSpec.js";
