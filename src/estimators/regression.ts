import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import { binCount } from "../trees/feature-bins.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { yieldToEventLoop } from "../yield-to-event-loop.js";
import { meanOfTerms, normalInterval } from "./bootstrap.js";
import { CATEGORICAL_SETTINGS, declaredCategorical, sideKinds } from "./categorical.js";
import { classicalEstimate, intSetting, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { copulaTransform, rankJitterWidth } from "./copula.js";
import { defendedLogRatio } from "./defensive-mixture.js";
import { encodedColumns, featureEncodings } from "./feature-encodings.js";
import {
  decoderLogDensities,
  decoderName,
  type FoldPredictor,
  foldRegression,
  innerChoice,
} from "./gaussian-decoder.js";
import { standInStderr } from "./held-out-spread.js";
import { HINGE_COLUMNS, hingeBasis } from "./hinge-basis.js";
import { linearModelColumns } from "./one-hot.js";
import { readSettings } from "./read-settings.js";
import { REGRESSION_TREES_MAX_WORK, regressionTreesWork, TREE_DECODERS, treesPredictor } from "./regression-trees.js";
import { rowSpanCoordinates } from "./row-span.js";
import { checkSample } from "./sample-checks.js";
import { standardizeColumns } from "./standardize.js";

/**
 * The feature representations tried: z-scores of the columns, normal scores of their ranks, and a piecewise-linear
 * function of each normal score (hinge-basis.ts: an additive model, which finds y = sin x₁ + x₂² where a linear one
 * reads ≈ 0).
 */
const REPRESENTATIONS = ["standardize", "copula", "additive"] as const;
type Representation = (typeof REPRESENTATIONS)[number];

/**
 * `features: "auto"` tries the additive basis up to this many of its columns (HINGE_COLUMNS per feature): its ridge
 * systems cost (columns)³ per penalty and fold, ~0.2 s at 300 on one core.
 */
const AUTO_ADDITIVE_COLUMNS = 300;

/** The features of one representation, every column on a unit scale (the penalty is per row on that scale). */
function representation(
  r: Representation,
  raw: Matrix<Float64Array>,
  scores: () => Matrix<Float64Array>,
): Matrix<Float64Array> {
  if (r === "copula") return scores();
  const m = r === "additive" ? hingeBasis(scores()) : raw;
  return { rows: m.rows, cols: m.cols, data: standardizeColumns(m).data };
}

/** The settings of the regression estimator: its descriptor. */
export const REGRESSION_SETTINGS = {
  target: {
    type: "choice",
    choices: ["auto", "x", "y"],
    default: "auto",
    doc: "The one-column side that is predicted; auto: the side with one column (y when both have one)",
  },
  features: {
    type: "choice",
    choices: ["auto", "standardize", "copula", "additive"],
    default: "auto",
    doc: "The features: z-scores, normal scores of their ranks, a piecewise-linear function of each normal score, or whichever predicts best by inner cross-validation",
  },
  folds: {
    type: "integer",
    min: 3,
    default: 5,
    doc: "Cross-validation folds (at most n/4); the penalty is chosen on the other folds of each",
  },
  ...CATEGORICAL_SETTINGS,
} as const satisfies SettingSpecs;

/** The options of the regression estimator. */
export type RegressionOptions = OptionsOf<typeof REGRESSION_SETTINGS>;

/** `Estimate.settings` of the regression estimator. */
export type RegressionReportedSettings = ReportedSettings<typeof REGRESSION_SETTINGS> &
  UncertaintySettings & {
    /** Per fold: the features and the ridge penalty chosen by the inner cross-validation. */
    readonly chosen: readonly string[];
    /** Indicator columns of the categorical features (one per category but the most frequent and the rare). */
    readonly indicatorColumns: number;
    /** 1 − held-out mean squared error of the normal-scored target (whose variance is ≈ 1). */
    readonly heldOutR2: number;
    readonly seed: number;
  };

/**
 * The target side: asked, or the one with a single column (y when both have one); E_DATA naming `estimator` when it
 * has more.
 */
export function targetSide(asked: "auto" | "x" | "y", x: Matrix, y: Matrix, estimator = "regression"): "x" | "y" {
  const side = asked !== "auto" ? asked : y.cols === 1 ? "y" : x.cols === 1 ? "x" : null;
  if (side === null || (side === "x" ? x : y).cols !== 1) {
    const which =
      side === null ? `x has ${x.cols} columns and y ${y.cols}` : `${side} has ${(side === "x" ? x : y).cols} columns`;
    throw new InfonceError(
      "E_DATA",
      `${estimator} needs a one-column side to predict (the target): ${which}; use gaussian, infonce or auto`,
    );
  }
  return side;
}

/**
 * Fewest rows: 5 folds of 2–3 held-out rows, each fold's penalty chosen on the other 9–10. On tables of 12–19 rows
 * the bound is noisy and mostly reads low (normal x against y of ρ 0.9 with 3 noise columns, 13 rows, MI 0.830: a
 * mean of −0.02 over 40 samples), never far above the MI (independent data, 12 and 16 rows: at most 0.157 in 40
 * samples; scripts/regression-small-tables.mjs), and it is all auto has where KSG's 3 neighbours span a quarter of
 * the table: Rdatasets' `MASS/cement.csv --y y` (13 rows) KSG 0.482, the bound 1.110 (scikit-learn's held-out bound
 * 1.130); `DAAG/oddbooks.csv --y breadth` (12) 0.766 → 1.570 (1.676); `HSAUR/watervoles.csv --y "South Spain"` (14;
 * the Gaussian copula needs 16) InfoNCE −0.764 → 0.541 (0.698). It was 20.
 */
export const REGRESSION_MIN_ROWS = 12;

export const regressionEstimator: Estimator<RegressionOptions, RegressionReportedSettings> = {
  name: "regression",
  kind: "classical",
  description:
    "One-column side: held-out log-likelihood ratio of a Gaussian decoder (cross-validated ridge regression of the normal scores of the target) against the target's marginal (Barber & Agakov 2003)",
  settings: REGRESSION_SETTINGS,
  async estimate(sample: PairedSample, options: RegressionOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("regression", REGRESSION_SETTINGS, options);
    const seed = seedSetting(options);
    const checked = checkSample(
      sample,
      "regression",
      REGRESSION_MIN_ROWS,
      "nested cross-validation needs a few rows per fold",
    );
    const { n } = checked;
    const folds = intSetting(options, "folds", 5, 3, Math.floor(n / 4));
    const side = targetSide(s.target, checked.x, checked.y);
    // Normal scores of the target, ties ranked at random and each score jittered by one rank's width (copula.ts,
    // "jitter"): MI is unchanged by an increasing map, a Gaussian decoder fits a normal marginal best, and the
    // independent noise of tie-breaking and of the jitter can only lower the MI — while it keeps a decoder from
    // claiming more precision than n ranks carry (a target increasing in a feature read 14.26 nats on 29 rows).
    // Each held-out term is log q(t|x) − log q₀(t), q₀ the marginal model (λ = ∞) fitted the same way: the
    // Barber–Agakov bound E log q(t|x) + h(T) with h(T) read off q₀, which is N(0, 1) up to O(1/n) for normal
    // scores; the cost of estimating a mean and a variance cancels between the two (with the exact h(N(0, 1))
    // instead, independent data read ≈ −1/n with an interval below 0), and independent data read exactly 0
    // wherever the marginal model wins the inner cross-validation.
    const t = copulaTransform(side === "x" ? checked.x : checked.y, "jitter").data;
    const raw = side === "x" ? checked.y : checked.x;
    // Categorical feature columns (strings, booleans, integer codes with few values) enter as indicators, the
    // others in each numeric representation; integer codes are also tried as numbers (feature-encodings.ts), the
    // inner cross-validation choosing among every representation of every encoding.
    const kinds = sideKinds(checked, options, sample.categories);
    const kept = side === "x" ? checked.keptY : checked.keptX;
    const declared = declaredCategorical(kept, side === "x" ? sample.categories?.y : sample.categories?.x);
    const encodings = featureEncodings(raw, side === "x" ? kinds.y : kinds.x, declared);
    const treeEncoding = encodings.map((e) => e.trees && e.columns === undefined).lastIndexOf(true);
    const features = new Map<string, Matrix<Float64Array>>();
    let indicatorColumns = 0;
    let treeFeatures = raw;
    for (const [k, encoding] of encodings.entries()) {
      const read = encodedColumns(raw, encoding);
      const { numeric, indicators, join } = linearModelColumns(read.m, read.categorical, encoding.minRows);
      if (k === 0) indicatorColumns = indicators.cols;
      // The trees read the last encoding they read (below), its numeric columns as they are.
      if (k === treeEncoding) treeFeatures = join(numeric);
      const representations: readonly Representation[] =
        numeric.cols === 0
          ? ["standardize"]
          : s.features !== "auto"
            ? [s.features]
            : REPRESENTATIONS.filter((r) => r !== "additive" || numeric.cols * HINGE_COLUMNS <= AUTO_ADDITIVE_COLUMNS);
      // Label-free preprocessing on all rows, as the classifier's: no target information crosses folds.
      let scores: Matrix<Float64Array> | undefined;
      const normalScores = () => {
        scores ??= copulaTransform(numeric);
        return scores;
      };
      for (const r of representations) {
        const name = k === 0 ? r : `${r}, ${encoding.name}`;
        // More columns than rows (genes, words): the same fits in the rows' span (row-span.ts), n unknowns a system.
        const columns = join(numeric.cols === 0 ? numeric : representation(r, numeric, normalScores));
        features.set(name, rowSpanCoordinates(columns));
      }
    }

    const order = createRng(seed, 0x5e9e).shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
    const members: number[][] = Array.from({ length: folds }, () => []);
    for (const [i, r] of order.entries()) (members[i % folds] as number[]).push(r);
    // Boosted trees beside the ridge decoders under `features: "auto"`, on the last encoding of every column
    // (integer codes as numbers where that differs: a tree splits an ordered code where it must, and one value off
    // with two splits).
    const predictors = new Map<string, FoldPredictor>();
    // The bins are counted only where the trees could fit the limit with the fewest bins a column has (2): counting
    // sorts every column. Each fit of the trees bins the features at its own training rows.
    const cols = treeFeatures.cols;
    const affordable = (bins: number) => regressionTreesWork(n, cols, bins, folds) <= REGRESSION_TREES_MAX_WORK;
    if (s.features === "auto" && affordable(2 * cols) && affordable(binCount(treeFeatures))) {
      for (const d of TREE_DECODERS) predictors.set(d.name, treesPredictor(d, treeFeatures, t, members, options.stop));
    }
    const data = foldRegression(t, features, members, predictors);
    const terms = new Float64Array(n);
    const standIn: (number | null)[] = new Array(n).fill(null);
    const chosen: string[] = [];
    let squaredError = 0;
    let done = 0;
    for (let f = 0; f < folds; f++) {
      // Between folds, a Ctrl-C handler (or a page, or a test runner) gets its turn: each fold is synchronous.
      if (f > 0) await yieldToEventLoop();
      if (options.stop?.stopped) break;
      const choice = innerChoice(data, f);
      if (choice === null) {
        throw new InfonceError(
          "E_DATA",
          "regression: no ridge fit was possible (singular features); use gaussian or auto",
        );
      }
      const held = members[f] as number[];
      const logQ = decoderLogDensities(data, choice.best, held, [f]);
      const logMarginal =
        choice.best === choice.marginal ? logQ : decoderLogDensities(data, choice.marginal, held, [f]);
      // Where the marginal is chosen its terms are exactly 0; the runner-up's held-out terms give them a spread.
      const lost = choice.runnerUp === null ? null : decoderLogDensities(data, choice.runnerUp, held, [f]);
      // Each term is the decoder's density mixed with the marginal's (defensive-mixture.ts): a row it got
      // confidently wrong costs at most log(1/ε).
      held.forEach((r, i) => {
        const marginal = logMarginal.logDensity[i] as number;
        terms[r] = defendedLogRatio((logQ.logDensity[i] as number) - marginal);
        standIn[r] = lost === null ? null : defendedLogRatio((lost.logDensity[i] as number) - marginal);
      });
      squaredError += logQ.squaredError;
      chosen.push(decoderName(choice.best));
      done++;
      options.onProgress?.(done, folds, "regression");
    }
    if (done === 0) throw new InfonceError("E_DATA", "regression: stopped before any fold was scored; no estimate");
    const rows = members.slice(0, done).flat();
    const m = rows.length;
    const rowTerms = rows.map((r) => terms[r] as number);
    const value = meanOfTerms(rowTerms).mean;
    const uncertainty = normalInterval(
      value,
      standInStderr(
        rowTerms,
        rows.map((r) => standIn[r] ?? null),
      ),
    );
    const settings = {
      ...s,
      target: side,
      folds,
      chosen,
      heldOutR2: 1 - squaredError / m,
      indicatorColumns,
      seed,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    // Held-out errors no larger than the jitter's: the target is a function of the features on these rows, whose MI
    // (for a continuous target) has no bound, and the estimate is the ranks' resolution, about log n.
    const jitterVariance = rankJitterWidth(n) ** 2 / 12;
    const warnings =
      squaredError / m <= 4 * jitterVariance
        ? [
            ...checked.warnings,
            `${side.toUpperCase()} is an exact function of the other side on these rows (held-out R² ${(1 - squaredError / m).toFixed(5)}): the estimate is the precision of ${n} ranks (log n = ${Math.log(n).toFixed(2)}), a floor; a continuous ${side.toUpperCase()} that is a function of ${side === "x" ? "Y" : "X"} has unbounded MI`,
          ]
        : checked.warnings;
    return classicalEstimate("regression", value, n, uncertainty, warnings, start, settings, done < folds);
  },
};
