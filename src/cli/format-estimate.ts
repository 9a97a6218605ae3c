import type { EstimateJson } from "./estimate-json.js";
import { fmt } from "./format-table.js";

const LN2 = Math.LN2;

/** The human summary of one estimate, as printed on stdout without --json. */
export function formatEstimate(r: EstimateJson): string {
  const files = r.input === undefined ? "" : ` on ${r.input.files.join(" + ")}`;
  const dims =
    r.input === undefined
      ? ""
      : `, X: ${plural(r.input.x.columns.length, "column")}, Y: ${plural(r.input.y.columns.length, "column")}`;
  const lines = [`${r.estimator}${files} (n = ${r.n}${dims})${r.partial ? "  — PARTIAL: stopped early" : ""}`];
  // `auto` says what it chose and why, and the reference estimate it ran beside it.
  if (typeof r.settings.choice === "string") {
    lines.push(`  chose ${r.settings.choice}: ${String(r.settings.reason ?? "")}`);
    const ref = r.settings.reference as { estimate?: number; ci95?: readonly [number, number] } | undefined;
    if (typeof ref?.estimate === "number") {
      const ci = ref.ci95 ? ` [${fmt(ref.ci95[0])}, ${fmt(ref.ci95[1])}]` : "";
      lines.push(`  reference (Gaussian copula): ${fmt(ref.estimate)} nats${ci}`);
    }
  }
  lines.push("");
  const bits = (v: number | null) => (v === null ? null : v / LN2);
  const row = (label: string, nats: string, bitsText: string) =>
    lines.push(`  ${label.padEnd(13)}${nats.padStart(18)}${bitsText.padStart(20)}`);
  row("", "nats", "bits");
  row("estimate", fmt(r.estimate), fmt(r.estimateBits));
  row("95% interval", `[${fmt(r.ci95[0])}, ${fmt(r.ci95[1])}]`, `[${fmt(bits(r.ci95[0]))}, ${fmt(bits(r.ci95[1]))}]`);
  row("std. error", fmt(r.stderr), fmt(bits(r.stderr)));
  if (r.logK === null) row("log K", "— (no batch bound)", "");
  else row("log K", fmt(r.logK), fmt(bits(r.logK)));
  // A saturated InfoNCE estimate carries a read-out without the log K ceiling: shown beside it, labelled.
  const cf = r.settings.ceilingFree as { estimate?: number; ci95?: readonly [number, number] } | undefined;
  if (typeof cf?.estimate === "number" && cf.ci95 !== undefined) {
    lines.push(
      "",
      "  beside it, without the log K ceiling (same critic, positive left out of the normaliser; errs high):",
    );
    row("read-out", fmt(cf.estimate), fmt(bits(cf.estimate)));
    row(
      "95% interval",
      `[${fmt(cf.ci95[0])}, ${fmt(cf.ci95[1])}]`,
      `[${fmt(bits(cf.ci95[0]))}, ${fmt(bits(cf.ci95[1]))}]`,
    );
  }
  lines.push("", `  time ${r.seconds.toFixed(2)} s, seed ${String(r.settings.seed ?? "—")}`);
  if (r.input !== undefined && r.input.setAside.length > 0) {
    lines.push(`  set aside: ${r.input.setAside.map((c) => `${c.name} (${c.reason})`).join(", ")}`);
  }
  if (r.warnings.length > 0) {
    lines.push("", "warnings:");
    for (const w of r.warnings) lines.push(`  - ${w}`);
  }
  return `${lines.join("\n")}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
