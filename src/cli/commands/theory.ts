import { checkTheoryClaims, type TheoryClaim } from "../../theory/check-theory-claims.js";
import { computeTheory, THEORY_DEFAULTS, type TheoryResult } from "../../theory/compute-theory.js";
import { formatMeanSe, formatNats } from "../../theory/format-nats.js";
import { theoryMarkdown } from "../../theory/theory-markdown.js";
import { intArg } from "../common-args.js";
import { defineCliCommand } from "../define-cli-command.js";
import { EXIT_INTERRUPTED } from "../exit-codes.js";
import { formatTable } from "../format-table.js";
import type { CliIO } from "../io.js";
import { createProgress } from "../progress.js";
import type { CommandFactory } from "./index.js";

/** Exit code when a claim check fails on the computed numbers (a bug, or an unlucky tiny Monte Carlo run). */
export const EXIT_CLAIM_FAILED = 1;

function textReport(result: TheoryResult, claims: readonly TheoryClaim[], quiet: boolean): string {
  const parts: string[] = [];
  if (!quiet) {
    parts.push(
      "InfoNCE vs mutual information on laws with exact MI (nats). Each entry is the expected bound log K − L_K",
      "over batches of K pairs, ± its Monte Carlo standard error. Critics: optimal f = pmi(x,y); article",
      "f = log p(x,y); random: a fixed random function; pmi+log p(x) = log p(x|y). log N − L uses N = K − 1.",
      `seed ${result.seed}, ${result.rounds} rounds.`,
      "",
    );
  }
  if (result.partial) parts.push(`Stopped early: partial result over the ${result.rounds} rounds completed.`, "");
  for (const law of result.laws) {
    parts.push(`${law.name}: ${law.description}`, `true I = ${formatNats(law.trueMI)} nats`);
    parts.push(
      formatTable(
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
const theoryCommand: CommandFactory = (io: CliIO) =>
  defineCliCommand({
    meta: {
      name: "theory",
      description:
        "InfoNCE vs mutual information, with numbers: bounds over K for three critics on laws with exact MI, and a verdict per claim (exit 1 if one fails)",
    },
    args: {
      seed: { type: "string", description: `Seed of every random choice (default ${THEORY_DEFAULTS.seed})` },
      batches: {
        type: "string",
        description: `Monte Carlo size: batches at K = 1024 (default ${THEORY_DEFAULTS.rounds}, ≥ 2); K gets 1024/K times as many`,
      },
      json: { type: "boolean", description: "Print the numbers and verdicts as JSON (nats)" },
      markdown: { type: "boolean", description: "Print docs/theory.md, with this run's numbers" },
      quiet: { type: "boolean", description: "No progress and no explanations: the tables and verdicts only" },
    },
    run({ args }) {
      const seed = intArg(args.seed, "seed", 0) ?? THEORY_DEFAULTS.seed;
      const rounds = intArg(args.batches, "batches", 2) ?? THEORY_DEFAULTS.rounds;
      const progress = createProgress(io, { quiet: args.quiet === true || args.json === true });
      let result: TheoryResult;
      try {
        result = computeTheory({ seed, rounds, stop: io.stop, onProgress: progress.onProgress });
      } finally {
        progress.finish(); // a bar's render timer would keep the process alive past an error
      }
      const claims = checkTheoryClaims(result);
      if (args.json === true) {
        io.out(`${JSON.stringify({ ...result, claims }, null, 2)}\n`);
      } else if (args.markdown === true) {
        const command = `infonce theory --seed ${seed} --batches ${rounds} --markdown`;
        io.out(theoryMarkdown(result, claims, { command }));
      } else {
        io.out(textReport(result, claims, args.quiet === true));
      }
      if (result.partial) return EXIT_INTERRUPTED;
      return claims.some((c) => c.verdict === "fail") ? EXIT_CLAIM_FAILED : 0;
    },
  });

export default theoryCommand;
