import { InfonceError } from "../errors.js";
import type { Matrix, PairedSample } from "../types.js";
import { copulaTransform } from "./copula.js";
import { type HeldOutBatches, heldOutBatches } from "./held-out-evaluation.js";
import type { NeuralSettings } from "./neural-settings.js";
import { type NeuralSplit, splitOrder, splitRows } from "./neural-split.js";
import { checkSample, informativeColumns, takeColumns } from "./sample-checks.js";
import { whitenColumns } from "./whiten.js";

/** The data of a neural run, ready for training and evaluation. */
export interface NeuralData {
  readonly split: NeuralSplit;
  /** Training batch size K: the requested one, shrunk to the split sizes if needed. */
  readonly k: number;
  readonly heldOut: HeldOutBatches;
  /** Columns set aside, batch sizes shrunk, batch layouts that weaken the estimate. */
  readonly warnings: string[];
}

/**
 * Prepares a paired sample for a neural estimate: checked at the boundary like every estimator's input
 * (sample-checks.ts: shapes, finite values, constant and duplicated columns set aside with a warning — over all rows,
 * then over the training rows), optionally copula-transformed and decorrelated,
 * split and standardised (neural-split.ts), with the training batch size fitted to the splits and the held-out split
 * cut into evaluation batches (held-out-evaluation.ts).
 */
export function prepareNeuralData(sample: PairedSample, settings: NeuralSettings): NeuralData {
  const checked = checkSample(sample, settings.bound, 4, "two training and two held-out rows");
  const warnings = [...checked.warnings];
  const order = splitOrder(checked.n, settings.trainFraction, settings.seed);
  // The same rule again on the training rows: a column can vary overall and be constant where the critic learns
  // (a pixel that is 0 in every training image), which nothing can standardise or learn from.
  const trainRows = order.perm.subarray(0, order.nTrain);
  const usable = (side: "x" | "y", m: Matrix<Float64Array>, labels: readonly number[]): Matrix<Float64Array> => {
    const kept = informativeColumns(m, side, trainRows, " on the training split", warnings, labels);
    if (kept.length === 0) {
      throw new InfonceError(
        "E_DATA",
        `every column of ${side} is constant on the training split (${order.nTrain} rows); use more rows or other columns`,
      );
    }
    return kept.length === m.cols ? m : takeColumns(m, kept);
  };
  const rawX = usable("x", checked.x, checked.keptX);
  const rawY = usable("y", checked.y, checked.keptY);
  // Ranks over all rows, train and held out: the transform reads each column's marginal only, never the pairing,
  // so it carries nothing about the dependence from the held-out rows into training.
  const copulaX = settings.copula ? copulaTransform(rawX) : rawX;
  const copulaY = settings.copula ? copulaTransform(rawY) : rawY;
  // Each side's covariance reads that side only, as the ranks do (whiten.ts).
  const x = settings.whiten ? whitenColumns(copulaX) : copulaX;
  const y = settings.whiten ? whitenColumns(copulaY) : copulaY;
  const split = splitRows(x, y, order, settings);
  const { nTrain, nTest } = split;
  let k = settings.batchSize;
  if (k > Math.min(nTrain, nTest)) {
    k = Math.min(nTrain, nTest);
    warnings.push(
      `batch size ${settings.batchSize} is larger than the ${nTrain === k ? "training" : "held-out"} split (${k} rows); ` +
        `using K = ${k}. The InfoNCE ceiling is log K = ${Math.log(k).toFixed(3)} nats.`,
    );
  }
  const heldOut = heldOutBatches(split.x.test, x.cols, split.y.test, y.cols, nTest, settings, k, warnings);
  return { split, k, heldOut, warnings };
}
