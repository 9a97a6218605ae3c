import type { TopLevelSpec } from "vega-lite";
import type { CurvePoint } from "../types.js";
import { PLOT_CONFIG } from "./plot-theme.js";
import { referenceRuleLayers } from "./reference-rules.js";

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
      ...referenceRuleLayers(
        options.trueMI,
        options.logK,
        "y",
        { type: "text", align: "left", dx: 4, dy: -6, fontSize: 12 },
        (name) => name,
      ),
    ],
  } as TopLevelSpec;
}
