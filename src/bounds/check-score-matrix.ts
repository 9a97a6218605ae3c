import { InfonceError } from "../errors.js";
import type { ScoreMatrix } from "../types.js";
import type { BoundParam } from "./bound-spec.js";

/**
 * Validates a score matrix at a bound's API boundary: integer shape with cols ≥ rows ≥ 1 (column i is row i's
 * positive), `data.length === rows·cols`, and every entry finite (a NaN or ±∞ score is reported with its position,
 * so a diverged critic is caught where it happens instead of surfacing as a NaN estimate).
 * `minNegatives` is the number of off-diagonal entries the bound needs (0 for InfoNCE, 1 for the others).
 */
export function checkScoreMatrix(S: ScoreMatrix, bound: string, minNegatives: number): void {
  const { rows, cols, data } = S;
  checkScoreShape(rows, cols, bound, minNegatives);
  if (data.length !== rows * cols) {
    throw new InfonceError(
      "E_SHAPE",
      `${bound}: S claims ${rows}×${cols} = ${rows * cols} entries but data has ${data.length}`,
    );
  }
  checkScoresFinite(data, data.length, cols, bound);
}

/** The shape rules of a K×M score matrix: integers, M ≥ K ≥ 1, and at least `minNegatives` off-diagonal entries. */
export function checkScoreShape(rows: number, cols: number, bound: string, minNegatives: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1) {
    throw new InfonceError(
      "E_SHAPE",
      `${bound}: S is ${rows}×${cols}; a score matrix needs integer dimensions with at least one row`,
    );
  }
  if (cols < rows) {
    throw new InfonceError(
      "E_SHAPE",
      `${bound}: S has ${rows} rows but only ${cols} columns; a K×M score matrix needs M ≥ K (column i is row i's positive)`,
    );
  }
  const negatives = rows * (cols - 1);
  if (negatives < minNegatives) {
    throw new InfonceError(
      "E_DATA",
      `${bound}: S is ${rows}×${cols}, which has no negative (off-diagonal) pair; this bound estimates E_p(x)p(y)[e^f] from negatives, so it needs K·(M−1) ≥ 1 (use K ≥ 2 or M ≥ 2)`,
    );
  }
}

/**
 * Throws E_VALUE naming the first NaN or ±∞ among the first n entries of a row-major score block with `cols`
 * columns whose first row is row `firstRow` of S, so a diverged critic is reported where it happened.
 */
export function checkScoresFinite(data: ArrayLike<number>, n: number, cols: number, fn: string, firstRow = 0): void {
  for (let p = 0; p < n; p++) {
    const v = data[p] as number;
    // v − v is 0 for finite v and NaN for NaN and ±∞: one comparison catches all three.
    if (v - v !== 0) {
      const r = Math.floor(p / cols);
      throw new InfonceError(
        "E_VALUE",
        `${fn}: S[${firstRow + r},${p - r * cols}] = ${v}; every score must be finite (a NaN or infinite score usually means the critic diverged)`,
      );
    }
  }
}

/** Validates a bound's parameter against its descriptor (E_VALUE naming the function, the key and the range). */
export function checkBoundParam(param: BoundParam, value: number, fn: string): void {
  if (typeof value !== "number" || !param.check(value)) {
    throw new InfonceError("E_VALUE", `${fn}: ${param.key} = ${value}; it must be ${param.expected}`);
  }
}
