import { InfonceError } from "../errors.js";
import type { Rng } from "../math/rng.js";
import type { Matrix, PairedSample } from "../types.js";
import { type ColumnJudgement, duplicateText, judgeColumns } from "./judge-columns.js";
import { repeatedRowsWarning } from "./repeated-rows.js";

/** A checked paired sample with constant and duplicated columns set aside, and the warnings that say so. */
export interface CheckedSample {
  readonly x: Matrix<Float64Array>;
  readonly y: Matrix<Float64Array>;
  readonly n: number;
  /** Original column numbers (0-based) of the kept columns of x and y. */
  readonly keptX: readonly number[];
  readonly keptY: readonly number[];
  readonly warnings: readonly string[];
}

/**
 * Validates a paired sample at an estimator's boundary: matching rows, consistent buffers, at least `minRows`
 * rows, every value finite (NaN/Inf → E_VALUE naming the side, row and column). Constant columns carry no
 * information and a column equal to an earlier one of its side adds none (informativeColumns): each is set aside
 * with a warning while its side keeps another column; a side with only constant columns is E_DATA (its MI with
 * anything is 0, but no estimator can say so from the data). Rows repeated whole get a warning (repeatedRowsWarning).
 *
 * @param estimator name used in messages
 * @param minRows the least number of rows the estimator can work with, and `why` it needs them
 */
export function checkSample(sample: PairedSample, estimator: string, minRows: number, why: string): CheckedSample {
  const { x, y } = sample;
  if (x === undefined || y === undefined) {
    throw new InfonceError(
      "E_ARG",
      `${estimator} needs a paired sample {x, y}; got ${x === undefined ? "no x" : "no y"}`,
    );
  }
  for (const [name, m] of [
    ["x", x],
    ["y", y],
  ] as const) {
    if (!(Number.isInteger(m.rows) && m.rows >= 0 && Number.isInteger(m.cols) && m.cols >= 1)) {
      throw new InfonceError(
        "E_SHAPE",
        `${name} must have ≥ 1 column and an integer row count; got ${m.rows}×${m.cols}`,
      );
    }
    if (m.data.length !== m.rows * m.cols) {
      throw new InfonceError(
        "E_SHAPE",
        `${name} is ${m.rows}×${m.cols} but its data has ${m.data.length} values; expected ${m.rows * m.cols}`,
      );
    }
  }
  if (x.rows !== y.rows) {
    throw new InfonceError("E_SHAPE", `x has ${x.rows} rows but y has ${y.rows}; rows must pair up`);
  }
  const n = x.rows;
  if (n < minRows) {
    throw new InfonceError("E_DATA", `${estimator} needs at least ${minRows} rows (${why}); got ${n}`);
  }
  // The column rule's one pass also finds any non-finite value: NaN or ±Inf makes its column's weighted sum (key)
  // non-finite. Only then is the side scanned cell by cell, to name the first bad cell (a key can also overflow
  // from huge finite values; the scan then finds nothing and the sample goes on).
  const judged = { x: judgeColumns(x as Matrix<Float64Array>), y: judgeColumns(y as Matrix<Float64Array>) };
  for (const [name, m] of [
    ["x", x],
    ["y", y],
  ] as const) {
    if (judged[name].keys.every(Number.isFinite)) continue;
    const d = m.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i] as number;
      if (!Number.isFinite(v)) {
        throw new InfonceError(
          "E_VALUE",
          `${name} has ${v} at row ${Math.floor(i / m.cols)}, column ${i % m.cols} (0-based); every value must be finite — drop or impute that row`,
        );
      }
    }
  }
  const warnings: string[] = [];
  const keep = (name: "x" | "y", m: Matrix<Float64Array>): { m: Matrix<Float64Array>; kept: number[] } => {
    const kept = informativeColumns(m, name, null, "", warnings, undefined, judged[name]);
    if (kept.length === 0) {
      throw new InfonceError(
        "E_DATA",
        `every column of ${name} is constant; ${estimator} cannot estimate MI from it (it is 0: a constant carries no information)`,
      );
    }
    return { m: kept.length === m.cols ? m : takeColumns(m, kept), kept };
  };
  const kx = keep("x", x as Matrix<Float64Array>);
  const ky = keep("y", y as Matrix<Float64Array>);
  const repeated = repeatedRowsWarning(kx.m, ky.m);
  if (repeated !== null) warnings.push(repeated);
  return { x: kx.m, y: ky.m, n, keptX: kx.kept, keptY: ky.kept, warnings };
}

/** m of the row indices 0…n−1 drawn without replacement by rng, in ascending order (m ≤ n). */
export function randomRows(n: number, m: number, rng: Rng): Int32Array {
  return rng
    .shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i))
    .subarray(0, m)
    .sort();
}

/** Rows `rows` of m (with repetition allowed), as a new n'×d matrix. */
export function takeRows(m: Matrix<Float64Array>, rows: Int32Array): Matrix<Float64Array> {
  const d = m.cols;
  const data = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const src = (rows[i] as number) * d;
    for (let c = 0; c < d; c++) data[i * d + c] = m.data[src + c] as number;
  }
  return { rows: rows.length, cols: d, data };
}

/**
 * Applies the column rule (judgeColumns: constant columns and duplicates of an earlier column are set aside) and
 * says so: each set-aside column gets a warning pushed to `warnings`, named by its original number (`labels[c]` when
 * given); returns the kept column numbers of m.
 *
 * @param rows the rows to judge on (null: all rows)
 * @param where appended to the warning, e.g. " on the training split"
 */
export function informativeColumns(
  m: Matrix<Float64Array>,
  name: string,
  rows: Int32Array | null,
  where: string,
  warnings: string[],
  labels?: readonly number[],
  /** judgeColumns(m, rows), when the caller has it already. */
  judged: ColumnJudgement = judgeColumns(m, rows),
): number[] {
  const label = (c: number): number => labels?.[c] ?? c;
  const kept: number[] = [];
  const empty = (rows === null ? m.rows : rows.length) === 0;
  judged.verdicts.forEach((v, c) => {
    if (v.kind === "kept") kept.push(c);
    else if (v.kind === "constant") {
      // With no rows every column is trivially constant; the caller reports the empty sample instead.
      if (!empty)
        warnings.push(`column ${label(c)} of ${name} is constant${where} (every value is ${v.value}); set aside`);
    } else if (v.linear === undefined)
      warnings.push(`column ${label(c)} of ${name} equals column ${label(v.of)}${where}; set aside as a duplicate`);
    else
      warnings.push(`column ${label(c)} of ${name} is ${duplicateText(v, `column ${label(v.of)}`)}${where}; set aside`);
  });
  return kept;
}

/** Columns `cols` of m, in that order, as a new matrix. */
export function takeColumns(m: Matrix<Float64Array>, cols: readonly number[]): Matrix<Float64Array> {
  const d = cols.length;
  const data = new Float64Array(m.rows * d);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = m.data[i * m.cols + (cols[j] as number)] as number;
  }
  return { rows: m.rows, cols: d, data };
}
