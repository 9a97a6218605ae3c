/**
 * Per-column work of a many-pair run (sorted and scaled columns), kept for the pairs that reuse it. Capped by the
 * bytes it holds, not by a count of columns: a column of a tall table (millions of rows) is tens of MB, so a count
 * that suits 10,000 rows would exhaust memory there.
 */
export const COLUMN_CACHE_BYTES = 256 * 2 ** 20;

/**
 * A least-recently-used cache that never holds more than `budget` bytes (as `bytesOf` counts them). Pairs come
 * row by row (matrix: i with every j > i; rank: the target with every feature), so the columns of recent pairs are
 * the ones reused. A value larger than the whole budget is returned without being kept. What is kept changes only
 * the time a pair takes, never its numbers: a value is a function of its key.
 */
export class ColumnCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly bytes: number }>();
  private held = 0;

  constructor(
    readonly budget: number,
    private readonly bytesOf: (value: V) => number,
  ) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.held;
  }

  /** Number of values held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The value of `key`, made by `make` when not held (then kept if it fits, dropping the least recently used). */
  get(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = make();
    const bytes = this.bytesOf(value);
    if (bytes > this.budget) return value;
    for (const [k, e] of this.entries) {
      if (this.held + bytes <= this.budget) break;
      this.entries.delete(k);
      this.held -= e.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    return value;
  }
}
