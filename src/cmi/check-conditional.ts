import { InfonceError, isInfonceError } from "../errors.js";
import { checkSample, takeRows } from "../estimators/sample-checks.js";
import type { Matrix } from "../types.js";
import type { ConditionalSample } from "./cmi-types.js";

/** A checked conditional sample (checkSample's rules on each side: finite values, constant columns set aside). */
export interface CheckedConditional {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  readonly z: Matrix<Float64Array>;
  readonly n: number;
  readonly warnings: readonly string[];
}

/** Validates x, y and z (z against x as a pair, then y against x) with `checkSample`'s rules and messages. */
export function checkConditional(
  sample: ConditionalSample,
  estimator: string,
  minRows: number,
  why: string,
): CheckedConditional {
  if (sample.z === undefined) throw new InfonceError("E_ARG", `${estimator} needs z, the conditioning variable`);
  const xy = checkSample({ x: sample.x, y: sample.y }, estimator, minRows, why);
  const xz = checkZ(sample, estimator, minRows, why);
  const warnings = [
    ...xy.warnings,
    ...xz.warnings.filter((w) => / of y /.test(w)).map((w) => w.replace(" of y ", " of z ")),
  ];
  return { x: xy.x, y: xy.y, z: xz.y, n: xy.n, warnings };
}

/**
 * z checked against x as checkSample checks y, its errors naming z. A z that is wholly constant is an error of its
 * own: conditioning on it changes nothing (I(X;Y|Z) = I(X;Y)), which the user surely did not mean.
 */
function checkZ(sample: ConditionalSample, estimator: string, minRows: number, why: string) {
  try {
    return checkSample({ x: sample.x, y: sample.z }, estimator, minRows, why);
  } catch (e) {
    if (!isInfonceError(e)) throw e;
    if (e.message.startsWith("every column of y is constant")) {
      throw new InfonceError(
        "E_DATA",
        "every column of z is constant: conditioning on a constant changes nothing (I(X;Y|Z) = I(X;Y)); estimate the MI of x and y without z",
      );
    }
    throw new InfonceError(e.code, e.message.replace(/\by\b/g, "z"));
  }
}

/** Rows of all three sides (a resample). */
export function takeConditionalRows(c: CheckedConditional, rows: Int32Array): CheckedConditional {
  return { ...c, x: takeRows(c.x, rows), y: takeRows(c.y, rows), z: takeRows(c.z, rows), n: rows.length };
}
