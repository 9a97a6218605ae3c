import type { Matrix } from "../../types.js";
import { ColumnStats } from "./column-stats.js";

const CHUNK_ROWS = 8192;

/**
 * Collects rows of `cols` numbers into a row-major float64 matrix without knowing the row count in advance.
 * Rows go into fixed-size chunks (no re-copy as it grows), joined once at the end: peak memory is about twice the
 * result, whatever the input size. Keeps ColumnStats for each column as values arrive.
 */
export class MatrixBuilder {
  readonly cols: number;
  readonly stats: ColumnStats[];
  private readonly chunks: Float64Array[] = [];
  private current: Float64Array;
  private used = 0; // values used in `current`
  private full = 0; // rows in finished chunks

  constructor(cols: number, expectedRows?: number) {
    this.cols = cols;
    this.stats = Array.from({ length: cols }, () => new ColumnStats());
    const first = expectedRows !== undefined && expectedRows > 0 ? expectedRows : CHUNK_ROWS;
    this.current = new Float64Array(Math.max(1, first * cols));
  }

  get rows(): number {
    return this.full + this.used / Math.max(1, this.cols);
  }

  /** Appends one value; values fill rows left to right. `j` is the column of this value (for its stats). */
  push(v: number, j: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current);
      this.full += this.current.length / this.cols;
      this.current = new Float64Array(CHUNK_ROWS * this.cols);
      this.used = 0;
    }
    this.current[this.used++] = v;
    this.stats[j]!.add(v);
  }

  /** The finished matrix. */
  finish(): Matrix<Float64Array> {
    const rows = this.rows;
    if (this.chunks.length === 0 && this.used === this.current.length) {
      return { rows, cols: this.cols, data: this.current };
    }
    const data = new Float64Array(rows * this.cols);
    let at = 0;
    for (const c of this.chunks) {
      data.set(c, at);
      at += c.length;
    }
    data.set(this.current.subarray(0, this.used), at);
    this.chunks.length = 0;
    return { rows, cols: this.cols, data };
  }
}
