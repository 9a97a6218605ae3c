import type { TopLevelSpec } from "vega-lite";
import { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "../../../src/plots/plot-theme.js";
import type { Unit } from "../units.js";
import { unitFactor } from "../units.js";

/** Names of the Vega datasets the live chart streams into. */
export const CURVE_DATA = "curve";
export const REFERENCE_DATA = "references";

/** A row of the curve dataset: one held-out estimate (nats). */
export interface CurveRow {
  readonly estimator: string;
  readonly step: number;
  readonly nats: number;
}

/** A row of the reference dataset: a horizontal line (true MI, log K), in nats. */
export interface ReferenceRow {
  readonly kind: "true-mi" | "log-k";
  readonly label: string;
  readonly nats: number;
}

/** The reference lines of a run: the exact MI of the task and the InfoNCE ceiling log K. */
export function referenceRows(trueMI: number, batchSize: number): ReferenceRow[] {
  return [
    { kind: "true-mi", label: "true MI", nats: trueMI },
    { kind: "log-k", label: `log K (K = ${batchSize})`, nats: Math.log(batchSize) },
  ];
}

/**
 * The live training chart: each estimator's held-out estimate against the step, with the true MI and the
 * log K ceiling as labelled horizontal rules; the step axis spans the whole run from the start, so the curve
 * grows into a fixed frame. Data are streamed in nats; `unit` only scales what is drawn,
 * so a unit switch re-renders the same rows. Rules carry an aria-label (the Vega `description` channel),
 * which screen readers read and the end-to-end test checks.
 */
export function trainingSpec(unit: Unit, estimatorOrder: readonly string[], steps: number): TopLevelSpec {
  const factor = unitFactor(unit);
  const value = { calculate: `datum.nats * ${factor}`, as: "value" } as const;
  const yTitle = `estimate (${unit})`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Held-out MI estimates per training step against the true MI and log K, in ${unit}`,
    width: "container",
    height: 300,
    autosize: { type: "fit-x", contains: "padding" },
    layer: [
      {
        data: { name: REFERENCE_DATA },
        transform: [value, { calculate: `datum.label + ' = ' + format(datum.value, '.3f') + ' ${unit}'`, as: "text" }],
        layer: [
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y: { field: "value", type: "quantitative", title: yTitle },
              strokeDash: {
                field: "kind",
                type: "nominal",
                scale: {
                  domain: ["true-mi", "log-k"],
                  range: [
                    [1, 0],
                    [6, 4],
                  ],
                },
                legend: null,
              },
              color: {
                field: "kind",
                type: "nominal",
                scale: { domain: ["true-mi", "log-k"], range: [TRUTH_COLOR, LOGK_COLOR] },
                legend: null,
              },
              description: { field: "text" },
              tooltip: [{ field: "text", title: "line" }],
            },
          },
          {
            mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -3, fontSize: 12 },
            encoding: {
              x: { value: 0 },
              y: { field: "value", type: "quantitative" },
              text: { field: "text" },
              color: { value: "#333" },
            },
          },
        ],
      },
      {
        data: { name: CURVE_DATA },
        transform: [value],
        mark: { type: "line", point: { size: 18 }, strokeWidth: 2 },
        encoding: {
          x: {
            field: "step",
            type: "quantitative",
            title: "training step",
            scale: { domain: [0, steps] },
            // About one label per 90 px, so the step labels never collide on a phone.
            axis: { tickCount: { expr: "ceil(width / 90)" }, labelOverlap: true },
          },
          y: { field: "value", type: "quantitative", title: yTitle },
          color: {
            field: "estimator",
            type: "nominal",
            title: "estimator",
            scale: { domain: [...estimatorOrder], scheme: "tableau10" },
            legend: { orient: "bottom" },
          },
          tooltip: [
            { field: "estimator", title: "estimator" },
            { field: "step", title: "step" },
            { field: "value", title: `held-out (${unit})`, format: ".3f" },
          ],
        },
      },
    ],
    // The reference rules colour by kind, the curves by estimator: two colour scales, one legend (the curves').
    resolve: { scale: { color: "independent" } },
    // The CLI's plot look (src/plots), so a figure reads the same in the page and in a saved SVG.
    config: PLOT_CONFIG,
  };
}
