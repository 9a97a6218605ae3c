import { summarize } from "../math/summary.js";
import type { BenchmarkRow, BenchmarkSummary } from "./benchmark-types.js";

/** The estimators auto ran over these rows, "name ×count" in first-seen order. */
function countChoices(rows: readonly BenchmarkRow[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.choice !== undefined) counts.set(r.choice, (counts.get(r.choice) ?? 0) + 1);
  return [...counts].map(([name, k]) => `${name} ×${k}`);
}

/**
 * Aggregates rows per (estimator, task), in the order the pairs first appear: mean and sd of the estimates, bias,
 * mean absolute error, relative error (to the truth; null for I = 0), interval coverage, saturation rate, mean time.
 * Failed runs count in `runs` and `failed` only.
 */
export function aggregateRows(rows: readonly BenchmarkRow[]): BenchmarkSummary[] {
  const groups = new Map<string, BenchmarkRow[]>();
  for (const r of rows) {
    const key = `${r.estimator}\u0000${r.task}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  const out: BenchmarkSummary[] = [];
  for (const g of groups.values()) {
    const first = g[0] as BenchmarkRow;
    const ok = g.filter((r) => r.status === "ok");
    const est = summarize(ok.map((r) => r.estimate));
    const mean = (f: (r: BenchmarkRow) => number): number =>
      ok.length === 0 ? Number.NaN : ok.reduce((s, r) => s + f(r), 0) / ok.length;
    const withCi = ok.filter((r) => r.covered !== null);
    const meanAbsError = mean((r) => Math.abs(r.error));
    out.push({
      estimator: first.estimator,
      kind: first.kind,
      task: first.task,
      truth: first.truth,
      runs: g.length,
      failed: g.length - ok.length,
      meanEstimate: est.mean,
      sdEstimate: est.sd,
      meanError: mean((r) => r.error),
      meanAbsError,
      // A truth that is 0 up to rounding (a numerically summed independent table: ~1e-17) has no relative error.
      relativeError: first.truth > 1e-9 ? meanAbsError / first.truth : null,
      coverage: withCi.length === 0 ? null : withCi.filter((r) => r.covered).length / withCi.length,
      saturatedRate: ok.length === 0 ? 0 : ok.filter((r) => r.saturated).length / ok.length,
      meanSeconds: mean((r) => r.seconds),
      failures: [...new Set(g.filter((r) => r.status === "failed").map((r) => r.message))],
      choices: countChoices(ok),
    });
  }
  return out;
}
