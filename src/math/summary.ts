import { Z_95 } from "./normal-distribution.js";

/** Mean with its standard error and a normal-approximation 95% interval. */
export interface MeanSummary {
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator); NaN for n < 2. */
  readonly sd: number;
  /** Standard error of the mean, sd/√n; NaN for n < 2. */
  readonly se: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
}

/** Mean, sd, standard error and 95% interval of a sample (Welford's one-pass update, stable for large means). */
export function summarize(values: ArrayLike<number>): MeanSummary {
  let mean = 0;
  let m2 = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  }
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, se: Number.NaN, ci95: [Number.NaN, Number.NaN], n };
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
  const se = sd / Math.sqrt(n);
  return { mean, sd, se, ci95: [mean - Z_95 * se, mean + Z_95 * se], n };
}

/** The q-quantile (0 ≤ q ≤ 1) of a sample by linear interpolation (NumPy's default, "type 7"). Copies and sorts. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
