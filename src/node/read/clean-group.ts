import { InfonceError } from "../../errors.js";
import { duplicateText, judgeColumns } from "../../estimators/judge-columns.js";
import { takeColumns } from "../../estimators/sample-checks.js";
import type { Matrix } from "../../types.js";
import type { ColumnInfo } from "./column-stats.js";

/** A column that was read but left out of the sample, and why. */
export interface SetAsideColumn {
  readonly group: "x" | "y";
  readonly name: string;
  readonly reason: string;
}

/**
 * A text column with more distinct labels than this fraction of its rows (and more than IDENTIFIER_MIN_LABELS) is
 * an identifier (a name, a key, a timestamp), not a category: nearly every class has one row, so no estimator can
 * learn anything from it, and the plug-in would report log n. It is set aside like a constant.
 */
const IDENTIFIER_FRACTION = 0.5;
const IDENTIFIER_MIN_LABELS = 20;

/** Why an identifier column is set aside; `note` adds to what the parenthesis says. */
export function identifierReason(labels: number, rows: number, note = ""): string {
  return `an identifier, not a category (${labels} distinct labels in ${rows} rows${note})`;
}

/** A text column with this many distinct labels in this many rows is an identifier (IDENTIFIER_FRACTION). */
export function isIdentifier(labels: number, rows: number): boolean {
  return labels > IDENTIFIER_MIN_LABELS && labels > IDENTIFIER_FRACTION * rows;
}

/**
 * Sets aside constant and duplicated columns of a group (the estimators' column rule, judgeColumns) and text
 * columns that are identifiers, with a warning; a group left with nothing usable is an E_DATA error.
 * Returns the kept columns and their fingerprints (for the X-against-Y comparison).
 */
export function cleanGroup(
  side: "x" | "y",
  file: string,
  matrix: Matrix<Float64Array>,
  infos: readonly ColumnInfo[],
  setAside: SetAsideColumn[],
  warnings: string[],
): { matrix: Matrix<Float64Array>; info: ColumnInfo[]; keep: number[]; keys: Float64Array } {
  const keep: number[] = [];
  const { verdicts, keys } = judgeColumns(matrix);
  verdicts.forEach((v, j) => {
    const s = infos[j]!;
    const labels = s.categories?.length ?? 0;
    if (isIdentifier(labels, matrix.rows)) {
      setAside.push({
        group: side,
        name: s.name,
        reason: identifierReason(labels, matrix.rows),
      });
    } else if (v.kind === "kept") keep.push(j);
    else if (v.kind === "constant") {
      const value = s.categories === undefined ? String(v.value) : `'${s.categories[0]}'`;
      setAside.push({ group: side, name: s.name, reason: `constant (${value})` });
    } else setAside.push({ group: side, name: s.name, reason: duplicateText(v, `'${infos[v.of]!.name}'`) });
  });
  const mine = setAside.filter((c) => c.group === side);
  if (keep.length === 0) {
    const why = mine
      .slice(0, 3)
      .map((c) => `'${c.name}' is ${c.reason}`)
      .join(", ");
    throw new InfonceError(
      "E_DATA",
      `${file}: no usable ${side.toUpperCase()} column: ${why}; such a column carries no information an estimate can use, so select other columns with --${side}`,
    );
  }
  for (const c of mine) warnings.push(`${side.toUpperCase()} column '${c.name}' set aside: ${c.reason}`);
  return {
    matrix: keep.length === matrix.cols ? matrix : takeColumns(matrix, keep),
    info: keep.map((j) => infos[j]!),
    keep,
    keys: Float64Array.from(keep, (j) => keys[j]!),
  };
}
