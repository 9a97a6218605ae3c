import { BOUNDS } from "../../src/index.js";
import { h } from "./dom.js";

/** An estimator the reader can tick: the bound's name as the library knows it, a label and a one-line gloss. */
export interface EstimatorChoice {
  readonly name: string;
  /** Plain text, for the places no markup can go: chart legends, tooltips (title attributes), CSV. */
  readonly label: string;
  readonly description: string;
}

/**
 * Labels that are formulas, as TeX: the page renders these with KaTeX wherever HTML can go (the checkboxes, the
 * estimates table), so Poole's I_α reads with its subscript; the plain label stays for the rest.
 */
const LABEL_TEX: Readonly<Record<string, string>> = { alpha: String.raw`I_\alpha` };

/** Every bound of the library's registry (Poole et al. 2019; Song & Ermon 2020; docs/bounds.md), in its order. */
export const ESTIMATOR_CHOICES: readonly EstimatorChoice[] = BOUNDS.map((b) => ({
  name: b.name,
  label: b.label,
  description: b.description,
}));

/** Ticked when the page opens: the article's bound and its unbiased, noisier sibling. */
export const DEFAULT_ESTIMATORS: readonly string[] = ["infonce", "nwj"];

/** An estimator's plain label (its name when the registry does not know it). */
export function estimatorLabel(name: string): string {
  return ESTIMATOR_CHOICES.find((c) => c.name === name)?.label ?? name;
}

/**
 * An estimator's label for HTML: rendered math when the label is a formula, else its plain text. KaTeX is not in
 * the first view's script (main.ts): a formula label shows its plain text (Iα) until KaTeX is loaded, once the
 * page is idle, and then its rendering.
 */
export function estimatorLabelNode(name: string): Node {
  const source = LABEL_TEX[name];
  if (source === undefined) return document.createTextNode(estimatorLabel(name));
  const label = h("span", {}, estimatorLabel(name));
  whenIdle(() => {
    void import("./math.js").then(({ tex }) => label.replaceChildren(tex(source)));
  });
  return label;
}

/** Runs `task` when the page is idle (within a second at the latest); at once where requestIdleCallback is missing. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 0);
}
