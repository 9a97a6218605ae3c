import { InfonceError } from "../../errors.js";
import type { ColumnTable } from "../../many/many-types.js";
import { type DataFormat, openInput } from "../read/open-input.js";
import { readTable } from "../read/read-table.js";
import type { SourceColumn } from "../read/select-columns.js";

export interface ReadTableOptions {
  readonly file: string;
  /** The columns to keep, once the file's columns are known (indices in the order wanted). */
  readonly select: (columns: readonly SourceColumn[]) => number[];
  readonly format?: DataFormat;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Reads the selected columns of one file, once, into a ColumnTable (each column contiguous, so every pair of a
 * rank or matrix run reads its columns without re-reading the file). Validation is the readers' (every cell
 * numeric and finite); an empty table is E_DATA.
 */
export async function readColumnTable(
  options: ReadTableOptions,
): Promise<{ readonly table: ColumnTable; readonly source: Readonly<Record<string, unknown>> }> {
  const input = await openInput(options.file, {
    cwd: options.cwd,
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  const t = await readTable(input, {
    select: (c) => [options.select(c)],
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.header === undefined ? {} : { header: options.header }),
  });
  const g = t.groups[0];
  if (g === undefined) throw new InfonceError("E_INTERNAL", "the reader returned no column group");
  const { rows, cols, data } = g.matrix;
  if (rows === 0) throw new InfonceError("E_DATA", `${options.file}: no data rows (a header only?)`);
  const columns = Array.from({ length: cols }, () => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) (columns[c] as Float64Array)[i] = data[i * cols + c] as number;
  }
  const names = g.indices.map((i) => t.columns[i]?.name ?? String(i));
  return { table: { rows, names, columns }, source: { file: options.file, ...t.details } };
}
