import { ESTIMATORS } from "../../estimators/index.js";
import { getKernel } from "../../linalg/engine.js";
import { type EstimatorOutcome, estimateInWorkers } from "../../node/estimate-in-workers.js";
import { getTask } from "../../tasks/index.js";
import { intArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { type EstimateJson, estimateJson } from "../estimate-json.js";
import { EXIT_CODES, EXIT_INTERRUPTED } from "../exit-codes.js";
import { fmt, formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import { checkOutputs } from "../outputs.js";
import { createProgress } from "../progress.js";
import { SETTING_ARGS, settingsFromArgs } from "../setting-args.js";
import { findEstimator } from "./find-estimator.js";
import type { CommandFactory } from "./index.js";

/** The demo's default task: 5+5-dim Gaussian, two correlated pairs, I = 1.0217 nats (bmi's "2-pair" law). */
export const DEMO_TASK = "multinormal-sparse-5-5-2-2.0";

/** What the demo compares when registered: the automatic choice, two classical and three neural estimators. */
export const DEMO_ESTIMATORS = ["auto", "ksg", "gaussian", "infonce", "smile", "nwj"] as const;

function defaultEstimators(): string[] {
  const picked = DEMO_ESTIMATORS.filter((e) => ESTIMATORS[e] !== undefined);
  return picked.length > 0 ? picked : Object.keys(ESTIMATORS);
}

/** A demo row: an estimate, or the error that stopped that estimator (a failed run is a result, not a crash). */
type DemoRow =
  | EstimateJson
  | { readonly estimator: string; readonly error: { readonly code: string; readonly message: string } };

/**
 * `infonce demo`: the main job on a built-in example. Samples a ground-truth task, runs every registered
 * estimator (or --estimators) on the same sample, and shows each estimate beside the true MI in a table and a
 * plot. What `npm start` runs.
 */
const demoCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: { name: "demo", description: "Estimators against a task's known MI: a table and a plot" },
    args: {
      task: { type: "string", description: "Ground-truth task (see infonce tasks)", default: DEMO_TASK },
      n: { type: "string", description: "Sample size (bmi uses 5,000)", default: "5000" },
      estimators: {
        type: "string",
        description: `Comma-separated estimators (default: those of ${DEMO_ESTIMATORS.join(", ")} that are registered, else all)`,
      },
      steps: SETTING_ARGS.steps,
      batch: SETTING_ARGS.batch,
      set: SETTING_ARGS.set,
      seed: { type: "string", description: "Seed for the sample and every estimator", default: "0" },
      plot: {
        type: "string",
        description: "Plot of estimates vs the truth: .svg, .png or .json (Vega-Lite spec)",
        default: "infonce-demo.svg",
      },
      "no-plot": { type: "boolean", description: "Write no plot" },
      report: { type: "string", description: "Also write a self-contained HTML report", valueHint: "out.html" },
      json: { type: "boolean", description: "Print the results as JSON" },
      quiet: { type: "boolean", alias: "q", description: "No progress bar and no notes on stderr" },
      out: { type: "string", description: "Also write the JSON results to this file", valueHint: "file.json" },
    },
    async run({ args, rawArgs }) {
      const n = intArg(args.n, "n", 2, 10_000_000) ?? 5000;
      const seed = intArg(args.seed, "seed", 0, 2 ** 32 - 1) ?? 0;
      const task = getTask(String(args.task));
      const names =
        typeof args.estimators === "string"
          ? args.estimators
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "")
          : defaultEstimators();
      const estimators = names.map(findEstimator);
      const wantPlot = !rawArgs.includes("--no-plot");
      const outputs = await checkOutputs(
        { out: args.out, plot: wantPlot ? args.plot : undefined, report: args.report },
        io.cwd,
      );
      if (!args.quiet && !args.json) {
        io.err(`${task.name}: ${task.description}; true MI ${task.trueMI.toFixed(4)} nats; n = ${n}, seed ${seed}\n`);
      }
      if (estimators.length === 0) {
        io.err(
          "infonce demo: no estimator is registered in this build, so there is nothing to compare with the truth\n",
        );
        return EXIT_CODES.E_UNKNOWN;
      }
      const settings = settingsFromArgs(args, rawArgs);
      const sample = task.sample(n, seed);
      // The estimators are independent: they run at once, one worker thread each, as many as there are cores.
      const progress = createProgress(io, { quiet: args.quiet === true });
      const state = estimators.map(() => ({ done: 0, total: 1, finished: false }));
      const report = () => {
        let done = 0;
        let total = 0;
        for (const s of state) {
          done += s.finished ? 1 : s.done / Math.max(1, s.total);
          total += 1;
        }
        const running = estimators.filter((_, i) => !state[i]?.finished && (state[i]?.done ?? 0) > 0);
        const idle = done >= total ? "done" : "starting";
        progress.onProgress(Math.round(done * 100), total * 100, running.map((e) => e.name).join(", ") || idle);
      };
      let outcomes: EstimatorOutcome[];
      try {
        outcomes = await estimateInWorkers(sample, estimators, {
          settings: { ...settings, seed },
          engine: getKernel().engine,
          stop: io.stop,
          onProgress: (i, done, total) => {
            const s = state[i];
            if (s === undefined) return;
            s.done = done;
            s.total = total;
            report();
          },
          onDone: (i) => {
            const s = state[i];
            if (s !== undefined) s.finished = true;
            report();
          },
        });
      } finally {
        progress.finish();
      }
      const rows: DemoRow[] = outcomes.map((o) =>
        "error" in o
          ? { estimator: o.estimator, error: { code: o.error.code, message: o.error.message } }
          : estimateJson(o.estimate),
      );
      const partial = io.stop.stopped;
      const record = {
        schemaVersion: 1,
        task: { name: task.name, description: task.description, trueMI: task.trueMI, dimX: task.dimX, dimY: task.dimY },
        n,
        seed,
        partial,
        results: rows,
      };
      if (args.json) io.out(`${JSON.stringify(record, null, 2)}\n`);
      else io.out(demoTable(task.trueMI, rows));
      const { writeDemoOutputs } = await import("../write-demo-outputs.js");
      await writeDemoOutputs(record, outputs, `infonce demo ${rawArgs.join(" ")}`.trim());
      if (!args.quiet && !args.json && outputs.plot !== undefined) io.err(`plot: ${args.plot}\n`);
      return partial ? EXIT_INTERRUPTED : 0;
    },
  });

function demoTable(truth: number, rows: readonly DemoRow[]): string {
  const body = rows.map((r) => {
    if ("error" in r) return [r.estimator, "failed", "", "", "", r.error.message];
    const covers =
      r.ci95[0] !== null && r.ci95[1] !== null ? (r.ci95[0] <= truth && truth <= r.ci95[1] ? "yes" : "no") : "—";
    const err = r.estimate === null ? null : r.estimate - truth;
    const notes = [...(r.partial ? ["PARTIAL"] : []), ...(r.saturated ? ["saturated at log K"] : []), ...r.warnings];
    return [
      r.estimator,
      fmt(r.estimate),
      `[${fmt(r.ci95[0])}, ${fmt(r.ci95[1])}]`,
      `${err !== null && err >= 0 ? "+" : ""}${fmt(err)}`,
      covers,
      `${r.seconds.toFixed(2)} s${notes.length > 0 ? `; ${notes.join("; ")}` : ""}`,
    ];
  });
  const header = ["estimator", "nats", "95% interval", "error", "covers", "time; notes"];
  return `true MI = ${truth.toFixed(4)} nats\n\n${formatTable(header, body)}\n`;
}

export default demoCommand;
