import type { BoundSpec } from "../bounds/bound-spec.js";
import { checkBoundParam, checkScoreShape, checkScoresFinite } from "../bounds/check-score-matrix.js";
import { boundSpec } from "../bounds/registry.js";
import { InfonceError } from "../errors.js";

/**
 * Argument checks shared by the compiled engines (the C code trusts its arguments). Messages name the operation,
 * the argument, the bad value and what would be right.
 */
export function checkLength(op: string, arg: string, a: Float32Array, needed: number): void {
  if (!(a instanceof Float32Array)) {
    throw new InfonceError("E_ARG", `${op}: argument '${arg}' must be a Float32Array`);
  }
  if (a.length < needed) {
    throw new InfonceError(
      "E_SHAPE",
      `${op}: argument '${arg}' holds ${a.length} numbers but the shape needs ${needed}`,
    );
  }
}

/** Dimensions are integers ≥ 0 that fit the C int the kernels use. */
export function checkDims(op: string, dims: Readonly<Record<string, number>>): void {
  for (const [name, v] of Object.entries(dims)) {
    if (!(Number.isInteger(v) && v >= 0 && v <= 2147483647)) {
      throw new InfonceError("E_SHAPE", `${op}: ${name} must be an integer ≥ 0, got ${v}`);
    }
  }
}

/**
 * Kernel.bound's contract, checked the same way for every engine before any arithmetic: the bound is registered,
 * S is K×M with M ≥ K ≥ 1 and enough negatives, both buffers hold K·M numbers, and the parameter is in range.
 * Returns the bound's descriptor. (Finiteness of the scores is checked by the TypeScript bounds as they read them,
 * and reported by the C kernels as a NaN that boundFailure explains.)
 */
export function checkBoundCall(
  name: string,
  s: Float32Array,
  rows: number,
  cols: number,
  param: number,
  gradOut: Float32Array,
  bounds: readonly BoundSpec[],
): BoundSpec {
  const spec = boundSpec(name, bounds);
  checkScoreShape(rows, cols, `bound ${name}`, spec.minNegatives);
  checkLength(`bound ${name}`, "s", s, rows * cols);
  checkLength(`bound ${name}`, "gradOut", gradOut, rows * cols);
  if (spec.param !== undefined) checkBoundParam(spec.param, param, `bound ${name}`);
  return spec;
}

/** Turns the NaN a C bound returns after checkBoundCall passed into the error the TypeScript bound raises. */
export function boundFailure(name: string, s: Float32Array, rows: number, cols: number): InfonceError {
  try {
    checkScoresFinite(s, rows * cols, cols, `bound ${name}`);
  } catch (e) {
    if (e instanceof InfonceError) return e;
    throw e;
  }
  return new InfonceError("E_INTERNAL", `${name}: the compiled kernel returned NaN on finite scores`);
}
