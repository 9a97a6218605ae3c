import { InfonceError } from "../../errors.js";
import { MatrixBuilder } from "./matrix-builder.js";
import { type CellPlace, failNonFinite, placeText } from "./parse-cell.js";
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
 * Turns records (JSONL lines, Parquet rows) into float64 matrices. The first record fixes the layout: each
 * key is a column, each array field of width d becomes columns `key[0]`…`key[d-1]`. Later records must keep
 * the selected fields and widths (ragged arrays are errors naming the line).
 */
export class RecordTable {
  readonly columns: SourceColumn[] = [];
  private readonly file: string;
  private readonly layout: FieldLayout[] = [];
  private groups: { indices: number[]; builder: MatrixBuilder; at: { key: string; elem: number | null }[] }[] = [];
  private keys: FieldLayout[] = [];
  private row = 0;

  constructor(file: string, first: Rec) {
    this.file = file;
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
    this.groups = groups.map((indices) => ({
      indices,
      builder: new MatrixBuilder(indices.length, expectedRows),
      at: indices.map(fieldOf),
    }));
    const used = new Set(this.groups.flatMap((g) => g.at.map((a) => a.key)));
    this.keys = this.layout.filter((l) => used.has(l.key));
  }

  /** Adds one record; `line` is its 1-based line (JSONL) for messages. */
  add(rec: Rec, line?: number): void {
    this.row++;
    const place = (column: string): CellPlace => ({
      file: this.file,
      row: this.row,
      column,
      ...(line === undefined ? {} : { line }),
    });
    for (const f of this.keys) {
      const v = rec[f.key];
      if (f.width === null) continue;
      if (!Array.isArray(v)) {
        if (v === undefined || v === null) {
          throw new InfonceError("E_VALUE", `${placeText(place(f.key))}: missing; every row needs this field`);
        }
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
      for (let j = 0; j < g.at.length; j++) {
        const { key, elem } = g.at[j]!;
        const raw = elem === null ? rec[key] : (rec[key] as unknown[])[elem];
        g.builder.push(
          this.toNumber(raw, () => place(elem === null ? key : `${key}[${elem}]`)),
          j,
        );
      }
    }
  }

  private toNumber(raw: unknown, place: () => CellPlace): number {
    if (typeof raw === "number") {
      if (!Number.isFinite(raw)) failNonFinite(raw, place());
      return raw;
    }
    if (typeof raw === "bigint") return Number(raw);
    if (typeof raw === "boolean") return raw ? 1 : 0;
    if (raw === null || raw === undefined) {
      throw new InfonceError("E_VALUE", `${placeText(place())}: missing value; remove the row or impute it`);
    }
    const shown = JSON.stringify(raw).slice(0, 40);
    throw new InfonceError(
      "E_PARSE",
      `${placeText(place())}: ${shown} is not a number; select numeric fields with --x/--y or encode categories as integers`,
    );
  }

  get rows(): number {
    return this.row;
  }

  finish(): GroupRead[] {
    return this.groups.map((g) => ({ indices: g.indices, matrix: g.builder.finish(), stats: g.builder.stats }));
  }
}
