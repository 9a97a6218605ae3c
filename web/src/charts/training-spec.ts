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
export function trainingSpec(
  unit: Unit,
  estimatorOrder: readonly string[],
  steps: number,
  range: { readonly trueMI: number; readonly logK: number } = { trueMI: Number.NaN, logK: Number.NaN },
): TopLevelSpec {
  const factor = unitFactor(unit);
  const [lo, hi] = yRange(range.trueMI, range.logK).map((v) => v * factor) as [number, number];
  // A diverging estimate (NWJ at −15 nats, DV far above I) must not flatten the frame: values outside the range
  // are drawn on its edge with a triangle, and the tooltip keeps the exact value.
  const shown = [
    { calculate: `clamp(datum.value, ${lo}, ${hi})`, as: "shown" },
    {
      calculate: `datum.value > ${hi} ? 'above the chart' : datum.value < ${lo} ? 'below the chart' : ''`,
      as: "clipped",
    },
  ] as const;
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
              y: { field: "value", type: "quantitative", title: yTitle, scale: { domain: [lo, hi], nice: false } },
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
        transform: [value, ...shown],
        encoding: {
          x: {
            field: "step",
            type: "quantitative",
            title: "training step",
            scale: { domain: [0, steps] },
          },
          y: { field: "shown", type: "quantitative", title: yTitle, scale: { domain: [lo, hi], nice: false } },
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
            { field: "value", title: `held-out (${unit})`, format: ".4f" },
            { field: "clipped", title: "drawn" },
          ],
        },
        layer: [
          { mark: { type: "line", point: { size: 18 }, strokeWidth: 2 } },
          {
            transform: [
              { filter: "datum.clipped !== ''" },
              {
                calculate: `datum.estimator + ' at step ' + datum.step + ': ' + format(datum.value, '.3f') + ' ${unit}, ' + datum.clipped`,
                as: "text",
              },
            ],
            mark: { type: "point", filled: true, size: 110, opacity: 1 },
            encoding: {
              shape: {
                field: "clipped",
                type: "nominal",
                scale: { domain: ["above the chart", "below the chart"], range: ["triangle-up", "triangle-down"] },
                legend: null,
              },
              description: { field: "text" },
            },
          },
        ],
      },
    ],
    // The reference rules colour by kind, the curves by estimator: two colour scales, one legend (the curves').
    resolve: { scale: { color: "independent" } },
    // The CLI's plot look (src/plots), so a figure reads the same in the page and in a saved SVG.
    config: PLOT_CONFIG,
  };
}

/**
 * The y-range of the training chart, nats: from a little below 0 to a little above the larger of the true MI and
 * log K, the two numbers a good estimate lives between. Without either (before a task is known), [−0.5, 5].
 */
export function yRange(trueMI: number, logK: number): [number, number] {
  const top = Math.max(Number.isFinite(trueMI) ? trueMI : 0, Number.isFinite(logK) ? logK : 0);
  if (!(top > 0)) return [-0.5, 5];
  const hi = 1.25 * top + 0.1;
  return [-Math.max(0.5, 0.2 * hi), hi];
}
