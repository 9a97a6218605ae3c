/**
 * Accuracy of the classical estimators on the ground-truth tasks (src/tasks), the rows behind the `auto` rule
 * (docs/estimators.md): KSG and the Gaussian estimator, each with and without the copula transform, plus the
 * discrete and mixed estimators where the task is categorical, and `auto` itself.
 *   npm run -s build && node dist/bench/classical-accuracy.js [--n 5000] [--seeds 3] [--tasks a,b,c] [--json]
 * Prints a markdown table: mean estimate ± sd over seeds, and the mean absolute error, per task and estimator.
 */
import { parseArgs } from "node:util";
import { ESTIMATORS_BY_NAME } from "../src/estimators/index.js";
import { TASKS } from "../src/tasks/index.js";
import type { EstimateOptions } from "../src/types.js";

interface Column {
  readonly label: string;
  readonly estimator: string;
  readonly options: EstimateOptions;
  readonly when: (discrete: boolean) => boolean;
}

const COLUMNS: readonly Column[] = [
  { label: "ksg", estimator: "ksg", options: {}, when: () => true },
  { label: "ksg+copula", estimator: "ksg", options: { copula: true }, when: () => true },
  { label: "gaussian", estimator: "gaussian", options: {}, when: () => true },
  { label: "gaussian+copula", estimator: "gaussian", options: { copula: true }, when: () => true },
  { label: "discrete", estimator: "discrete", options: {}, when: (d) => d },
  { label: "mixed", estimator: "mixed", options: {}, when: (d) => d },
  { label: "auto", estimator: "auto", options: {}, when: () => true },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "5000" },
      seeds: { type: "string", default: "3" },
      tasks: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const n = Number(values.n);
  const seeds = Number(values.seeds);
  const names = values.tasks ? values.tasks.split(",") : Object.keys(TASKS);
  const rows: Record<string, unknown>[] = [];
  for (const name of names) {
    const task = TASKS[name];
    if (!task) throw new Error(`unknown task ${name}`);
    const discrete = task.discrete !== undefined && (task.discrete.x || task.discrete.y);
    const samples = Array.from({ length: seeds }, (_, s) => task.sample(n, s));
    const row: Record<string, unknown> = { task: name, dims: `${task.dimX}+${task.dimY}`, truth: task.trueMI };
    for (const col of COLUMNS) {
      if (!col.when(discrete)) continue;
      const est = ESTIMATORS_BY_NAME[col.estimator];
      if (!est) continue;
      const vals: number[] = [];
      let seconds = 0;
      let choice = "";
      for (let s = 0; s < seeds; s++) {
        try {
          const e = await est.estimate(samples[s] as NonNullable<(typeof samples)[number]>, {
            ...col.options,
            replicates: 0,
            seed: s,
          });
          vals.push(e.estimate);
          seconds += e.seconds;
          if (col.estimator === "auto") choice = String(e.settings.choice ?? "");
        } catch (err) {
          row[col.label] = `error: ${(err as Error).message.slice(0, 60)}`;
        }
      }
      if (vals.length === 0) continue;
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const sd = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, vals.length - 1));
      const mae = vals.reduce((a, b) => a + Math.abs(b - task.trueMI), 0) / vals.length;
      row[col.label] = { mean, sd, mae, seconds: seconds / vals.length, ...(choice ? { choice } : {}) };
    }
    rows.push(row);
    if (!values.json) process.stderr.write(`${name} done\n`);
  }
  if (values.json) {
    console.log(JSON.stringify({ n, seeds, rows }));
    return;
  }
  const labels = COLUMNS.map((c) => c.label);
  console.log(`n = ${n}, ${seeds} seeds; cells: mean estimate (mean |error|), nats\n`);
  console.log(`| task | dims | true MI | ${labels.join(" | ")} |`);
  console.log(`|---|---|---|${labels.map(() => "---").join("|")}|`);
  for (const r of rows) {
    const cells = labels.map((l) => {
      const c = r[l] as { mean: number; mae: number; choice?: string } | string | undefined;
      if (c === undefined) return "";
      if (typeof c === "string") return c;
      return `${c.mean.toFixed(3)} (${c.mae.toFixed(3)})${c.choice ? ` ${c.choice}` : ""}`;
    });
    console.log(`| ${r.task} | ${r.dims} | ${(r.truth as number).toFixed(3)} | ${cells.join(" | ")} |`);
  }
}

await main();
