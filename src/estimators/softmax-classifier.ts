import { logSumExpBackwardRowsInto } from "../math/log-softmax.js";
import { createRng } from "../math/rng.js";
import { Adam } from "../nn/adam.js";
import { Mlp } from "../nn/mlp.js";
import { ParameterBuffer } from "../nn/parameter-buffer.js";
import type { Activation, Kernel, StopSignal } from "../types.js";
import { type AbsentClasses, absentClasses, labelLogProbability } from "./absent-classes.js";

/** Rows of features (float32, rows×dim row-major) with a class code per row. */
export interface LabelledRows {
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly rows: number;
}

/** Rows [from, to) of `data` (dim features a row) as a view: no copy. */
export function rowRange(data: LabelledRows, dim: number, from: number, to: number): LabelledRows {
  return { x: data.x.subarray(from * dim, to * dim), labels: data.labels.subarray(from, to), rows: to - from };
}

/** A model of q(y|x): an MLP from dim inputs to `classes` logits (no hidden layer: multinomial logistic regression). */
export interface ClassifierCapacity {
  readonly hidden: readonly number[];
  /**
   * L2 penalty on the weights (not the biases): the loss is mean cross-entropy + (l2/2)·‖W‖². Infinity keeps the
   * weights at 0: q(y|x) = q(y), the intercept-only model (the label's marginal, a bound of 0 nats).
   */
  readonly l2: number;
}

export interface ClassifierFitOptions {
  readonly lr: number;
  /** Rows per Adam step; ≥ rows means full-batch gradient descent. */
  readonly batchSize: number;
  readonly maxEpochs: number;
  /** Epochs without a validation improvement that stop training (ignored without validation rows). */
  readonly patience: number;
  readonly seed: number;
  readonly kernel: Kernel;
  readonly activation?: Activation;
  readonly stop?: StopSignal;
}

/** A trained classifier: the network at its best validation epoch. */
export interface FittedClassifier {
  readonly capacity: ClassifierCapacity;
  readonly mlp: Mlp;
  /** Mean validation cross-entropy of the kept parameters (NaN without validation rows), nats. */
  readonly validationCrossEntropy: number;
  /** Epochs trained, and the epoch whose parameters were kept. */
  readonly epochs: number;
  readonly bestEpoch: number;
  /** The classes its training rows lacked, scored as absent-classes.ts says (null: none). */
  readonly absent: AbsentClasses | null;
}

/** Largest block of rows pushed through the network at once when scoring (bounds the activation buffers). */
const SCORE_BLOCK = 2048;

/**
 * log q(y_i | x_i) of every row, into `out` (float64): the network's logits in blocks of rows, then each row's
 * log-softmax, with the classes absent from the model's training rows as absent-classes.ts scores them.
 */
export function labelLogLikelihoods(
  mlp: Mlp,
  data: LabelledRows,
  absent: AbsentClasses | null,
  out = new Float64Array(data.rows),
): Float64Array {
  const dim = mlp.spec.inDim;
  const classes = mlp.spec.outDim;
  for (let start = 0; start < data.rows; start += SCORE_BLOCK) {
    const rows = Math.min(SCORE_BLOCK, data.rows - start);
    const logits = mlp.forward(data.x.subarray(start * dim, (start + rows) * dim), rows);
    for (let i = 0; i < rows; i++) {
      out[start + i] = labelLogProbability(logits, i * classes, classes, data.labels[start + i] as number, absent);
    }
  }
  return out;
}

/** Mean cross-entropy −⟨log q(y|x)⟩ of `data`, nats (absent: as labelLogLikelihoods). */
export function meanCrossEntropy(mlp: Mlp, data: LabelledRows, absent: AbsentClasses | null): number {
  return crossEntropyOf(labelLogLikelihoods(mlp, data, absent));
}

/** Mean cross-entropy −⟨log q(y|x)⟩ of rows whose log-likelihoods are `logLik`, nats. */
export function crossEntropyOf(logLik: Float64Array): number {
  let s = 0;
  for (let i = 0; i < logLik.length; i++) s -= logLik[i] as number;
  return s / logLik.length;
}

/**
 * Trains q(y|x) on `train` by Adam on the mean cross-entropy plus the L2 penalty (the objective of scikit-learn's
 * LogisticRegression with C = 1/(l2·rows) when there is no hidden layer). With `validation` rows, the
 * parameters of the epoch with the lowest validation cross-entropy are kept and training stops after `patience`
 * epochs without a new best (early stopping is itself a capacity control).
 */
export function fitSoftmaxClassifier(
  train: LabelledRows,
  validation: LabelledRows | null,
  dim: number,
  classes: number,
  capacity: ClassifierCapacity,
  options: ClassifierFitOptions,
): FittedClassifier {
  const spec = { inDim: dim, hidden: capacity.hidden, outDim: classes, activation: options.activation ?? "relu" };
  const params = new ParameterBuffer(Mlp.parameterCount(spec));
  const rng = createRng(options.seed, 11);
  const mlp = new Mlp(spec, params, rng, options.kernel);
  const absent = absentClasses(train.labels, classes);
  if (capacity.l2 === Number.POSITIVE_INFINITY) for (const layer of mlp.layers) layer.weight.fill(0);
  const adam = new Adam(params.values, params.grads, { lr: options.lr }, options.kernel);
  const batch = Math.min(options.batchSize, train.rows);
  const order = Int32Array.from({ length: train.rows }, (_, i) => i);
  const bx = new Float32Array(batch * dim);
  const grad = new Float32Array(batch * classes);
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestParams: Float32Array | null = null;
  let epoch = 0;
  while (epoch < options.maxEpochs && !options.stop?.stopped) {
    epoch++;
    if (batch < train.rows) rng.shuffleInPlace(order);
    for (let start = 0; start + batch <= train.rows; start += batch) {
      for (let i = 0; i < batch; i++) {
        const r = order[start + i] as number;
        bx.set(train.x.subarray(r * dim, (r + 1) * dim), i * dim);
      }
      const logits = mlp.forward(bx, batch);
      // ∂(mean CE)/∂logits = (softmax − onehot) / batch.
      logSumExpBackwardRowsInto(logits, 1 / batch, batch, classes, grad);
      for (let i = 0; i < batch; i++) {
        const at = i * classes + (train.labels[order[start + i] as number] as number);
        grad[at] = (grad[at] as number) - 1 / batch;
      }
      mlp.backward(grad, batch);
      if (capacity.l2 === Number.POSITIVE_INFINITY) {
        for (const layer of mlp.layers) layer.gradWeight.fill(0);
      } else if (capacity.l2 > 0) {
        for (const layer of mlp.layers) {
          for (let p = 0; p < layer.weight.length; p++) {
            layer.gradWeight[p] = (layer.gradWeight[p] as number) + capacity.l2 * (layer.weight[p] as number);
          }
        }
      }
      adam.step();
    }
    if (validation === null) continue;
    const ce = meanCrossEntropy(mlp, validation, absent);
    if (ce < best) {
      best = ce;
      bestEpoch = epoch;
      bestParams = params.values.slice();
    } else if (epoch - bestEpoch >= options.patience) break;
  }
  if (bestParams !== null) params.values.set(bestParams);
  return {
    capacity,
    mlp,
    validationCrossEntropy: validation === null ? Number.NaN : best,
    epochs: epoch,
    bestEpoch: validation === null ? epoch : bestEpoch,
    absent,
  };
}
