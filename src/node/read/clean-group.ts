import { InfonceError } from "../../errors.js";
import type { Matrix } from "../../types.js";
import type { ColumnInfo } from "./column-stats.js";

/** A column that was read but left out of the sample, and why. */
export interface SetAsideColumn {
  readonly group: "x" | "y";
  readonly name: string;
  readonly reason: string;
}

/** Same values in every row (compared exactly). */
export function sameColumn(a: Matrix<Float64Array>, i: number, b: Matrix<Float64Array>, j: number): boolean {
  for (let r = 0; r < a.rows; r++) if (a.data[r * a.cols + i] !== b.data[r * b.cols + j]) return false;
  return true;
}

function keepColumns(m: Matrix<Float64Array>, keep: readonly number[]): Matrix<Float64Array> {
  if (keep.length === m.cols) return m;
  const data = new Float64Array(m.rows * keep.length);
  for (let r = 0; r < m.rows; r++) {
    for (let j = 0; j < keep.length; j++) data[r * keep.length + j] = m.data[r * m.cols + keep[j]!]!;
  }
  return { rows: m.rows, cols: keep.length, data };
}

/**
 * Sets aside constant and duplicated columns of a group with a warning; a group left with nothing usable is an
 * E_DATA error (MI with a constant is 0: there is nothing to estimate). Returns the kept columns.
 */
export function cleanGroup(
  side: "x" | "y",
  file: string,
  matrix: Matrix<Float64Array>,
  infos: readonly ColumnInfo[],
  /** Per column, a fingerprint equal for equal columns (column-stats.ts). */
  keys: Float64Array,
  setAside: SetAsideColumn[],
  warnings: string[],
): { matrix: Matrix<Float64Array>; info: ColumnInfo[]; keep: number[] } {
  const keep: number[] = [];
  const byKey = new Map<number, number[]>();
  for (let j = 0; j < infos.length; j++) {
    const s = infos[j]!;
    if (s.min === s.max) {
      const value = s.categories === undefined ? String(s.min) : `'${s.categories[0]}'`;
      setAside.push({ group: side, name: s.name, reason: `constant (${value})` });
      continue;
    }
    const key = keys[j]!;
    const twins = byKey.get(key) ?? [];
    const twin = twins.find((k) => sameColumn(matrix, k, matrix, j));
    if (twin !== undefined) {
      setAside.push({ group: side, name: s.name, reason: `duplicate of '${infos[twin]!.name}'` });
      continue;
    }
    twins.push(j);
    byKey.set(key, twins);
    keep.push(j);
  }
  const mine = setAside.filter((c) => c.group === side);
  if (keep.length === 0) {
    const why = mine
      .slice(0, 3)
      .map((c) => `'${c.name}' is ${c.reason}`)
      .join(", ");
    throw new InfonceError(
      "E_DATA",
      `${file}: no usable ${side.toUpperCase()} column: ${why}; a constant carries no information, so select varying columns with --${side}`,
    );
  }
  for (const c of mine) warnings.push(`${side.toUpperCase()} column '${c.name}' set aside: ${c.reason}`);
  return { matrix: keepColumns(matrix, keep), info: keep.map((j) => infos[j]!), keep };
}
