import { copulaTransform, forEachRun } from "../estimators/copula.js";
import type { KsgPreprocessing } from "../estimators/ksg.js";
import { standardizeColumns } from "../estimators/standardize.js";
import { ascendingOrder } from "../math/ascending-order.js";

/**
 * One column prepared once for every pair that uses it (rank: the target with every feature; matrix: each column
 * with all others): its values scaled as KSG scales them, and their ascending order.
 */
export interface SortedColumn {
  /** Scaled values, original row order. */
  readonly values: Float64Array;
  /** The same values ascending. */
  readonly sorted: Float64Array;
  /** order[t] = the row of sorted[t]. */
  readonly order: Int32Array;
}

/** The raw column with its ascending order: what every scaled subset of it is derived from. */
export interface RawColumn {
  readonly raw: Float64Array;
  /** Rows in ascending order of `raw` (ties by row), computed once. */
  readonly order: Int32Array;
}

/** Sorts a raw column once. */
export function rawColumn(raw: Float64Array): RawColumn {
  return { raw, order: ascendingOrder(raw) };
}

/**
 * Scales a column exactly as `ksgValue` scales a one-column side (`standardizeColumns` / `copulaTransform` on an
 * n×1 matrix), so that the pairwise fast path gives KSG's own floats.
 */
export function scaleColumn(raw: Float64Array, preprocessing: KsgPreprocessing): Float64Array {
  const m = { rows: raw.length, cols: 1, data: raw };
  if (preprocessing === "standardize") return standardizeColumns(m).data;
  if (preprocessing === "copula") return copulaTransform(m, "random").data;
  return raw;
}

/**
 * The scaled column of rows `rows` (ascending row indices; all rows when absent) with its sorted order, without a
 * full sort: both scalings are non-decreasing maps of the raw values, so the raw order filtered to the subset is an
 * ascending order of the scaled subset too (equal scaled values may only gain ties, which a sorted array allows) —
 * except within a run of equal raw values, which the copula ranks in a random order: only those runs are re-sorted.
 */
export function sortedColumn(col: RawColumn, preprocessing: KsgPreprocessing, rows?: Int32Array): SortedColumn {
  const n = rows === undefined ? col.raw.length : rows.length;
  let raw = col.raw;
  let order = col.order;
  if (rows !== undefined) {
    raw = new Float64Array(n);
    const local = new Int32Array(col.raw.length).fill(-1);
    for (let t = 0; t < n; t++) {
      const r = rows[t] as number;
      local[r] = t;
      raw[t] = col.raw[r] as number;
    }
    order = new Int32Array(n);
    let m = 0;
    for (let t = 0; t < col.order.length; t++) {
      const l = local[col.order[t] as number] as number;
      if (l >= 0) order[m++] = l;
    }
  }
  const values = scaleColumn(raw, preprocessing);
  if (preprocessing === "copula") order = reorderTies(raw, values, order);
  const sorted = new Float64Array(n);
  for (let t = 0; t < n; t++) sorted[t] = values[order[t] as number] as number;
  return { values, sorted, order };
}

/**
 * `order` (ascending in `raw`) made ascending in `values` too, where `values` is strictly increasing in `raw` but
 * splits runs of equal raw values (the copula's random ranks of ties): each such run is sorted by value. Returns
 * `order` itself when the column has no ties.
 */
function reorderTies(raw: Float64Array, values: Float64Array, order: Int32Array): Int32Array {
  let out: Int32Array | null = null;
  forEachRun(raw, order, (start, end) => {
    if (end - start === 1) return;
    out ??= order.slice();
    out.subarray(start, end).sort((a, b) => (values[a] as number) - (values[b] as number));
  });
  return out ?? order;
}

/** A column as the shared-column KSG route uses it: its raw order (for the interval's subsets) and its scaling. */
export interface PreparedColumn {
  readonly raw: RawColumn;
  readonly scaled: SortedColumn;
}

/** Sorts and scales a column once, for every pair that uses it with this preprocessing. */
export function preparedColumn(raw: Float64Array, preprocessing: KsgPreprocessing): PreparedColumn {
  const r = rawColumn(raw);
  return { raw: r, scaled: sortedColumn(r, preprocessing) };
}

/**
 * The bytes a prepared column holds beyond the table's own column: the order (4 per row), the sorted values (8),
 * the scaled values (8, unless the scaling is none and they are the table's column) — about 20 bytes per row.
 */
export function preparedBytes(p: PreparedColumn): number {
  const { raw, scaled } = p;
  let bytes = raw.order.byteLength + scaled.sorted.byteLength;
  if (scaled.values !== raw.raw) bytes += scaled.values.byteLength;
  if (scaled.order !== raw.order) bytes += scaled.order.byteLength;
  return bytes;
}
