import type { TopLevelSpec } from "vega-lite";
import { PLOT_CONFIG } from "./plot-theme.js";
import { referenceRuleLayers } from "./reference-rules.js";

/** One estimator's estimate with its 95% interval (nats). */
export interface EstimateRow {
  readonly estimator: string;
  readonly estimate: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface EstimatesOptions {
  readonly title?: string;
  /** True MI (nats), drawn as a red rule: the "estimate vs truth" view. */
  readonly trueMI?: number;
  /** log K (nats), the most an InfoNCE-type estimate on batches of K can show. */
  readonly logK?: number | null;
}

/**
 * Vega-Lite spec of estimates against the truth: one row per estimator, a dot at the estimate and a bar for its
 * 95% interval, with the true MI and log K as vertical rules. With one row and no truth it is the picture of a
 * single estimate.
 */
export function estimatesSpec(rows: readonly EstimateRow[], options: EstimatesOptions = {}): TopLevelSpec {
  const values = rows.map((r) => ({ ...r, lo: r.lo ?? r.estimate, hi: r.hi ?? r.estimate }));
  const y = { field: "estimator", type: "nominal" as const, title: null, sort: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: PLOT_CONFIG,
    title: options.title ?? (options.trueMI === undefined ? "MI estimate" : "Estimates vs the true MI"),
    width: 520,
    height: Math.max(60, 34 * rows.length),
    layer: [
      {
        data: { values },
        layer: [
          {
            mark: { type: "rule", strokeWidth: 2, color: "#1f77b4" },
            encoding: {
              y,
              x: { field: "lo", type: "quantitative", title: "MI (nats), dot = estimate, bar = 95% interval" },
              x2: { field: "hi" },
            },
          },
          {
            mark: { type: "point", filled: true, size: 80, color: "#1f77b4" },
            encoding: {
              y,
              x: { field: "estimate", type: "quantitative" },
              tooltip: [
                { field: "estimator", type: "nominal" },
                { field: "estimate", type: "quantitative", format: ".4f" },
                { field: "lo", type: "quantitative", format: ".4f" },
                { field: "hi", type: "quantitative", format: ".4f" },
              ],
            },
          },
        ],
      },
      ...referenceRuleLayers(
        options.trueMI,
        options.logK,
        "x",
        { type: "text", align: "left", baseline: "top", dx: 3, dy: 2, fontSize: 11 },
        (name, nats) => `${name} ${nats.toFixed(3)}`,
      ),
    ],
  } as TopLevelSpec;
}
