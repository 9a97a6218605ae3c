import { judgeColumns } from "../../estimators/judge-columns.js";
import { takeColumns } from "../../estimators/sample-checks.js";
import type { Matrix } from "../../types.js";
import { identifierReason, isIdentifier, type SetAsideColumn } from "./clean-group.js";

/**
 * A column with more than this fraction of its cells missing is set aside rather than allowed to drop its rows:
 * an Excel sheet's half-filled notes column, Titanic's `Cabin` (77% empty), would otherwise cost most of the table
 * for one column of a group (pandas' `dropna()` would drop those rows; scikit-learn would refuse the NaNs).
 */
export const MOSTLY_EMPTY_FRACTION = 0.5;

/** Why a column with missing cells is set aside before rows are dropped, or undefined to keep it. */
function costlyReason(
  matrix: Matrix<Float64Array>,
  j: number,
  labels: readonly string[] | undefined,
  missing: number,
): string | undefined {
  const { rows, cols, data } = matrix;
  if (missing === rows) return "empty (every cell missing)";
  const cells = `${missing} of ${rows} cells missing`;
  if (missing > MOSTLY_EMPTY_FRACTION * rows) return `mostly empty (${cells}), which would drop most rows`;
  const present = new Int32Array(rows - missing);
  for (let r = 0, k = 0; r < rows; r++) if (!Number.isNaN(data[r * cols + j]!)) present[k++] = r;
  // The readers' column rule (judgeColumns), on the rows where this column has a value.
  const verdict = judgeColumns(takeColumns(matrix, [j]), present).verdicts[0];
  if (verdict?.kind === "constant") {
    const value = labels === undefined ? String(verdict.value) : `'${labels[verdict.value]}'`;
    return `constant (${value}) where not missing (${cells})`;
  }
  const distinct = labels === undefined ? 0 : new Set(Array.from(present, (r) => data[r * cols + j]!)).size;
  if (isIdentifier(distinct, present.length)) {
    return identifierReason(distinct, present.length, `; ${cells}`);
  }
  return undefined;
}

/**
 * The columns of a group whose missing cells would drop rows for a column the estimate cannot use anyway — empty,
 * mostly empty (MOSTLY_EMPTY_FRACTION), constant where filled, or an identifier — are set aside before missing rows
 * are dropped, so that they cost no rows; a group keeps at least one column (then the usual rules apply after the
 * drop: cleanGroup refuses a group with nothing usable). Columns without missing cells are judged after the drop
 * by cleanGroup, as before. Pushes the set-aside columns to `setAside` (cleanGroup warns) and returns the indices
 * of the others. Linear in the cells of the columns with missing cells.
 */
export function setAsideCostlyColumns(
  side: "x" | "y",
  matrix: Matrix<Float64Array>,
  names: readonly string[],
  labels: readonly (readonly string[] | undefined)[],
  setAside: SetAsideColumn[],
  /** Columns never set aside (a rank's target), whatever their missing cells. */
  protect: (j: number) => boolean = () => false,
): number[] {
  const { rows, cols, data } = matrix;
  const missing = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) if (Number.isNaN(data[r * cols + j]!)) missing[j]!++;
  const reasons = missing.map((m, j) =>
    m === 0 || rows === 0 || protect(j) ? undefined : costlyReason(matrix, j, labels[j], m),
  );
  const keep = reasons.flatMap((r, j) => (r === undefined ? [j] : []));
  // Nothing usable would be left: keep the columns whose rows can still be dropped (fewest missing first), so the
  // group is judged after the drop and, if still unusable, refused there with the usual message.
  if (keep.length === 0) {
    const filled = missing.flatMap((m, j) => (m < rows ? [j] : []));
    const fewest = Math.min(...filled.map((j) => missing[j]!));
    keep.push(...filled.filter((j) => missing[j] === fewest));
  }
  reasons.forEach((reason, j) => {
    if (reason !== undefined && !keep.includes(j)) setAside.push({ group: side, name: names[j]!, reason });
  });
  return keep;
}
