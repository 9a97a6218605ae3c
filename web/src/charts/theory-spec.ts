import type { TopLevelSpec } from "vega-lite";
import type { TheoryLawResult } from "../../../src/index.js";
import { LOGK_COLOR, PLOT_CONFIG, TRUTH_COLOR } from "../../../src/plots/plot-theme.js";
import type { Unit } from "../units.js";
import { unitFactor } from "../units.js";

export const THEORY_DATA = "theory";

/** One point of the theory chart: a series (critic, or log K) at one K, with its Monte Carlo standard error. */
export interface TheoryPoint {
  readonly series: string;
  readonly K: number;
  /** Mean bound, nats. */
  readonly nats: number;
  /** Standard error of the mean, nats (0 for exact series such as log K). */
  readonly se: number;
}

/** The series: key (data field), label (legend, tooltip), fixed colour so hiding one keeps the others'. */
export const THEORY_SERIES: readonly { key: string; label: string; color: string; dash: number[] }[] = [
  { key: "optimal", label: "optimal critic pmi(x, y)", color: "#1b7837", dash: [1, 0] },
  { key: "article", label: "article's critic log p(x, y)", color: "#c2410c", dash: [1, 0] },
  { key: "random", label: "random critic", color: "#6b21a8", dash: [1, 0] },
  { key: "logK", label: "log K (ceiling)", color: LOGK_COLOR, dash: [6, 4] },
  { key: "trueMI", label: "true MI", color: TRUTH_COLOR, dash: [2, 3] },
];

/** A Vega expression mapping a series key to its label (legend labels). */
const LABEL_EXPR = THEORY_SERIES.reduceRight(
  (rest, s) => `datum.label === '${s.key}' ? "${s.label}" : ${rest}`,
  "datum.label",
);

/**
 * Bound against batch size K (log-2 axis) for each critic, with ±2 standard-error bars, the log K ceiling and
 * the true MI. A nearest-K hover (pointer or touch) draws a rule and a tooltip with every series' value.
 */
export function theorySpec(unit: Unit): TopLevelSpec {
  const factor = unitFactor(unit);
  const names = THEORY_SERIES.map((s) => s.key);
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: names, range: THEORY_SERIES.map((s) => s.color) },
    legend: { orient: "bottom", columns: 2, labelLimit: 260, labelExpr: LABEL_EXPR },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `Expected InfoNCE bound (log K minus the loss) against the batch size K, per critic, in ${unit}`,
    width: "container",
    height: 320,
    autosize: { type: "fit-x", contains: "padding" },
    data: { name: THEORY_DATA },
    transform: [
      { calculate: `datum.nats * ${factor}`, as: "value" },
      { calculate: LABEL_EXPR.replaceAll("datum.label", "datum.series"), as: "label" },
      { calculate: `(datum.nats - 2 * datum.se) * ${factor}`, as: "low" },
      { calculate: `(datum.nats + 2 * datum.se) * ${factor}`, as: "high" },
    ],
    encoding: {
      x: {
        field: "K",
        type: "quantitative",
        title: "batch size K",
        scale: { type: "log", base: 2 },
        axis: { values: [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096], format: "d" },
      },
    },
    layer: [
      {
        mark: { type: "line", point: { size: 28 }, strokeWidth: 2 },
        encoding: {
          y: { field: "value", type: "quantitative", title: `bound (${unit})` },
          color,
          // Same field as colour: Vega-Lite merges both into one legend whose symbols show the dash too.
          strokeDash: {
            field: "series",
            type: "nominal",
            scale: { domain: names, range: THEORY_SERIES.map((s) => s.dash) },
            legend: { orient: "bottom", columns: 2, labelLimit: 260, labelExpr: LABEL_EXPR },
          },
          description: { field: "label" },
        },
      },
      {
        transform: [
          { filter: "datum.se > 0" },
          {
            calculate: `datum.label + ' at K = ' + datum.K + ', ±2 standard errors: ' + format(datum.low, '.3f') + ' to ' + format(datum.high, '.3f') + ' ${unit}'`,
            as: "interval",
          },
        ],
        mark: { type: "errorbar", ticks: false },
        encoding: {
          y: { field: "low", type: "quantitative", title: `bound (${unit})` },
          y2: { field: "high" },
          color,
          description: { field: "interval" },
        },
      },
      {
        params: [
          {
            name: "hover",
            select: { type: "point", fields: ["K"], nearest: true, on: "pointerover", clear: "pointerout" },
          },
        ],
        transform: [{ pivot: "series", value: "value", groupby: ["K"] }],
        mark: { type: "rule", color: "#888", strokeWidth: 8 },
        encoding: {
          opacity: { condition: { param: "hover", empty: false, value: 0.25 }, value: 0 },
          tooltip: [
            { field: "K", type: "quantitative", title: "K" },
            ...THEORY_SERIES.map((t) => ({
              field: t.key,
              type: "quantitative" as const,
              title: `${t.label} (${unit})`,
              format: ".3f",
            })),
          ],
        },
      },
    ],
    config: PLOT_CONFIG,
  };
}

/** The chart rows of a law: each critic's mean and se per K, log K, and the true MI. */
export function theoryPoints(law: TheoryLawResult): TheoryPoint[] {
  const points: TheoryPoint[] = [];
  for (const row of law.rows) {
    points.push(
      { series: "optimal", K: row.K, nats: row.optimal.mean, se: row.optimal.se },
      { series: "article", K: row.K, nats: row.article.mean, se: row.article.se },
      { series: "random", K: row.K, nats: row.random.mean, se: row.random.se },
      { series: "logK", K: row.K, nats: row.logK, se: 0 },
      { series: "trueMI", K: row.K, nats: law.trueMI, se: 0 },
    );
  }
  return points;
}
