import type { Matrix } from "../types.js";

/** NumPy's pairwise-summation block (PW_BLOCKSIZE) and its reduction buffer size (NPY_BUFSIZE). */
const PW_BLOCK = 128;
const NPY_BUFSIZE = 8192;

/**
 * Each column to mean 0 and population standard deviation 1: z = (x − mean) / std, std = √(Σ(x − mean)²/n),
 * the scaling of the SciPy KSG reference in docs/benchmarks.md ("KSG against SciPy": `(x - x.mean(0)) / x.std(0)`).
 *
 * The sums reproduce NumPy's bit for bit, so that values that tie after standardisation here tie there too
 * (on discrete-valued columns, whether |z_a − z_b| equals a neighbour distance exactly decides KSG's counts):
 * NumPy reduces a single strided column by pairwise summation in buffers of 8192 values, and a column of a
 * multi-column block sequentially, row by row (its reduction loop runs along the contiguous axis).
 *
 * Constant columns (std 0) are left at 0 and reported in `constant`; the caller decides what to do with them.
 *
 * @param m n×d row-major
 * @returns standardised copy (n×d row-major), the column means and stds, and the indices of constant columns
 */
export function standardizeColumns(m: Matrix<Float64Array>): {
  readonly data: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly constant: number[];
} {
  const { rows: n, cols: d, data } = m;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const out = new Float64Array(n * d);
  const constant: number[] = [];
  const column = new Float64Array(n);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) column[i] = data[i * d + c] as number;
    const mu = numpySum(column, d === 1) / n;
    for (let i = 0; i < n; i++) {
      const dev = (column[i] as number) - mu;
      column[i] = dev * dev;
    }
    const sd = Math.sqrt(numpySum(column, d === 1) / n);
    mean[c] = mu;
    std[c] = sd;
    if (sd === 0 || !Number.isFinite(sd)) {
      constant.push(c);
      continue;
    }
    for (let i = 0; i < n; i++) out[i * d + c] = ((data[i * d + c] as number) - mu) / sd;
  }
  return { data: out, mean, std, constant };
}

/** NumPy's sum of a column: pairwise in 8192-value buffers when it is the only column, else sequential. */
function numpySum(v: Float64Array, pairwise: boolean): number {
  let s = 0;
  if (!pairwise) {
    for (let i = 0; i < v.length; i++) s += v[i] as number;
    return s;
  }
  for (let start = 0; start < v.length; start += NPY_BUFSIZE) {
    s += pairwiseSum(v, start, Math.min(NPY_BUFSIZE, v.length - start));
  }
  return s;
}

/** NumPy's pairwise_sum (numpy/core/src/umath/loops_utils.h): 8 accumulators below 128 values, halves above. */
function pairwiseSum(a: Float64Array, off: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[off + i] as number;
    return res;
  }
  if (n <= PW_BLOCK) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[off + j] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (a[off + i + j] as number);
    }
    const at = (j: number): number => r[j] as number;
    let res = at(0) + at(1) + (at(2) + at(3)) + (at(4) + at(5) + (at(6) + at(7)));
    for (; i < n; i++) res += a[off + i] as number;
    return res;
  }
  let n2 = n >> 1;
  n2 -= n2 % 8;
  return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}
