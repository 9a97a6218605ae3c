/**
 * Why an estimator can land wholly below zero, and what to use instead. MI is never negative, so a 95% interval
 * entirely below 0 is a diagnosis of the estimator's bias on this table, not a result.
 */
const CAUSES: Readonly<Record<string, string>> = {
  mixed:
    "nearest-neighbour counts in many dimensions are biased low (the Ross/Gao estimator's bias grows with the dimension of the continuous side)",
  ksg: "KSG is biased low when the dimension is high or the marginals are far from uniform",
  ksg2: "KSG is biased low when the dimension is high or the marginals are far from uniform",
  classifier:
    "the classifier chosen on the validation rows costs more held-out likelihood than it gains (fitted to noise, or too few rows per class), so its held-out bound reads below the bound it estimates",
  regression:
    "the decoder chosen on the inner folds costs more held-out likelihood than it gains (a slope fitted to noise), so its held-out bound reads below the bound it estimates",
  infonce: "the critic is undertrained or overfitted on the training split",
  nwj: "the NWJ bound's variance grows like e^I, and an undertrained critic gives a value below 0",
  dv: "the critic is undertrained or overfitted on the training split",
  mine: "the critic is undertrained or overfitted on the training split",
  js: "the critic is undertrained or overfitted on the training split",
  smile: "the critic is undertrained or overfitted on the training split",
  alpha: "the critic is undertrained or overfitted on the training split",
};

/** Each estimator a warning may recommend, with the tables it suits. */
const ADVICE: Readonly<Record<string, string>> = {
  classifier: "classifier when one side is categorical",
  mixed: "mixed when one side is categorical and the other has a few continuous columns",
  ksg: "ksg when both sides have a few continuous columns",
  infonce: "infonce with copula: true in high dimension",
  auto: "auto (which treats this as a failure and moves on)",
};

/** The estimators recommended instead of one whose interval lies below 0; never the one itself. */
const INSTEAD: Readonly<Record<string, readonly string[]>> = {
  classifier: ["mixed", "infonce", "auto"],
  regression: ["ksg", "infonce", "auto"],
};
const DEFAULT_INSTEAD = ["classifier", "infonce", "auto"] as const;

/**
 * The warning an estimate carries when its whole 95% interval lies below 0 (null otherwise): the interval, the
 * cause for this estimator and the estimators to use instead — never the estimator that produced it.
 */
export function negativeIntervalWarning(estimator: string, ci95: readonly [number, number]): string | null {
  if (!(ci95[1] < 0)) return null;
  const cause = CAUSES[estimator] ?? "the estimator is biased on this table";
  const advice = (INSTEAD[estimator] ?? DEFAULT_INSTEAD)
    .filter((name) => name !== estimator)
    .map((name) => ADVICE[name] as string);
  const list = advice.length > 1 ? `${advice.slice(0, -1).join(", ")}, or ${advice.at(-1)}` : advice.join("");
  return (
    `impossible estimate: the whole 95% interval [${ci95[0].toFixed(3)}, ${ci95[1].toFixed(3)}] lies below 0, and MI ` +
    `cannot be negative; ${cause}. Use ${list}`
  );
}
