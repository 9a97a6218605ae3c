import type { BenchmarkTask } from "../benchmark/benchmark-types.js";
import type { DescribedEstimator } from "../benchmark/estimator-variant.js";
import { CMI_ESTIMATORS } from "./auto-cmi.js";
import type { CmiTask } from "./cmi-tasks.js";
import type { CmiEstimator, ConditionalSample } from "./cmi-types.js";

/**
 * A conditional-MI task as the benchmark runner takes it: the truth its estimates are judged by is the exact
 * I(X;Y|Z), not the task's unconditional I(X;Y).
 */
export function cmiBenchmarkTask(task: CmiTask): BenchmarkTask<ConditionalSample> {
  return { name: task.name, trueMI: task.trueCMI, sample: (n, seed) => task.sample(n, seed) };
}

/** A conditional-MI estimator as the benchmark runner takes it (every one of them is classical: no training). */
export function cmiBenchmarkEstimator(e: CmiEstimator): DescribedEstimator<ConditionalSample> {
  return { name: e.name, kind: "classical", description: e.description, estimate: (s, o) => e.estimate(s, o) };
}

/** The conditional-MI estimators by name, as the benchmark runs them (`infonce bench --suite cmi`). */
export const CMI_BENCH_ESTIMATORS: Readonly<Record<string, DescribedEstimator<ConditionalSample>>> = Object.freeze(
  Object.fromEntries(Object.entries(CMI_ESTIMATORS).map(([name, e]) => [name, cmiBenchmarkEstimator(e)])),
);
