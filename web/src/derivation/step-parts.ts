import type { TheoryRow } from "../../../src/index.js";
import { h } from "../dom.js";
import { prose } from "../math.js";
import { fixed } from "../number-text.js";
import { formatMI, type Unit } from "../units.js";
import type { DerivationNumbers } from "../worker/derivation-worker.js";

/** What a step's live check reads: the numbers, the unit, and the K the reader picked. */
export interface StepContext {
  readonly numbers: DerivationNumbers;
  readonly unit: Unit;
  readonly K: number;
}

/** One step of the seed article, in its order: its claim, what is exactly true, and a check on the chosen law. */
export interface DerivationStep {
  readonly id: string;
  readonly title: string;
  /** The article's claim in words (translated) and its formula, in the article's notation (query q, candidates x). */
  readonly claim: string;
  readonly claimTex: string;
  /** What is exactly true, in our notation (query x, candidates y), and the paper it is from. */
  readonly truth: readonly string[];
  readonly truthTex: string;
  readonly reference: string;
  /** The live check: elements holding the library's numbers (each number also in a data-nats attribute). */
  check(ctx: StepContext): HTMLElement[];
}

export const r = String.raw;

/** A number cell: the value shown in the unit, the exact nats kept in data-nats for tests and copy. */
export function mi(nats: number, unit: Unit, attrs: Record<string, string> = {}): HTMLElement {
  return h("output", { ...attrs, "data-nats": String(nats) }, formatMI(nats, unit));
}
export function pm(m: { mean: number; se: number }, unit: Unit, attrs: Record<string, string> = {}): HTMLElement {
  return h("span", {}, mi(m.mean, unit, attrs), ` ± ${formatMI(m.se, unit).replace(/ .*/, "")}`);
}
export function table(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly (Node | string)[])[],
): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...head.map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((c) => h("td", {}, c))))),
    ),
  );
}
export function rowAt(ctx: StepContext): TheoryRow {
  const rows = ctx.numbers.theory.rows;
  return rows.find((row) => row.K === ctx.K) ?? (rows[rows.length - 1] as TheoryRow);
}
export function loose(text: string): HTMLElement {
  const p = prose("p", text);
  p.classList.add("loose");
  p.prepend(h("strong", {}, "Where the article is loose: "));
  return p;
}
export function holds(text: string): HTMLElement {
  const p = prose("p", text);
  p.classList.add("holds");
  return p;
}
export const n3 = (x: number): string => fixed(x, 3);
