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
 * Turns the NaN the C bound returns into the error the TypeScript oracle raises: a non-finite score (E_VALUE),
 * a bound that needs a negative pair on a K×1 batch (E_DATA).
 */
export function boundFailure(name: string, s: Float32Array, rows: number, cols: number): InfonceError {
  for (let p = 0; p < rows * cols; p++) {
    const v = s[p] as number;
    if (!Number.isFinite(v)) {
      const i = Math.floor(p / cols);
      return new InfonceError("E_VALUE", `${name}: score S[${i},${p - i * cols}] is ${v}; scores must be finite`);
    }
  }
  if (name !== "infonce" && cols < 2) {
    return new InfonceError(
      "E_DATA",
      `${name} needs at least one negative pair (M ≥ 2 columns), got a ${rows}×1 batch`,
    );
  }
  return new InfonceError("E_INTERNAL", `${name}: the compiled kernel returned NaN on finite scores`);
}

/** The shape rules of Kernel.bound: K ≥ 1 rows, M ≥ K columns, buffers long enough. */
export function checkBoundArgs(name: string, s: Float32Array, rows: number, cols: number, gradOut: Float32Array): void {
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(cols) && cols >= rows)) {
    throw new InfonceError(
      "E_SHAPE",
      `${name}: score matrix is ${rows}×${cols}; it needs K ≥ 1 rows and M ≥ K columns (column i is row i's positive)`,
    );
  }
  checkLength(`bound ${name}`, "s", s, rows * cols);
  checkLength(`bound ${name}`, "gradOut", gradOut, rows * cols);
}
