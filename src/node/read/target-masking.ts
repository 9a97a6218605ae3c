import type { Matrix } from "../../types.js";
import type { SetAsideColumn } from "./clean-group.js";

/** One group's columns as the target-masking rule sees them (after the other missing-cell rules). */
export interface MaskingGroup {
  readonly side: "x" | "y";
  readonly matrix: Matrix<Float64Array>;
  readonly names: readonly string[];
  readonly labels: readonly (readonly string[] | undefined)[];
  /** Columns never set aside (a rank's target and groups). */
  readonly protect?: (j: number) => boolean;
}

/**
 * The fewest rows a value of a target must hold for a column missing on all of them to be set aside: a column
 * missing at random in a fraction p ≤ ½ of its rows (more is mostly empty, set aside before) misses all k rows of
 * a value with probability p^k, under 10⁻³ at k = 10, while a column not applicable to a value misses every row of it.
 */
export const MIN_MASKED_ROWS = 10;

/**
 * A target with more distinct values than this is not read for the rule (its values would hold n rows between them
 * in memory, for a continuous column of millions of rows): a label, a count, a year has far fewer.
 */
export const MAX_TARGET_VALUES = 50_000;

/** A target column (a group's only column, or a protected one) and its values held by MIN_MASKED_ROWS rows or more. */
interface Target {
  readonly group: number;
  readonly column: number;
  readonly values: ReadonlyMap<number, readonly number[]>;
}

function targetsOf(groups: readonly MaskingGroup[]): Target[] {
  return groups.flatMap(({ matrix: m, protect }, group) =>
    Array.from({ length: m.cols }, (_, column) => column)
      .filter((column) => m.cols === 1 || protect?.(column) === true)
      .map((column) => {
        const rows = new Map<number, number[]>();
        for (let r = 0; r < m.rows; r++) {
          const v = m.data[r * m.cols + column]!;
          if (Number.isNaN(v)) continue;
          const at = rows.get(v);
          if (at !== undefined) at.push(r);
          else if (rows.size === MAX_TARGET_VALUES) return { group, column, values: new Map() };
          else rows.set(v, [r]);
        }
        for (const [v, at] of rows) if (at.length < MIN_MASKED_ROWS) rows.delete(v);
        return { group, column, values: rows };
      }),
  );
}

/**
 * A column missing on every row where a target has some value — a district number left empty for every governor
 * and senator (fivethirtyeight's dem_candidates.csv: 132 of 811 cells, all 124 governor and senate rows among them)
 * — is not missing at random but not applicable there: dropping its rows would remove that value of the target
 * from the table, and the estimate would be of another table (or none: there `body` was left with one value and
 * refused). Such a column is set aside with a warning, as any column that cannot be used as it is, when the value
 * holds MIN_MASKED_ROWS rows or more. Protected columns and a group's last column stay. Pushes the set-aside
 * columns to `setAside` and returns, per group, the indices of the columns kept. Each column with missing cells is
 * read on a value's rows until its first present cell.
 */
export function setAsideTargetMasking(groups: readonly MaskingGroup[], setAside: SetAsideColumn[]): number[][] {
  const targets = targetsOf(groups).filter((t) => t.values.size > 0);
  return groups.map((g, group) => {
    const { matrix: m } = g;
    const keep: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      const isTarget = targets.some((t) => t.group === group && t.column === j);
      const masked =
        isTarget || g.protect?.(j) === true
          ? []
          : targets.flatMap((t) =>
              [...t.values]
                .filter(([, rows]) => rows.every((r) => Number.isNaN(m.data[r * m.cols + j]!)))
                .map(([v]) => ({ t, v })),
            );
      // A group keeps its last column, whatever it misses.
      const last = keep.length === 0 && j === m.cols - 1;
      if (masked.length === 0 || last) {
        keep.push(j);
        continue;
      }
      let missing = 0;
      for (let r = 0; r < m.rows; r++) if (Number.isNaN(m.data[r * m.cols + j]!)) missing++;
      const where = targets
        .map((t) => {
          const values = masked.filter((x) => x.t === t).map((x) => valueText(groups[t.group]!, t.column, x.v));
          return values.length === 0 ? "" : `'${groups[t.group]!.names[t.column]}' is ${values.join(" or ")}`;
        })
        .filter((s) => s !== "")
        .join(" and where ");
      setAside.push({
        group: g.side,
        name: g.names[j]!,
        reason: `missing in ${missing} of ${m.rows} rows, among them every row where ${where}: dropping them would remove that from the table (not applicable there, not missing at random)`,
      });
    }
    return keep;
  });
}

/** A target's value as the user wrote it: its label, or the number. */
function valueText(g: MaskingGroup, column: number, v: number): string {
  const labels = g.labels[column];
  return labels === undefined ? String(v) : `'${labels[v]}'`;
}
