import type { ParsedElementInfo } from "@streamparser/json";
import { InfonceError } from "../../errors.js";
import { describeJson, isRecord, type JsonCursor, type JsonSink } from "./json-cursor.js";
import type { OpenedInput } from "./open-input.js";
import { RecordTable } from "./record-table.js";
import type { TableRead, TableRequest } from "./table-read.js";

type Rec = Record<string, unknown>;

/** The values of one member of the top object (a column of orient='columns', a row of orient='index'). */
interface Leaves {
  /** Their keys; null while they are the first member's keys, position by position (then not stored twice). */
  keys: string[] | null;
  readonly values: unknown[];
  /** Whether the member is an array (a dict of lists) rather than an object of labelled values. */
  readonly array: boolean;
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A row label as a cell: a number when it reads as one (pandas' RangeIndex, epoch dates), else its text. */
function label(key: string): string | number {
  return NUMBER.test(key) ? Number(key) : key;
}

/**
 * A top-level JSON object, fed the values two levels in: pandas' orient='split' (`columns`, `index`, `data` rows)
 * and orient='table' (`schema`, `data` records) stream their rows into a RecordTable as they come; any other object
 * is orient='columns' or 'index' (or a dict of lists) and is held whole, up to `limit` bytes, then pivoted into
 * records. Which level of keys names the rows: the one whose keys are all integers when only one is (a RangeIndex,
 * epoch dates), else the one with more keys, with a warning (columns when they tie, as pandas' default).
 */
export class ObjectSink implements JsonSink {
  private mode: "split" | "table" | "grid" | undefined;
  private readonly names: string[] = [];
  private readonly index: unknown[] = [];
  private primary = new Set<string>();
  private table: RecordTable | undefined;
  private indexName = "index";
  private readonly grid = new Map<string, Leaves>();
  private firstKeys: string[] | undefined;
  private note: string | undefined;

  constructor(
    private readonly input: OpenedInput,
    private readonly request: TableRequest,
    private readonly cursor: JsonCursor,
    private readonly limit: number,
  ) {}

  consumed(bytes: number): void {
    if (this.mode === "grid" && bytes > this.limit) throw this.tooLarge();
  }

  value(info: ParsedElementInfo): void {
    const outer = String(info.stack[1]?.key);
    const inner = info.key;
    if (this.mode === undefined) {
      if (outer === "columns" && typeof inner === "number") this.mode = "split";
      else if (outer === "schema" && (inner === "fields" || inner === "primaryKey")) this.mode = "table";
      else {
        this.mode = "grid";
        if (this.input.size !== undefined && this.input.size > this.limit) throw this.tooLarge();
      }
    }
    if (this.mode === "grid") this.leaf(outer, inner, info.value);
    else if (outer === "data") this.row(info.value, typeof inner === "number" ? inner : -1);
    else if (this.mode === "split" && outer === "columns") this.names.push(String(info.value));
    else if (this.mode === "split" && outer === "index") this.index.push(info.value);
    else if (this.mode === "table" && outer === "schema") {
      if (inner === "primaryKey" && Array.isArray(info.value)) this.primary = new Set(info.value.map(String));
    } else {
      const layout = this.mode === "split" ? "columns, index, data" : "schema, data";
      throw new InfonceError(
        "E_PARSE",
        `${this.input.name}: key '${outer}' at ${this.cursor.where(this.cursor.memberStart)} is not part of pandas' orient='${this.mode}' (${layout}); write orient='records' or lines=True`,
      );
    }
  }

  /** A row of `data`: an array of values (split) or a record (table). */
  private row(v: unknown, r: number): void {
    const where = () => `${this.input.name}: element ${r} of 'data' (near ${this.cursor.where()})`;
    let rec: Rec;
    if (this.mode === "table") {
      if (!isRecord(v))
        throw new InfonceError("E_PARSE", `${where()} is ${describeJson(v)}, not a record {"field": …}`);
      rec = v;
    } else {
      if (!Array.isArray(v)) throw new InfonceError("E_PARSE", `${where()} is ${describeJson(v)}, not a row [...]`);
      if (v.length !== this.names.length) {
        throw new InfonceError(
          "E_PARSE",
          `${where()} has ${v.length} values for the ${this.names.length} names of 'columns'; every row needs one per column`,
        );
      }
      rec = {};
      if (this.index.length > 0) {
        if (this.table === undefined && this.names.includes("index")) this.indexName = "level_0";
        rec[this.indexName] = this.index[r];
      }
      for (let j = 0; j < v.length; j++) rec[this.names[j]!] = v[j];
    }
    if (this.table === undefined) {
      const marked =
        this.mode === "table" ? this.primary : this.index.length > 0 ? new Set([this.indexName]) : undefined;
      this.table = this.start(rec, marked);
    }
    this.table.add(rec);
  }

  private start(first: Rec, index: ReadonlySet<string> | undefined): RecordTable {
    const table = new RecordTable(this.input.name, first, this.request.missing, index);
    table.select(this.request.select(table.columns));
    return table;
  }

  /** A value of member `outer` at `inner` (a key, or a position in a list), held for the pivot. */
  private leaf(outer: string, inner: string | number | undefined, v: unknown): void {
    let col = this.grid.get(outer);
    if (col === undefined) {
      col = { keys: this.firstKeys === undefined ? [] : null, values: [], array: typeof inner === "number" };
      this.grid.set(outer, col);
      if (this.firstKeys === undefined) this.firstKeys = col.keys!;
    }
    if (typeof inner === "string") {
      if (col.keys === null) {
        const i = col.values.length;
        if (this.firstKeys![i] !== inner) col.keys = [...this.firstKeys!.slice(0, i), inner];
      } else col.keys.push(inner);
    }
    col.values.push(v);
  }

  private tooLarge(): InfonceError {
    const mib = Math.round(this.limit / 2 ** 20);
    return new InfonceError(
      "E_DATA",
      `${this.input.name}: a column-oriented JSON table (pandas' default orient='columns', or 'index') is pivoted in memory, up to ${mib} MiB, and this one is larger; above that size write orient='records' or lines=True, which are read as they stream`,
    );
  }

  finish(): TableRead {
    const mode = this.mode;
    if (mode === "grid") return this.pivot();
    const table = this.table;
    if (table === undefined) throw new InfonceError("E_DATA", `${this.input.name}: no rows (an empty 'data')`);
    return {
      columns: table.columns,
      groups: table.finish(),
      rows: table.rows,
      details: { format: "json", orient: mode ?? "split" },
    };
  }

  /** The held members as records, fed to a RecordTable: by position (lists), by row label (columns), or as they are (index). */
  private pivot(): TableRead {
    const entries = [...this.grid];
    const name = this.input.name;
    if (entries.length === 0) throw new InfonceError("E_DATA", `${name}: an empty JSON object; no columns`);
    const lists = entries.filter(([, c]) => c.array);
    if (lists.length > 0 && lists.length < entries.length) {
      const objectKey = entries.find(([, c]) => !c.array)![0];
      throw new InfonceError(
        "E_PARSE",
        `${name}: '${lists[0]![0]}' holds a list and '${objectKey}' an object of labelled values; every column needs the same form`,
      );
    }
    const valueAt = (c: Leaves): ((key: string, pos: number) => unknown) => {
      if (c.keys === null) return (_, pos) => c.values[pos];
      const at = new Map(c.keys.map((k, i) => [k, i]));
      return (key) => {
        const i = at.get(key);
        return i === undefined ? undefined : c.values[i];
      };
    };
    const outer = entries.map(([k]) => k);
    let records: Iterable<Rec>;
    let orient: string;
    let indexKeys: ReadonlySet<string> | undefined;
    if (lists.length > 0) {
      const n = entries[0]![1].values.length;
      const odd = entries.find(([, c]) => c.values.length !== n);
      if (odd !== undefined) {
        throw new InfonceError(
          "E_PARSE",
          `${name}: '${odd[0]}' has ${odd[1].values.length} values but '${outer[0]}' has ${n}; every list needs the same length`,
        );
      }
      orient = "lists";
      records = (function* () {
        for (let r = 0; r < n; r++) yield Object.fromEntries(entries.map(([k, c]) => [k, c.values[r]]));
      })();
    } else {
      const innerSet = new Set(this.firstKeys);
      for (const [, c] of entries) for (const k of c.keys ?? []) innerSet.add(k);
      const inner = [...innerSet];
      const byColumns = this.rowsAreInner(outer, inner);
      orient = byColumns ? "columns" : "index";
      const dataNames = byColumns ? outer : inner;
      this.indexName = dataNames.includes("index") ? "level_0" : "index";
      indexKeys = new Set([this.indexName]);
      const ix = this.indexName;
      const lookups = entries.map(([, c]) => valueAt(c));
      records = byColumns
        ? (function* () {
            for (let r = 0; r < inner.length; r++) {
              const rec: Rec = { [ix]: label(inner[r]!) };
              for (let j = 0; j < outer.length; j++) rec[outer[j]!] = lookups[j]!(inner[r]!, r);
              yield rec;
            }
          })()
        : (function* () {
            for (let r = 0; r < outer.length; r++) {
              const rec: Rec = { [ix]: label(outer[r]!) };
              for (let j = 0; j < inner.length; j++) rec[inner[j]!] = lookups[r]!(inner[j]!, j);
              yield rec;
            }
          })();
    }
    let table: RecordTable | undefined;
    for (const rec of records) {
      table ??= this.start(rec, indexKeys);
      table.add(rec);
    }
    if (table === undefined) throw new InfonceError("E_DATA", `${name}: no rows (every column is empty)`);
    const groups = table.finish();
    if (this.note !== undefined && groups[0] !== undefined) {
      groups[0] = { ...groups[0], notes: [...(groups[0].notes ?? []), this.note] };
    }
    return { columns: table.columns, groups, rows: table.rows, details: { format: "json", orient } };
  }

  /**
   * Whether the inner keys label the rows (orient='columns'): when only they are all integers, yes; when only the
   * outer ones are, no (orient='index'); else the level with more keys is the rows, and a note says so.
   */
  private rowsAreInner(outer: readonly string[], inner: readonly string[]): boolean {
    const innerIndex = inner.every((k) => INTEGER.test(k));
    const outerIndex = outer.every((k) => INTEGER.test(k));
    if (innerIndex !== outerIndex) return innerIndex;
    const byColumns = inner.length >= outer.length;
    const [orient, cols, rows] = byColumns ? ["columns", outer, inner] : ["index", inner, outer];
    this.note = `${this.input.name}: read as pandas' orient='${orient}' (${cols.length} columns, ${rows.length} rows): neither level of keys is a row number, so the level with more keys was taken as the rows; write orient='records' to say which`;
    return byColumns;
  }
}
