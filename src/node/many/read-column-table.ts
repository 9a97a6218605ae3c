import { InfonceError } from "../../errors.js";
import type { ColumnTable } from "../../many/many-types.js";
import { dropMissingRows } from "../read/drop-missing.js";
import { encodeCategoriesInPlace } from "../read/encode-categories.js";
import { type FileReadOptions, openFile, tableRequest } from "../read/file-read-options.js";
import { readTable } from "../read/read-table.js";
import type { SourceColumn } from "../read/select-columns.js";

export interface ReadTableOptions extends FileReadOptions {
  readonly file: string;
  /** The columns to keep, once the file's columns are known (indices in the order wanted). */
  readonly select: (columns: readonly SourceColumn[]) => number[];
}

/**
 * Reads the selected columns of one file, once, into a ColumnTable (each column contiguous, so every pair of a
 * rank or matrix run reads its columns without re-reading the file), with the readers' rules for every cell, as
 * `estimate` reads them: text and booleans make a column categorical (codes with `categories`), a row with a
 * missing cell in any selected column is dropped with a warning (or refused under `missing: "error"`). An empty
 * table is E_DATA.
 */
export async function readColumnTable(options: ReadTableOptions): Promise<{
  readonly table: ColumnTable;
  readonly source: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}> {
  const input = await openFile(options.file, options);
  const t = await readTable(
    input,
    tableRequest(options, (c) => [options.select(c)]),
  );
  const g = t.groups[0];
  if (g === undefined) throw new InfonceError("E_INTERNAL", "the reader returned no column group");
  const read = g.matrix.rows;
  if (read === 0) throw new InfonceError("E_DATA", `${options.file}: no data rows (a header only?)`);
  const { matrices, report } = dropMissingRows([g.matrix], g.missingCells > 0);
  const m = matrices[0] as typeof g.matrix;
  const { rows, cols, data } = m;
  if (rows < 2) {
    throw new InfonceError(
      "E_DATA",
      `${options.file}: ${rows} rows left after dropping ${report.dropped} of ${read} with missing cells; impute them or select columns without them`,
    );
  }
  const warnings =
    report.dropped > 0
      ? [`${report.dropped} of ${read} rows dropped for missing cells (--missing error refuses them)`]
      : [];
  const categories = g.labels.map((labels, j) =>
    labels === undefined ? undefined : encodeCategoriesInPlace(m, j, labels),
  );
  const columns = Array.from({ length: cols }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) (columns[c] as Float64Array)[i] = data[i * cols + c] as number;
  }
  const names = g.indices.map((i) => t.columns[i]?.name ?? String(i));
  const table: ColumnTable = categories.some((c) => c !== undefined)
    ? { rows, names, columns, categories }
    : { rows, names, columns };
  return { table, source: { file: options.file, ...t.details }, warnings };
}
