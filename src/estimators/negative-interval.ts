/**
 * Why an estimator can land wholly below zero, and what to use instead. MI is never negative, so a 95% interval
 * entirely below 0 is a diagnosis of the estimator's bias on this table, not a result.
 */
const CAUSES: Readonly<Record<string, string>> = {
  mixed:
    "nearest-neighbour counts in many dimensions are biased low (the Ross/Gao estimator's bias grows with the dimension of the continuous side)",
  ksg: "KSG is biased low when the dimension is high or the marginals are far from uniform",
  ksg2: "KSG is biased low when the dimension is high or the marginals are far from uniform",
  nwj: "the NWJ bound's variance grows like e^I, and an undertrained critic gives a value below 0",
  dv: "the critic is undertrained or overfitted on the training split",
  mine: "the critic is undertrained or overfitted on the training split",
  js: "the critic is undertrained or overfitted on the training split",
  smile: "the critic is undertrained or overfitted on the training split",
  alpha: "the critic is undertrained or overfitted on the training split",
};

/**
 * The warning an estimate carries when its whole 95% interval lies below 0 (null otherwise): the interval, the
 * cause for this estimator and the estimators to use instead.
 */
export function negativeIntervalWarning(estimator: string, ci95: readonly [number, number]): string | null {
  if (!(ci95[1] < 0)) return null;
  const cause = CAUSES[estimator] ?? "the estimator is biased on this table";
  return (
    `impossible estimate: the whole 95% interval [${ci95[0].toFixed(3)}, ${ci95[1].toFixed(3)}] lies below 0, and MI ` +
    `cannot be negative; ${cause}. Use classifier when one side is categorical, infonce with copula: true in high ` +
    "dimension, or auto (which treats this as a failure and moves on)"
  );
}
