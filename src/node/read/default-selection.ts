import { InfonceError } from "../../errors.js";
import { type SourceColumn, selectColumns } from "./select-columns.js";

const X_NAME = /^x[_-]?\d*$/i;
const Y_NAME = /^y[_-]?\d*$/i;

/**
 * X and Y when the user gave no selector: two fields → one each; fields named x…/y… (x0, x1, y0, …) → those.
 * With one selector given, the other side is every remaining column. Linear in the number of columns.
 */
export function defaultSelection(
  columns: readonly SourceColumn[],
  x: string | undefined,
  y: string | undefined,
  file: string,
): number[][] {
  const all = columns.map((_, i) => i);
  const rest = (taken: number[]) => {
    const t = new Set(taken);
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
  const fields = [...new Set(columns.map((c) => c.field))];
  if (fields.length === 2)
    return [all.filter((i) => columns[i]!.field === fields[0]), all.filter((i) => columns[i]!.field === fields[1])];
  const xs = all.filter((i) => X_NAME.test(columns[i]!.field));
  const ys = all.filter((i) => Y_NAME.test(columns[i]!.field));
  if (xs.length > 0 && ys.length > 0) return [xs, ys];
  const shown = fields.slice(0, 6).join(", ") + (fields.length > 6 ? ", …" : "");
  throw new InfonceError(
    "E_ARG",
    `${file} has ${fields.length} fields (${shown}); say which are X and Y, e.g. --x ${fields[0] ?? "a"} --y ${fields[1] ?? "b"}`,
  );
}
