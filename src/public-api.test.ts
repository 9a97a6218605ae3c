import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Pins the public API. When an export is added, renamed or removed on purpose, update the lists below in the same
// commit; the failure message says exactly which names changed. Values are read from the loaded modules;
// type-only exports (erased at runtime) are read from the entry files' `export type` statements.

const CORE_VALUES = [
  "BOUNDS",
  "CLIP_LOGIT_SCALE_INIT",
  "CMI_ESTIMATORS",
  "CMI_TASKS",
  "ESTIMATORS",
  "InfonceError",
  "MI_NORMALIZATIONS",
  "NEGATIVE_MODES",
  "NegativeQueue",
  "REDUCTIONS",
  "SIGLIP_LOGIT_BIAS_INIT",
  "SIGLIP_LOGIT_SCALE_INIT",
  "SIMILARITIES",
  "STAIRCASE_ESTIMATORS",
  "TASKS",
  "TASK_SUITES",
  "additiveUniformTask",
  "alphaBound",
  "asinhMap",
  "autoCmiEstimator",
  "autoEstimator",
  "benchmarkJson",
  "benchmarkMarkdown",
  "bitsToNats",
  "bound",
  "checkTheoryClaims",
  "computeTheory",
  "correlationForMI",
  "dclLoss",
  "dclwLoss",
  "defaultTheoryLaws",
  "denseCovariance",
  "describeEngine",
  "discreteCmiEstimator",
  "discreteCmiTask",
  "discreteEstimator",
  "discreteMI",
  "discreteTask",
  "discreteTheoryLaw",
  "dvBound",
  "dvBoundStreamed",
  "gaussianCmiEstimator",
  "gaussianCmiTask",
  "gaussianEstimator",
  "gaussianMI",
  "gaussianMIFromCorrelation",
  "gaussianPmi",
  "gaussianTask",
  "gaussianTheoryLaw",
  "getKernel",
  "getTask",
  "halfCube",
  "infonceBound",
  "infonceBoundStreamed",
  "infonceLoss",
  "infonceLossBlockwise",
  "informationCoefficient",
  "isInfonceError",
  "jsBound",
  "ksg2Estimator",
  "ksgCmiEstimator",
  "ksgEstimator",
  "loadBrowserEngine",
  "miMatrix",
  "mineBound",
  "mixedEstimator",
  "mixedTask",
  "natsToBits",
  "normalCdfMap",
  "nwjBound",
  "pairedCovariance",
  "rankFeatures",
  "runBenchmark",
  "runStaircase",
  "sameCriticBounds",
  "setKernel",
  "siglipLoss",
  "siglipLossBlockwise",
  "smileBound",
  "sparseCovariance",
  "spiral",
  "studentTTask",
  "suiteTasks",
  "swissRoll",
  "symmetricInfonceBound",
  "theoryMarkdown",
  "transformTask",
  "wigglyX",
  "wigglyY",
];

const CORE_TYPES = [
  "Activation",
  "AlphaOptions",
  "AutoOptions",
  "AutoReportedSettings",
  "BenchmarkMarkdownOptions",
  "BenchmarkOptions",
  "BenchmarkProgress",
  "BenchmarkResult",
  "BenchmarkRow",
  "BenchmarkSummary",
  "BlockwiseOptions",
  "BoundName",
  "BoundOptions",
  "BoundOptionsOf",
  "BoundParam",
  "BoundParamKey",
  "BoundResultOf",
  "BoundSpec",
  "BoundValue",
  "ClaimCheckOptions",
  "ClassifierOptions",
  "ClassifierReportedSettings",
  "CmiEstimator",
  "CmiTask",
  "ColumnCategories",
  "ColumnTable",
  "CommonEstimateOptions",
  "ConditionalSample",
  "CurvePoint",
  "DclLossOptions",
  "DclLossResult",
  "DiscreteLawSpec",
  "DiscreteOptions",
  "DiscreteReportedSettings",
  "DiscreteTaskSpec",
  "EngineName",
  "ErrorCode",
  "Estimate",
  "EstimateOptions",
  "Estimator",
  "EstimatorName",
  "GaussianOptions",
  "GaussianReportedSettings",
  "GaussianTaskSpec",
  "GroundTruthTask",
  "HardNegativeOptions",
  "InfonceBoundOptions",
  "InfonceLossOptions",
  "InfonceLossResult",
  "Kernel",
  "KsgEstimator",
  "KsgOptions",
  "KsgPool",
  "KsgReportedSettings",
  "LawEvaluator",
  "LoadBrowserEngineOptions",
  "LoadedEngine",
  "Matrix",
  "MatrixOptions",
  "MeanSe",
  "MiMatrix",
  "MiNormalization",
  "MineBoundValue",
  "MineOptions",
  "MineState",
  "MixedOptions",
  "MixedReportedSettings",
  "MixedTaskSpec",
  "NegativeMode",
  "NeuralEstimator",
  "NeuralOptions",
  "NeuralReportedSettings",
  "NoOptions",
  "OptionsOf",
  "OptionsOfAny",
  "PairResult",
  "PairSettings",
  "PairedSample",
  "ProgressFn",
  "RankOptions",
  "RankResult",
  "RankedFeature",
  "RealArray",
  "Reduction",
  "RegisteredBound",
  "ReportedSettings",
  "ResolvedSettings",
  "RowMap",
  "SameCriticOptions",
  "SameCriticResult",
  "SameCriticRow",
  "ScoreMatrix",
  "ScoreRowBlocks",
  "SettingSpec",
  "SettingSpecs",
  "SettingValue",
  "SiglipBlockwiseOptions",
  "SiglipBlockwiseResult",
  "SiglipLossOptions",
  "SiglipLossResult",
  "Similarity",
  "SmileOptions",
  "StairStats",
  "StaircaseEstimator",
  "StaircaseOptions",
  "StaircaseResult",
  "StaircaseRun",
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
];

/** Exports of src/node/index.ts beyond the core it re-exports. */
const NODE_ONLY_VALUES: string[] = [
  "DATA_FORMATS",
  "createFoldThreads",
  "createKsgThreads",
  "encodeCsv",
  "encodeJsonl",
  "encodeNpy",
  "encodeParquet",
  "loadEngine",
  "readPairedSample",
  "selectColumns",
];
const NODE_ONLY_TYPES: string[] = [
  "ColumnInfo",
  "DataFormat",
  "FoldThreads",
  "KsgThreads",
  "LoadEngineOptions",
  "PairedRead",
  "ReadPairedOptions",
  "SetAsideColumn",
  "SourceColumn",
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
