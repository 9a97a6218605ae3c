import { resolve } from "node:path";
import { type CommandDef, defineCommand } from "citty";
import { BOUND_NAMES, BOUNDS, boundSpec } from "../../bounds/registry.js";
import { InfonceError } from "../../errors.js";
import { checkPlotPath, writePlot } from "../../node/plot/write-plot.js";
import { writeFileOrFail } from "../../node/write/write-file-or-fail.js";
import {
  runStaircase,
  STAIRCASE_ESTIMATORS,
  type StaircaseEstimator,
  type StaircaseResult,
  staircaseFacts,
} from "../../staircase/run-staircase.js";
import { staircaseSpec } from "../../staircase/staircase-spec.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import type { CliIO } from "../io.js";

function list(s: string): string[] {
  return s
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function numbers(flag: string, raw: string, ok: (v: number) => boolean, what: string): number[] {
  const vs = list(raw).map(Number);
  if (vs.length === 0 || !vs.every(ok)) throw new InfonceError("E_ARG", `--${flag} must be ${what}, got '${raw}'`);
  return vs;
}

function one(flag: string, raw: string, ok: (v: number) => boolean, what: string): number {
  const v = Number(raw);
  if (!ok(v)) throw new InfonceError("E_ARG", `--${flag} must be ${what}, got '${raw}'`);
  return v;
}

const isInt = (min: number) => (v: number) => Number.isInteger(v) && v >= min;

/** The per-stair table and the two facts, as plain text. */
export function staircaseReport(result: StaircaseResult): string {
  const lines: string[] = [];
  const levels = (result.settings.levels as number[]) ?? [];
  lines.push(
    `Staircase: d = ${result.settings.dim}, batch K = ${result.settings.batchSize} (log K = ${result.logK.toFixed(3)}), ` +
      `${result.settings.stepsPerLevel} steps per stair, engine ${result.settings.engine}, ${result.seconds.toFixed(0)} s` +
      (result.partial ? " (stopped early: partial)" : ""),
    `Mean (variance) of the per-batch estimate over the last ${Math.round(Number(result.settings.tailFraction) * 100)}% of each stair:`,
  );
  const head = ["critic", "estimator", ...levels.map((l) => `I = ${l}`)];
  const rows = result.runs.map((r) => [
    r.critic,
    r.estimator,
    ...levels.map((_, i) => {
      const s = r.stairs[i];
      return s ? `${s.mean.toFixed(2)} (${s.variance.toPrecision(2)})` : "–";
    }),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const fmt = (cells: string[]) => cells.map((s, c) => s.padStart(widths[c] ?? 0)).join("  ");
  lines.push(fmt(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(fmt), "");
  const facts = staircaseFacts(result);
  for (const f of facts.infonceTop) {
    lines.push(
      `InfoNCE ceiling (${f.critic}): at true I = ${f.trueMI} nats InfoNCE averages ${f.mean.toFixed(3)} nats; ` +
        `log K = ${f.logK.toFixed(3)} (${((100 * f.mean) / f.logK).toFixed(1)}% of log K).`,
    );
  }
  for (const f of facts.nwjVariance) {
    const v = f.variances;
    const first = v[0];
    const last = v[v.length - 1];
    if (!first || !last) continue;
    lines.push(
      `NWJ variance (${f.critic}): ${v.map((s) => `${s.variance.toPrecision(3)} at I = ${s.trueMI}`).join(", ")}; ` +
        `×${(last.variance / first.variance).toPrecision(3)} from the first to the last stair.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `infonce staircase`: Poole et al. (2019) Fig. 2, curves as JSON and the figure as SVG. */
export default function staircaseCommand(io: CliIO): CommandDef {
  return defineCommand({
    meta: {
      name: "staircase",
      description:
        "Reproduce Poole et al. (2019) Fig. 2: critics trained with each bound while the true MI steps 2→10 nats",
    },
    args: {
      steps: { type: "string", description: "Training steps per stair (Poole: 4000)", default: "4000" },
      batch: { type: "string", description: "Batch size K", default: "64" },
      levels: { type: "string", description: "True MI of each stair, nats", default: "2,4,6,8,10" },
      dim: { type: "string", description: "Dimension of X and of Y", default: "20" },
      critics: { type: "string", description: "separable, concat or both", default: "separable,concat" },
      estimators: {
        type: "string",
        description: `Bounds among ${BOUND_NAMES.join(", ")}`,
        default: STAIRCASE_ESTIMATORS.map((e) => e.bound).join(","),
      },
      // One flag per bound parameter (--tau, --alpha, …), from the bound registry.
      ...Object.fromEntries(
        BOUNDS.flatMap((b) =>
          b.param
            ? [[b.param.key, { type: "string", description: b.param.doc, default: String(b.param.default) } as const]]
            : [],
        ),
      ),
      hidden: { type: "string", description: "Hidden layer widths", default: "256,256" },
      embed: { type: "string", description: "Embedding size of the separable critic", default: "32" },
      lr: { type: "string", description: "Adam learning rate", default: "5e-4" },
      seed: { type: "string", description: "Seed", default: "0" },
      out: { type: "string", description: "JSON file for the curves", default: "staircase.json" },
      plot: {
        type: "string",
        description: "The figure: .svg, .png or .json (Vega-Lite spec)",
        default: "staircase.svg",
      },
    },
    async run({ args }) {
      const steps = one("steps", args.steps, isInt(2), "an integer ≥ 2");
      const batch = one("batch", args.batch, isInt(2), "an integer ≥ 2");
      const levels = numbers("levels", args.levels, (v) => v >= 0 && Number.isFinite(v), "MI values ≥ 0 (nats)");
      const dim = one("dim", args.dim, isInt(1), "an integer ≥ 1");
      const critics = list(args.critics).map((c) => {
        if (c !== "separable" && c !== "concat") {
          throw new InfonceError("E_ARG", `--critics: unknown critic '${c}'; expected separable, concat`);
        }
        return c;
      });
      const flags = args as unknown as Record<string, string>;
      const estimators: StaircaseEstimator[] = list(args.estimators).map((name) => {
        const spec = BOUNDS.find((b) => b.name === name);
        if (!spec)
          throw new InfonceError("E_ARG", `--estimators: unknown '${name}'; expected ${BOUND_NAMES.join(", ")}`);
        const p = spec.param;
        return p
          ? { bound: name, param: one(p.key, flags[p.key] ?? String(p.default), p.check, p.expected) }
          : { bound: name };
      });
      const hidden = numbers("hidden", args.hidden, isInt(1), "layer widths ≥ 1");
      const embed = one("embed", args.embed, isInt(1), "an integer ≥ 1");
      const lr = one("lr", args.lr, (v) => v > 0 && Number.isFinite(v), "> 0");
      const seed = one("seed", args.seed, Number.isFinite, "a number");
      checkPlotPath(args.plot);
      let lastLabel = "";
      let t = Date.now();
      const result = await runStaircase({
        stepsPerLevel: steps,
        batchSize: batch,
        levels,
        dim,
        critics,
        estimators,
        hidden,
        embed,
        lr,
        seed,
        stop: io.stop,
        onProgress: (done, total, label) => {
          if (label !== lastLabel || Date.now() - t > 30_000 || done === total) {
            io.err(`staircase: ${label} — step ${done}/${total}\n`);
            lastLabel = label ?? "";
            t = Date.now();
          }
        },
      });
      const command =
        `infonce staircase --steps ${steps} --batch ${batch} --levels ${levels.join(",")} --dim ${dim} ` +
        `--critics ${critics.join(",")} --estimators ${list(args.estimators).join(",")} ` +
        estimators
          .flatMap((e) => {
            const p = boundSpec(e.bound).param;
            return p ? [`--${p.key} ${e.param} `] : [];
          })
          .join("") +
        `--hidden ${hidden.join(",")} --embed ${embed} --lr ${lr} --seed ${seed}`;
      const report = staircaseReport(result);
      io.out(report);
      const json = { command, ...result, facts: staircaseFacts(result) };
      // The figure first: if drawing fails (an optional package missing), no --out is left without its figure.
      const plot = resolve(io.cwd, args.plot);
      await writePlot(staircaseSpec(result), plot);
      const out = resolve(io.cwd, args.out);
      await writeFileOrFail(out, `${JSON.stringify(json)}\n`, "--out");
      io.err(`infonce: wrote ${out}\ninfonce: wrote ${plot}\n`);
      if (result.partial) {
        io.err("infonce: stopped early; the files hold the steps computed so far\n");
        return EXIT_INTERRUPTED;
      }
      return 0;
    },
  }) as unknown as CommandDef;
}
