import type { BoundName } from "../../src/index.js";

/** An estimator the reader can tick: the bound's name as the library knows it, a label and a one-line gloss. */
export interface EstimatorChoice {
  readonly name: BoundName;
  readonly label: string;
  readonly description: string;
}

/** The bounds of Poole et al. 2019 / Song & Ermon 2020 the trainer supports (THEORY.md, "Other variational lower bounds"). */
export const ESTIMATOR_CHOICES: readonly EstimatorChoice[] = [
  { name: "infonce", label: "InfoNCE", description: "log K minus the loss: low variance, capped at log K" },
  {
    name: "nwj",
    label: "NWJ",
    description: "mean f on pairs − e⁻¹ · mean eᶠ on shuffled pairs: unbiased, variance grows like eᴵ",
  },
  { name: "js", label: "JS", description: "trained with the Jensen–Shannon objective, reported with NWJ on f + 1" },
  {
    name: "dv",
    label: "DV",
    description: "mean f on pairs − log mean eᶠ on shuffled pairs: the batch value is biased upward, can exceed I",
  },
  {
    name: "smile",
    label: "SMILE",
    description: "DV with f clipped to [−τ, τ] in the log term: an estimator, not a bound",
  },
  { name: "mine", label: "MINE", description: "DV trained with a moving average of mean eᶠ over batches" },
];

/** Ticked when the page opens: the article's bound and its unbiased, noisier sibling. */
export const DEFAULT_ESTIMATORS: readonly string[] = ["infonce", "nwj"];
