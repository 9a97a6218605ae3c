import { BOUNDS } from "../../src/index.js";

/** An estimator the reader can tick: the bound's name as the library knows it, a label and a one-line gloss. */
export interface EstimatorChoice {
  readonly name: string;
  readonly label: string;
  readonly description: string;
}

/** Every bound of the library's registry (Poole et al. 2019; Song & Ermon 2020; docs/bounds.md), in its order. */
export const ESTIMATOR_CHOICES: readonly EstimatorChoice[] = BOUNDS.map((b) => ({
  name: b.name,
  label: b.label,
  description: b.description,
}));

/** Ticked when the page opens: the article's bound and its unbiased, noisier sibling. */
export const DEFAULT_ESTIMATORS: readonly string[] = ["infonce", "nwj"];
