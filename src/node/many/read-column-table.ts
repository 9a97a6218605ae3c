import { InfonceError } from "../../errors.js";
import { judgeColumns } from "../../estimators/judge-columns.js";
import { takeColumns } from "../../estimators/sample-checks.js";
import type { ColumnTable } from "../../many/many-types.js";
import { identifierReason, isIdentifier, type SetAsideColumn } from "../read/clean-group.js";
import { dropMissingRows } from "../read/drop-missing.js";
import { encodeCategoriesInPlace } from "../read/encode-categories.js";
import { type FileReadOptions, openFile, tableRequest } from "../read/file-read-options.js";
import { keptColumnsWithMissing } from "../read/missing-columns.js";
import { readTable } from "../read/read-table.js";
import type { SourceColumn } from "../read/select-columns.js";

export interface ReadTableOptions extends FileReadOptions {
  readonly file: string;
  /** The columns to keep, once the file's columns are known (indices in the order wanted). */
  readonly select: (columns: readonly SourceColumn[]) => number[];
  /**
   * When given, single columns the estimates cannot use are set aside with a warning, as `estimate` sets them aside
   * from a group (rank's features, matrix's columns): empty, mostly empty, constant or identifier columns — except
   * those `protect` names (a rank's target and its --group columns), which keep the usual errors. Without it every
   * selected column is kept (conditional MI, whose groups are positional).
   */
  readonly setAside?: { readonly protect: (name: string) => boolean };
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
  let names = g.indices.map((i) => t.columns[i]?.name ?? String(i));
  let matrix = g.matrix;
  let labels = g.labels;
  const setAside: SetAsideColumn[] = [];
  const protect = (j: number) => options.setAside?.protect(names[j] as string) ?? true;
  if (options.setAside !== undefined && g.missingCells > 0) {
    const [keep] = keptColumnsWithMissing([{ side: "x", matrix, names, labels, protect }], setAside);
    if (keep !== undefined && keep.length < names.length) {
      ({ names, matrix, labels } = {
        names: keep.map((j) => names[j]!),
        matrix: takeColumns(matrix, keep),
        labels: keep.map((j) => labels[j]),
      });
    }
  }
  const { matrices, report } = dropMissingRows([matrix], g.missingCells > 0);
  const m = matrices[0] as typeof matrix;
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
  const categories = labels.map((l, j) => (l === undefined ? undefined : encodeCategoriesInPlace(m, j, l)));
  // After the drop, as cleanGroup judges a group: constant columns and identifiers (duplicates stay: each is its
  // own feature here, with its own MI).
  const verdicts = options.setAside === undefined ? [] : judgeColumns(m).verdicts;
  const kept: number[] = [];
  for (let j = 0; j < cols; j++) {
    const v = verdicts[j];
    const labelCount = categories[j]?.length ?? 0;
    if (v !== undefined && !protect(j) && v.kind === "constant") {
      const value = categories[j] === undefined ? String(v.value) : `'${categories[j]?.[0]}'`;
      setAside.push({ group: "x", name: names[j]!, reason: `constant (${value})` });
    } else if (v !== undefined && !protect(j) && isIdentifier(labelCount, rows)) {
      setAside.push({
        group: "x",
        name: names[j]!,
        reason: identifierReason(labelCount, rows),
      });
    } else kept.push(j);
  }
  for (const c of setAside) warnings.push(`column '${c.name}' set aside: ${c.reason}`);
  const columns = kept.map(() => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let k = 0; k < kept.length; k++) (columns[k] as Float64Array)[i] = data[o + (kept[k] as number)] as number;
  }
  const keptNames = kept.map((j) => names[j]!);
  const keptCategories = kept.map((j) => categories[j]);
  const table: ColumnTable = keptCategories.some((c) => c !== undefined)
    ? { rows, names: keptNames, columns, categories: keptCategories }
    : { rows, names: keptNames, columns };
  return { table, source: { file: options.file, ...t.details }, warnings };
}
