import type { Matrix } from "../../types.js";
import { ColumnDecoder } from "./column-decoder.js";
import type { MissingRule } from "./missing-values.js";
import type { CellPlace } from "./parse-cell.js";
import type { GroupRead } from "./table-read.js";

const FIRST_ROWS = 8192;
/** Most float64 values one buffer holds (a V8 typed-array limit is 2^32 elements; stay well inside it). */
const MAX_VALUES = 2 ** 31;

/**
 * Collects the selected columns of one group (X or Y) into a row-major float64 matrix as rows arrive, each cell
 * through its column's decoder (missing → NaN, labels → codes). Readers that know an upper bound on the row count
 * (from the file size) pass it: the buffer is allocated once at that size and never copied, and since a large
 * zero-filled allocation is mapped lazily by the OS, only the rows actually written take memory. Without a
 * bound the buffer doubles (peak about twice the result at a growth).
 *
 * The fast CSV path writes finite numbers straight into `data` at `rows * cols + j` (after `ensureRow`); every
 * other cell goes through `text`, `number` or `value`.
 */
export class GroupBuilder {
  readonly cols: number;
  readonly decoders: ColumnDecoder[];
  data: Float64Array;
  rows = 0;

  constructor(
    readonly indices: readonly number[],
    rule: MissingRule,
    /** Where column j's current cell is, for messages. */
    private readonly place: (j: number) => CellPlace,
    capacityRows?: number,
  ) {
    this.cols = indices.length;
    const cap = Math.max(1, Math.min(capacityRows ?? FIRST_ROWS, Math.floor(MAX_VALUES / Math.max(1, this.cols))));
    this.data = new Float64Array(cap * this.cols);
    this.decoders = indices.map((_, j) => new ColumnDecoder(rule, (f) => this.mapColumn(j, f)));
  }

  /** Makes room for row `rows` (the one being written). */
  ensureRow(): void {
    this.ensureRows(this.rows + 1);
  }

  /** Makes room for rows 0 … count−1. */
  ensureRows(count: number): void {
    const need = count * this.cols;
    if (need <= this.data.length) return;
    const next = new Float64Array(Math.max(need, Math.min(this.data.length * 2, MAX_VALUES)));
    next.set(this.data.subarray(0, this.rows * this.cols));
    this.data = next;
  }

  text(j: number, raw: string): void {
    this.data[this.rows * this.cols + j] = this.decoders[j]!.text(raw, () => this.place(j));
  }

  number(j: number, v: number): void {
    this.data[this.rows * this.cols + j] = this.decoders[j]!.number(v, () => this.place(j));
  }

  value(j: number, v: unknown): void {
    this.data[this.rows * this.cols + j] = this.decoders[j]!.value(v, () => this.place(j));
  }

  endRow(): void {
    this.rows++;
  }

  private mapColumn(j: number, f: (v: number) => number): void {
    const { data, cols } = this;
    for (let r = 0; r < this.rows; r++) data[r * cols + j] = f(data[r * cols + j]!);
  }

  /** The group read so far: NaN marks missing cells; categorical columns hold provisional codes. */
  finish(): GroupRead {
    const notes: string[] = [];
    this.decoders.forEach((d, j) => {
      const note = d.settleStrayTexts(this.place(j).column);
      if (note !== null) notes.push(note);
    });
    const matrix: Matrix<Float64Array> = {
      rows: this.rows,
      cols: this.cols,
      data: this.data.subarray(0, this.rows * this.cols),
    };
    return {
      indices: this.indices,
      matrix,
      labels: this.decoders.map((d) => d.labels ?? undefined),
      missingCells: this.decoders.reduce((a, d) => a + d.missingCells, 0),
      ...(notes.length > 0 ? { notes } : {}),
    };
  }
}
