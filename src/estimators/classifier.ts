import { InfonceError } from "../errors.js";
import { engineForRun, SLOW_ENGINE_WARNING } from "../linalg/engine.js";
import { createRng } from "../math/rng.js";
import { binCount } from "../trees/feature-bins.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { CATEGORICAL_SETTINGS, declaredCategorical, encodeRows, sideKinds } from "./categorical.js";
import { classicalEstimate, intSetting, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { classifierBound } from "./classifier-bound.js";
import type { EncodedFeatures } from "./classifier-fold.js";
import { foldPoolOption, scoreFolds } from "./classifier-fold-jobs.js";
import { stratifiedFolds } from "./classifier-selection.js";
import { TREES_MAX_WORK, treesWork } from "./classifier-trees.js";
import { copulaTransform } from "./copula.js";
import {
  encodedColumns,
  type FeatureEncoding,
  featureEncodings,
  leavesManyLevelColumnsOut,
  MANY_LEVEL_INDICATORS,
} from "./feature-encodings.js";
import { robustFeatures } from "./heavy-tails.js";
import { atLeastOneColumn, linearModelColumns, NO_FEATURE_COLUMN_WARNING } from "./one-hot.js";
import { readSettings } from "./read-settings.js";
import { type CheckedSample, checkSample } from "./sample-checks.js";
import type { ClassifierCapacity } from "./softmax-classifier.js";
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
 * Below this many rows `capacity: "auto"` tries no MLP: its choice against logistic regression rests on a validation
 * split of a few dozen rows, where noise picks it as often as merit (iris: 1.013 with the MLP in one fold of five,
 * 1.022 without; wine, breast cancer: within 0.002 either way), and a tuned linear model is what small tables
 * support.
 */
const MLP_MIN_ROWS = 1000;

/**
 * Below this many rows `capacity: "auto"` tries no boosted trees: their early stopping then rests on a handful of
 * rows of a training fold (10% of 80%), and a leaf needs 20 rows, so a fold's trees are a few stumps whose
 * iteration count noise chose. Rdatasets' Stat2Data/Day1Survey.csv, 41 rows, --y Handedness (38 Right, 4 Left, 1
 * Ambidextrous): the trees won one fold's inner cross-validation with 109 iterations and read
 * −0.259 [−0.786, 0.268]; 0.000 without them. It was 100; from 60 rows the trees read labels that equal values
 * of a column pick out, which a logistic model cannot: `stevedata/DAPO.csv --y objname` (91 rows, 13 countries, one
 * capability value each) 0.891 → 1.855, `quartets/variation_causal_quartet.csv --y dataset` (88) 0.222 → 0.487
 * (scikit-learn's boosted trees 0.531), `agridat/ivins.herbs.csv --y gen` (78) 0.058 → 0.658; none of the 21 label
 * selections of 60–99 rows in three Rdatasets samples read less, and on independent labels of 64–96 rows they won
 * no fold (30 samples each).
 */
const TREES_MIN_ROWS = 60;

/**
 * Tables up to this many cells (rows × columns) get 5 folds, so every model trains on 80% of the rows; larger
 * ones 2 (each fit costs O(rows × columns) per pass). On wide tables the training rows matter: 10,000 rows × 784
 * pixel columns, 720 of them noise, gave 0.94 nats with 2 folds and 1.05 with 5 (scikit-learn's logistic bound:
 * 0.91 and 1.03), in 44 s on 2 loaded cores.
 */
const FIVE_FOLD_CELLS = 10_000_000;

/** One encoding of the feature side, preprocessed for the classifier (classifier-fold.ts's EncodedFeatures). */
interface PreparedFeatures extends EncodedFeatures {
  /** No column was left (every category too rare for an indicator): one constant column stands in. */
  readonly featureless: boolean;
  readonly preprocessing: string;
  readonly indicatorColumns: number;
}

/**
 * The feature side under one encoding: its categorical columns as indicators, the others after label-free
 * preprocessing on all rows (no label information crosses folds): normal scores (copula), z-scores (copula: false),
 * or by default z-scores with normal scores for the heavy-tailed columns.
 */
function preparedFeatures(
  encoding: FeatureEncoding,
  m: Matrix<Float64Array>,
  copula: boolean | undefined,
): PreparedFeatures {
  const read = encodedColumns(m, encoding);
  const { numeric, indicators, join } = linearModelColumns(read.m, read.categorical, encoding.minRows);
  const robust = copula === undefined && numeric.cols > 0 ? robustFeatures(numeric) : null;
  const joined = join(
    numeric.cols === 0
      ? numeric
      : copula
        ? copulaTransform(numeric)
        : (robust?.features ?? { rows: m.rows, cols: numeric.cols, data: standardizeColumns(numeric).data }),
  );
  const heavy = robust?.normalScored ?? 0;
  const features = atLeastOneColumn(joined);
  return {
    name: encoding.name,
    trees: encoding.trees,
    features,
    featureless: joined.cols === 0,
    preprocessing: copula
      ? "copula"
      : heavy > 0
        ? `standardize; normal scores for ${heavy} heavy-tailed column${heavy === 1 ? "" : "s"}`
        : "standardize",
    indicatorColumns: indicators.cols,
  };
}

/**
 * The label side (chooseLabels) and its class codes, for the classifier bounds (classifier, knn-classifier): E_DATA
 * for a single class, or for more classes than n/2 (most would occur once).
 */
export function labelCodes(
  checked: CheckedSample,
  kinds: { readonly x: readonly boolean[]; readonly y: readonly boolean[] },
  asked: "auto" | "x" | "y",
): { readonly side: "x" | "y"; readonly codes: Int32Array; readonly classes: number } {
  const { n } = checked;
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
  return { side, codes, classes };
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
    choices: ["auto", "logistic", "mlp", "trees"],
    default: "auto",
    doc: "The models tried: logistic regressions, MLPs, boosted trees, or all (the best held-out one is used)",
  },
  copula: {
    type: "boolean",
    defaultDoc: "z-scores, normal scores for heavy-tailed columns",
    doc: "true: normal scores of the ranks of every feature; false: z-scores; unset: z-scores, and normal scores for columns of excess kurtosis > 20",
  },
  manyLevelColumns: {
    type: "choice",
    choices: ["try", "leave out"],
    default: "try",
    doc: `Text columns of ${MANY_LEVEL_INDICATORS} or more indicators: try the encodings with and without them, or leave them out (what auto runs beside knn-classifier where their indicators cost too much); a side of nothing else keeps them`,
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
    /** Per fold: the model chosen (its capacity, a blend, or the marginal) and the encoding where several were tried. */
    readonly chosenCapacity: readonly string[];
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
    const { side, codes, classes } = labelCodes(checked, kinds, asked);
    // Categorical features (strings, booleans, integer codes with few values) enter as indicators, as in regression;
    // integer codes also as numbers, the better reading chosen per fold (feature-encodings.ts).
    const m = side === "x" ? checked.y : checked.x;
    const kept = side === "x" ? checked.keptY : checked.keptX;
    const declared = declaredCategorical(kept, side === "x" ? sample.categories?.y : sample.categories?.x);
    const encodings = featureEncodings(m, side === "x" ? kinds.y : kinds.x, declared);
    // 'leave out': only the encodings without the many-level columns, where featureEncodings offers any.
    const withoutMany = s.manyLevelColumns === "leave out" ? encodings.filter(leavesManyLevelColumnsOut) : [];
    const few = withoutMany[0]?.columns ?? null;
    const encoded = (withoutMany.length > 0 ? withoutMany : encodings).map((e) => preparedFeatures(e, m, copula));
    const first = encoded[0] as (typeof encoded)[number];
    const trainingRows = Math.ceil((n * (folds - 1)) / folds);
    // Every preprocessing of preparedFeatures is increasing in each column, so the bins are those of the raw columns.
    // The first encoding's bins are counted to cost the trees, unless its cells alone cost too much; each fit of the
    // trees bins the features at its own training rows (classifier-trees.ts).
    const cols = first.features.cols;
    const trees =
      capacityAsked === "trees" ||
      (capacityAsked === "auto" &&
        n >= TREES_MIN_ROWS &&
        treesWork(trainingRows, cols, 0, classes) <= TREES_MAX_WORK &&
        treesWork(trainingRows, cols, binCount(first.features), classes) <= TREES_MAX_WORK);
    const prepared = encoded.map((p) => ({
      ...p,
      trees: trees && p.trees,
    }));
    const logistic = CLASSIFIER_LADDER.logistic;
    const exactL2Grid = logistic.filter((c) => Number.isFinite(c.l2)).map((c) => c.l2);
    const ladder =
      capacityAsked === "auto"
        ? [...logistic, ...(n >= MLP_MIN_ROWS ? CLASSIFIER_LADDER.mlp : [])]
        : capacityAsked === "logistic"
          ? logistic
          : capacityAsked === "mlp"
            ? CLASSIFIER_LADDER.mlp
            : [];

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
    const setup = {
      encodings: prepared,
      codes,
      classes,
      ladder,
      trees,
      exactL2Grid,
      kernel,
      maxEpochs,
      seed,
      ...(options.stop ? { stop: options.stop } : {}),
    };
    const scored = await scoreFolds(setup, order, fold, folds, foldPoolOption(options), (step, total) =>
      options.onProgress?.(step, total, "classifier"),
    );
    for (const { held, scores } of scored) {
      chosen.push(scores.chosen);
      held.forEach((r, i) => {
        logLik[r] = scores.logLik[i] as number;
        logMarginal[r] = scores.logMarginal[i] as number;
        fitted[r] = scores.marginalChosen ? 0 : 1;
        logLikRunnerUp[r] = scores.logLikRunnerUp[i] as number;
      });
    }
    const done = scored.length;
    if (done === 0) throw new InfonceError("E_DATA", "classifier: stopped before any fold was scored; no estimate");
    // Stopped early (Ctrl-C): the estimate so far is over the rows of the folds scored.
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => (fold[i] as number) < done);

    const { value, uncertainty, labelEntropy, crossEntropy } = classifierBound(
      { logLik, logMarginal, fitted, logLikRunnerUp },
      rows,
      codes,
      classes,
    );
    const otherName = side === "x" ? "y" : "x";
    const leftOut = few === null ? [] : kept.filter((_, c) => !few.includes(c));
    const warnings = [
      ...checked.warnings,
      ...(leftOut.length > 0
        ? [
            `classifier left out ${otherName} column${leftOut.length === 1 ? "" : "s"} ${leftOut.join(", ")} (0-based, in the order given): text of ${MANY_LEVEL_INDICATORS} or more indicators each (manyLevelColumns: 'leave out')`,
          ]
        : []),
      ...(encoded.every((p) => p.featureless) ? [NO_FEATURE_COLUMN_WARNING] : []),
      ...(slowEngine ? [SLOW_ENGINE_WARNING] : []),
    ];
    const settings = {
      ...s,
      labels: side,
      classes,
      folds,
      capacity: capacityAsked,
      chosenCapacity: chosen,
      preprocessing: first.preprocessing,
      indicatorColumns: first.indicatorColumns,
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
