import { InfonceError } from "../errors.js";
import { minimizeLbfgs } from "../math/lbfgs.js";
import { createRng } from "../math/rng.js";
import { Mlp } from "../nn/mlp.js";
import { ParameterBuffer } from "../nn/parameter-buffer.js";
import type { Kernel } from "../types.js";
import { type AbsentClasses, absentClasses, labelLogProbability } from "./absent-classes.js";
import { codeCounts } from "./code-counts.js";
import { type LabelledRows, rowRange } from "./softmax-classifier.js";

/**
 * Penalised multinomial logistic regression fitted to its optimum: mean cross-entropy + (l2/2)·‖W‖² (biases free —
 * the objective of scikit-learn's LogisticRegression with C = 1/(l2·rows)), minimised by L-BFGS in float64
 * (src/math/lbfgs.ts; the two products per evaluation on the kernel's float32 GEMM). The model is convex, so unlike a stochastic fit with early stopping the result depends on l2
 * alone; on small tables, where a few dozen validation rows cannot time early stopping well, this is what reaches
 * the held-out bound a converged logistic regression gives.
 *
 * @param warm parameters to start from ([W classes×dim row-major, b]; a fit at a nearby l2), or null for the
 *   marginal's (W = 0, b = log class frequencies: the optimum as l2 → ∞, a few iterations from any strong-L2 fit;
 *   from b = 0 the rare classes' small gradients took L-BFGS 90–265 iterations at l2 = 1)
 * @param tolerance stop when the gradient's largest entry is below this
 * @returns the parameters, [W, b]
 */
export function fitLogisticExact(
  train: LabelledRows,
  dim: number,
  classes: number,
  l2: number,
  kernel: Kernel,
  warm: Float64Array | null = null,
  tolerance = 1e-5,
): Float64Array {
  const { x, labels, rows } = train;
  const nW = classes * dim;
  const start = marginalStart(labels, rows, dim, classes);
  const theta = warm === null ? start : warm.slice();
  // A class the rows never show has nothing to fit: in the softmax its intercept would run toward −∞ (log q ≈ −18
  // on a held-out row of it, 10 classes ∝ 0.6^c in 150 rows). It is left out of the fit (its parameters stay at the
  // start's), and scoring gives it the marginal's half row (absent-classes.ts).
  const absent = absentClasses(labels.subarray(0, rows), classes)?.mask ?? new Uint8Array(classes);
  // The two products per evaluation run on the kernel's float32 GEMM (rows × classes × dim each); the rest in float64.
  const w32 = new Float32Array(nW);
  const z = new Float32Array(rows * classes);
  const dz = new Float32Array(rows * classes);
  const e = new Float64Array(classes);
  const u = new Float64Array(classes);
  const bias = new Float64Array(classes);
  const gw = new Float32Array(nW);
  const objective = (t: Float64Array, grad: Float64Array): number => {
    for (let p = 0; p < nW; p++) w32[p] = t[p] as number;
    // An absent class's logit is −∞: no probability, no gradient.
    for (let c = 0; c < classes; c++) bias[c] = absent[c] === 1 ? Number.NEGATIVE_INFINITY : (t[nW + c] as number);
    kernel.gemm(false, true, rows, classes, dim, 1, x, w32, 0, z);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const o = i * classes;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        const v = (z[o + c] as number) + (bias[c] as number);
        u[c] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        // exp is most of the cost with many classes; a logit this far below the largest adds nothing a float64
        // sum of terms ≥ 1 can hold (e⁻⁴⁰ < 2⁻⁵⁷), and a probability below 5·10⁻¹⁸ nothing to the gradient.
        const gap = (u[c] as number) - max;
        const v = gap < NEGLIGIBLE_LOGIT_GAP ? 0 : Math.exp(gap);
        e[c] = v;
        sum += v;
      }
      const y = labels[i] as number;
      loss += max + Math.log(sum) - (u[y] as number);
      for (let c = 0; c < classes; c++) {
        // ∂/∂z_c of the row's cross-entropy: softmax_c − [c = y], over rows (the mean's 1/rows below).
        const d = (e[c] as number) / sum - (c === y ? 1 : 0);
        dz[o + c] = d;
        grad[nW + c] = (grad[nW + c] as number) + d;
      }
    }
    kernel.gemm(true, false, classes, dim, rows, 1, dz, x, 0, gw);
    let penalty = 0;
    for (let p = 0; p < nW; p++) {
      const w = t[p] as number;
      penalty += w * w;
      grad[p] = (gw[p] as number) / rows + l2 * w;
    }
    for (let c = 0; c < classes; c++) grad[nW + c] = (grad[nW + c] as number) / rows;
    return loss / rows + 0.5 * l2 * penalty;
  };
  minimizeLbfgs(objective, theta, { maxIterations: 300, gradientTolerance: tolerance });
  return theta;
}

/** Logits this far below a row's largest are taken as probability 0 (the exp is skipped): see fitLogisticExact. */
const NEGLIGIBLE_LOGIT_GAP = -40;

/** W = 0 and b_c = log of class c's frequency (a class absent from the rows: log(1/2 row), finite). */
function marginalStart(labels: Int32Array, rows: number, dim: number, classes: number): Float64Array {
  const theta = new Float64Array(classes * dim + classes);
  const counts = codeCounts(labels.subarray(0, rows), classes);
  for (let c = 0; c < classes; c++) theta[classes * dim + c] = Math.log(Math.max(0.5, counts[c] as number) / rows);
  return theta;
}

/**
 * The label's marginal as a model: W = 0, b = log class frequencies of `data` — the exact optimum of the
 * intercept-only model (what CLASSIFIER_LADDER's l2 = ∞ rung means), with no training to stop short.
 */
export function marginalMlp(data: LabelledRows, dim: number, classes: number, kernel: Kernel): Mlp {
  return logisticMlp(marginalStart(data.labels, data.rows, dim, classes), dim, classes, kernel);
}

/** The fitted parameters as the no-hidden-layer Mlp that scores labels (labelLogLikelihoods). */
export function logisticMlp(theta: Float64Array, dim: number, classes: number, kernel: Kernel): Mlp {
  const spec = { inDim: dim, hidden: [] as number[], outDim: classes, activation: "relu" as const };
  const mlp = new Mlp(spec, new ParameterBuffer(Mlp.parameterCount(spec)), createRng(0, 11), kernel);
  const layer = mlp.layers[0];
  if (layer === undefined) throw new InfonceError("E_INTERNAL", "a logistic model has one layer");
  for (let p = 0; p < classes * dim; p++) layer.weight[p] = theta[p] as number;
  for (let c = 0; c < classes; c++) layer.bias[c] = theta[classes * dim + c] as number;
  return mlp;
}

/** Rows [from, to) of data, or all rows but those. */
function slice(data: LabelledRows, dim: number, from: number, to: number, inside: boolean): LabelledRows {
  if (inside) return rowRange(data, dim, from, to);
  const rows = data.rows - (to - from);
  const x = new Float32Array(rows * dim);
  x.set(data.x.subarray(0, from * dim));
  x.set(data.x.subarray(to * dim), from * dim);
  const labels = new Int32Array(rows);
  labels.set(data.labels.subarray(0, from));
  labels.set(data.labels.subarray(to), from);
  return { x, labels, rows };
}

/**
 * What one evaluation of the penalised cross-entropy costs, in multiply-adds: the two products (rows × classes ×
 * dim each) and a softmax over the classes of every row, whose exp costs V8 about as much as 16 multiply-adds. The
 * softmax is most of it when the features are few and the classes many: 56 classes from one column (airports'
 * states from their latitude, 2,700 rows) spent 48 of 71 s in it.
 */
export function logisticEvaluationWork(rows: number, dim: number, classes: number): number {
  return rows * classes * (2 * dim + SOFTMAX_EXP_COST);
}
export const SOFTMAX_EXP_COST = 16;

/**
 * The gradient tolerance of the fits that only choose the L2 strength (`chooseL2`): scikit-learn's lbfgs default.
 * They are 45 of every 47 fits of a fold; at the final fits' 1e-5 they took 40% more iterations for the same
 * held-out bounds to three decimals (`bench --suite tables --estimators classifier`).
 */
export const CHOICE_TOLERANCE = 1e-4;

/** The L2 strength chosen by cross-validation, with every row's out-of-fold log-likelihoods. */
export interface L2Choice {
  readonly l2: number;
  /** Per row of the data: log q(y|x) of the fit at `l2` on the other folds. */
  readonly logLik: Float64Array;
  /** Per row: log p̂(y), the class frequencies of the other folds (the marginal model, as marginalStart). */
  readonly logMarginal: Float64Array;
}

/**
 * The L2 strength (of `grid`) with the lowest cross-validated cross-entropy on `data` (rows in random order, cut
 * into `folds` contiguous folds; every row scored once), each fold's path warm-started from strong to weak L2.
 * Cross-validation on all the rows chooses far more steadily than one small validation split; its out-of-fold terms
 * also compare the chosen fit with the marginal on every row (classifier-fold.ts).
 */
export function chooseL2(
  data: LabelledRows,
  dim: number,
  classes: number,
  grid: readonly number[],
  kernel: Kernel,
  folds = 5,
): L2Choice {
  const terms = grid.map(() => new Float64Array(data.rows));
  const logMarginal = new Float64Array(data.rows);
  const z = new Float64Array(classes);
  for (let f = 0; f < folds; f++) {
    const from = Math.floor((f * data.rows) / folds);
    const to = Math.floor(((f + 1) * data.rows) / folds);
    const train = slice(data, dim, from, to, false);
    const held = slice(data, dim, from, to, true);
    const absent = absentClasses(train.labels, classes);
    let warm: Float64Array | null = null;
    grid.forEach((l2, g) => {
      warm = fitLogisticExact(train, dim, classes, l2, kernel, warm, CHOICE_TOLERANCE);
      heldOutLogLik(warm, held, dim, classes, absent, z, (terms[g] as Float64Array).subarray(from, to));
    });
    const marginal = marginalStart(train.labels, train.rows, dim, classes);
    heldOutLogLik(marginal, held, dim, classes, absent, z, logMarginal.subarray(from, to));
  }
  const sums = terms.map((t) => t.reduce((a, b) => a + b, 0));
  let best = 0;
  for (let g = 1; g < grid.length; g++) if ((sums[g] as number) > (sums[best] as number)) best = g;
  return { l2: grid[best] as number, logLik: terms[best] as Float64Array, logMarginal };
}

/** log q(y|x) of every row of `data` under the parameters theta (absent: of the rows that fitted theta), into `out`. */
function heldOutLogLik(
  theta: Float64Array,
  data: LabelledRows,
  dim: number,
  classes: number,
  absent: AbsentClasses | null,
  z: Float64Array,
  out: Float64Array,
): void {
  const nW = classes * dim;
  for (let i = 0; i < data.rows; i++) {
    for (let c = 0; c < classes; c++) {
      let v = theta[nW + c] as number;
      for (let j = 0; j < dim; j++) v += (theta[c * dim + j] as number) * (data.x[i * dim + j] as number);
      z[c] = v;
    }
    out[i] = labelLogProbability(z, 0, classes, data.labels[i] as number, absent);
  }
}
