import { InfonceError } from "../errors.js";
import type { ScoreMatrix } from "../types.js";

/**
 * Validates a score matrix at a bound's API boundary: integer shape with cols ≥ rows ≥ 1 (column i is row i's
 * positive), `data.length === rows·cols`, and every entry finite (a NaN or ±∞ score is reported with its position,
 * so a diverged critic is caught where it happens instead of surfacing as a NaN estimate).
 * `minNegatives` is the number of off-diagonal entries the bound needs (0 for InfoNCE, 1 for the others).
 */
export function checkScoreMatrix(S: ScoreMatrix, bound: string, minNegatives: number): void {
  const { rows, cols, data } = S;
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
  if (data.length !== rows * cols) {
    throw new InfonceError(
      "E_SHAPE",
      `${bound}: S claims ${rows}×${cols} = ${rows * cols} entries but data has ${data.length}`,
    );
  }
  const negatives = rows * (cols - 1);
  if (negatives < minNegatives) {
    throw new InfonceError(
      "E_DATA",
      `${bound}: S is ${rows}×${cols}, which has no negative (off-diagonal) pair; this bound estimates E_p(x)p(y)[e^f] from negatives, so it needs K·(M−1) ≥ 1 (use K ≥ 2 or M ≥ 2)`,
    );
  }
  for (let p = 0; p < data.length; p++) {
    const v = data[p] as number;
    // v − v is 0 for finite v and NaN for NaN and ±∞: one comparison catches all three.
    if (v - v !== 0) {
      const i = Math.floor(p / cols);
      throw new InfonceError(
        "E_VALUE",
        `${bound}: S[${i},${p - i * cols}] = ${v}; every score must be finite (a NaN or infinite score usually means the critic diverged)`,
      );
    }
  }
}

/** Validates a scalar parameter: finite and inside [min, max] (inclusive). */
export function checkParameter(value: number, name: string, bound: string, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InfonceError("E_VALUE", `${bound}: ${name} = ${value}; it must be a finite number in [${min}, ${max}]`);
  }
}
