import { isInfonceError } from "../../errors.js";
import { renameDuplicates } from "./rename-duplicates.js";
import type { SourceColumn } from "./select-columns.js";
import type { TableRequest } from "./table-read.js";

/**
 * The columns a text file's first record gives: its cells as names when it is the header (a blank cell is
 * `unnamed`, called by its number), else the field numbers. A column without a name is called by its number, or as
 * pandas calls it ("Unnamed: 0", its index column) when a named column already has that number for its name
 * (pandas' array-made header "", "0", "1", …). Names given twice are renamed as pandas does, each said in `renamed`.
 */
export function headerColumns(first: readonly string[], header: boolean, renamed: string[]): SourceColumn[] {
  const named = new Set(header ? first.map((f) => f.trim()).filter((f) => f !== "") : []);
  const columns = first.map((f, i) => {
    const name = header && f.trim() !== "" ? f.trim() : named.has(String(i)) ? `Unnamed: ${i}` : String(i);
    return header && f.trim() === "" ? { name, field: name, unnamed: true } : { name, field: name };
  });
  return renameDuplicates(columns, renamed);
}

/**
 * The header decision and the selection together. A first record of numbers beside a text cell reads as data (a
 * wide table whose columns are years: Rdatasets' Ecdat/nkill.byCountryYr.csv, "rownames,1970,1971,…,2020"). When
 * the selection then names what is no column but is one of that record's cells (`--y 2020`), the record is the
 * header after all, as pandas reads a first row by default; an explicit --header or --no-header is kept as given.
 */
export function selectWithHeader(
  first: readonly string[],
  detected: boolean,
  request: TableRequest,
  renamed: string[],
): { header: boolean; columns: SourceColumn[]; groups: number[][] } {
  const header = request.header ?? detected;
  const names: string[] = [];
  const columns = headerColumns(first, header, names);
  try {
    const groups = request.select(columns);
    renamed.push(...names);
    return { header, columns, groups };
  } catch (e) {
    if (request.header !== undefined || header || !(isInfonceError(e) && e.code === "E_UNKNOWN")) throw e;
    const headerNames: string[] = [];
    const asHeader = headerColumns(first, true, headerNames);
    let groups: number[][];
    try {
      groups = request.select(asHeader);
    } catch {
      throw e;
    }
    renamed.push(...headerNames);
    return { header: true, columns: asHeader, groups };
  }
}
