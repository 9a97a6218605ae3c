import { InfonceError } from "../errors.js";
import { engineForRun, SLOW_ENGINE_WARNING } from "../linalg/engine.js";
import { createRng } from "../math/rng.js";
import type { Mlp } from "../nn/mlp.js";
import type {
  EstimateOptions,
  Estimator,
  Kernel,
  Matrix,
  OptionsOf,
  PairedSample,
  ReportedSettings,
  SettingSpecs,
} from "../types.js";
import { CATEGORICAL_SETTINGS, encodeRows, sideKinds } from "./categorical.js";
import { classicalEstimate, intSetting, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { classifierBound } from "./classifier-bound.js";
import { oneStandardError, runnerUp, type ScoredFit, scoreFit, stratifiedFolds } from "./classifier-selection.js";
import { copulaTransform } from "./copula.js";
import { robustFeatures } from "./heavy-tails.js";
import { chooseL2, fitLogisticExact, logisticEvaluationWork, logisticMlp, marginalMlp } from "./logistic-exact.js";
import { atLeastOneColumn, linearModelColumns, NO_FEATURE_COLUMN_WARNING } from "./one-hot.js";
import { readSettings } from "./read-settings.js";
import { checkSample } from "./sample-checks.js";
import {
  type ClassifierCapacity,
  type ClassifierFitOptions,
  type FittedClassifier,
  fitSoftmaxClassifier,
  type LabelledRows,
  labelLogLikelihoods,
  meanCrossEntropy,
} from "./softmax-classifier.js";
import { standardizeColumns } from "./standardize.js";

/**
 * The capacities tried, simplest first: the label's marginal (intercept only: a bound of 0, what independent data
 * should choose), multinomial logistic regression (L2 from strong to weak; C = 1/(l2·rows) in scikit-learn's
 * terms), a one-hidden-layer MLP. Each fold keeps the
 * simplest within one standard error of the best validation cross-entropy; early stopping on the same validation
 * rows bounds each.
 */
export const CLASSIFIER_LADDER: Readonly<Record<"logistic" | "mlp", readonly ClassifierCapacity[]>> = {
  logistic: [
    { hidden: [], l2: Number.POSITIVE_INFINITY },
    ...[1, 0.3, 0.1, 0.03, 0.01, 3e-3, 1e-3, 1e-4, 1e-5].map((l2) => ({ hidden: [], l2 })),
  ],
  mlp: [
    { hidden: [64], l2: 1e-4 },
    { hidden: [64], l2: 1e-2 },
  ],
};

/**
 * The logistic rungs are fitted to their optimum (logistic-exact.ts) over the logistic L2 strengths, not by Adam with early stopping,
 * which a few dozen validation rows time poorly (iris, 150 rows: 1.008 by Adam against scikit-learn's converged
 * 1.028) and which stops short on wide tables. Where an evaluation over the fold's training rows costs at most this
 * many multiply-adds (logisticEvaluationWork: products and softmax), their L2 is chosen by an inner 5-fold
 * cross-validation (45 fits a fold, against 9 along the validation path). Counting the products alone (rows ×
 * columns × classes ≤ 200,000, the same cases at 2 to 64 columns) let 56 classes from one column through: 225 fits
 * and 71 s on 3,376 rows.
 */
const CV_L2_WORK = 1_500_000;

/**
 * Below this many rows `capacity: "auto"` tries no MLP: its choice against logistic regression rests on a validation
 * split of a few dozen rows, where noise picks it as often as merit (iris: 1.013 with the MLP in one fold of five,
 * 1.022 without; wine, breast cancer: within 0.002 either way), and a tuned linear model is what small tables
 * support.
 */
const MLP_MIN_ROWS = 1000;

/**
 * Validation cross-entropy (nats) of the best logistic model below which no MLP is fitted: an MLP can lower it by
 * at most that much, so the bound could not move by more. On a label the features nearly determine (10 classes from
 * 800 count columns, 10,000 rows, MI 2.301 of 2.303) the MLP fits were half of 54 s of CPU.
 */
const MLP_SKIP_CROSS_ENTROPY = 0.01;

/** Fraction of each fold's training rows held back to choose the capacity and the epoch. */
const VALIDATION_FRACTION = 0.2;

/**
 * Tables up to this many cells (rows × columns) get 5 folds, so every model trains on 80% of the rows; larger
 * ones 2 (each fit costs O(rows × columns) per pass). On wide tables the training rows matter: 10,000 rows × 784
 * pixel columns, 720 of them noise, gave 0.94 nats with 2 folds and 1.05 with 5 (scikit-learn's logistic bound:
 * 0.91 and 1.03), in 44 s on 2 loaded cores.
 */
const FIVE_FOLD_CELLS = 10_000_000;

/** Epochs without a new best validation cross-entropy that end a fit. */
const PATIENCE = 20;

/** Adam's step size: larger for the convex logistic model, smaller for the MLP. */
const LEARNING_RATE = { logistic: 1e-2, mlp: 3e-3 } as const;

/** Adam settings of one fit: step size by model, ~8 steps per epoch on small folds, 128-row batches on large. */
function fitOptions(
  capacity: ClassifierCapacity,
  rows: number,
  maxEpochs: number,
  kernel: Kernel,
  options: EstimateOptions,
): Omit<ClassifierFitOptions, "seed"> {
  return {
    lr: capacity.hidden.length === 0 ? LEARNING_RATE.logistic : LEARNING_RATE.mlp,
    batchSize: Math.max(16, Math.min(128, Math.floor(rows / 8))),
    maxEpochs,
    patience: PATIENCE,
    kernel,
    ...(options.stop ? { stop: options.stop } : {}),
  };
}

/** An exactly fitted logistic model as a FittedClassifier, scored on the validation rows. */
function exactFit(capacity: ClassifierCapacity, mlp: Mlp, validation: LabelledRows): FittedClassifier {
  return { capacity, mlp, validationCrossEntropy: meanCrossEntropy(mlp, validation), epochs: 0, bestEpoch: 0 };
}

function capacityName(c: ClassifierCapacity): string {
  if (c.l2 === Number.POSITIVE_INFINITY) return "marginal";
  return `${c.hidden.length === 0 ? "logistic" : `mlp[${c.hidden.join(",")}]`} l2=${c.l2}`;
}

/** Float32 copy of rows `idx` of m with their labels. */
function gather(m: Matrix<Float64Array>, labels: Int32Array, idx: readonly number[]): LabelledRows {
  const d = m.cols;
  const x = new Float32Array(idx.length * d);
  const y = new Int32Array(idx.length);
  idx.forEach((r, i) => {
    for (let c = 0; c < d; c++) x[i * d + c] = m.data[r * d + c] as number;
    y[i] = labels[r] as number;
  });
  return { x, labels: y, rows: idx.length };
}

/** The label side: asked, or the categorical one (the one with fewer classes when both are). */
function chooseLabels(
  asked: "auto" | "x" | "y",
  kinds: { readonly x: readonly boolean[]; readonly y: readonly boolean[] },
  levels: { readonly x: number; readonly y: number },
): "x" | "y" {
  if (asked !== "auto") return asked;
  const allX = kinds.x.every(Boolean);
  const allY = kinds.y.every(Boolean);
  if (allX && allY) return levels.x <= levels.y ? "x" : "y";
  if (allX) return "x";
  if (allY) return "y";
  throw new InfonceError(
    "E_DATA",
    "classifier needs a categorical side (a label): neither x nor y is categorical; pass labels: 'x' or 'y' to force one, or use ksg, infonce or auto",
  );
}

/** The settings of the classifier estimator: its descriptor. */
export const CLASSIFIER_SETTINGS = {
  labels: {
    type: "choice",
    choices: ["auto", "x", "y"],
    default: "auto",
    doc: "The side that is the label (categorical); auto: the categorical side",
  },
  capacity: {
    type: "choice",
    choices: ["auto", "logistic", "mlp"],
    default: "auto",
    doc: "The models tried: logistic regressions, MLPs, or both (the best held-out one is used)",
  },
  copula: {
    type: "boolean",
    defaultDoc: "z-scores, normal scores for heavy-tailed columns",
    doc: "true: normal scores of the ranks of every feature; false: z-scores; unset: z-scores, and normal scores for columns of excess kurtosis > 20",
  },
  maxEpochs: { type: "integer", min: 1, default: 300, doc: "Most training epochs per model" },
  folds: {
    type: "integer",
    min: 2,
    defaultDoc: "5, or 2 above 2,000,000 cells",
    doc: "Cross-validation folds (at most n/4)",
  },
  ...CATEGORICAL_SETTINGS,
} as const satisfies SettingSpecs;

/** The options of the classifier estimator. */
export type ClassifierOptions = OptionsOf<typeof CLASSIFIER_SETTINGS>;

/** `Estimate.settings` of the classifier estimator. */
export type ClassifierReportedSettings = ReportedSettings<typeof CLASSIFIER_SETTINGS> &
  UncertaintySettings & {
    /** Indicator columns of the categorical features (one per category but the most frequent and the rare). */
    readonly indicatorColumns: number;
    /** H of the label: the ceiling of the classifier's bound. */
    readonly labelEntropy: number;
    readonly seed: number;
  };

export const classifierEstimator: Estimator<ClassifierOptions, ClassifierReportedSettings> = {
  name: "classifier",
  kind: "classical",
  description:
    "Categorical side: H(Y) − held-out cross-entropy of a trained softmax classifier q(y|x) (Barber & Agakov 2003), capacity chosen on held-out rows",
  settings: CLASSIFIER_SETTINGS,
  async estimate(sample: PairedSample, options: ClassifierOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("classifier", CLASSIFIER_SETTINGS, options);
    const { copula, maxEpochs } = s;
    const asked = s.labels;
    const capacityAsked = s.capacity;
    const seed = seedSetting(options);
    const checked = checkSample(sample, "classifier", 10, "cross-validation needs a few rows per fold");
    const { n } = checked;
    const folds = intSetting(
      options,
      "folds",
      n * checked.x.cols * checked.y.cols <= FIVE_FOLD_CELLS ? 5 : 2,
      2,
      Math.floor(n / 4),
    );
    const kinds = sideKinds(checked, options, sample.categories);
    const ex = encodeRows(checked.x);
    const ey = encodeRows(checked.y);
    const side = chooseLabels(asked, kinds, { x: ex.levels, y: ey.levels });
    const { codes, levels: classes } = side === "x" ? ex : ey;
    if (classes > n / 2) {
      throw new InfonceError(
        "E_DATA",
        `${side} has ${classes} distinct values in ${n} rows: too many classes for a classifier (most occur once); use ksg, infonce or auto`,
      );
    }
    if (classes < 2) throw new InfonceError("E_DATA", `${side} has a single class: its MI with anything is 0`);
    // Categorical features (strings, booleans, integer codes with few values) enter as indicators, as in regression.
    const { numeric, indicators, join } = linearModelColumns(
      side === "x" ? checked.y : checked.x,
      side === "x" ? kinds.y : kinds.x,
    );
    // Label-free preprocessing on all rows (no label information crosses folds): normal scores (copula), z-scores
    // (copula: false), or by default z-scores with normal scores for the heavy-tailed columns.
    const robust = copula === undefined && numeric.cols > 0 ? robustFeatures(numeric) : null;
    const joined: Matrix<Float64Array> = join(
      numeric.cols === 0
        ? numeric
        : copula
          ? copulaTransform(numeric)
          : (robust?.features ?? { rows: n, cols: numeric.cols, data: standardizeColumns(numeric).data }),
    );
    const featureless = joined.cols === 0;
    const features = atLeastOneColumn(joined);
    const dim = features.cols;
    const logistic = CLASSIFIER_LADDER.logistic;
    const exactL2Grid = logistic.filter((c) => Number.isFinite(c.l2)).map((c) => c.l2);
    const ladder =
      capacityAsked === "auto"
        ? [...logistic, ...(n >= MLP_MIN_ROWS ? CLASSIFIER_LADDER.mlp : [])]
        : capacityAsked === "logistic"
          ? logistic
          : CLASSIFIER_LADDER.mlp;
    const isExact = (c: ClassifierCapacity) => c.hidden.length === 0 && Number.isFinite(c.l2);
    // The marginal rung is exact too (class frequencies): trained by Adam and early-stopped, its intercepts fell
    // short of them, and independent data read up to −0.08 nats with an interval below 0 (3 classes, 1,000 rows).
    const isMarginal = (c: ClassifierCapacity) => c.l2 === Number.POSITIVE_INFINITY;

    const rng = createRng(seed, 0xc1a5);
    const order = rng.shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
    const fold = stratifiedFolds(order, codes, classes, folds);
    const logLik = new Float64Array(n);
    const logMarginal = new Float64Array(n);
    const fitted = new Uint8Array(n);
    const logLikRunnerUp = new Float64Array(n);
    const chosen: string[] = [];
    // As the neural estimators: the kernel passed, else the process-wide engine (loaded on first use through the
    // node entry), else the pure-TypeScript kernel, and then the estimate says so.
    const { kernel, slowEngine } = await engineForRun(options.kernel);
    let done = 0;
    for (let f = 0; f < folds && !options.stop?.stopped; f++) {
      const held: number[] = [];
      const rest: number[] = [];
      for (const r of order) (fold[r] === f ? held : rest).push(r);
      const nVal = Math.max(1, Math.round(VALIDATION_FRACTION * rest.length));
      const validation = gather(features, codes, rest.slice(0, nVal));
      const train = gather(features, codes, rest.slice(nVal));
      const fits: ScoredFit[] = [];
      // Exact logistic fits. Their L2: by cross-validation on all the fold's training rows where that is cheap,
      // else by the validation rows along a path warm-started from strong to weak L2 (with ≥ 1,000 rows the split
      // is informative). The model at that L2 takes the logistic rung's place in the one-SE rule.
      const exactL2 =
        ladder.some(isExact) && logisticEvaluationWork(rest.length, dim, classes) <= CV_L2_WORK
          ? chooseL2(gather(features, codes, rest), dim, classes, exactL2Grid, kernel)
          : null;
      let warm: Float64Array | null = null;
      let bestExact: ScoredFit | null = null;
      for (const [c, capacity] of ladder.entries()) {
        if (isExact(capacity)) {
          if (exactL2 !== null && capacity.l2 !== exactL2) continue;
          warm = fitLogisticExact(train, dim, classes, capacity.l2, kernel, warm);
          const fit = exactFit(capacity, logisticMlp(warm, dim, classes, kernel), validation);
          if (bestExact === null || fit.validationCrossEntropy < bestExact.fit.validationCrossEntropy) {
            bestExact = scoreFit(fit, validation);
          }
        } else if (isMarginal(capacity)) {
          const fit = exactFit(capacity, marginalMlp(train, dim, classes, kernel), validation);
          fits.push(scoreFit(fit, validation));
        } else if (bestExact === null || bestExact.fit.validationCrossEntropy > MLP_SKIP_CROSS_ENTROPY) {
          // Early stopping picks the best of many epochs on its rows, so those rows flatter the MLP: it stops on
          // rows of its own, carved from its training rows, and the validation rows compare it fresh.
          const nStop = Math.max(1, Math.round(VALIDATION_FRACTION * train.rows));
          const fit = fitSoftmaxClassifier(
            gather(features, codes, rest.slice(nVal + nStop)),
            gather(features, codes, rest.slice(nVal, nVal + nStop)),
            dim,
            classes,
            capacity,
            {
              ...fitOptions(capacity, train.rows - nStop, maxEpochs, kernel, options),
              seed: seed + 7919 * f + 104729 * c,
            },
          );
          fits.push(scoreFit({ ...fit, validationCrossEntropy: meanCrossEntropy(fit.mlp, validation) }, validation));
        }
        options.onProgress?.(f * ladder.length + c + 1, folds * ladder.length, "classifier");
      }
      // After the marginal (ladder order is simplest first).
      if (bestExact !== null) fits.splice(Math.min(1, fits.length), 0, bestExact);
      const chosenFit = oneStandardError(fits);
      chosen.push(capacityName(chosenFit.capacity));
      // Refit the chosen capacity on every training row of the fold: exactly, or for the epochs validation chose.
      const all = gather(features, codes, rest);
      const model = isMarginal(chosenFit.capacity)
        ? { mlp: marginalMlp(all, dim, classes, kernel) }
        : isExact(chosenFit.capacity)
          ? {
              mlp: logisticMlp(
                fitLogisticExact(all, dim, classes, chosenFit.capacity.l2, kernel),
                dim,
                classes,
                kernel,
              ),
            }
          : fitSoftmaxClassifier(all, null, dim, classes, chosenFit.capacity, {
              ...fitOptions(chosenFit.capacity, all.rows, Math.max(1, chosenFit.bestEpoch), kernel, options),
              seed: seed + 7919 * f + 31,
            });
      const heldRows = gather(features, codes, held);
      const scored = labelLogLikelihoods(model.mlp, heldRows);
      // The fold's marginal model scored the same way: where it is the model chosen, the terms are exactly 0.
      const marginal = isMarginal(chosenFit.capacity)
        ? scored
        : labelLogLikelihoods(marginalMlp(all, dim, classes, kernel), heldRows);
      // Where the marginal is chosen, the best model that lost (fitted on the fold's training rows less the
      // validation rows) gives the interval its width (classifier-bound.ts).
      const lost = isMarginal(chosenFit.capacity) ? runnerUp(fits, chosenFit) : null;
      const shadow = lost === null ? marginal : labelLogLikelihoods(lost.fit.mlp, heldRows);
      held.forEach((r, i) => {
        logLik[r] = scored[i] as number;
        logMarginal[r] = marginal[i] as number;
        fitted[r] = isMarginal(chosenFit.capacity) ? 0 : 1;
        logLikRunnerUp[r] = shadow[i] as number;
      });
      done++;
    }
    if (done === 0) throw new InfonceError("E_DATA", "classifier: stopped before any fold was scored; no estimate");
    // Stopped early (Ctrl-C): the estimate so far is over the rows of the folds scored.
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => (fold[i] as number) < done);

    const { value, uncertainty, labelEntropy, crossEntropy } = classifierBound(
      { logLik, logMarginal, fitted, logLikRunnerUp },
      rows,
      codes,
      classes,
    );
    const warnings = [
      ...checked.warnings,
      ...(featureless ? [NO_FEATURE_COLUMN_WARNING] : []),
      ...(slowEngine ? [SLOW_ENGINE_WARNING] : []),
    ];
    const settings = {
      ...s,
      labels: side,
      classes,
      folds,
      capacity: capacityAsked,
      chosenCapacity: chosen,
      preprocessing: copula
        ? "copula"
        : robust !== null && robust.normalScored > 0
          ? `standardize; normal scores for ${robust.normalScored} heavy-tailed column${robust.normalScored === 1 ? "" : "s"}`
          : "standardize",
      indicatorColumns: indicators.cols,
      labelEntropy,
      crossEntropy,
      maxEpochs,
      seed,
      engine: kernel.engine,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    return classicalEstimate("classifier", value, n, uncertainty, warnings, start, settings, done < folds);
  },
};
