import { type CommandDef, defineCommand } from "citty";
import { InfonceError } from "../../errors.js";
import { checkTheoryClaims, type TheoryClaim } from "../../theory/check-theory-claims.js";
import { computeTheory, THEORY_DEFAULTS, type TheoryResult } from "../../theory/compute-theory.js";
import { formatMeanSe, formatNats } from "../../theory/format-nats.js";
import { theoryMarkdown } from "../../theory/theory-markdown.js";
import type { CliIO } from "../io.js";

/** Exit code when a claim check fails on the computed numbers (a bug, or an unlucky tiny Monte Carlo run). */
export const EXIT_CLAIM_FAILED = 1;

function parseInteger(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= min)) {
    throw new InfonceError("E_ARG", `--${flag} must be an integer ≥ ${min}, got '${value}'`);
  }
  return n;
}

/** Right-aligned plain-text table: a header row, a rule, then the rows. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((s, c) => s.padStart(widths[c] ?? 0)).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function textReport(result: TheoryResult, claims: readonly TheoryClaim[], quiet: boolean): string {
  const parts: string[] = [];
  if (!quiet) {
    parts.push(
      "InfoNCE vs mutual information on laws with exact MI (nats). Each entry is the expected bound log K − L_K",
      "over batches of K pairs, ± its Monte Carlo standard error. Critics: optimal f = pmi(x,y); article",
      "f = log p(x,y); random: a fixed random function; pmi+log p(x) = log p(x|y). log N − L uses N = K − 1.",
      `seed ${result.seed}, ${result.rounds} rounds${result.partial ? " (stopped early: partial result)" : ""}.`,
      "",
    );
  }
  for (const law of result.laws) {
    parts.push(`${law.name}: ${law.description}`, `true I = ${formatNats(law.trueMI)} nats`);
    parts.push(
      table(
        ["K", "log K", "true I", "optimal", "article", "random", "pmi+log p(x)", "opt − article", "log N − L"],
        law.rows.map((r) => [
          String(r.K),
          formatNats(r.logK),
          formatNats(law.trueMI),
          formatMeanSe(r.optimal),
          formatMeanSe(r.article),
          formatMeanSe(r.random),
          formatMeanSe(r.conditional),
          formatMeanSe(r.articleGap),
          formatMeanSe(r.logNMinusL),
        ]),
      ),
      "",
    );
  }
  parts.push("Claims:");
  for (const c of claims) {
    parts.push(`  ${c.verdict.toUpperCase().padEnd(4)}  ${c.id}: ${c.claim}`);
    if (!quiet || c.verdict === "fail") parts.push(`        ${c.evidence}`);
  }
  const failed = claims.filter((c) => c.verdict === "fail").length;
  parts.push("", failed === 0 ? "All claims hold." : `${failed} claim(s) FAILED.`);
  if (!quiet) parts.push("Explained in docs/theory.md (`infonce theory --markdown` regenerates it).");
  return `${parts.join("\n")}\n`;
}

/** `infonce theory`: the seed article's claims about InfoNCE and MI, computed and checked. */
export default function theoryCommand(io: CliIO): CommandDef {
  const command = defineCommand({
    meta: {
      name: "theory",
      description:
        "Show, with numbers, how InfoNCE bounds mutual information: expected bounds over K = 2 … 1024 for the optimal, the article's and a random critic on laws with exact MI, and a verdict per claim",
    },
    args: {
      seed: { type: "string", description: `Seed of every random choice (default ${THEORY_DEFAULTS.seed})` },
      batches: {
        type: "string",
        description: `Monte Carlo size: batches at the largest K (default ${THEORY_DEFAULTS.rounds}, ≥ 2). Each round draws 1024 pairs that every K splits into 1024/K batches, so K = 2 averages 512× as many`,
      },
      json: { type: "boolean", description: "Print the numbers and verdicts as JSON (nats)" },
      markdown: { type: "boolean", description: "Print docs/theory.md, with this run's numbers" },
      quiet: { type: "boolean", description: "No progress and no explanations: the tables and verdicts only" },
    },
    run({ args }) {
      const seed = parseInteger("seed", args.seed, THEORY_DEFAULTS.seed, 0);
      const rounds = parseInteger("batches", args.batches, THEORY_DEFAULTS.rounds, 2);
      const showProgress = io.errIsTTY && args.quiet !== true && args.json !== true;
      const started = Date.now();
      const result = computeTheory({
        seed,
        rounds,
        stop: io.stop,
        onProgress: showProgress
          ? (done, total, label) => io.err(`\rtheory: ${label ?? ""} ${done}/${total} rounds   `)
          : undefined,
      });
      if (showProgress) io.err(`\rtheory: done in ${((Date.now() - started) / 1000).toFixed(1)} s${" ".repeat(30)}\n`);
      const claims = checkTheoryClaims(result);
      if (args.json === true) {
        io.out(`${JSON.stringify({ ...result, claims }, null, 2)}\n`);
      } else if (args.markdown === true) {
        const command = `infonce theory --seed ${seed} --batches ${rounds} --markdown`;
        io.out(theoryMarkdown(result, claims, { command }));
      } else {
        io.out(textReport(result, claims, args.quiet === true));
      }
      return claims.some((c) => c.verdict === "fail") ? EXIT_CLAIM_FAILED : 0;
    },
  });
  // citty's CommandDef is invariant in its args type; the registry holds plain CommandDefs.
  return command as unknown as CommandDef;
}
