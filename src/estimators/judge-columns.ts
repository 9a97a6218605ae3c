import type { Matrix } from "../types.js";

/** What the column rule decided about one column: kept, set aside as constant, or set aside as a duplicate. */
export type ColumnVerdict =
  | { readonly kind: "kept" }
  | { readonly kind: "constant"; readonly value: number }
  | {
      readonly kind: "duplicate";
      readonly of: number;
      /** When the column is not equal but a linear function of column `of`: scale × it + shift. */
      readonly linear?: { readonly scale: number; readonly shift: number };
    };

/** How a duplicate verdict reads in a warning: "duplicate of 'a'" or "a linear function of 'a' (1.8 × it + 32)". */
export function duplicateText(v: { readonly linear?: { scale: number; shift: number } }, of: string): string {
  if (v.linear === undefined) return `duplicate of ${of}`;
  const g = (x: number) => Number(x.toPrecision(6));
  const { scale, shift } = v.linear;
  const plus = shift === 0 ? "" : shift > 0 ? ` + ${g(shift)}` : ` − ${g(-shift)}`;
  return `a linear function of ${of} (${g(scale)} × it${plus})`;
}

/** The verdict per column of m, and the per-column fingerprints the duplicates were found by. */
export interface ColumnJudgement {
  readonly verdicts: readonly ColumnVerdict[];
  /** Per column, a weighted sum over the judged rows: equal columns get equal keys (see judgeColumns). */
  readonly keys: Float64Array;
}

/**
 * The one rule for input columns, used by every estimator (sample-checks.ts, on all rows and again on a neural
 * estimator's training rows) and by the file readers (src/node/read): a column that is constant on `rows` carries no
 * information, and one equal on `rows` to an earlier kept column of its side adds none. Duplicates are found in one
 * pass by a fingerprint per column — a weighted sum with fixed pseudo-random row weights (golden-ratio steps, well
 * spread in [0.5, 1.5), the same for every column), so equal columns get equal keys — then confirmed value by value.
 * A column that is a linear function of an earlier kept one (scale × it + shift: a price with and without a 5% tax,
 * °C and °F, a 0/1 flag and its complement) adds none either, and is set aside the same way (linearTwins): kept,
 * it made the Gaussian's covariance and the neural estimators' whitening singular (plotly/datasets
 * supermarket_Sales.csv: Tax 5%, Total and cogs, so -e infonce refused, "column 12 of x is constant").
 *
 * @param m the columns, row-major
 * @param rows the rows to judge on (null: all rows)
 */
export function judgeColumns(m: Matrix<Float64Array>, rows: Int32Array | null = null): ColumnJudgement {
  const { data, cols } = m;
  const n = rows === null ? m.rows : rows.length;
  const first = new Float64Array(cols);
  const keys = new Float64Array(cols);
  // Per column, whether any value differs from its first: counted rather than stored per cell (a conditional store
  // per cell kept V8 at ~10 ns a cell on a 2M × 5 table; this loop runs at a few).
  const differs = new Float64Array(cols);
  // The same pass gathers, per column, what linearTwins' centred fingerprint needs: sums of d = v − first, of d², of
  // d × weight, and the weights' sum (a second and third pass of their own tripled this function's time).
  const spread: Spread = {
    sum: new Float64Array(cols),
    squares: new Float64Array(cols),
    weighted: new Float64Array(cols),
    weights: 0,
  };
  if (n > 0)
    for (let c = 0; c < cols; c++) first[c] = data[(rows === null ? 0 : (rows[0] as number)) * cols + c] as number;
  let w = 0.5;
  for (let i = 0; i < n; i++) {
    w *= 1.618033988749895;
    w -= Math.floor(w);
    const weight = w + 0.5;
    spread.weights += weight;
    const o = (rows === null ? i : (rows[i] as number)) * cols;
    for (let c = 0; c < cols; c++) {
      const v = data[o + c] as number;
      const d = v - (first[c] as number);
      differs[c] = (differs[c] as number) + (v !== first[c] ? 1 : 0);
      keys[c] = (keys[c] as number) + v * weight;
      spread.sum[c] = (spread.sum[c] as number) + d;
      spread.squares[c] = (spread.squares[c] as number) + d * d;
      spread.weighted[c] = (spread.weighted[c] as number) + d * weight;
    }
  }
  const constant = new Uint8Array(cols);
  for (let c = 0; c < cols; c++) constant[c] = differs[c] === 0 ? 1 : 0;
  const verdicts: ColumnVerdict[] = [];
  const byKey = new Map<number, number[]>();
  for (let c = 0; c < cols; c++) {
    if (constant[c] === 1) {
      verdicts.push({ kind: "constant", value: first[c] as number });
      continue;
    }
    const twins = byKey.get(keys[c] as number) ?? [];
    const twin = twins.find((t) => sameColumn(m, t, m, c, rows));
    if (twin !== undefined) {
      verdicts.push({ kind: "duplicate", of: twin });
      continue;
    }
    twins.push(c);
    byKey.set(keys[c] as number, twins);
    verdicts.push({ kind: "kept" });
  }
  linearTwins(m, rows, verdicts, spread);
  return { verdicts, keys };
}

/** How far a value may be from scale × twin + shift, relative to its column's range: float rounding, not data. */
const LINEAR_TOLERANCE = 1e-9;

/**
 * The fewest rows on which a linear relation between two columns sets one aside: on two rows any two varying
 * columns are linear, and on a handful runs such as 1, 4, 7 and 2, 5, 8 are by chance.
 */
const LINEAR_MIN_ROWS = 10;

/** Per column, sums over the judged rows of d = value − the column's first value: d, d², d × the row's weight. */
interface Spread {
  readonly sum: Float64Array;
  readonly squares: Float64Array;
  readonly weighted: Float64Array;
  /** The sum of the row weights. */
  weights: number;
}

/**
 * Turns kept columns that are linear functions of an earlier kept column into duplicates of it (in place). A
 * fingerprint invariant under x → a·x + b — the weighted sum of the centred column over its norm, the same up to sign
 * for such a pair, read off judgeColumns' pass (`spread`) — gives the candidates; each is confirmed on every row to
 * LINEAR_TOLERANCE of its range, with the scale and shift taken from the rows where the twin is smallest and largest.
 */
function linearTwins(
  m: Matrix<Float64Array>,
  rows: Int32Array | null,
  verdicts: ColumnVerdict[],
  spread: Spread,
): void {
  const kept = verdicts.flatMap((v, c) => (v.kind === "kept" ? [c] : []));
  const n = rows === null ? m.rows : rows.length;
  if (kept.length < 2 || n < LINEAR_MIN_ROWS) return;
  // Σ (v − mean) × weight and Σ (v − mean)², from sums about the first value (which keeps them from cancelling).
  const key = (c: number) => (spread.weighted[c] as number) - ((spread.sum[c] as number) / n) * spread.weights;
  const norm = (c: number) => Math.max(0, (spread.squares[c] as number) - (spread.sum[c] as number) ** 2 / n);
  const fingerprint = (c: number) => Math.abs(key(c)) / Math.sqrt(norm(c));
  const order = kept.filter((c) => norm(c) > 0).sort((a, b) => fingerprint(a) - fingerprint(b));
  for (let s = 1; s < order.length; s++) {
    const c = order[s] as number;
    for (let t = s - 1; t >= 0 && fingerprint(c) - fingerprint(order[t] as number) <= 1e-6 * fingerprint(c); t--) {
      const twin = order[t] as number;
      if (verdicts[twin]!.kind !== "kept") continue;
      const [first, later] = twin < c ? [twin, c] : [c, twin];
      const linear = linearFit(m, rows, later, first);
      if (linear !== null) {
        verdicts[later] = { kind: "duplicate", of: first, linear };
        if (later === c) break;
      }
    }
  }
}

/** scale and shift with column y = scale × column x + shift on `rows` (to LINEAR_TOLERANCE of y's range), or null. */
function linearFit(
  m: Matrix<Float64Array>,
  rows: Int32Array | null,
  y: number,
  x: number,
): { scale: number; shift: number } | null {
  const { data, cols } = m;
  const n = rows === null ? m.rows : rows.length;
  const at = (i: number, c: number) => data[(rows === null ? i : (rows[i] as number)) * cols + c] as number;
  let lo = 0;
  let hi = 0;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (at(i, x) < at(lo, x)) lo = i;
    if (at(i, x) > at(hi, x)) hi = i;
    yMin = Math.min(yMin, at(i, y));
    yMax = Math.max(yMax, at(i, y));
  }
  const scale = (at(hi, y) - at(lo, y)) / (at(hi, x) - at(lo, x));
  const tolerance = LINEAR_TOLERANCE * (yMax - yMin);
  // A shift within the tolerance is rounding (21 × a tax: −1.8e-15), read as none.
  const offset = at(lo, y) - scale * at(lo, x);
  const shift = Math.abs(offset) <= tolerance ? 0 : offset;
  if (!(scale !== 0 && Number.isFinite(scale))) return null;
  for (let i = 0; i < n; i++) if (Math.abs(at(i, y) - (scale * at(i, x) + shift)) > tolerance) return null;
  return { scale, shift };
}

/** Column i of a equals column j of b on `rows` (null: all rows of a; b must have them), compared exactly. */
export function sameColumn(
  a: Matrix<Float64Array>,
  i: number,
  b: Matrix<Float64Array>,
  j: number,
  rows: Int32Array | null = null,
): boolean {
  const n = rows === null ? a.rows : rows.length;
  for (let t = 0; t < n; t++) {
    const r = rows === null ? t : (rows[t] as number);
    if (a.data[r * a.cols + i] !== b.data[r * b.cols + j]) return false;
  }
  return true;
}
