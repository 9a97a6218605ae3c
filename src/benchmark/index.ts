export type {
  BenchmarkOptions,
  BenchmarkProgress,
  BenchmarkResult,
  BenchmarkRow,
  BenchmarkSummary,
} from "./benchmark-types.js";
export type { BenchmarkMarkdownOptions } from "./render-benchmark.js";
export { benchmarkJson, benchmarkMarkdown } from "./render-benchmark.js";
export { runBenchmark } from "./run-benchmark.js";
