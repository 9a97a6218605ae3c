import type { TopLevelSpec } from "vega-lite";
import type { CurvePoint } from "../types.js";
import { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "./plot-theme.js";

export interface TrainingCurveOptions {
  readonly title?: string;
  /** True MI (nats), drawn as a red rule when known. */
  readonly trueMI?: number;
  /** log K of the batch bound (nats), drawn as a grey dashed rule: an InfoNCE estimate cannot exceed it. */
  readonly logK?: number | null;
}

/**
 * Vega-Lite spec of a training curve: the bound on training batches and, where evaluated, on held-out data,
 * per step (nats), with the true MI and log K as reference rules. Browser-safe: plain data in, JSON spec out.
 */
export function trainingCurveSpec(curve: readonly CurvePoint[], options: TrainingCurveOptions = {}): TopLevelSpec {
  const values = curve.flatMap((p) => [
    { step: p.step, series: "train", nats: p.train },
    ...(p.test === undefined ? [] : [{ step: p.step, series: "held-out", nats: p.test }]),
  ]);
  const rules = [
    ...(options.trueMI === undefined ? [] : [{ label: "true MI", nats: options.trueMI, color: TRUTH_COLOR }]),
    ...(options.logK === undefined || options.logK === null
      ? []
      : [{ label: "log K", nats: options.logK, color: LOGK_COLOR }]),
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: PLOT_CONFIG,
    title: options.title ?? "Training curve",
    width: 560,
    height: 300,
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 1.5, interpolate: "monotone" },
        encoding: {
          x: { field: "step", type: "quantitative", title: "training step" },
          y: { field: "nats", type: "quantitative", title: "MI estimate (nats)" },
          color: { field: "series", type: "nominal", title: null, scale: { domain: ["train", "held-out"] } },
        },
      },
      ...(rules.length === 0
        ? []
        : [
            {
              data: { values: rules },
              layer: [
                {
                  mark: { type: "rule" as const, strokeDash: [6, 4], strokeWidth: 1.5 },
                  encoding: {
                    y: { field: "nats", type: "quantitative" as const },
                    color: { field: "color", type: "nominal" as const, scale: null },
                  },
                },
                {
                  mark: { type: "text" as const, align: "left" as const, dx: 4, dy: -6, fontSize: 12 },
                  encoding: {
                    y: { field: "nats", type: "quantitative" as const },
                    x: { value: 0 },
                    text: { field: "label", type: "nominal" as const },
                    color: { field: "color", type: "nominal" as const, scale: null },
                  },
                },
              ],
            },
          ]),
    ],
  } as TopLevelSpec;
}
