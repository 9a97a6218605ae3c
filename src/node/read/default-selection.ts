import { InfonceError } from "../../errors.js";
import { type SourceColumn, selectColumns } from "./select-columns.js";

const X_NAME = /^x[_-]?\d*$/i;
const Y_NAME = /^y[_-]?\d*$/i;

/** The names pandas gives its index column: `Unnamed: 0` (read_csv of a to_csv), `__index_level_0__` (Parquet). */
const PANDAS_INDEX = /^(Unnamed: \d+|__index_level_\d+__)$/;

/**
 * The leading columns that are a written DataFrame index rather than data: unnamed in the header (`df.to_csv()`
 * writes the index under an empty name) or named as pandas names an index it read back. A row number is no
 * feature: a table sorted by class (iris, wine) has its label in the row order, and an index among the features
 * let the estimate read that order (iris, --y target: 1.096 of H(Y) = 1.099, for 1.016 from the measurements).
 */
export function indexColumns(columns: readonly SourceColumn[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < columns.length - 1; i++) {
    const c = columns[i]!;
    if (c.unnamed !== true && !PANDAS_INDEX.test(c.name)) break;
    out.push(i);
  }
  return out;
}

/**
 * X and Y when the user gave no selector: two fields (besides a pandas index) → one each; fields named x…/y… (x0, x1, y0, …) → those.
 * With one selector given, the other side is every remaining column but a pandas index (indexColumns).
 * Linear in the number of columns.
 */
export function defaultSelection(
  columns: readonly SourceColumn[],
  x: string | undefined,
  y: string | undefined,
  file: string,
): number[][] {
  const all = columns.map((_, i) => i);
  const rest = (taken: number[]) => {
    const t = new Set([...taken, ...indexColumns(columns)]);
    return all.filter((i) => !t.has(i));
  };
  if (x !== undefined && y !== undefined) {
    return [selectColumns(x, columns, `${file} --x`), selectColumns(y, columns, `${file} --y`)];
  }
  if (x !== undefined) {
    const xs = selectColumns(x, columns, `${file} --x`);
    return [xs, rest(xs)];
  }
  if (y !== undefined) {
    const ys = selectColumns(y, columns, `${file} --y`);
    return [rest(ys), ys];
  }
  const data = rest([]);
  const fields = [...new Set(data.map((i) => columns[i]!.field))];
  if (fields.length === 2)
    return [data.filter((i) => columns[i]!.field === fields[0]), data.filter((i) => columns[i]!.field === fields[1])];
  const xs = data.filter((i) => X_NAME.test(columns[i]!.field));
  const ys = data.filter((i) => Y_NAME.test(columns[i]!.field));
  if (xs.length > 0 && ys.length > 0) return [xs, ys];
  const shown = fields.slice(0, 6).join(", ") + (fields.length > 6 ? ", …" : "");
  throw new InfonceError(
    "E_ARG",
    `${file} has ${fields.length} fields (${shown}); say which are X and Y, e.g. --x ${fields[0] ?? "a"} --y ${fields[1] ?? "b"}`,
  );
}
