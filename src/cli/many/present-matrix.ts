import type { MiMatrix } from "../../many/mi-matrix.js";
import { fmt } from "../format-table.js";
import type { CliIO } from "../io.js";
import { readWarnings } from "./read-warnings.js";

/** The JSON of `infonce matrix` (docs/cli.md, "matrix"). */
export function matrixJson(m: MiMatrix, context: Readonly<Record<string, unknown>>, partial: boolean) {
  return {
    columns: m.names,
    n: m.n,
    estimator: m.settings.estimator,
    settings: m.settings.settings,
    seed: m.settings.seed,
    normalization: m.normalization,
    ...(partial ? { partial: true } : {}),
    estimators: m.estimators,
    mi: m.mi,
    ci95Low: m.ci95Low,
    ci95High: m.ci95High,
    ...(m.normalized === undefined ? {} : { normalized: m.normalized }),
    warnings: [...readWarnings(context), ...m.warnings],
    input: context.input,
  };
}

/** The matrices of the JSON, written row by row. */
const GRIDS = new Set(["mi", "ci95Low", "ci95High", "normalized"]);

/**
 * `JSON.stringify(matrixJson(…))`, the same bytes, in pieces: the matrices a row at a time, so that the text of a
 * wide matrix (several hundred MB at a few thousand columns) is never one string in memory.
 */
export function* matrixJsonChunks(
  m: MiMatrix,
  context: Readonly<Record<string, unknown>>,
  partial: boolean,
): Generator<string> {
  let sep = "{";
  for (const [key, value] of Object.entries(matrixJson(m, context, partial))) {
    if (value === undefined) continue; // as JSON.stringify leaves it out
    yield `${sep}${JSON.stringify(key)}:`;
    sep = ",";
    if (GRIDS.has(key)) {
      const rows = value as readonly (readonly (number | null)[])[];
      for (let i = 0; i < rows.length; i++) yield `${i === 0 ? "[" : ","}${JSON.stringify(rows[i])}`;
      yield rows.length === 0 ? "[]" : "]";
    } else yield JSON.stringify(value);
  }
  yield sep === "{" ? "{}" : "}";
}

/** The long CSV of a matrix: one line per pair (i < j), written as it is produced, so memory stays per line. */
export function* matrixCsvLines(m: MiMatrix): Generator<string> {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const v = (x: number | null | undefined): string => (x === null || x === undefined ? "" : String(x));
  yield `a,b,mi,ci95_low,ci95_high${m.normalized === undefined ? "" : `,${m.normalization}`}\n`;
  for (let i = 0; i < m.names.length; i++) {
    for (let j = i + 1; j < m.names.length; j++) {
      const cells = [q(m.names[i] as string), q(m.names[j] as string), v(m.mi[i]?.[j]), v(m.ci95Low[i]?.[j])];
      cells.push(v(m.ci95High[i]?.[j]));
      if (m.normalized !== undefined) cells.push(v(m.normalized[i]?.[j]));
      yield `${cells.join(",")}\n`;
    }
  }
}

/** Prints a matrix summary (or JSON) and writes --out, --csv and --plot. */
export async function presentMatrix(
  io: CliIO,
  m: MiMatrix,
  context: Readonly<Record<string, unknown>>,
  options: {
    readonly json: boolean;
    readonly out?: string;
    readonly csv?: string;
    readonly plot?: string;
    readonly partial?: boolean;
  },
): Promise<void> {
  const partial = options.partial === true;
  const lines = function* (): Generator<string> {
    yield* matrixJsonChunks(m, context, partial);
    yield "\n";
  };
  if (options.json) for (const chunk of lines()) io.out(chunk);
  else io.out(summary(m, partial));
  const { writeFileAtomic } = await import("../../node/write/write-atomic.js");
  if (options.out !== undefined) await writeFileAtomic(options.out, lines(), "--out");
  if (options.csv !== undefined) await writeFileAtomic(options.csv, matrixCsvLines(m), "--csv");
  if (options.plot !== undefined) {
    const { miHeatmapSpec } = await import("../../plots/mi-heatmap-spec.js");
    const { writePlot } = await import("../../node/plot/write-plot.js");
    const norm = m.normalized !== undefined;
    const spec = miHeatmapSpec(m.names, m.normalized ?? m.mi, {
      title: `${norm ? m.normalization : "MI"} of ${m.names.length} variables (n = ${m.n})`,
      legend: norm ? m.normalization : "MI (nats)",
    });
    await writePlot(spec, options.plot);
  }
}

/** The strongest pairs, as text. */
function summary(m: MiMatrix, partial: boolean): string {
  const pairs: { a: string; b: string; v: number; lo: number | null; hi: number | null }[] = [];
  for (let i = 0; i < m.names.length; i++) {
    for (let j = i + 1; j < m.names.length; j++) {
      const v = m.mi[i]?.[j];
      if (typeof v === "number") {
        pairs.push({
          a: m.names[i] as string,
          b: m.names[j] as string,
          v,
          lo: m.ci95Low[i]?.[j] ?? null,
          hi: m.ci95High[i]?.[j] ?? null,
        });
      }
    }
  }
  pairs.sort((p, q) => q.v - p.v);
  const used = Object.entries(m.estimators)
    .map(([e, c]) => `${e} ×${c}`)
    .join(", ");
  const lines = [
    `MI matrix of ${m.names.length} variables, ${pairs.length} pairs (n = ${m.n}; ${used})${partial ? "  — PARTIAL: stopped early" : ""}`,
    "strongest pairs (nats, 95% interval):",
    ...pairs.slice(0, 10).map((p) => `  ${p.a} × ${p.b}  ${fmt(p.v)}  [${fmt(p.lo)}, ${fmt(p.hi)}]`),
  ];
  if (m.warnings.length > 0) lines.push("warnings:", ...m.warnings.map((w) => `  - ${w}`));
  return `${lines.join("\n")}\n`;
}
