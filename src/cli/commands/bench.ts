import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type CommandDef, defineCommand } from "citty";
import { makeBenchPart } from "../../benchmark/bench-part.js";
import type { BenchmarkEstimator, BenchmarkResult, BenchmarkTask } from "../../benchmark/benchmark-types.js";
import { type DescribedEstimator, estimatorVariant } from "../../benchmark/estimator-variant.js";
import { benchmarkJson, benchmarkMarkdown } from "../../benchmark/render-benchmark.js";
import { runBenchmark } from "../../benchmark/run-benchmark.js";
import { closeNames } from "../../close-names.js";
import { CMI_BENCH_ESTIMATORS, cmiBenchmarkTask } from "../../cmi/cmi-benchmark.js";
import { CMI_TASKS, type CmiTask } from "../../cmi/cmi-tasks.js";
import type { ConditionalSample } from "../../cmi/cmi-types.js";
import { InfonceError } from "../../errors.js";
import { ESTIMATORS } from "../../estimators/index.js";
import { checkSettingKeys, mergeSettings } from "../../estimators/read-settings.js";
import { getTask, suiteTasks, TASK_SUITES } from "../../tasks/registry.js";
import type { EstimateOptions, PairedSample } from "../../types.js";
import { parseSettingValue } from "../common-args.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { parseShard } from "../many/many-args.js";

function list(s: string): string[] {
  return s
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function positiveInt(name: string, raw: string, min: number): number {
  const v = Number(raw);
  if (!(Number.isInteger(v) && v >= min)) {
    throw new InfonceError("E_ARG", `--${name} must be an integer ≥ ${min}, got '${raw}'`);
  }
  return v;
}

/** Splits on commas outside brackets, so "neural.hidden=[128,128],ksg.k=5" gives two entries (and "ksg[k=5,copula=true],gaussian" two). */
function splitOptions(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of raw) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((v) => v.trim()).filter((v) => v.length > 0);
}

/**
 * --options "infonce.maxSteps=500,ksg.k=5,neural.hidden=[128,128],*.copula=true": settings per estimator, where the
 * selector is an estimator name (a variant's base name selects the variant too), a kind ("neural", "classical") or
 * "*" (all). Values are numbers, true/false,
 * JSON lists or strings. Later entries override earlier ones.
 */
export function parseEstimatorOptions(
  raw: string,
  estimators: readonly Pick<BenchmarkEstimator<unknown>, "name" | "kind" | "settings">[],
): Record<string, EstimateOptions> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const item of splitOptions(raw)) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(item);
    if (m === null) {
      throw new InfonceError(
        "E_ARG",
        `--options entry '${item}' must look like estimator.setting=value (e.g. ksg.k=5)`,
      );
    }
    const [, selector, key, value] = m as unknown as [string, string, string, string];
    const targets = estimators.filter(
      (e) =>
        selector === "*" ||
        selector === e.kind ||
        selector === e.name ||
        ("baseName" in e && selector === (e as { baseName: string }).baseName),
    );
    if (targets.length === 0) {
      throw new InfonceError(
        "E_ARG",
        `--options entry '${item}': '${selector}' matches none of the estimators run (${estimators.map((e) => e.name).join(", ")}); use a name, 'neural', 'classical' or '*'`,
      );
    }
    // A group ("*", "neural", "classical") sets the key on those of its estimators that have it (*.copula=true
    // leaves discrete alone); a key none of them has is a typo, named as the estimators name it.
    const byName = selector === "*" || selector === "neural" || selector === "classical";
    const takers = byName ? targets.filter((e) => e.settings === undefined || Object.hasOwn(e.settings, key)) : targets;
    if (takers.length === 0)
      checkSettingKeys(
        `--options ${selector}`,
        mergeSettings(targets.flatMap((e) => (e.settings === undefined ? [] : [e.settings]))),
        {
          [key]: null,
        },
      );
    for (const e of takers) {
      const o = out[e.name] ?? {};
      o[key] = parseSettingValue(value, "--options");
      out[e.name] = o;
    }
  }
  return out;
}

/**
 * Estimators by name, each optionally with fixed settings in brackets: "ksg,ksg[copula=true],infonce[maxSteps=500]"
 * (a variant: the same estimator with other settings, shown as its own column).
 */
function pickEstimators<S>(
  raw: string | undefined,
  registry: Readonly<Record<string, DescribedEstimator<S>>>,
): DescribedEstimator<S>[] {
  const names = Object.keys(registry);
  if (names.length === 0) {
    throw new InfonceError("E_ARG", "no estimators are registered in this build; nothing to benchmark");
  }
  if (raw === undefined || raw.trim() === "") return Object.values(registry);
  return splitOptions(raw).map((spec) => {
    const m = /^([^[\]]+)(?:\[(.*)\])?$/.exec(spec);
    const name = (m?.[1] ?? spec).trim();
    const e = registry[name];
    if (m === null || e === undefined) {
      const close = closeNames(name, names);
      throw new InfonceError(
        "E_UNKNOWN",
        `unknown estimator '${name}'.${close.length > 0 ? ` Did you mean: ${close.join(", ")}?` : ""} Estimators: ${names.join(", ")}`,
      );
    }
    if (m[2] === undefined) return e;
    const settings: Record<string, unknown> = {};
    for (const item of splitOptions(m[2])) {
      const kv = /^([^=]+)=(.*)$/.exec(item);
      if (kv === null) {
        throw new InfonceError("E_ARG", `estimator setting '${item}' in '${spec}' must look like key=value`);
      }
      settings[(kv[1] as string).trim()] = parseSettingValue((kv[2] as string).trim(), "--options");
    }
    return estimatorVariant(e, settings);
  });
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

/** The task names of a suite: the MI suites, or "cmi" (every conditional-MI task). */
function suiteNames(suite: string): readonly string[] {
  if (suite === "cmi") return CMI_TASKS.map((t) => t.name);
  if (Object.hasOwn(TASK_SUITES, suite)) return suiteTasks(suite);
  const suites = [...Object.keys(TASK_SUITES), "cmi"].join(", ");
  throw new InfonceError("E_UNKNOWN", `unknown suite '${suite}'; suites are ${suites}`);
}

/** Whether the tasks are conditional-MI tasks (all of them); E_ARG when MI and conditional-MI tasks are mixed. */
function isCmiRun(names: readonly string[]): boolean {
  const cmi = names.filter((name) => CMI_TASKS.some((t) => t.name === name));
  if (cmi.length === 0) return false;
  if (cmi.length === names.length) return true;
  throw new InfonceError(
    "E_ARG",
    `--tasks mixes conditional-MI tasks (${cmi.join(", ")}) with MI tasks; they take different estimators — run them apart (--suite cmi for the conditional ones)`,
  );
}

/** The conditional-MI tasks called `names`, as the benchmark runs them. */
function cmiTasks(names: readonly string[]): BenchmarkTask<ConditionalSample>[] {
  return names.map((name) => cmiBenchmarkTask(CMI_TASKS.find((t) => t.name === name) as CmiTask));
}

/** Runs the estimators on the tasks with one progress line per run on stderr. */
async function runSuite<S>(
  estimators: readonly DescribedEstimator<S>[],
  tasks: readonly BenchmarkTask<S>[],
  sweep: {
    readonly seeds: readonly number[];
    readonly n: number;
    readonly options: string | undefined;
    readonly shard: { readonly index: number; readonly count: number } | undefined;
    readonly io: CliIO;
  },
): Promise<{ readonly names: readonly string[]; readonly result: BenchmarkResult }> {
  const { seeds, n, io } = sweep;
  const estimatorOptions = sweep.options === undefined ? {} : parseEstimatorOptions(sweep.options, estimators);
  const width = String(estimators.length * tasks.length * seeds.length).length;
  const result = await runBenchmark({
    estimators,
    tasks,
    seeds,
    n,
    estimatorOptions,
    ...(sweep.shard === undefined ? {} : { shard: sweep.shard }),
    stop: io.stop,
    onProgress: ({ done, total, row }) => {
      const head = `[${String(done).padStart(width)}/${total}] ${row.estimator} on ${row.task} (seed ${row.seed})`;
      const body =
        row.status === "ok"
          ? `${fmt(row.estimate)} nats, truth ${fmt(row.truth)}${row.saturated ? " (saturated)" : ""}`
          : `FAILED: ${row.message}`;
      io.err(`${head}: ${body} in ${row.seconds.toFixed(2)} s\n`);
    },
  });
  return { names: estimators.map((e) => e.name), result };
}

/**
 * `infonce bench`: estimators × ground-truth tasks × seeds → a table of estimate, truth, error, interval coverage
 * and time (markdown, or JSON with --json), with one progress line per run on stderr. `registry` is injectable
 * so tests can run the command on estimators of their own.
 */
export function benchCommand(
  io: CliIO,
  registry: Readonly<Record<string, DescribedEstimator<PairedSample>>> = ESTIMATORS,
  cmiRegistry: Readonly<Record<string, DescribedEstimator<ConditionalSample>>> = CMI_BENCH_ESTIMATORS,
): CommandDef {
  return defineCommand({
    meta: {
      name: "bench",
      description: "Benchmark MI estimators on ground-truth tasks (estimate, error, interval coverage, time)",
    },
    args: {
      estimators: {
        type: "string",
        description: "Comma-separated estimators, each optionally with settings: ksg,ksg[copula=true] (default: all)",
      },
      tasks: { type: "string", description: "Comma-separated task names (overrides --suite; see `infonce tasks`)" },
      suite: {
        type: "string",
        description: "Task suite: quick, standard, tables, or cmi (the conditional-MI tasks, with the CMI estimators)",
        default: "quick",
      },
      seeds: { type: "string", description: "Number of seeds per task (seeds 0 … S−1)", default: "3" },
      n: { type: "string", description: "Sample size per run", default: "5000" },
      options: {
        type: "string",
        description: "Estimator settings: name.key=value,… (name, 'neural', 'classical' or '*')",
      },
      json: { type: "boolean", description: "Write JSON instead of markdown", default: false },
      out: { type: "string", description: "Write the table to this file (JSON when it ends in .json, else markdown)" },
      shard: {
        type: "string",
        description: "Run only share i of N (run k when k ≡ i mod N) and write it as a part to --out; join with merge",
        valueHint: "i/N",
      },
    },
    async run({ args }) {
      const taskNames =
        args.tasks !== undefined && args.tasks.trim() !== "" ? list(args.tasks) : suiteNames(args.suite);
      const seedCount = positiveInt("seeds", args.seeds, 1);
      const n = positiveInt("n", args.n, 2);
      const shard = parseShard(args.shard);
      if (shard !== undefined && (args.out === undefined || args.json)) {
        throw new InfonceError(
          "E_ARG",
          "--shard writes a part file: give --out FILE.json (and no --json); join the parts with infonce merge",
        );
      }
      const sweep = { seeds: Array.from({ length: seedCount }, (_, i) => i), n, options: args.options, shard, io };
      const cmi = isCmiRun(taskNames);
      const { names, result } = cmi
        ? await runSuite(pickEstimators(args.estimators, cmiRegistry), cmiTasks(taskNames), sweep)
        : await runSuite(
            pickEstimators(args.estimators, registry),
            taskNames.map((t) => getTask(t)),
            sweep,
          );

      // The command that reproduces this table, with every default spelled out.
      const command = [
        "infonce bench",
        `--estimators '${names.join(",")}'`,
        args.tasks !== undefined && args.tasks.trim() !== ""
          ? `--tasks ${taskNames.join(",")}`
          : `--suite ${args.suite}`,
        `--seeds ${seedCount} --n ${n}`,
        args.options === undefined ? "" : `--options '${args.options}'`,
      ]
        .filter((p) => p !== "")
        .join(" ");
      if (shard !== undefined && args.out !== undefined) {
        const { writeFileAtomic } = await import("../../node/write/write-atomic.js");
        const path = resolve(io.cwd, args.out);
        const part = makeBenchPart(result, shard, { command, cmi });
        await writeFileAtomic(path, `${benchmarkJson(part)}`, "--out");
        io.err(
          `infonce: bench part ${shard.index}/${shard.count}: ${result.rows.length} runs → ${path}; join the parts with: infonce merge PARTS…\n`,
        );
        if (result.partial) {
          io.err("infonce: stopped early; this part holds the runs finished so far and merge will refuse it\n");
          return EXIT_INTERRUPTED;
        }
        return 0;
      }
      // --out writes the file in the format of its extension (.json: JSON, else markdown); --json prints JSON on
      // stdout; with neither, markdown goes to stdout. So `--out table.md --json > table.json` gives both.
      if (args.out !== undefined) {
        const fileJson = args.out.toLowerCase().endsWith(".json");
        const path = resolve(io.cwd, args.out);
        try {
          await writeFile(
            path,
            fileJson
              ? benchmarkJson(result)
              : benchmarkMarkdown(result, { command, ...(cmi ? { truthLabel: "true CMI" } : {}) }),
            "utf8",
          );
        } catch (e) {
          throw new InfonceError("E_IO", `cannot write --out '${args.out}': ${(e as Error).message}`);
        }
        io.err(`infonce: wrote ${fileJson ? "JSON" : "markdown"} of ${result.rows.length} runs to ${path}\n`);
      }
      if (args.json) io.out(benchmarkJson(result));
      else if (args.out === undefined)
        io.out(benchmarkMarkdown(result, { command, ...(cmi ? { truthLabel: "true CMI" } : {}) }));
      const failed = result.rows.filter((r) => r.status === "failed").length;
      if (failed > 0) io.err(`infonce: ${failed} of ${result.rows.length} runs failed (listed in the table)\n`);
      if (result.partial) {
        io.err("infonce: stopped early; the table holds the runs finished so far\n");
        return EXIT_INTERRUPTED;
      }
      return 0;
    },
  }) as unknown as CommandDef;
}

export default (io: CliIO): CommandDef => benchCommand(io);
