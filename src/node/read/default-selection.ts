import { InfonceError } from "../../errors.js";
import { type Picked, pickColumns, type SourceColumn } from "./select-columns.js";

const X_NAME = /^x[_-]?\d*$/i;
const Y_NAME = /^y[_-]?\d*$/i;

/**
 * The names a written data-frame index goes by: pandas' `Unnamed: 0` (read_csv of a to_csv) and `__index_level_0__`
 * (Parquet); R's row names as the Rdatasets collection writes them (`rownames`) and as tibble's
 * `rownames_to_column()` names them (`rowname`). R's own `write.csv` writes them unnamed.
 */
const PANDAS_INDEX = /^(Unnamed: \d+|__index_level_\d+__|rownames?)$/;

/**
 * The leading columns that are a written DataFrame index rather than data: unnamed in the header (`df.to_csv()`
 * writes the index under an empty name), named as pandas names an index it read back, or marked as one by the file's
 * structure (a JSON table's index, read-json.ts). A row number is no
 * feature: a table sorted by class (iris, wine) has its label in the row order, and an index among the features
 * let the estimate read that order (iris, --y target: 1.096 of H(Y) = 1.099, for 1.016 from the measurements;
 * Rdatasets' HistData/EdgeworthDeaths.csv, --y County: 1.55 by scikit-learn from `rownames` and the year, about 0
 * without).
 */
export function indexColumns(columns: readonly SourceColumn[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < columns.length - 1; i++) {
    const c = columns[i]!;
    if (c.unnamed !== true && c.index !== true && !PANDAS_INDEX.test(c.name)) break;
    out.push(i);
  }
  return out;
}

/**
 * Unnamed columns after the last named one, when at least two are named: what a delimiter at the end of every line
 * makes (a spreadsheet's formatted but empty columns; pandas reads them as `Unnamed: 2`, …, usually empty). They are
 * left out of the default two-field selection, with a warning, so that `a,b,` over `1,2,` is still a against b.
 */
function trailingUnnamed(columns: readonly SourceColumn[], index: readonly number[]): number[] {
  let last = columns.length - 1;
  while (last >= 0 && columns[last]!.unnamed === true) last--;
  const named = columns.filter((c, i) => c.unnamed !== true && !index.includes(i)).length;
  return named >= 2 ? columns.map((_, i) => i).filter((i) => i > last && !index.includes(i)) : [];
}

/**
 * X and Y when the user gave no selector: two fields (besides a pandas index) → one each; fields named x…/y… (x0, x1, y0, …) → those.
 * With one selector given, the other side is every remaining column but a pandas index (indexColumns). With both
 * given, a glob or range on one side leaves out what the other names explicitly and a pandas index, as a selector
 * alone does: `--x '*' --y Survived` is `--y Survived`. Explicit names on both sides that overlap stay an error.
 * Pushes to `notes` the warning that a pandas index was left out (when a default or a pattern skipped it).
 * Linear in the number of columns.
 */
export function defaultSelection(
  columns: readonly SourceColumn[],
  x: string | undefined,
  y: string | undefined,
  file: string,
  notes: string[] = [],
): number[][] {
  const index = indexColumns(columns);
  const px = x === undefined ? undefined : pickColumns(x, columns, `${file} --x`);
  const py = y === undefined ? undefined : pickColumns(y, columns, `${file} --y`);
  const trailing = px === undefined && py === undefined ? trailingUnnamed(columns, index) : [];
  const groups = chooseSides(columns, px, py, file, [...index, ...trailing], [x, y], index);
  const taken = new Set(groups.flat());
  const left = index.filter((i) => !taken.has(i));
  const patterned = (p: readonly Picked[] | undefined) => p === undefined || p.some((q) => q.pattern);
  if (left.length > 0 && (patterned(px) || patterned(py))) notes.push(indexLeftOut(columns, left, "--x or --y"));
  if (trailing.length > 0) {
    const names = quotedNames(columns, trailing);
    notes.push(
      `${trailing.length > 1 ? "columns" : "column"} ${names} left out: no name in the header, after the last named column (the lines end in a delimiter); select by name with --x or --y to use ${trailing.length > 1 ? "them" : "it"}`,
    );
  }
  return groups;
}

/** The warning that columns `left` (a written pandas index) were left out; `flags` select them back. */
export function indexLeftOut(columns: readonly SourceColumn[], left: readonly number[], flags: string): string {
  const names = quotedNames(columns, left);
  const them = left.length > 1 ? "them" : "it";
  return `${left.length > 1 ? "columns" : "column"} ${names} left out: a written DataFrame index (a row number), not data; select ${them} by name with ${flags} to use ${them}`;
}

/**
 * X and Y from the picks of the selectors given (`selectors` for messages): see defaultSelection. `skipped`: the
 * columns no default takes (a pandas index, trailing unnamed columns); `index`: the pandas index among them.
 */
function chooseSides(
  columns: readonly SourceColumn[],
  px: readonly Picked[] | undefined,
  py: readonly Picked[] | undefined,
  file: string,
  skipped: readonly number[],
  selectors: readonly (string | undefined)[],
  index: readonly number[],
): number[][] {
  const all = columns.map((_, i) => i);
  const rest = (taken: number[]) => {
    const t = new Set([...taken, ...skipped]);
    return all.filter((i) => !t.has(i));
  };
  const indices = (p: readonly Picked[]) => p.map((q) => q.index);
  if (px !== undefined && py !== undefined) {
    const [x, y] = selectors;
    return [apart(px, py, index, `${file} --x '${x}'`), apart(py, px, index, `${file} --y '${y}'`)];
  }
  if (px !== undefined) return [indices(px), nonEmpty(rest(indices(px)), "y", "x", selectors[0], file, columns, index)];
  if (py !== undefined) return [nonEmpty(rest(indices(py)), "x", "y", selectors[1], file, columns, index), indices(py)];
  const data = rest([]);
  const fields = [...new Set(data.map((i) => columns[i]!.field))];
  if (fields.length < 2) {
    throw new InfonceError(
      "E_DATA",
      `${file} has ${fields.length === 0 ? "no data column" : `one data column (${fields[0]})`}${index.length > 0 ? " besides a pandas index" : ""}; MI needs an X and a Y column: add one, or name an index column with --x`,
    );
  }
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

/**
 * The side taken by default (every column the other side leaves), an E_ARG error when nothing is left: the
 * selector `given` of side `named` took every column (an error that names them, not an empty side failing later).
 */
function nonEmpty(
  side: number[],
  missing: "x" | "y",
  named: "x" | "y",
  given: string | undefined,
  file: string,
  columns: readonly SourceColumn[],
  index: readonly number[],
): number[] {
  if (side.length > 0) return side;
  const besides = index.length > 0 ? `, besides the pandas index ${quotedNames(columns, index)}` : "";
  throw new InfonceError(
    "E_ARG",
    `${file} --${named} '${given ?? ""}' takes every column${besides}, so ${missing.toUpperCase()} is empty: name ${missing.toUpperCase()}'s columns with --${missing}`,
  );
}

/** The names of columns `which`, quoted and comma-separated, for messages. */
function quotedNames(columns: readonly SourceColumn[], which: readonly number[]): string {
  return which.map((i) => `'${columns[i]!.name}'`).join(", ");
}

/**
 * One side's picks without those a pattern made of columns the other side names explicitly, or of a pandas index.
 * A side left with nothing is an E_ARG error.
 */
function apart(mine: readonly Picked[], other: readonly Picked[], index: readonly number[], what: string): number[] {
  const named = new Set(other.filter((p) => !p.pattern).map((p) => p.index));
  for (const i of index) named.add(i);
  const keep = mine.filter((p) => !p.pattern || !named.has(p.index)).map((p) => p.index);
  if (keep.length === 0) {
    throw new InfonceError(
      "E_ARG",
      `${what} matches only columns the other side names (or a pandas index); widen the pattern or name the columns`,
    );
  }
  return keep;
}
