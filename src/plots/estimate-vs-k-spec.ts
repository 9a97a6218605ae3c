import type { TopLevelSpec } from "vega-lite";
import { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "./plot-theme.js";

/** An estimate at batch size K (nats), with an optional 95% interval. */
export interface EstimateAtK {
  readonly K: number;
  readonly series: string;
  readonly estimate: number;
  readonly lo?: number;
  readonly hi?: number;
}

/**
 * Vega-Lite spec of estimates against the batch size K (log₂ axis): one line per series, interval bands where
 * given, the log K ceiling of InfoNCE-type bounds as a grey dashed curve and the true MI as a red rule.
 */
export function estimateVsKSpec(
  rows: readonly EstimateAtK[],
  options: { readonly title?: string; readonly trueMI?: number; readonly yTitle?: string } = {},
): TopLevelSpec {
  const ks = [...new Set(rows.map((r) => r.K))].sort((a, b) => a - b);
  const ceiling = ks.map((K) => ({ K, nats: Math.log(K) }));
  const x = {
    field: "K",
    type: "quantitative" as const,
    scale: { type: "log" as const, base: 2 },
    title: "batch size K (log scale)",
  };
  const color = { field: "series", type: "nominal" as const, title: null };
  const banded = rows.filter((r) => r.lo !== undefined && r.hi !== undefined);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: PLOT_CONFIG,
    title: options.title ?? "Estimate vs batch size K",
    width: 560,
    height: 320,
    layer: [
      ...(banded.length === 0
        ? []
        : [
            {
              data: { values: banded },
              mark: { type: "area" as const, opacity: 0.18 },
              encoding: { x, y: { field: "lo", type: "quantitative" as const }, y2: { field: "hi" }, color },
            },
          ]),
      {
        data: { values: rows },
        mark: { type: "line", point: true, strokeWidth: 1.8 },
        encoding: { x, y: { field: "estimate", type: "quantitative", title: options.yTitle ?? "MI (nats)" }, color },
      },
      {
        data: { values: ceiling },
        mark: { type: "line", strokeDash: [6, 4], color: LOGK_COLOR, strokeWidth: 1.5 },
        encoding: { x, y: { field: "nats", type: "quantitative" } },
      },
      {
        data: { values: ceiling.slice(-1).map((c) => ({ ...c, label: "log K" })) },
        mark: { type: "text", align: "right", dy: -8, color: LOGK_COLOR, fontSize: 12 },
        encoding: { x, y: { field: "nats", type: "quantitative" }, text: { field: "label" } },
      },
      ...(options.trueMI === undefined
        ? []
        : [
            {
              data: { values: [{ nats: options.trueMI, label: `true MI ${options.trueMI.toFixed(3)}` }] },
              layer: [
                {
                  mark: { type: "rule" as const, color: TRUTH_COLOR, strokeDash: [2, 2], strokeWidth: 1.5 },
                  encoding: { y: { field: "nats", type: "quantitative" as const } },
                },
                {
                  mark: {
                    type: "text" as const,
                    align: "left" as const,
                    dx: 4,
                    dy: -6,
                    color: TRUTH_COLOR,
                    fontSize: 12,
                  },
                  encoding: {
                    y: { field: "nats", type: "quantitative" as const },
                    x: { value: 0 },
                    text: { field: "label" },
                  },
                },
              ],
            },
          ]),
    ],
  } as TopLevelSpec;
}
