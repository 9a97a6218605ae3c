import type { StaircaseResult } from "./run-staircase.js";

/** A Vega-Lite spec as plain JSON (rendered by vega-lite + vega in Node, or in the browser). */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

/**
 * Poole et al.'s exponential smoothing of the per-step estimates (pandas ewm(span) with adjust=False):
 * s_t = s_{t−1} + (2/(span+1))·(v_t − s_{t−1}).
 */
export function smoothEma(values: readonly number[], span: number): number[] {
  const a = 2 / (span + 1);
  const out: number[] = [];
  let s = values[0] ?? 0;
  for (const v of values) {
    s += a * (v - s);
    out.push(s);
  }
  return out;
}

/**
 * The staircase figure (Poole et al. 2019, Fig. 2) as a Vega-Lite spec: one panel per (critic, bound), the
 * EMA-smoothed per-batch estimate (span 200 as their notebook, or a tenth of a stair for short quick runs) in colour over the raw estimates (faint), the
 * true MI as a black staircase and log K as a dashed rule. y is clipped to [−1, max MI + 2] because NWJ and DV
 * swing far below zero at high MI. Points are thinned to at most ~400 per run to keep the SVG small.
 */
export function staircaseSpec(
  result: StaircaseResult,
  span = Math.min(200, Math.max(1, Math.round(Number(result.settings.stepsPerLevel) / 10))),
): VegaLiteSpec {
  const rows: Record<string, number | string>[] = [];
  const top = Math.max(...result.trueMI);
  for (const run of result.runs) {
    const smooth = smoothEma(run.values, span);
    const stride = Math.max(1, Math.ceil(run.values.length / 400));
    for (let i = 0; i < run.values.length; i += stride) {
      rows.push({
        critic: run.critic,
        estimator: run.estimator,
        step: i + 1,
        raw: run.values[i] as number,
        smoothed: smooth[i] as number,
        truth: result.trueMI[i] as number,
      });
    }
  }
  const y = { type: "quantitative", scale: { domain: [-1, top + 2], clamp: true }, title: "nats" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Staircase (Poole et al. 2019, Fig. 2): batch K = ${result.settings.batchSize}, log K = ${result.logK.toFixed(2)}`,
    data: { values: rows },
    facet: {
      row: { field: "critic", type: "nominal", title: "critic", sort: result.settings.critics },
      column: { field: "estimator", type: "nominal", title: null, sort: result.settings.estimators },
    },
    spec: {
      width: 180,
      height: 150,
      layer: [
        {
          mark: { type: "line", opacity: 0.25, strokeWidth: 0.7, clip: true },
          encoding: {
            x: { field: "step", type: "quantitative" },
            y: { field: "raw", ...y },
            color: { field: "estimator", legend: null },
          },
        },
        {
          mark: { type: "line", strokeWidth: 1.8, clip: true },
          encoding: {
            x: { field: "step", type: "quantitative" },
            y: { field: "smoothed", ...y },
            color: { field: "estimator", legend: null },
          },
        },
        {
          mark: { type: "line", color: "black", strokeWidth: 1, interpolate: "step-after" },
          encoding: { x: { field: "step", type: "quantitative", title: "step" }, y: { field: "truth", ...y } },
        },
        {
          mark: { type: "rule", strokeDash: [5, 4], color: "grey" },
          encoding: { y: { datum: result.logK, type: "quantitative" } },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  };
}
