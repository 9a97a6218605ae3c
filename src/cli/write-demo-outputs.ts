import { specToSvg } from "../node/plot/spec-to-svg.js";
import { writePlot } from "../node/plot/write-plot.js";
import { renderReport } from "../node/report/render-report.js";
import { writeFileOrFail } from "../node/write/write-file-or-fail.js";
import { estimatesSpec } from "../plots/estimates-spec.js";
import type { EstimateJson } from "./estimate-json.js";
import { fmt } from "./format-table.js";
import type { OutputPaths } from "./outputs.js";

/** The JSON record `infonce demo --json` prints (schema version 1, docs/cli.md). */
export interface DemoRecord {
  readonly schemaVersion: number;
  readonly task: { readonly name: string; readonly description: string; readonly trueMI: number };
  readonly n: number;
  readonly seed: number;
  readonly partial: boolean;
  readonly results: readonly (
    | EstimateJson
    | { readonly estimator: string; readonly error: { readonly code: string; readonly message: string } }
  )[];
}

/** Writes the demo's --out (JSON), --plot (estimates vs truth) and --report (HTML). */
export async function writeDemoOutputs(r: DemoRecord, paths: OutputPaths, command: string): Promise<void> {
  if (paths.out !== undefined) await writeFileOrFail(paths.out, `${JSON.stringify(r, null, 2)}\n`, "--out");
  if (paths.plot === undefined && paths.report === undefined) return;
  const ok = r.results.filter((x): x is EstimateJson => !("error" in x) && x.estimate !== null);
  const logKs = [...new Set(ok.map((x) => x.logK).filter((k): k is number => k !== null))];
  const spec = estimatesSpec(
    ok.map((x) => ({ estimator: x.estimator, estimate: x.estimate as number, lo: x.ci95[0], hi: x.ci95[1] })),
    {
      title: `${r.task.name}: estimates vs the true MI (n = ${r.n})`,
      trueMI: r.task.trueMI,
      ...(logKs.length === 1 ? { logK: logKs[0] } : {}),
    },
  );
  if (paths.plot !== undefined) await writePlot(spec, paths.plot);
  if (paths.report !== undefined) {
    const html = renderReport({
      title: `infonce demo: ${r.task.name}`,
      command,
      tables: [
        {
          caption: `${r.task.description}; true MI ${r.task.trueMI.toFixed(4)} nats; n = ${r.n}, seed ${r.seed}`,
          header: ["estimator", "estimate (nats)", "95% interval", "error", "time (s)"],
          rows: r.results.map((x) =>
            "error" in x
              ? [x.estimator, "failed", x.error.message, "", ""]
              : [
                  x.estimator,
                  fmt(x.estimate),
                  `[${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`,
                  fmt(x.estimate === null ? null : x.estimate - r.task.trueMI),
                  x.seconds.toFixed(2),
                ],
          ),
        },
      ],
      plots: [
        {
          caption: "Each estimator's estimate (dot) and 95% interval (bar); the red line is the true MI.",
          svg: await specToSvg(spec),
        },
      ],
      warnings: ok.flatMap((x) => x.warnings.map((w) => `${x.estimator}: ${w}`)),
      settings: {
        task: r.task.name,
        n: r.n,
        seed: r.seed,
        estimators: Object.fromEntries(ok.map((x) => [x.estimator, x.settings])),
      },
      created: new Date().toISOString(),
    });
    await writeFileOrFail(paths.report, html, "--report");
  }
}
