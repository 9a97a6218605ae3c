import type { BenchPart } from "./bench-part.js";
import type { BenchmarkResult, BenchmarkSummary } from "./benchmark-types.js";

/** Fixed decimals, "—" for NaN/null; values beyond ±1e6 (a diverged estimator) in exponent form. */
function fmt(v: number | null, digits = 3): string {
  if (v === null || !Number.isFinite(v)) return "—";
  if (Math.abs(v) >= 1e6) return v.toExponential(2);
  const t = v.toFixed(digits);
  // -0.0001 rounds to "-0.000": a sign on a zero only misleads.
  return /^-0\.?0*$/.test(t) ? t.slice(1) : t;
}

function pct(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  return v >= 1e4 ? `${(100 * v).toExponential(1)}%` : `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
}

function seconds(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return v < 0.1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(0);
}

/** The error of a summary as shown in the side-by-side table: relative to the truth, or absolute when I = 0. */
function errorCell(s: BenchmarkSummary): string {
  if (s.runs === s.failed) return "failed";
  const err = s.relativeError !== null ? pct(s.relativeError) : `±${fmt(s.meanAbsError)}`;
  const failed = s.failed > 0 ? `, ${s.failed}/${s.runs} failed` : "";
  const sat = s.saturatedRate > 0 ? " ⚠" : "";
  return `${fmt(s.meanEstimate)} (${err}${failed})${sat}`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export interface BenchmarkMarkdownOptions {
  /** A heading level for the sections (default 3: "###"). */
  readonly headingLevel?: number;
  /** The command that produced the result, printed in a code block. */
  readonly command?: string;
  /** What the truth column is called (default "true MI"; "true CMI" for conditional-MI tasks). */
  readonly truthLabel?: string;
}

/**
 * The benchmark as markdown: settings, a side-by-side table (tasks × estimators: mean estimate and mean absolute
 * error relative to the truth; ⚠ = flagged saturated in some run), a detailed table per (task, estimator), and
 * the failures with their messages.
 */
export function benchmarkMarkdown(result: BenchmarkResult, options: BenchmarkMarkdownOptions = {}): string {
  const h = "#".repeat(options.headingLevel ?? 3);
  const truthLabel = options.truthLabel ?? "true MI";
  const { settings, summary } = result;
  const lines: string[] = [];
  if (options.command !== undefined) lines.push("```sh", options.command, "```", "");
  const opts = Object.entries(settings.estimatorOptions)
    .filter(([, o]) => Object.keys(o).length > 0)
    .map(([name, o]) => `${name} ${JSON.stringify(o)}`);
  lines.push(
    `n = ${settings.n} per run; seeds ${settings.seeds.join(", ")}; ${settings.tasks.length} tasks × ` +
      `${settings.estimators.length} estimators = ${result.rows.length} runs in ${seconds(result.seconds)} s` +
      `${result.partial ? " (stopped early: partial)" : ""}.` +
      (opts.length > 0 ? ` Estimator settings: ${opts.join("; ")}.` : ""),
    "",
  );

  const byKey = new Map(summary.map((s) => [`${s.task}\u0000${s.estimator}`, s]));
  const tasks = settings.tasks.filter((t) => summary.some((s) => s.task === t));
  lines.push(`${h} Side by side: mean estimate (mean absolute error, relative to the truth) in nats`, "");
  lines.push(`| task | ${truthLabel} | ${settings.estimators.join(" | ")} |`);
  lines.push(`|---|---:|${settings.estimators.map(() => "---:|").join("")}`);
  for (const t of tasks) {
    const truth = summary.find((s) => s.task === t)?.truth ?? Number.NaN;
    const cells = settings.estimators.map((e) => {
      const s = byKey.get(`${t}\u0000${e}`);
      return s === undefined ? "" : errorCell(s);
    });
    lines.push(`| ${t} | ${fmt(truth)} | ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "For I = 0 the error is absolute (±nats). ⚠: the estimator flagged saturation (an InfoNCE estimate within 5% of log K, or still rising as K doubles; KSG within 10% of ψ(n) − ψ(k); a Gaussian-copula estimate still rising with the rows).",
    "",
  );

  // auto's rows say which estimator it ran (its choice, or the fallback after a refusal).
  const chose = summary.some((s) => s.choices.length > 0);
  lines.push(`${h} Details per task and estimator`, "");
  lines.push(
    `| task | estimator | ${truthLabel} | mean ± sd | bias | mean abs err | rel. err | CI coverage | time/run (s) | failed |` +
      (chose ? " auto ran |" : ""),
  );
  lines.push(`|---|---|---:|---:|---:|---:|---:|---:|---:|---:|${chose ? "---|" : ""}`);
  for (const t of tasks) {
    for (const e of settings.estimators) {
      const s = byKey.get(`${t}\u0000${e}`);
      if (s === undefined) continue;
      const ok = s.runs - s.failed;
      const coverage = s.coverage === null ? "—" : `${Math.round(s.coverage * ok)}/${ok}`;
      lines.push(
        `| ${t} | ${e} | ${fmt(s.truth)} | ${fmt(s.meanEstimate)} ± ${fmt(s.sdEstimate)} | ${fmt(s.meanError)} | ` +
          `${fmt(s.meanAbsError)} | ${pct(s.relativeError)} | ${coverage} | ${seconds(s.meanSeconds)} | ` +
          `${s.failed}/${s.runs} |${chose ? ` ${s.choices.join(", ")} |` : ""}`,
      );
    }
  }
  const failures = summary.filter((s) => s.failures.length > 0);
  if (failures.length > 0) {
    lines.push("", `${h} Failed runs`, "");
    for (const s of failures) {
      for (const m of s.failures) lines.push(`- ${s.estimator} on ${s.task}: ${escapeCell(m)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The benchmark, or a shard's part of it, as JSON (NaN and ±Infinity written as null, which JSON cannot hold). */
export function benchmarkJson(result: BenchmarkResult | BenchPart): string {
  return `${JSON.stringify(result, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}
