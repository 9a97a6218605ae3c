import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";

/** The rows of one side after the split: training rows first, then the held-out rows, each standardised. */
export interface SplitSide {
  /** nTrain × cols, float32 row-major, standardised with the training rows' mean and sd. */
  readonly train: Float32Array;
  /** nTest × cols, in the shuffled order (held-out batches are cut from it in that order). */
  readonly test: Float32Array;
  readonly cols: number;
}

/** A paired sample split into training and held-out rows (the same rows on both sides). */
export interface NeuralSplit {
  readonly x: SplitSide;
  readonly y: SplitSide;
  readonly nTrain: number;
  readonly nTest: number;
}

/** A seeded order of the rows: perm[0..nTrain) train, perm[nTrain..n) are held out. */
export interface SplitOrder {
  readonly perm: Int32Array;
  readonly nTrain: number;
  readonly nTest: number;
}

/** Shuffles n rows with `seed` (stream 1); the first round(n · trainFraction) train. Each split needs ≥ 2 rows. */
export function splitOrder(n: number, trainFraction: number, seed: number): SplitOrder {
  const nTrain = Math.round(n * trainFraction);
  const nTest = n - nTrain;
  if (nTrain < 2 || nTest < 2) {
    throw new InfonceError(
      "E_DATA",
      `${n} rows split ${nTrain} train / ${nTest} held out (trainFraction ${trainFraction}); each split needs ≥ 2 rows`,
    );
  }
  const perm = createRng(seed, 1).shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
  return { perm, nTrain, nTest };
}

/**
 * Splits the rows in `order` (splitOrder). When `standardize`, every column is centred and scaled by the training
 * rows' mean and population sd, so nothing about the held-out rows reaches training. A column constant on the
 * training rows cannot be scaled: E_DATA (neural-data.ts sets such columns aside before).
 */
export function splitRows(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  order: SplitOrder,
  options: { readonly standardize: boolean },
): NeuralSplit {
  const n = x.rows;
  const { perm, nTrain, nTest } = order;
  const side = (m: Matrix<Float64Array>, name: string): SplitSide => {
    const [mean, sd] = columnStats(m.data, m.cols, perm, nTrain, options.standardize, name);
    return {
      train: gatherStandardized(m.data, m.cols, perm, 0, nTrain, mean, sd),
      test: gatherStandardized(m.data, m.cols, perm, nTrain, n, mean, sd),
      cols: m.cols,
    };
  };
  return { x: side(x, "x"), y: side(y, "y"), nTrain, nTest };
}

/** Per-column mean and population sd over the training rows perm[0..nTrain) (identity when not standardising). */
function columnStats(
  data: Float64Array,
  cols: number,
  perm: Int32Array,
  nTrain: number,
  standardize: boolean,
  name: string,
): [Float64Array, Float64Array] {
  const mean = new Float64Array(cols);
  const sd = new Float64Array(cols).fill(1);
  if (!standardize) return [mean, sd];
  for (let r = 0; r < nTrain; r++) {
    const o = (perm[r] as number) * cols;
    for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) + (data[o + c] as number);
  }
  for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) / nTrain;
  const ss = new Float64Array(cols);
  for (let r = 0; r < nTrain; r++) {
    const o = (perm[r] as number) * cols;
    for (let c = 0; c < cols; c++) ss[c] = (ss[c] as number) + ((data[o + c] as number) - (mean[c] as number)) ** 2;
  }
  for (let c = 0; c < cols; c++) {
    const v = Math.sqrt((ss[c] as number) / nTrain);
    if (!(v > 1e-12 * Math.max(1, Math.abs(mean[c] as number)))) {
      throw new InfonceError(
        "E_DATA",
        `column ${c} of ${name} is constant on the training split (value ${mean[c]}); it carries no information — drop it`,
      );
    }
    sd[c] = v;
  }
  return [mean, sd];
}

function gatherStandardized(
  data: Float64Array,
  cols: number,
  perm: Int32Array,
  from: number,
  to: number,
  mean: Float64Array,
  sd: Float64Array,
): Float32Array {
  const out = new Float32Array((to - from) * cols);
  for (let r = from; r < to; r++) {
    const o = (perm[r] as number) * cols;
    const w = (r - from) * cols;
    for (let c = 0; c < cols; c++) out[w + c] = ((data[o + c] as number) - (mean[c] as number)) / (sd[c] as number);
  }
  return out;
}
