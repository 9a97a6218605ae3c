import { closeNames } from "../../close-names.js";
import { InfonceError } from "../../errors.js";

/**
 * A column as a reader lists it. Array fields (JSONL/Parquet embeddings) expand to one column per element:
 * field `emb` of width 3 → columns `emb[0]`, `emb[1]`, `emb[2]`, all with `field: "emb"`. Scalar columns have
 * `field === name`.
 */
export interface SourceColumn {
  readonly name: string;
  readonly field: string;
  /** True when the header had an empty cell here (the text readers then name the column by its number). */
  readonly unnamed?: boolean;
  /** True for a row index the file's structure marks as one (a JSON table's `index`), not data. */
  readonly index?: boolean;
}

const INDEX = /^\d+$/;
const NAME_RANGE = /^(.*?)(\d+)\.\.(.*?)(\d+)$/;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

function shortList(names: readonly string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 8).join(", ");
  return unique.length > 8 ? `${shown}, … (${unique.length} in all)` : shown;
}

/** A selected column, and whether a pattern (a glob or a range) picked it rather than its own name or index. */
export interface Picked {
  readonly index: number;
  readonly pattern: boolean;
}

/**
 * Resolves a column selector to column indices, in the order written. A selector is a comma-separated list of:
 * an exact column or field name (`age`, `emb_img` = every element of that array field); a glob with `*`/`?`
 * (`'emb_*'`); a name range with numeric suffixes, inclusive (`x0..x3` = x0, x1, x2, x3); a 0-based column index
 * (`4`) or an inclusive index range (`0..9`). Unknown names throw E_UNKNOWN with the closest names.
 *
 * @param selector what the user wrote, e.g. "x0..x3,z"
 * @param columns the file's columns
 * @param what where the selector came from, for messages, e.g. "--x" and the file name
 */
export function selectColumns(selector: string, columns: readonly SourceColumn[], what: string): number[] {
  return pickColumns(selector, columns, what).map((p) => p.index);
}

/** selectColumns, each column with whether a pattern picked it (see defaultSelection). */
export function pickColumns(selector: string, columns: readonly SourceColumn[], what: string): Picked[] {
  const out: Picked[] = [];
  const add = (pattern: boolean, ...indices: number[]) => {
    for (const index of indices) out.push({ index, pattern });
  };
  const names = columns.map((c) => c.name);
  const fields = columns.map((c) => c.field);
  // Maps, not indexOf: a range such as c0..c99999 over 100,000 columns stays linear.
  const byName = new Map<string, number>();
  const byField = new Map<string, number[]>();
  columns.forEach((c, i) => {
    if (!byName.has(c.name)) byName.set(c.name, i);
    const f = byField.get(c.field);
    if (f === undefined) byField.set(c.field, [i]);
    else f.push(i);
  });
  const fieldColumns = (field: string) => byField.get(field) ?? [];
  const unknown = (item: string, missing = item): never => {
    const close = closeNames(missing, [...fields, ...names], 3);
    const hint = close.length > 0 ? `did you mean ${close.map((c) => `'${c}'`).join(" or ")}? ` : "";
    throw new InfonceError("E_UNKNOWN", `${what}: no column '${missing}'; ${hint}columns are: ${shortList(fields)}`);
  };
  for (const raw of selector.split(",")) {
    const item = raw.trim();
    if (item === "") {
      throw new InfonceError("E_ARG", `${what}: empty item in column selector '${selector}'`);
    }
    const named = byName.get(item);
    if (named !== undefined) {
      add(false, named);
      continue;
    }
    if (byField.has(item)) {
      add(false, ...fieldColumns(item));
      continue;
    }
    if (item.includes("*") || item.includes("?")) {
      const re = globToRegExp(item);
      const hit = columns.flatMap((c, i) => (re.test(c.field) || re.test(c.name) ? [i] : []));
      if (hit.length === 0) {
        throw new InfonceError("E_UNKNOWN", `${what}: no column matches '${item}'; columns are: ${shortList(fields)}`);
      }
      add(true, ...hit);
      continue;
    }
    if (INDEX.test(item)) {
      const i = Number(item);
      if (i >= columns.length) {
        throw new InfonceError(
          "E_UNKNOWN",
          `${what}: column index ${i} is out of range; there are ${columns.length} columns (0..${columns.length - 1})`,
        );
      }
      add(false, i);
      continue;
    }
    const range = NAME_RANGE.exec(item);
    if (range !== null) {
      const [, p1 = "", a = "", p2 = "", b = ""] = range;
      if (p1 !== p2) {
        throw new InfonceError("E_ARG", `${what}: range '${item}' must use one prefix on both ends, like x0..x3`);
      }
      const lo = Number(a);
      const hi = Number(b);
      if (hi < lo)
        throw new InfonceError("E_ARG", `${what}: range '${item}' runs backwards; write ${p1}${b}..${p1}${a}`);
      if (p1 === "") {
        if (hi >= columns.length) {
          throw new InfonceError(
            "E_UNKNOWN",
            `${what}: index range ${item} goes past the last column; there are ${columns.length} columns (0..${columns.length - 1})`,
          );
        }
        for (let i = lo; i <= hi; i++) add(true, i);
        continue;
      }
      // Keep the digits' width (x01..x10) when the ends are written zero-padded alike.
      const width = a.length === b.length && a.startsWith("0") ? a.length : 0;
      for (let k = lo; k <= hi; k++) {
        const name = `${p1}${String(k).padStart(width, "0")}`;
        const i = byName.get(name);
        if (i !== undefined) add(true, i);
        else if (byField.has(name)) add(true, ...fieldColumns(name));
        else unknown(item, name);
      }
      continue;
    }
    unknown(item);
  }
  const seen = new Set<number>();
  for (const { index: i } of out) {
    if (seen.has(i)) {
      throw new InfonceError("E_ARG", `${what}: column '${names[i]}' is selected twice in '${selector}'`);
    }
    seen.add(i);
  }
  return out;
}
