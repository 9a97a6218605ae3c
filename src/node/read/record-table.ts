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

  constructor(file: string, first: Rec, rule: MissingRule) {
    this.file = file;
    this.rule = rule;
    for (const [key, v] of Object.entries(first)) {
      if (Array.isArray(v)) {
        this.layout.push({ key, width: v.length });
        for (let e = 0; e < v.length; e++) this.columns.push({ name: `${key}[${e}]`, field: key });
      } else {
        this.layout.push({ key, width: null });
        this.columns.push({ name: key, field: key });
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

  /** Adds one record; `line` is its 1-based line (JSONL) for messages. */
  add(rec: Rec, line?: number): void {
    this.row++;
    this.line = line;
    const place = (column: string) => this.place(column);
    for (const f of this.keys) {
      const v = rec[f.key];
      if (f.width === null) continue;
      // A missing array is missing cells (the shared rule drops the row or refuses it).
      if (v === undefined || v === null) continue;
      if (!Array.isArray(v)) {
        throw new InfonceError("E_PARSE", `${placeText(place(f.key))}: expected an array of ${f.width} numbers`);
      }
      if (v.length !== f.width) {
        throw new InfonceError(
          "E_PARSE",
          `${placeText(place(f.key))}: array of ${v.length} values, but the first row's has ${f.width}; every row needs the same width`,
        );
      }
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
