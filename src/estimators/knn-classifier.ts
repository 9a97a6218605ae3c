import { createRng } from "../math/rng.js";
import type { Estimator, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { CATEGORICAL_SETTINGS, sideKinds } from "./categorical.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { CLASSIFIER_SETTINGS, labelCodes } from "./classifier.js";
import { classifierBound } from "./classifier-bound.js";
import { stratifiedFolds } from "./classifier-selection.js";
import { codeCounts } from "./code-counts.js";
import { copulaTransform } from "./copula.js";
import {
  chooseKnnLabelModel,
  type KnnLabelModel,
  type LabelFeatures,
  labelRows,
  scoreModel,
} from "./knn-label-model.js";
import { columnIndicators } from "./one-hot.js";
import { readSettings } from "./read-settings.js";
import { checkSample, takeColumns } from "./sample-checks.js";

/** The settings of the nearest-neighbour classifier bound: its descriptor. */
export const KNN_CLASSIFIER_SETTINGS = {
  labels: CLASSIFIER_SETTINGS.labels,
  maxColumns: {
    type: "integer",
    min: 1,
    default: 6,
    doc: "Most feature columns the neighbour model reads (chosen forward on held-out rows)",
  },
  ...CATEGORICAL_SETTINGS,
} as const satisfies SettingSpecs;

/** The options of the nearest-neighbour classifier bound. */
export type KnnClassifierOptions = OptionsOf<typeof KNN_CLASSIFIER_SETTINGS>;

/** `Estimate.settings` of the nearest-neighbour classifier bound. */
export type KnnClassifierReportedSettings = ReportedSettings<typeof KNN_CLASSIFIER_SETTINGS> &
  UncertaintySettings & {
    readonly classes: number;
    /** Per half: the model its rows chose (columns by original number, k, α), applied to the other half. */
    readonly chosen: readonly string[];
    /** H of the label: the ceiling of the bound. */
    readonly labelEntropy: number;
    readonly crossEntropy: number;
    readonly seed: number;
  };

function describe(model: KnnLabelModel, kept: readonly number[], side: string): string {
  if (model.columns.length === 0) return "marginal";
  return `columns ${model.columns.map((c) => kept[c]).join(",")} of ${side}, k=${model.k}, α=${model.alpha}`;
}

/**
 * H(Y) − held-out cross-entropy (Barber & Agakov 2003) of a nearest-neighbour classifier q(y|x) = (c_y + α·π(y)) /
 * (m + α), c_y the rows of class y among x's m nearest (max-norm on normal scores; a categorical column must match
 * exactly), π the label's frequencies. The rows are split in two stratified halves; each half chooses the columns, k
 * and α by forward selection on its leave-one-out log-likelihood (knn-label-model.ts), and the other half is scored
 * leave-one-out under that choice, so no row's label picks or fits the model that scores it. Where a softmax over
 * hundreds of classes and thousands of indicator columns is out of reach, this costs a few neighbour searches per
 * column tried, whatever the number of classes (auto-choice.ts runs it there).
 */
export const knnClassifierEstimator: Estimator<KnnClassifierOptions, KnnClassifierReportedSettings> = {
  name: "knn-classifier",
  kind: "classical",
  description:
    "Categorical side: H(Y) − held-out cross-entropy of a nearest-neighbour classifier whose columns are chosen on held-out rows (Barber & Agakov 2003)",
  settings: KNN_CLASSIFIER_SETTINGS,
  async estimate(sample: PairedSample, options: KnnClassifierOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("knn-classifier", KNN_CLASSIFIER_SETTINGS, options);
    const seed = seedSetting(options);
    const checked = checkSample(sample, "knn-classifier", 10, "two halves need a few rows each");
    const { n } = checked;
    const kinds = sideKinds(checked, options, sample.categories);
    const { side, codes, classes } = labelCodes(checked, kinds, s.labels);
    const other = side === "x" ? checked.y : checked.x;
    const otherKinds = side === "x" ? kinds.y : kinds.x;
    const kept = side === "x" ? checked.keptY : checked.keptX;
    const otherName = side === "x" ? "y" : "x";
    // Label-free preprocessing on all rows: normal scores with ties kept tied (rows that share a value are at distance
    // 0, as they should be), category codes as they are.
    const features: LabelFeatures = {
      columns: otherKinds.map((cat, c) =>
        cat
          ? Float64Array.from(columnIndicators(other, c).codes)
          : copulaTransform(takeColumns(other, [c]), "average").data,
      ),
      categorical: otherKinds,
    };
    const order = createRng(seed, 0x6e1b).shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
    const fold = stratifiedFolds(order, codes, classes, 2);
    const halves = [0, 1].map((h) =>
      labelRows(
        Array.from(order).filter((r) => fold[r] === h),
        codes,
        classes,
      ),
    );
    const everyRow = labelRows(
      Array.from({ length: n }, (_, i) => i),
      codes,
      classes,
    );
    const logLik = new Float64Array(n);
    const counts = codeCounts(codes, classes);
    const logMarginal = Float64Array.from(codes, (c) => Math.log((counts[c] as number) / n));
    const fitted = new Uint8Array(n);
    const logLikRunnerUp = new Float64Array(n);
    const chosen: string[] = [];
    const used = new Set<number>();
    for (const h of [0, 1]) {
      const choice = chooseKnnLabelModel(halves[h] as (typeof halves)[number], features, s.maxColumns);
      chosen.push(describe(choice.model, kept, otherName));
      for (const c of choice.model.columns) used.add(c);
      // The other half's rows are scored leave-one-out among all rows: the choice saw none of their labels, and each
      // row's prediction reads every label but its own.
      const ll = choice.model.columns.length === 0 ? null : scoreModel(everyRow, features, choice.model);
      const shadow = choice.runnerUp === null ? null : scoreModel(everyRow, features, choice.runnerUp);
      for (const r of (halves[1 - h] as (typeof halves)[number]).rows) {
        // Where the prior alone is chosen the terms are exactly 0 (classifier-bound.ts); the runner-up gives them a
        // spread.
        logLik[r] = ll === null ? (logMarginal[r] as number) : (ll[r] as number);
        fitted[r] = ll === null ? 0 : 1;
        logLikRunnerUp[r] = shadow === null ? (logMarginal[r] as number) : (shadow[r] as number);
      }
      options.onProgress?.(h + 1, 2, "knn-classifier");
    }
    const rows = Array.from({ length: n }, (_, i) => i);
    const bound = classifierBound({ logLik, logMarginal, fitted, logLikRunnerUp }, rows, codes, classes);
    const unused = kept.filter((_, c) => !used.has(c));
    const warnings = [
      ...checked.warnings,
      ...(used.size > 0 && unused.length > 0
        ? [
            `knn-classifier read only ${otherName} column${used.size === 1 ? "" : "s"} ${[...used].map((c) => kept[c]).join(", ")} (0-based, in the order given): ${otherName} column${unused.length === 1 ? "" : "s"} ${unused.join(", ")} improved no held-out prediction of the nearest-neighbour model and were left out (a model that can use them, -e classifier, may find more)`,
          ]
        : []),
    ];
    const settings = {
      ...s,
      labels: side,
      classes,
      chosen,
      labelEntropy: bound.labelEntropy,
      crossEntropy: bound.crossEntropy,
      seed,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    return classicalEstimate("knn-classifier", bound.value, n, bound.uncertainty, warnings, start, settings);
  },
};
