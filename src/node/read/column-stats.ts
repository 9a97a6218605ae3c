/**
 * Running facts about one column, gathered while its values stream in: the count of distinct values (exact up to
 * `cap`, so classical estimators can tell categorical columns from continuous ones), whether every value is an
 * integer, and the range. Memory is O(cap) per column whatever the row count.
 */
export class ColumnStats {
  private seen: Set<number> | null = new Set();
  private readonly cap: number;
  /** True while every value seen is an integer. */
  integer = true;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  count = 0;

  constructor(cap = DISTINCT_CAP) {
    this.cap = cap;
  }

  add(v: number): void {
    this.count++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (this.integer && !Number.isInteger(v)) this.integer = false;
    if (this.seen !== null) {
      this.seen.add(v);
      if (this.seen.size > this.cap) this.seen = null;
    }
  }

  /** Exact count of distinct values, or null when there are more than `cap`. */
  get distinct(): number | null {
    return this.seen === null ? null : this.seen.size;
  }
}

/** Distinct values are counted exactly up to this many; beyond, a column is certainly not categorical. */
export const DISTINCT_CAP = 1000;

/** What a reader reports about each selected column. */
export interface ColumnInfo {
  /** Column name as in the file (`emb[3]` for element 3 of an array field `emb`; `3` for column 3 of headerless data). */
  readonly name: string;
  /** Exact number of distinct values, or null when above DISTINCT_CAP (then the column is surely not categorical). */
  readonly distinct: number | null;
  /** True when every value is an integer (with few distinct values: likely a category code). */
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

export function columnInfo(name: string, s: ColumnStats): ColumnInfo {
  return { name, distinct: s.distinct, integer: s.integer, min: s.min, max: s.max };
}
