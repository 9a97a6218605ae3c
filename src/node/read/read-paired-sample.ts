import { InfonceError } from "../../errors.js";
import { sameColumn } from "../../estimators/judge-columns.js";
import { takeColumns } from "../../estimators/sample-checks.js";
import type { Matrix, PairedSample } from "../../types.js";
import { cleanGroup, type SetAsideColumn } from "./clean-group.js";
import { type ColumnInfo, columnInfos } from "./column-stats.js";
import { readDateColumns } from "./date-columns.js";
import { defaultSelection } from "./default-selection.js";
import { dropMissingRows, type MissingReport } from "./drop-missing.js";
import { encodeCategoriesInPlace } from "./encode-categories.js";
import { type FileReadOptions, openFile, tableRequest } from "./file-read-options.js";
import { readFormattedNumbers } from "./formatted-numbers.js";
import { keptColumnsWithMissing } from "./missing-columns.js";
import { readTable } from "./read-table.js";
import { type SourceColumn, selectColumns } from "./select-columns.js";
import type { GroupRead, TableRead } from "./table-read.js";

export type { SetAsideColumn } from "./clean-group.js";

export interface ReadPairedOptions extends FileReadOptions {
  /** One file holding X and Y, or two files (X, Y). "-" reads stdin. */
  readonly files: readonly string[];
  /** Column selector for X (see selectColumns); default: see `defaultSelection`. */
  readonly x?: string;
  /** Column selector for Y. */
  readonly y?: string;
  /** Fewer rows than this is an E_DATA error naming `minRowsReason`. Default 2. */
  readonly minRows?: number;
  /** Why minRows rows are needed, for the message, e.g. "--batch 256". */
  readonly minRowsReason?: string;
}

/** A paired sample read from files, with what is known about its columns. */
export interface PairedRead {
  readonly sample: PairedSample;
  readonly xColumns: readonly ColumnInfo[];
  readonly yColumns: readonly ColumnInfo[];
  readonly setAside: readonly SetAsideColumn[];
  /** Rows dropped because a selected cell was missing (0 under `missing: "error"`). */
  readonly droppedRows: number;
  readonly warnings: readonly string[];
  /** How the input was read: files, format, delimiter, header, dtype, … */
  readonly source: Readonly<Record<string, unknown>>;
}

interface Group {
  readonly side: "x" | "y";
  readonly file: string;
  readonly names: string[];
  readonly matrix: Matrix<Float64Array>;
  readonly labels: readonly (readonly string[] | undefined)[];
  readonly missingCells: number;
}

/** "a (3), b (1)" for the columns with missing cells, at most 10 named. */
function missingColumns(groups: readonly Group[], report: MissingReport): string {
  const hit = groups.flatMap((g, k) =>
    g.names.flatMap((name, j) => {
      const n = report.perColumn[k]![j]!;
      return n > 0 ? [`'${name}' (${n})`] : [];
    }),
  );
  return hit.length > 10 ? `${hit.slice(0, 10).join(", ")} and ${hit.length - 10} more` : hit.join(", ");
}

/** The group with only the columns `keep` (indices, in order). */
function keepColumns(g: Group, keep: readonly number[]): Group {
  if (keep.length === g.matrix.cols) return g;
  const matrix = takeColumns(g.matrix, keep);
  let missingCells = 0;
  for (const v of matrix.data) if (Number.isNaN(v)) missingCells++;
  return {
    ...g,
    names: keep.map((j) => g.names[j]!),
    matrix,
    labels: keep.map((j) => g.labels[j]),
    missingCells,
  };
}

/** The groups without the columns the missing-cell rules set aside (missing-columns.ts). */
function withoutCostlyColumns(groups: readonly Group[], setAside: SetAsideColumn[]): Group[] {
  if (groups.every((g) => g.missingCells === 0) || groups.some((g) => g.matrix.rows !== groups[0]!.matrix.rows)) {
    return [...groups];
  }
  const keep = keptColumnsWithMissing(groups, setAside);
  return groups.map((g, k) => keepColumns(g, keep[k]!));
}

/** Reads the one or two files into the X and Y groups, NaN marking missing cells. */
async function readGroups(
  options: ReadPairedOptions,
): Promise<{ groups: Group[]; source: Record<string, unknown>; notes: string[] }> {
  const { files } = options;
  const open = (f: string) => openFile(f, options);
  const request = (select: (c: readonly SourceColumn[]) => number[][]) => tableRequest(options, select);
  const groups: Group[] = [];
  const source: Record<string, unknown> = { files: [...files] };
  const dates: string[] = [];
  const notes: string[] = [];
  const readNotes = (file: string, details: TableRead["details"]) => {
    if (typeof details.renamed === "string") {
      notes.push(`${file}: the header names a column twice; renamed as pandas does: ${details.renamed}`);
    }
    if (details.headerTrailingDelimiter === true) {
      notes.push(
        `${file}: the header ends in a delimiter its rows do not have; the empty name after it is no column (pandas reads an empty 'Unnamed' column there)`,
      );
    }
    if (details.encoding === "windows-1252") {
      notes.push(`${file}: not UTF-8; its texts were read as Windows-1252 (Latin-1), as Excel on Windows writes them`);
    }
  };
  const formatted: string[] = [];
  const group = (side: "x" | "y", file: string, columns: readonly SourceColumn[], read: GroupRead) => {
    notes.push(...(read.notes ?? []));
    const { group: dated, converted } = readDateColumns(read);
    const { group: g, converted: numbers } = readFormattedNumbers(dated);
    const names = g.indices.map((i) => columns[i]!.name);
    for (const j of converted) dates.push(names[j]!);
    for (const j of numbers) formatted.push(names[j]!);
    groups.push({ side, file, names, matrix: g.matrix, labels: g.labels, missingCells: g.missingCells });
  };
  if (files.length === 1) {
    const file = files[0]!;
    const t = await readTable(
      await open(file),
      request((c) => defaultSelection(c, options.x, options.y, file, notes)),
    );
    const [gx, gy] = t.groups as [(typeof t.groups)[number], (typeof t.groups)[number]];
    const ys = new Set(gy.indices);
    const both = gx.indices.find((i) => ys.has(i));
    if (both !== undefined) {
      throw new InfonceError(
        "E_ARG",
        `${file}: column '${t.columns[both]!.name}' is selected for both X and Y; X and Y must be different columns`,
      );
    }
    readNotes(file, t.details);
    group("x", file, t.columns, gx);
    group("y", file, t.columns, gy);
    Object.assign(source, t.details);
  } else {
    for (const [k, side] of [
      [0, "x"],
      [1, "y"],
    ] as const) {
      const file = files[k]!;
      const sel = side === "x" ? options.x : options.y;
      const t = await readTable(
        await open(file),
        request((c) => [sel === undefined ? c.map((_, i) => i) : selectColumns(sel, c, `${file} --${side}`)]),
      );
      const g = t.groups[0]!;
      readNotes(file, t.details);
      group(side, file, t.columns, g);
      source[side] = { file, ...t.details };
    }
  }
  // Date columns read as days since 1970-01-01 UTC (date-columns.ts), named so a reader of the record knows.
  if (dates.length > 0) source.dates = dates.join(", ");
  // Numbers with a currency symbol, thousands separators or a percent sign (formatted-numbers.ts), likewise.
  if (formatted.length > 0) source.formattedNumbers = formatted.join(", ");
  return { groups, source, notes };
}

/**
 * Reads a paired sample (X, Y) from one file with two column selections, or from two files. Cells follow one rule
 * in every format (column-decoder.ts): numbers are kept, text and booleans make a column categorical (integer
 * codes 0…m−1 with `sample.categories`), missing cells drop their row with a warning (or refuse, under
 * `missing: "error"`), ±Inf is refused. Then checks row counts, sets aside constant and duplicated columns and
 * checks enough rows remain. Every failure is an InfonceError naming the file, the row/column and the fix.
 */
export async function readPairedSample(options: ReadPairedOptions): Promise<PairedRead> {
  const { files } = options;
  if (files.length < 1 || files.length > 2) {
    throw new InfonceError(
      "E_ARG",
      `give one data file (X and Y columns) or two (X file, Y file), not ${files.length}`,
    );
  }
  if (files.length === 2 && files[0] === "-" && files[1] === "-") {
    throw new InfonceError("E_ARG", "stdin ('-') can hold only one of the two files");
  }
  const read0 = await readGroups(options);
  const { source, notes } = read0;
  const setAside: SetAsideColumn[] = [];
  const groups = withoutCostlyColumns(read0.groups, setAside);
  const [gx, gy] = groups as [Group, Group];
  if (gx.matrix.rows !== gy.matrix.rows) {
    throw new InfonceError(
      "E_SHAPE",
      `X (${gx.file}) has ${gx.matrix.rows} rows but Y (${gy.file}) has ${gy.matrix.rows}; rows must pair up, row i of X with row i of Y`,
    );
  }
  const where = files.join(" + ");
  const read = gx.matrix.rows;
  if (read === 0) throw new InfonceError("E_DATA", `${where}: no data rows (a header only?)`);
  const warnings: string[] = [...notes];
  const { matrices, report } = dropMissingRows([gx.matrix, gy.matrix], gx.missingCells + gy.missingCells > 0);
  const [mx, my] = matrices as [Matrix<Float64Array>, Matrix<Float64Array>];
  const rows = mx.rows;
  const minRows = options.minRows ?? 2;
  if (rows < minRows) {
    const reason = options.minRowsReason;
    const why = reason === undefined ? "" : ` for ${reason}`;
    const lower = reason === undefined ? "" : ` or lower ${reason.split(" ")[0]}`;
    if (report.dropped > 0) {
      throw new InfonceError(
        "E_DATA",
        `${where}: ${rows} rows left after dropping ${report.dropped} of ${read} with missing cells (${missingColumns(groups, report)}), fewer than the ${minRows} needed${why}; impute the missing cells or select columns without them with --x/--y${lower}`,
      );
    }
    throw new InfonceError(
      "E_DATA",
      `${where}: ${rows} rows, fewer than the ${minRows} needed${why}; give more rows${lower}`,
    );
  }
  if (report.dropped > 0) {
    warnings.push(
      `${report.dropped} of ${read} rows dropped for missing cells (--missing error refuses them instead); missing cells per column: ${missingColumns(groups, report)}`,
    );
  }
  const sides = [
    [gx, mx, 0],
    [gy, my, 1],
  ] as const;
  const cleaned = sides.map(([g, m, k]) => {
    const categories = g.labels.map((labels, j) =>
      labels === undefined ? undefined : encodeCategoriesInPlace(m, j, labels),
    );
    const infos = columnInfos(g.names, m, report.perColumn[k]!, categories);
    return cleanGroup(g.side, g.file, m, infos, setAside, warnings);
  });
  const [cx, cy] = cleaned as [(typeof cleaned)[number], (typeof cleaned)[number]];
  const keys = new Map<number, number[]>();
  for (let i = 0; i < cx.matrix.cols; i++) {
    const k = cx.keys[i]!;
    keys.set(k, [...(keys.get(k) ?? []), i]);
  }
  for (let j = 0; j < cy.matrix.cols; j++) {
    for (const i of keys.get(cy.keys[j]!) ?? []) {
      if (sameColumn(cx.matrix, i, cy.matrix, j)) {
        warnings.push(
          `X column '${cx.info[i]!.name}' equals Y column '${cy.info[j]!.name}': the estimate is then the entropy of that column if it is discrete (the MI of continuous data is infinite); leave one out with --x or --y if it is a copy`,
        );
      }
    }
  }
  const cats = (c: typeof cx) => c.info.map((i) => i.categories);
  const anyCategorical = [...cx.info, ...cy.info].some((i) => i.categories !== undefined);
  return {
    sample: {
      x: cx.matrix,
      y: cy.matrix,
      ...(anyCategorical ? { categories: { x: cats(cx), y: cats(cy) } } : {}),
    },
    xColumns: cx.info,
    yColumns: cy.info,
    setAside,
    droppedRows: report.dropped,
    warnings,
    source,
  };
}
