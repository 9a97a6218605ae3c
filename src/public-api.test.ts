import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Pins the public API. When an export is added, renamed or removed on purpose, update the lists below in the same
// commit; the failure message says exactly which names changed. Values are read from the loaded modules;
// type-only exports (erased at runtime) are read from the entry files' `export type` statements.

const CORE_VALUES = [
  "Adam",
  "BOUNDS",
  "BOUND_NAMES",
  "CMI_ESTIMATORS",
  "CMI_TASKS",
  "ConcatCritic",
  "CriticOptimizer",
  "Dense",
  "ESTIMATORS",
  "InfonceError",
  "JACKKNIFE_GROUPS",
  "MI_NORMALIZATIONS",
  "Mlp",
  "NEGATIVE_MODES",
  "NEURAL_DEFAULTS",
  "NeuralTrainer",
  "ParameterBuffer",
  "REDUCTIONS",
  "SATURATION_RISE",
  "SIMILARITIES",
  "STAIRCASE_ESTIMATORS",
  "SeparableCritic",
  "TASKS",
  "TASK_SUITES",
  "THEORY_CRITICS",
  "THEORY_DEFAULTS",
  "THEORY_LAW_PARAMETERS",
  "TILE_PAIRS",
  "additiveUniformMI",
  "additiveUniformTask",
  "aggregateRows",
  "alphaBound",
  "asinhMap",
  "assembleMatrix",
  "assembleRank",
  "autoCmiEstimator",
  "autoEstimator",
  "benchmarkJson",
  "benchmarkMarkdown",
  "bitsToNats",
  "bound",
  "boundSpec",
  "buildKdTree",
  "checkTheoryClaims",
  "computeTheory",
  "copulaTransform",
  "correlationForMI",
  "countWithinRadius",
  "createCritic",
  "createRng",
  "createTsKernel",
  "createW1Workload",
  "defaultTheoryLaws",
  "denseCovariance",
  "describeEngine",
  "digamma",
  "digammaTable",
  "discreteCmiEstimator",
  "discreteCmiTask",
  "discreteCmiValue",
  "discreteEstimator",
  "discreteInformation",
  "discreteMI",
  "discretePmi",
  "discreteTask",
  "discreteTerms",
  "discreteTheoryLaw",
  "dvBound",
  "dvBoundStreamed",
  "erfc",
  "estimateNeural",
  "estimatorVariant",
  "gaoTerms",
  "gaussianCmiEstimator",
  "gaussianCmiTask",
  "gaussianCmiValue",
  "gaussianEstimator",
  "gaussianMI",
  "gaussianMIFromCorrelation",
  "gaussianPmi",
  "gaussianStderr",
  "gaussianTask",
  "gaussianTerms",
  "gaussianTheoryLaw",
  "getKernel",
  "getTask",
  "halfCube",
  "infonceBound",
  "infonceBoundStreamed",
  "infonceLoss",
  "dclLoss",
  "dclwLoss",
  "CLIP_LOGIT_SCALE_INIT",
  "SIGLIP_LOGIT_BIAS_INIT",
  "SIGLIP_LOGIT_SCALE_INIT",
  "NegativeQueue",
  "siglipLoss",
  "siglipLossBlockwise",
  "infonceLossBlockwise",
  "infonceRisePerDoubling",
  "informationCoefficient",
  "isCompiledKernel",
  "isInfonceError",
  "jackknifeBoundVariance",
  "jsBound",
  "ksg2Estimator",
  "ksgCmiEstimator",
  "ksgCmiValue",
  "ksgEstimator",
  "ksgTerms",
  "linearInit",
  "loadBrowserEngine",
  "loadWasmKernel",
  "logGamma",
  "logMeanExp",
  "logSoftmaxRows",
  "logSumExp",
  "makePart",
  "mergeParts",
  "miMatrix",
  "mineBound",
  "mixedEstimator",
  "mixedTask",
  "mixtureGaussianMI",
  "natsToBits",
  "neuralSettings",
  "normalCdf",
  "normalCdfMap",
  "normalLogPdf",
  "normalQuantile",
  "nwjBound",
  "pairedCovariance",
  "planMatrix",
  "planRank",
  "profileSample",
  "quantile",
  "rankFeatures",
  "rossTerms",
  "runBenchmark",
  "runStaircase",
  "runTiles",
  "sameCriticBounds",
  "selectCmiEstimator",
  "selectEstimator",
  "selfKnnMaxNorm",
  "setKernel",
  "shardTiles",
  "smileBound",
  "smoothEma",
  "sparseCovariance",
  "spiral",
  "staircaseFacts",
  "staircaseSpec",
  "strictRadius",
  "studentTEntropy",
  "studentTMICorrection",
  "studentTTask",
  "suiteTasks",
  "summarize",
  "swissRoll",
  "symmetricInfonceBound",
  "theoryMarkdown",
  "tileCount",
  "transformTask",
  "tsKernel",
  "uniformYTable",
  "wigglyX",
  "wigglyY",
  "zipfChannelTable",
];

const CORE_TYPES = [
  "Activation",
  "AdamOptions",
  "BenchmarkMarkdownOptions",
  "BenchmarkOptions",
  "BenchmarkProgress",
  "BenchmarkResult",
  "BenchmarkRow",
  "BenchmarkSummary",
  "BlockwiseOptions",
  "BoundChoice",
  "BoundName",
  "BoundOptions",
  "BoundParam",
  "BoundSpec",
  "BoundValue",
  "ClaimCheckOptions",
  "CmiChoice",
  "CmiEstimator",
  "CmiTask",
  "ColumnCategories",
  "ColumnTable",
  "CompiledKernel",
  "ConcatCriticOptions",
  "ConditionalSample",
  "Critic",
  "CriticSimilarity",
  "CriticSpec",
  "CurvePoint",
  "DataKind",
  "DiscreteInformation",
  "DiscreteLawSpec",
  "DiscreteTaskSpec",
  "DiscreteTerms",
  "EngineName",
  "ErrorCode",
  "Estimate",
  "EstimateOptions",
  "Estimator",
  "EstimatorChoice",
  "EstimatorVariant",
  "GaussianTaskSpec",
  "GaussianTerms",
  "GroundTruthTask",
  "HeldOutEvaluation",
  "InfonceLossOptions",
  "DclLossOptions",
  "DclLossResult",
  "HardNegativeOptions",
  "SiglipLossOptions",
  "SiglipLossResult",
  "SiglipBlockwiseOptions",
  "SiglipBlockwiseResult",
  "InfonceLossResult",
  "KdTree",
  "Kernel",
  "KsgJob",
  "KsgJobResult",
  "KsgPool",
  "KsgTerms",
  "LawEvaluator",
  "LoadBrowserEngineOptions",
  "LoadedEngine",
  "ManyJob",
  "ManyPart",
  "Matrix",
  "MatrixOptions",
  "MeanSe",
  "MeanSummary",
  "MiMatrix",
  "MiNormalization",
  "MineBoundValue",
  "MineOptions",
  "MineState",
  "MixedTaskSpec",
  "MlpSpec",
  "NegativeMode",
  "NeuralSettings",
  "PairResult",
  "PairSettings",
  "PairedSample",
  "ParameterSlice",
  "ProgressFn",
  "RankOptions",
  "RankResult",
  "RankedFeature",
  "RealArray",
  "Reduction",
  "Rng",
  "RowMap",
  "RunOptions",
  "SameCriticOptions",
  "SameCriticResult",
  "SameCriticRow",
  "SampleProfile",
  "ScoreMatrix",
  "ScoreRowBlocks",
  "SeparableCriticOptions",
  "Shard",
  "Similarity",
  "StairStats",
  "StaircaseEstimator",
  "StaircaseFacts",
  "StaircaseOptions",
  "StaircaseResult",
  "StaircaseRun",
  "StopReason",
  "StopSignal",
  "StreamedBoundOptions",
  "StudentTTaskSpec",
  "Task",
  "TheoryClaim",
  "TheoryCriticName",
  "TheoryLaw",
  "TheoryLawResult",
  "TheoryMarkdownOptions",
  "TheoryOptions",
  "TheoryResult",
  "TheoryRow",
  "TrainingGradient",
  "TransformSpec",
  "Variable",
  "VariableSpec",
  "W1Options",
  "W1Workload",
];

/** Exports of src/node/index.ts beyond the core it re-exports. */
const NODE_ONLY_VALUES: string[] = [
  "DATA_FORMATS",
  "createKsgThreads",
  "encodeCsv",
  "encodeJsonl",
  "encodeNpy",
  "encodeParquet",
  "loadEngine",
  "loadNativeKernel",
  "readPairedSample",
  "renderReport",
  "selectColumns",
  "specToSvg",
  "svgToPng",
];
const NODE_ONLY_TYPES: string[] = [
  "ColumnInfo",
  "DataFormat",
  "KsgThreads",
  "LoadEngineOptions",
  "PairedRead",
  "ReadPairedOptions",
  "ReportContent",
  "SetAsideColumn",
  "SourceColumn",
  "VegaLiteSpec",
];

/**
 * Type-only export names of an entry file, following re-exports: `export type { A, B as C }`, `export { type D }`,
 * `export interface/type E` declared in place, and `export * from` / `export type * from` (whose type exports
 * are collected recursively; their values are covered by the runtime key lists).
 */
function typeExports(file: URL, seen = new Set<string>()): string[] {
  if (seen.has(file.href)) return [];
  seen.add(file.href);
  const src = readFileSync(file, "utf8");
  const names = new Set<string>();
  const lastName = (entry: string): string =>
    entry
      .trim()
      .split(/\s+as\s+/)
      .pop()
      ?.trim() ?? "";
  for (const m of src.matchAll(/export\s+type\s*\{([^}]*)\}/g)) {
    for (const e of (m[1] ?? "").split(",")) if (e.trim()) names.add(lastName(e));
  }
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const e of (m[1] ?? "").split(","))
      if (/^\s*type\s+/.test(e)) names.add(lastName(e.replace(/^\s*type\s+/, "")));
  }
  for (const t of src.matchAll(/^export\s+(?:declare\s+)?(?:interface|type)\s+(\w+)/gm)) names.add(t[1] ?? "");
  for (const m of src.matchAll(/export\s+(?:type\s+)?\*\s+from\s+"([^"]+)"/g)) {
    const target = new URL((m[1] ?? "").replace(/\.js$/, ".ts"), file);
    for (const n of typeExports(target, seen)) names.add(n);
  }
  return [...names].sort();
}

const CORE_ENTRY = new URL("./index.ts", import.meta.url);
const NODE_ENTRY = new URL("./node/index.ts", import.meta.url);

function diffMessage(what: string, actual: readonly string[], pinned: readonly string[]): string {
  const a = new Set(actual);
  const p = new Set(pinned);
  const added = [...a].filter((n) => !p.has(n)).sort();
  const removed = [...p].filter((n) => !a.has(n)).sort();
  if (added.length === 0 && removed.length === 0) return "";
  const parts = [];
  if (added.length) parts.push(`added ${added.join(", ")}`);
  if (removed.length) parts.push(`removed ${removed.join(", ")}`);
  return `${what} changed: ${parts.join("; ")}. If this is intended, update the pinned list in src/public-api.test.ts.`;
}

function expectPinned(what: string, actual: readonly string[], pinned: readonly string[]): void {
  const message = diffMessage(what, actual, pinned);
  if (message) expect.fail(message);
}

describe("public API", () => {
  it("src/index.ts exports exactly the pinned values", async () => {
    const core = await import("./index.js");
    expectPinned("src/index.ts value exports", Object.keys(core), CORE_VALUES);
  });
  it("src/index.ts exports exactly the pinned types", () => {
    expectPinned("src/index.ts type exports", typeExports(CORE_ENTRY), CORE_TYPES);
  });
  it("src/node/index.ts exports the core plus exactly the pinned Node-only names", async () => {
    const core = new Set(Object.keys(await import("./index.js")));
    const node = Object.keys(await import("./node/index.js"));
    for (const name of core) expect(node, `src/node/index.ts no longer re-exports ${name}`).toContain(name);
    expectPinned(
      "src/node/index.ts Node-only value exports",
      node.filter((n) => !core.has(n)),
      NODE_ONLY_VALUES,
    );
    const coreTypes = new Set(typeExports(CORE_ENTRY));
    expectPinned(
      "src/node/index.ts Node-only type exports",
      typeExports(NODE_ENTRY).filter((n) => !coreTypes.has(n)),
      NODE_ONLY_TYPES,
    );
  });
  it("reports changes by name (the checker itself)", () => {
    expect(diffMessage("x", ["a", "b"], ["a", "c"])).toBe(
      "x changed: added b; removed c. If this is intended, update the pinned list in src/public-api.test.ts.",
    );
    expect(diffMessage("x", ["a"], ["a"])).toBe("");
  });
});
