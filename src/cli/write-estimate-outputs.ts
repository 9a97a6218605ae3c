import { specToSvg } from "../node/plot/spec-to-svg.js";
import { writePlot } from "../node/plot/write-plot.js";
import { renderReport } from "../node/report/render-report.js";
import { writeFileOrFail } from "../node/write/write-file-or-fail.js";
import { estimatesSpec } from "../plots/estimates-spec.js";
import { trainingCurveSpec } from "../plots/training-curve-spec.js";
import type { EstimateJson } from "./estimate-json.js";
import { fmt } from "./format-table.js";
import type { OutputPaths } from "./outputs.js";

/** The plots of one estimate: its training curve when it has one, and the estimate with its interval. */
function plotsOf(r: EstimateJson) {
  const point = estimatesSpec(
    [{ estimator: r.estimator, estimate: r.estimate ?? Number.NaN, lo: r.ci95[0], hi: r.ci95[1] }],
    {
      title: `${r.estimator}: MI estimate with 95% interval (n = ${r.n})`,
      logK: r.logK,
    },
  );
  const curve =
    r.curve !== undefined && r.curve.length > 0
      ? trainingCurveSpec(r.curve, { title: `${r.estimator}: training curve`, logK: r.logK })
      : undefined;
  return { point, curve };
}

/** Writes --out (the JSON record), --plot (the training curve, else the estimate) and --report (HTML). */
export async function writeEstimateOutputs(r: EstimateJson, paths: OutputPaths, command: string): Promise<void> {
  if (paths.out !== undefined) await writeFileOrFail(paths.out, `${JSON.stringify(r, null, 2)}\n`, "--out");
  if (paths.plot === undefined && paths.report === undefined) return;
  const { point, curve } = plotsOf(r);
  if (paths.plot !== undefined) await writePlot(curve ?? point, paths.plot);
  if (paths.report !== undefined) {
    const bits = (v: number | null) => (v === null ? null : v / Math.LN2);
    const plots = [
      {
        caption: "The estimate (dot) and its 95% interval (bar); log K where a batch bound applies.",
        svg: await specToSvg(point),
      },
    ];
    if (curve !== undefined) {
      plots.push({
        caption: "The bound on training batches and on held-out data, per step.",
        svg: await specToSvg(curve),
      });
    }
    const html = renderReport({
      title: `infonce estimate: ${r.estimator}${r.input === undefined ? "" : ` on ${r.input.files.join(" + ")}`}`,
      command,
      tables: [
        {
          caption: `Mutual information I(X;Y), n = ${r.n}${r.partial ? " (PARTIAL: stopped early)" : ""}`,
          header: ["", "nats", "bits"],
          rows: [
            ["estimate", fmt(r.estimate), fmt(r.estimateBits)],
            [
              "95% interval",
              `[${fmt(r.ci95[0])}, ${fmt(r.ci95[1])}]`,
              `[${fmt(bits(r.ci95[0]))}, ${fmt(bits(r.ci95[1]))}]`,
            ],
            ["std. error", fmt(r.stderr), fmt(bits(r.stderr))],
            ["log K", r.logK === null ? "—" : fmt(r.logK), r.logK === null ? "—" : fmt(bits(r.logK))],
            ["time (s)", r.seconds.toFixed(2), ""],
          ],
        },
        ...(r.input === undefined
          ? []
          : [
              {
                caption: "Input",
                header: ["", "columns"],
                rows: [
                  ["X", r.input.x.columns.join(", ")],
                  ["Y", r.input.y.columns.join(", ")],
                  ["set aside", r.input.setAside.map((c) => `${c.name} (${c.reason})`).join(", ") || "none"],
                ],
              },
            ]),
      ],
      plots,
      warnings: r.warnings,
      settings: { estimator: r.estimator, ...r.settings, input: r.input?.details ?? {} },
      created: new Date().toISOString(),
    });
    await writeFileOrFail(paths.report, html, "--report");
  }
}
