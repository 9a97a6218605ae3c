import { InfonceError } from "../../errors.js";
import type { Matrix, PairedSample } from "../../types.js";
import { type ColumnInfo, type ColumnStats, columnInfo } from "./column-stats.js";
import { type DataFormat, openInput } from "./open-input.js";
import { readTable } from "./read-table.js";
import { type SourceColumn, selectColumns } from "./select-columns.js";

export interface ReadPairedOptions {
  /** One file holding X and Y, or two files (X, Y). "-" reads stdin. */
  readonly files: readonly string[];
  /** Column selector for X (see selectColumns); default: see `defaultSelection`. */
  readonly x?: string;
  /** Column selector for Y. */
  readonly y?: string;
  readonly format?: DataFormat;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream;
  /** Fewer rows than this is an E_DATA error naming `minRowsReason`. Default 2. */
  readonly minRows?: number;
  /** Why minRows rows are needed, for the message, e.g. "--batch 256". */
  readonly minRowsReason?: string;
}

/** A column that was read but left out of the sample, and why. */
export interface SetAsideColumn {
  readonly group: "x" | "y";
  readonly name: string;
  readonly reason: string;
}

/** A paired sample read from files, with what is known about its columns. */
export interface PairedRead {
  readonly sample: PairedSample;
  readonly xColumns: readonly ColumnInfo[];
  readonly yColumns: readonly ColumnInfo[];
  readonly setAside: readonly SetAsideColumn[];
  readonly warnings: readonly string[];
  /** How the input was read: files, format, delimiter, header, dtype, … */
  readonly source: Readonly<Record<string, unknown>>;
}

const X_NAME = /^x[_-]?\d*$/i;
const Y_NAME = /^y[_-]?\d*$/i;

/**
 * X and Y when the user gave no selector: two fields → one each; fields named x…/y… (x0, x1, y0, …) → those.
 * With one selector given, the other side is every remaining column.
 */
function defaultSelection(
  columns: readonly SourceColumn[],
  x: string | undefined,
  y: string | undefined,
  file: string,
) {
  const all = columns.map((_, i) => i);
  if (x !== undefined && y !== undefined) {
    return [selectColumns(x, columns, `${file} --x`), selectColumns(y, columns, `${file} --y`)];
  }
  if (x !== undefined) {
    const xs = selectColumns(x, columns, `${file} --x`);
    return [xs, all.filter((i) => !xs.includes(i))];
  }
  if (y !== undefined) {
    const ys = selectColumns(y, columns, `${file} --y`);
    return [all.filter((i) => !ys.includes(i)), ys];
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

/** Same values in every row (compared exactly). */
function sameColumn(a: Matrix<Float64Array>, i: number, b: Matrix<Float64Array>, j: number): boolean {
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

interface Group {
  readonly side: "x" | "y";
  readonly file: string;
  readonly names: string[];
  readonly matrix: Matrix<Float64Array>;
  readonly stats: readonly ColumnStats[];
}

/**
 * Sets aside constant and duplicated columns of a group with a warning; a group left with nothing usable is an
 * E_DATA error (MI with a constant is 0: there is nothing to estimate).
 */
function cleanGroup(g: Group, setAside: SetAsideColumn[], warnings: string[]) {
  const keep: number[] = [];
  for (let j = 0; j < g.names.length; j++) {
    const s = g.stats[j]!;
    if (s.min === s.max) {
      setAside.push({ group: g.side, name: g.names[j]!, reason: `constant (${s.min})` });
      continue;
    }
    const twin = keep.find((k) => sameColumn(g.matrix, k, g.matrix, j));
    if (twin !== undefined) {
      setAside.push({ group: g.side, name: g.names[j]!, reason: `duplicate of '${g.names[twin]}'` });
      continue;
    }
    keep.push(j);
  }
  const flag = `--${g.side}`;
  if (keep.length === 0) {
    const why = setAside
      .filter((c) => c.group === g.side)
      .slice(0, 3)
      .map((c) => `'${c.name}' is ${c.reason}`)
      .join(", ");
    throw new InfonceError(
      "E_DATA",
      `${g.file}: no usable ${g.side.toUpperCase()} column: ${why}; a constant carries no information, so select varying columns with ${flag}`,
    );
  }
  for (const c of setAside.filter((c) => c.group === g.side)) {
    warnings.push(`${g.side.toUpperCase()} column '${c.name}' set aside: ${c.reason}`);
  }
  return {
    matrix: keepColumns(g.matrix, keep),
    info: keep.map((j) => columnInfo(g.names[j]!, g.stats[j]!)),
  };
}

/**
 * Reads a paired sample (X, Y) from one file with two column selections, or from two files. Validates as it
 * reads (every cell numeric and finite, rows of equal length) and after (row counts, constant and duplicated
 * columns, enough rows). Every failure is an InfonceError naming the file, the row/column and the fix.
 */
export async function readPairedSample(options: ReadPairedOptions): Promise<PairedRead> {
  const { files, cwd } = options;
  if (files.length < 1 || files.length > 2) {
    throw new InfonceError(
      "E_ARG",
      `give one data file (X and Y columns) or two (X file, Y file), not ${files.length}`,
    );
  }
  if (files.length === 2 && files[0] === "-" && files[1] === "-") {
    throw new InfonceError("E_ARG", "stdin ('-') can hold only one of the two files");
  }
  const open = (f: string) =>
    openInput(f, {
      cwd,
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    });
  const request = (select: (c: readonly SourceColumn[]) => number[][]) => ({
    select,
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.header === undefined ? {} : { header: options.header }),
  });
  const groups: Group[] = [];
  const source: Record<string, unknown> = { files: [...files] };
  if (files.length === 1) {
    const file = files[0]!;
    const input = await open(file);
    const t = await readTable(
      input,
      request((c) => defaultSelection(c, options.x, options.y, file)),
    );
    const [gx, gy] = t.groups;
    const both = gx!.indices.filter((i) => gy!.indices.includes(i));
    if (both.length > 0) {
      throw new InfonceError(
        "E_ARG",
        `${file}: column '${t.columns[both[0]!]!.name}' is selected for both X and Y; X and Y must be different columns`,
      );
    }
    for (const [side, g] of [
      ["x", gx!],
      ["y", gy!],
    ] as const) {
      groups.push({ side, file, names: g.indices.map((i) => t.columns[i]!.name), matrix: g.matrix, stats: g.stats });
    }
    Object.assign(source, t.details);
  } else {
    for (const [k, side] of [
      [0, "x"],
      [1, "y"],
    ] as const) {
      const file = files[k]!;
      const sel = side === "x" ? options.x : options.y;
      const input = await open(file);
      const t = await readTable(
        input,
        request((c) => [sel === undefined ? c.map((_, i) => i) : selectColumns(sel, c, `${file} --${side}`)]),
      );
      const g = t.groups[0]!;
      groups.push({ side, file, names: g.indices.map((i) => t.columns[i]!.name), matrix: g.matrix, stats: g.stats });
      source[side] = { file, ...t.details };
    }
  }
  const [gx, gy] = groups as [Group, Group];
  if (gx.matrix.rows !== gy.matrix.rows) {
    throw new InfonceError(
      "E_SHAPE",
      `X (${gx.file}) has ${gx.matrix.rows} rows but Y (${gy.file}) has ${gy.matrix.rows}; rows must pair up, row i of X with row i of Y`,
    );
  }
  const rows = gx.matrix.rows;
  const where = files.join(" + ");
  if (rows === 0) throw new InfonceError("E_DATA", `${where}: no data rows (a header only?)`);
  const minRows = options.minRows ?? 2;
  if (rows < minRows) {
    const why = options.minRowsReason === undefined ? "" : ` for ${options.minRowsReason}`;
    throw new InfonceError(
      "E_DATA",
      `${where}: ${rows} rows, fewer than the ${minRows} needed${why}; give more rows${options.minRowsReason === undefined ? "" : ` or lower ${options.minRowsReason.split(" ")[0]}`}`,
    );
  }
  const setAside: SetAsideColumn[] = [];
  const warnings: string[] = [];
  const cx = cleanGroup(gx, setAside, warnings);
  const cy = cleanGroup(gy, setAside, warnings);
  for (let i = 0; i < cx.matrix.cols; i++) {
    for (let j = 0; j < cy.matrix.cols; j++) {
      if (sameColumn(cx.matrix, i, cy.matrix, j)) {
        warnings.push(
          `X column '${cx.info[i]!.name}' equals Y column '${cy.info[j]!.name}': for continuous data the MI is infinite`,
        );
      }
    }
  }
  return {
    sample: { x: cx.matrix, y: cy.matrix },
    xColumns: cx.info,
    yColumns: cy.info,
    setAside,
    warnings,
    source,
  };
}
