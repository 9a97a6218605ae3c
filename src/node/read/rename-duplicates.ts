import type { SourceColumn } from "./select-columns.js";

/**
 * A header that names a column twice gets the later ones renamed as pandas' read_csv does (`v`, `v.1`, `v.2`, the
 * first free suffix): spreadsheets and joins make such headers, and the table is no less usable for it. Each renaming
 * is pushed to `renamed` ("'v' → 'v.1'") for a warning.
 */
export function renameDuplicates(columns: readonly SourceColumn[], renamed: string[]): SourceColumn[] {
  const taken = new Set(columns.map((c) => c.name));
  const seen = new Set<string>();
  return columns.map((c) => {
    if (!seen.has(c.name)) {
      seen.add(c.name);
      return c;
    }
    let k = 1;
    while (taken.has(`${c.name}.${k}`)) k++;
    const name = `${c.name}.${k}`;
    taken.add(name);
    seen.add(name);
    renamed.push(`'${c.name}' → '${name}'`);
    return { ...c, name, field: name };
  });
}
