import type { Matrix } from "../../types.js";
import type { SetAsideColumn } from "./clean-group.js";
import { MOSTLY_EMPTY_FRACTION } from "./costly-columns.js";

/** One group's columns as the scattered-missing rule sees them (after setAsideCostlyColumns). */
export interface MissingGroup {
  readonly side: "x" | "y";
  readonly matrix: Matrix<Float64Array>;
  readonly names: readonly string[];
  /** Columns never set aside (a rank's target), whatever their missing cells. */
  readonly protect?: (j: number) => boolean;
}

interface Candidate {
  readonly group: number;
  readonly column: number;
  /** The rows where this column's cell is missing. */
  readonly rows: Int32Array;
}

/** Each column's missing rows, for the columns with any: two passes in row order. Linear in the cells. */
function missingRows(groups: readonly MissingGroup[]): Candidate[] {
  return groups.flatMap(({ matrix }, group) => {
    const { rows, cols, data } = matrix;
    const counts = new Int32Array(cols);
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) if (Number.isNaN(data[r * cols + j]!)) counts[j]!++;
    const at = Array.from(counts, (c) => new Int32Array(c));
    const filled = new Int32Array(cols);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) if (Number.isNaN(data[r * cols + j]!)) at[j]![filled[j]!++] = r;
    }
    return at.flatMap((rowsOf, column) => (rowsOf.length === 0 ? [] : [{ group, column, rows: rowsOf }]));
  });
}

/**
 * Missing cells scattered over many columns — none mostly empty on its own (setAsideCostlyColumns), but together
 * missing somewhere in most rows (a wide clinical table with every row missing one of a hundred values) — would
 * leave `dropMissingRows` few rows or none, and pandas' `dropna()` none either. Then the columns with the most
 * missing cells are set aside, one at a time, until the drop keeps at least half of the rows the other columns
 * allow (MOSTLY_EMPTY_FRACTION, the single-column rule's threshold: the same rule for a set of columns); a column
 * whose return would cost no row is put back. Protected columns and a group's last column stay (their missing
 * rows are dropped as before), so the target allows fewer rows than the table, never an estimate without it.
 * Pushes the set-aside columns to `setAside` and returns, per group, the indices of the columns kept. Linear in the
 * cells plus the missing cells times the columns set aside.
 */
export function setAsideScatteredMissing(groups: readonly MissingGroup[], setAside: SetAsideColumn[]): number[][] {
  const rows = groups[0]?.matrix.rows ?? 0;
  const kept = groups.map((g) => new Array<boolean>(g.matrix.cols).fill(true));
  const all = () => kept.map((k) => k.flatMap((on, j) => (on ? [j] : [])));
  // A protected column, or a group's only one, stays whatever it costs: the rows it misses are beyond reach.
  const fixed = (group: number, column: number) =>
    groups[group]?.protect?.(column) === true || groups[group]?.matrix.cols === 1;
  // Missing cells per row among the kept columns (a row is kept by the drop when its count is 0), and the rows a
  // fixed column misses, in one pass in row order: most tables stop here.
  const count = new Int32Array(rows);
  const allowed = new Uint8Array(rows).fill(1);
  groups.forEach(({ matrix: { cols, data } }, group) => {
    const isFixed = Array.from({ length: cols }, (_, j) => fixed(group, j));
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        if (!Number.isNaN(data[r * cols + j]!)) continue;
        count[r]!++;
        if (isFixed[j]) allowed[r] = 0;
      }
    }
  });
  const complete = () => count.reduce((n, c) => n + (c === 0 ? 1 : 0), 0);
  const reachable = allowed.reduce((n, a) => n + a, 0);
  const before = complete();
  let now = before;
  if (now >= (1 - MOSTLY_EMPTY_FRACTION) * reachable) return all();
  const left = groups.map((g) => g.matrix.cols);
  const removed: Candidate[] = [];
  // The most missing cells first; ties in column order.
  const order = missingRows(groups)
    .filter((c) => !fixed(c.group, c.column))
    .sort((a, b) => b.rows.length - a.rows.length);
  for (const c of order) {
    if (now >= (1 - MOSTLY_EMPTY_FRACTION) * reachable) break;
    if (left[c.group]! <= 1) continue;
    left[c.group]!--;
    kept[c.group]![c.column] = false;
    removed.push(c);
    for (const r of c.rows) if (--count[r]! === 0) now++;
  }
  // Put back, last removed first, every column whose missing rows are all dropped for another column anyway.
  for (let i = removed.length - 1; i >= 0; i--) {
    const c = removed[i]!;
    if (c.rows.every((r) => count[r]! > 0)) {
      kept[c.group]![c.column] = true;
      for (const r of c.rows) count[r]!++;
      removed.splice(i, 1);
    }
  }
  const after = complete();
  const once =
    removed.length === 1
      ? "once it was set aside"
      : `once the ${removed.length} with the most missing cells were set aside`;
  for (const c of removed) {
    const g = groups[c.group]!;
    setAside.push({
      group: g.side,
      name: g.names[c.column]!,
      reason: `missing in ${c.rows.length} of ${rows} rows; the columns' missing cells together left ${before} of ${rows} rows, ${after} ${once}`,
    });
  }
  return all();
}
