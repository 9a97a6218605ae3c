import { takeColumns } from "../../estimators/sample-checks.js";
import type { SetAsideColumn } from "./clean-group.js";
import { setAsideCostlyColumns } from "./costly-columns.js";
import { setAsideScatteredMissing } from "./scattered-missing.js";
import { type MaskingGroup, setAsideTargetMasking } from "./target-masking.js";

/** One group of columns sharing its rows with the others, as the missing-cell rules read it. */
export type ColumnGroup = MaskingGroup;

const range = (n: number) => Array.from({ length: n }, (_, j) => j);

/** The group with only the columns `keep` (indices, in order); `protect` follows its columns. */
function narrowed(g: ColumnGroup, keep: readonly number[]): ColumnGroup {
  if (keep.length === g.matrix.cols) return g;
  const { protect } = g;
  return {
    side: g.side,
    matrix: takeColumns(g.matrix, keep),
    names: keep.map((j) => g.names[j]!),
    labels: keep.map((j) => g.labels[j]),
    ...(protect === undefined ? {} : { protect: (j: number) => protect(keep[j]!) }),
  };
}

/**
 * The readers' rules for columns with missing cells, one after another, each on the columns the one before kept:
 * a column whose missing cells would cost rows for nothing (setAsideCostlyColumns: empty, mostly empty, constant
 * where filled, an identifier), then columns whose scattered missing cells together would drop most rows
 * (setAsideScatteredMissing), then a column missing wherever a target has some value (setAsideTargetMasking).
 * `estimate` (read-paired-sample.ts) and rank and matrix (read-column-table.ts) both read their groups through it.
 * Pushes every set-aside column to `setAside` and returns, per group, the indices of its columns kept.
 */
export function keptColumnsWithMissing(groups: readonly ColumnGroup[], setAside: SetAsideColumn[]): number[][] {
  let kept = groups.map((g) => range(g.matrix.cols));
  let current = groups;
  const narrow = (keep: readonly (readonly number[])[]) => {
    kept = kept.map((k, i) => keep[i]!.map((j) => k[j]!));
    current = current.map((g, i) => narrowed(g, keep[i]!));
  };
  narrow(current.map((g) => setAsideCostlyColumns(g.side, g.matrix, g.names, g.labels, setAside, g.protect)));
  narrow(setAsideScatteredMissing(current, setAside));
  narrow(setAsideTargetMasking(current, setAside));
  return kept;
}
