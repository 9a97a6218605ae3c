import { closeNames } from "../close-names.js";
import { InfonceError } from "../errors.js";
import type { ColumnTable, Variable } from "./many-types.js";

/** A variable as a caller names it: a column name, or a named group of column names. */
export type VariableSpec = string | { readonly name: string; readonly columns: readonly string[] };

/** The index of column `name`; E_UNKNOWN with the closest names otherwise. */
export function columnIndex(table: ColumnTable, name: string, what: string): number {
  const i = table.names.indexOf(name);
  if (i >= 0) return i;
  const close = closeNames(name, table.names, 3);
  const hint = close.length > 0 ? `did you mean ${close.map((c) => `'${c}'`).join(" or ")}? ` : "";
  const shown = table.names.slice(0, 8).join(", ") + (table.names.length > 8 ? `, … (${table.names.length})` : "");
  throw new InfonceError("E_UNKNOWN", `${what}: no column '${name}'; ${hint}columns are: ${shown}`);
}

/** Variables from specs; no column may serve twice. */
export function resolveVariables(table: ColumnTable, specs: readonly VariableSpec[], what: string): Variable[] {
  const seen = new Map<number, string>();
  return specs.map((spec) => {
    const name = typeof spec === "string" ? spec : spec.name;
    const names = typeof spec === "string" ? [spec] : spec.columns;
    if (names.length === 0) throw new InfonceError("E_ARG", `${what}: group '${name}' has no columns`);
    const columns = names.map((c) => {
      const i = columnIndex(table, c, what);
      const other = seen.get(i);
      if (other !== undefined) {
        throw new InfonceError("E_ARG", `${what}: column '${c}' is in both '${other}' and '${name}'; use it once`);
      }
      seen.set(i, name);
      return i;
    });
    return { name, columns };
  });
}
