import { InfonceError } from "../errors.js";

/**
 * The one-dimensional case of `countWithinRadius`, by two binary searches in the sorted values instead of a tree:
 * for every i, the number of j (i included) with |fl(v_j − v_i)| ≤ radius[i]. fl(v − q) is monotone in v, so the
 * points within the radius form one run of the sorted array and the count agrees bit for bit with the tree's.
 *
 * @param values length n, original order (not modified)
 * @param radius length n, original order; each ≥ 0
 * @param out length n, original order
 * @param only optional, length n, original order: count only where only[i] = 1; other entries left untouched
 */
export function countWithinRadius1d(
  values: Float64Array,
  radius: Float64Array,
  out: Int32Array,
  only?: Uint8Array,
): void {
  const n = values.length;
  if (radius.length !== n) throw new InfonceError("E_SHAPE", `radius has length ${radius.length}, expected ${n}`);
  if (out.length !== n) throw new InfonceError("E_SHAPE", `out has length ${out.length}, expected ${n}`);
  if (only !== undefined && only.length !== n) {
    throw new InfonceError("E_SHAPE", `only has length ${only.length}, expected ${n}`);
  }
  const sorted = Float64Array.from(values).sort();
  for (let i = 0; i < n; i++) {
    if (only !== undefined && only[i] !== 1) continue;
    const q = values[i] as number;
    const r = radius[i] as number;
    out[i] = firstAbove(sorted, q, r) - firstAtLeast(sorted, q, -r);
  }
}

/** First index j with fl(sorted[j] − q) ≥ bound (n if none). */
export function firstAtLeast(sorted: Float64Array, q: number, bound: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((sorted[m] as number) - q >= bound) b = m;
    else a = m + 1;
  }
  return a;
}

/** First index j with fl(sorted[j] − q) > bound (n if none). */
export function firstAbove(sorted: Float64Array, q: number, bound: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((sorted[m] as number) - q > bound) b = m;
    else a = m + 1;
  }
  return a;
}

/**
 * firstAtLeast(sorted, q, bound) when fl(sorted[from] − q) ≥ bound already (the answer is at most `from`), found by
 * galloping down from `from`: about 2·log2(from − answer) probes near `from` instead of log2(n) spread over the array.
 */
export function firstAtLeastDown(sorted: Float64Array, q: number, bound: number, from: number): number {
  let hi = from; // fl(sorted[hi] − q) ≥ bound
  let lo = from - 1;
  let step = 1;
  while (lo >= 0 && (sorted[lo] as number) - q >= bound) {
    hi = lo;
    step *= 2;
    lo = hi - step;
  }
  let a = Math.max(lo + 1, 0);
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((sorted[m] as number) - q >= bound) b = m;
    else a = m + 1;
  }
  return a;
}

/**
 * firstAbove(sorted, q, bound) when fl(sorted[from] − q) ≤ bound (the answer is above `from`), found by galloping up
 * from `from`.
 */
export function firstAboveUp(sorted: Float64Array, q: number, bound: number, from: number): number {
  const n = sorted.length;
  let lo = from; // fl(sorted[lo] − q) ≤ bound
  let hi = from + 1;
  let step = 1;
  while (hi < n && !((sorted[hi] as number) - q > bound)) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  let a = lo + 1;
  let b = Math.min(hi, n);
  while (a < b) {
    const m = (a + b) >>> 1;
    if ((sorted[m] as number) - q > bound) b = m;
    else a = m + 1;
  }
  return a;
}
