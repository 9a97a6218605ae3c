import { InfonceError } from "../../errors.js";
import { GroupBuilder } from "./group-builder.js";
import type { MissingRule } from "./missing-values.js";
import { type CellPlace, placeText } from "./parse-cell.js";
import type { SourceColumn } from "./select-columns.js";
import type { GroupRead } from "./table-read.js";

/** A field of a record: a scalar, or an array of fixed width (an embedding) expanded to one column per element. */
interface FieldLayout {
  readonly key: string;
  /** null for a scalar field. */
  readonly width: number | null;
}

type Rec = Readonly<Record<string, unknown>>;

/**
 * Turns records (JSONL lines, Parquet rows) into float64 matrices, each value through the shared cell rule
 * (numbers kept, strings and booleans categorical, null missing; column-decoder.ts). The first record fixes the layout: each
 * key is a column, each array field of width d becomes columns `key[0]`…`key[d-1]`. Later records must keep
 * the selected fields and widths (ragged arrays are errors naming the line).
 */
export class RecordTable {
  readonly columns: SourceColumn[] = [];
  private readonly file: string;
  private readonly layout: FieldLayout[] = [];
  private groups: { builder: GroupBuilder; at: { key: string; elem: number | null }[] }[] = [];
  private keys: FieldLayout[] = [];
  private row = 0;
  private line: number | undefined;
  private readonly rule: MissingRule;

  /** `index`: the keys that hold a written row index (a JSON table's), marked so the default selection leaves them out. */
  constructor(file: string, first: Rec, rule: MissingRule, index?: ReadonlySet<string>) {
    this.file = file;
    this.rule = rule;
    for (const [key, v] of Object.entries(first)) {
      if (Array.isArray(v)) {
        this.layout.push({ key, width: v.length });
        for (let e = 0; e < v.length; e++) this.columns.push({ name: `${key}[${e}]`, field: key });
      } else {
        this.layout.push({ key, width: null });
        this.columns.push(
          index?.has(key) === true ? { name: key, field: key, index: true } : { name: key, field: key },
        );
      }
    }
  }

  /** The selected top-level keys (Parquet reads only these). */
  get selectedKeys(): string[] {
    return this.keys.map((k) => k.key);
  }

  select(groups: number[][], expectedRows?: number): void {
    const fieldOf = (i: number) => {
      const c = this.columns[i]!;
      const f = this.layout.find((l) => l.key === c.field)!;
      return { key: f.key, elem: f.width === null ? null : Number(c.name.slice(f.key.length + 1, -1)) };
    };
    this.groups = groups.map((indices) => {
      const at = indices.map(fieldOf);
      const place = (j: number) => {
        const { key, elem } = at[j]!;
        return this.place(elem === null ? key : `${key}[${elem}]`);
      };
      return { builder: new GroupBuilder(indices, this.rule, place, expectedRows), at };
    });
    const used = new Set(this.groups.flatMap((g) => g.at.map((a) => a.key)));
    this.keys = this.layout.filter((l) => used.has(l.key));
  }

  /**
   * Adds the values of field `key` for rows [rowStart, rowStart + values.length) of a column-wise source (Parquet's
   * decoded column chunks), with no object per row. Between `beginRows` and `endRows`; rows must come in order per
   * field. Each cell takes the same rule as `add`.
   */
  addColumnChunk(key: string, rowStart: number, values: ArrayLike<unknown>): void {
    const field = this.keys.find((k) => k.key === key);
    if (field === undefined) return;
    for (const g of this.groups) {
      const b = g.builder;
      const { cols } = b;
      for (let j = 0; j < g.at.length; j++) {
        const { elem } = g.at[j]!;
        if (g.at[j]!.key !== key) continue;
        const decoder = b.decoders[j]!;
        const data = b.data;
        for (let r = 0; r < values.length; r++) {
          const row = rowStart + r;
          const v = values[r];
          const cell = elem === null ? v : this.element(field, v, row, elem);
          if (typeof cell === "number" && Number.isFinite(cell) && decoder.labels === null) {
            data[row * cols + j] = cell;
            continue;
          }
          // The general rule; a column turning categorical relabels its rows so far (rows < b.rows).
          this.row = row + 1;
          b.rows = row;
          data[row * cols + j] = decoder.value(cell, () => this.place(this.columnName(key, elem)));
        }
      }
    }
  }

  /** Starts a batch of column chunks for rows [from, to): room for them, rows so far `from`. */
  beginRows(from: number, to: number): void {
    for (const g of this.groups) {
      g.builder.ensureRows(to);
      g.builder.rows = from;
    }
    this.row = from;
  }

  /** Ends a batch of column chunks: every selected field has its values for rows below `rows`. */
  endRows(rows: number): void {
    for (const g of this.groups) g.builder.rows = rows;
    this.row = rows;
  }

  /** Element `elem` of an array field's value at `row` (0-based), with the width check of `add`. */
  private element(field: FieldLayout, v: unknown, row: number, elem: number): unknown {
    if (v === undefined || v === null) return v;
    if (Array.isArray(v) && v.length === field.width) return v[elem];
    this.row = row + 1;
    this.checkArray(field, v);
    return undefined;
  }

  private columnName(key: string, elem: number | null): string {
    return elem === null ? key : `${key}[${elem}]`;
  }

  /**
   * Adds one record whose fields are all finite numbers, given as the values of every column in `columns` order
   * (the JSONL fast path); the same as `add` on that record.
   */
  addNumbers(values: Float64Array, line: number): void {
    this.row++;
    this.line = line;
    for (const g of this.groups) {
      const b = g.builder;
      b.ensureRow();
      const o = b.rows * b.cols;
      for (let j = 0; j < b.cols; j++) {
        const v = values[b.indices[j]!]!;
        if (b.decoders[j]!.labels === null) b.data[o + j] = v;
        else b.number(j, v);
      }
      b.endRow();
    }
  }

  /** Adds one record; `line` is its 1-based line (JSONL) for messages. */
  add(rec: Rec, line?: number): void {
    this.row++;
    this.line = line;
    for (const f of this.keys) {
      const v = rec[f.key];
      // A missing array is missing cells (the shared rule drops the row or refuses it).
      if (f.width !== null && v !== undefined && v !== null) this.checkArray(f, v);
    }
    for (const g of this.groups) {
      const b = g.builder;
      b.ensureRow();
      for (let j = 0; j < g.at.length; j++) {
        const { key, elem } = g.at[j]!;
        const v = rec[key];
        b.value(j, elem === null ? v : Array.isArray(v) ? v[elem] : undefined);
      }
      b.endRow();
    }
  }

  /** Throws unless v is an array of the field's width (the first row's). */
  private checkArray(f: FieldLayout, v: unknown): void {
    if (!Array.isArray(v)) {
      throw new InfonceError("E_PARSE", `${placeText(this.place(f.key))}: expected an array of ${f.width} numbers`);
    }
    if (v.length !== f.width) {
      throw new InfonceError(
        "E_PARSE",
        `${placeText(this.place(f.key))}: array of ${v.length} values, but the first row's has ${f.width}; every row needs the same width`,
      );
    }
  }

  private place(column: string): CellPlace {
    return { file: this.file, row: this.row, column, ...(this.line === undefined ? {} : { line: this.line }) };
  }

  get rows(): number {
    return this.row;
  }

  finish(): GroupRead[] {
    return this.groups.map((g) => g.builder.finish());
  }
}
