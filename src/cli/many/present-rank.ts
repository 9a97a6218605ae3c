import type { RankResult } from "../../many/rank-features.js";
import { fmt, formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import { readWarnings } from "./read-warnings.js";

/** The JSON of `infonce rank` (docs/cli.md, "rank"). NaN (no interval) is null. */
export function rankJson(r: RankResult, context: Readonly<Record<string, unknown>>, partial: boolean) {
  return {
    target: r.target,
    n: r.n,
    estimator: r.settings.estimator,
    settings: r.settings.settings,
    seed: r.settings.seed,
    ...(partial ? { partial: true } : {}),
    features: r.features.map((f) => ({
      name: f.name,
      estimate: f.estimate,
      ci95: f.ci95,
      stderr: f.stderr,
      estimator: f.estimator,
      ...(f.warnings.length > 0 ? { warnings: f.warnings } : {}),
    })),
    warnings: readWarnings(context),
    input: context.input,
  };
}

/** Prints a ranking (table or JSON) and writes --out and --plot. */
export async function presentRank(
  io: CliIO,
  r: RankResult,
  context: Readonly<Record<string, unknown>>,
  options: { readonly json: boolean; readonly out?: string; readonly plot?: string; readonly partial?: boolean },
): Promise<void> {
  const json = rankJson(r, context, options.partial === true);
  const text = JSON.stringify(json, null, 2);
  if (options.json) io.out(`${text}\n`);
  else {
    const rows = r.features.map((f, i) => [
      String(i + 1),
      f.name,
      fmt(f.estimate),
      `[${fmt(f.ci95[0])}, ${fmt(f.ci95[1])}]`,
      f.estimator,
    ]);
    io.out(
      `MI with target '${r.target}' (n = ${r.n}, estimator ${r.settings.estimator}, nats)${options.partial ? "  — PARTIAL: stopped early" : ""}\n\n${formatTable(["#", "feature", "MI", "95% interval", "estimator"], rows)}\n`,
    );
  }
  const { writeFileAtomic } = await import("../../node/write/write-atomic.js");
  if (options.out !== undefined) await writeFileAtomic(options.out, `${text}\n`, "--out");
  if (options.plot !== undefined) {
    const { estimatesSpec } = await import("../../plots/estimates-spec.js");
    const { writePlot } = await import("../../node/plot/write-plot.js");
    const rows = r.features.map((f) => ({
      estimator: f.name,
      estimate: f.estimate,
      lo: Number.isNaN(f.ci95[0]) ? null : f.ci95[0],
      hi: Number.isNaN(f.ci95[1]) ? null : f.ci95[1],
    }));
    await writePlot(
      estimatesSpec(rows, { title: `MI with '${r.target}' (nats), 95% intervals, n = ${r.n}` }),
      options.plot,
    );
  }
}
