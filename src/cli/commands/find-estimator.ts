import { closeNames } from "../../close-names.js";
import { InfonceError } from "../../errors.js";
import { ESTIMATORS_BY_NAME } from "../../estimators/index.js";
import type { Estimator } from "../../types.js";

/** The registered estimator of this name, or E_UNKNOWN listing what is registered (with the closest name). */
export function findEstimator(name: string): Estimator {
  const e = ESTIMATORS_BY_NAME[name];
  if (e !== undefined) return e;
  const names = Object.keys(ESTIMATORS_BY_NAME);
  const close = closeNames(name, names);
  const hint = close.length > 0 ? `did you mean '${close[0]}'? ` : "";
  const list = names.length > 0 ? `registered: ${names.join(", ")}` : "no estimator is registered in this build";
  throw new InfonceError("E_UNKNOWN", `--estimator: unknown estimator '${name}'; ${hint}${list}`);
}

/** The registered estimator names, for --help. */
export function estimatorNames(): string {
  const names = Object.keys(ESTIMATORS_BY_NAME);
  return names.length === 0 ? "none registered in this build" : names.join(" | ");
}
