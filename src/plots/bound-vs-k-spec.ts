import type { TopLevelSpec } from "vega-lite";
import { estimateVsKSpec } from "./estimate-vs-k-spec.js";

/** Mean and Monte Carlo standard error of a bound at one K (nats). */
export interface MeanSE {
  readonly mean: number;
  readonly se: number;
}

/** One row of `infonce theory --json`: the expected InfoNCE bound at K for each critic. */
export interface TheoryRow {
  readonly K: number;
  readonly [critic: string]: MeanSE | number;
}

/** One law of `infonce theory --json`. */
export interface BoundVsKLaw {
  readonly name: string;
  readonly trueMI: number;
  readonly rows: readonly TheoryRow[];
}

/**
 * Vega-Lite spec of the theory curves of one law: the expected InfoNCE bound vs K for each critic (optimal,
 * the article's, random, …) with ±2 standard-error bands, under the log K ceiling and the true MI.
 * Reads the `infonce theory --json` shape: `{ name, trueMI, rows: [{ K, logK, optimal: {mean, se}, … }] }`.
 */
export function boundVsKSpec(law: BoundVsKLaw): TopLevelSpec {
  const rows = law.rows.flatMap((r) =>
    Object.entries(r).flatMap(([series, v]) =>
      typeof v === "object" && v !== null && Number.isFinite(v.mean)
        ? [{ K: r.K, series, estimate: v.mean, lo: v.mean - 2 * v.se, hi: v.mean + 2 * v.se }]
        : [],
    ),
  );
  return estimateVsKSpec(rows, {
    title: `Expected InfoNCE bound vs K — ${law.name}`,
    trueMI: law.trueMI,
    yTitle: "expected bound (nats), band = ±2 s.e.",
  });
}
