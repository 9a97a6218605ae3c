import { Mlp } from "../nn/mlp.js";
import type { Kernel, Matrix, StopSignal } from "../types.js";
import { absentClasses } from "./absent-classes.js";
import { blendLogLik, chooseBlend } from "./classifier-blend.js";
import {
  bestExactFit,
  betterExact,
  type ExactCandidate,
  exactFit,
  isExact,
  logisticBeatsMarginal,
} from "./classifier-exact-logistic.js";
import { type FoldRows, foldRows } from "./classifier-fold-rows.js";
import {
  inLadderOrder,
  isTrees,
  oneStandardError,
  runnerUp,
  type ScoredFit,
  scoreFit,
} from "./classifier-selection.js";
import {
  refitTreesLogLik,
  scoredTrees,
  type TreeRows,
  treesByCrossValidation,
  treesLogLik,
} from "./classifier-trees.js";
import { fitLogisticExact, logisticMlp, marginalMlp } from "./logistic-exact.js";
import {
  type ClassifierCapacity,
  type ClassifierFitOptions,
  fitSoftmaxClassifier,
  labelLogLikelihoods,
  rowRange,
} from "./softmax-classifier.js";

/**
 * Validation cross-entropy (nats) of the best logistic model below which no MLP is fitted: an MLP can lower it by
 * at most that much, so the bound could not move by more. On a label the features nearly determine (10 classes from
 * 800 count columns, 10,000 rows, MI 2.301 of 2.303) the MLP fits were half of 54 s of CPU.
 */
const MLP_SKIP_CROSS_ENTROPY = 0.01;

/**
 * Training rows per weight from which an MLP's stronger L2 rung is not fitted beside a weaker one of the same shape:
 * with that many rows per parameter the data already hold the variance the penalty is there to control, and early
 * stopping bounds the fit. On seaborn's diamonds (cut from 9 columns, 13 features, 27,600 rows per MLP fit, 22 rows
 * per weight) the l2 = 1e-2 MLP validated at 0.81–0.82 nats in all 5 folds against 0.62–0.64 for l2 = 1e-4; its
 * 315 epochs were 16% of the MLPs' work (1,964 epochs of 27,600 rows, the refits' 43,000-row epochs counted 1.56).
 */
const ROWS_PER_WEIGHT_PENALTY_IDLE = 10;

/**
 * Whether `capacity` is an MLP rung whose penalty can only hold it back: a weaker-penalised MLP of the same shape is
 * already among `fits`, and the rows number at least ROWS_PER_WEIGHT_PENALTY_IDLE per parameter.
 */
export function penaltyIdle(
  capacity: ClassifierCapacity,
  fits: readonly ScoredFit[],
  rows: number,
  dim: number,
  classes: number,
): boolean {
  const shape = capacity.hidden.join(",");
  const weaker = fits.some(
    ({ fit }) => !isTrees(fit) && fit.capacity.hidden.join(",") === shape && fit.capacity.l2 < capacity.l2,
  );
  const weights = Mlp.parameterCount({ inDim: dim, hidden: capacity.hidden, outDim: classes, activation: "relu" });
  return weaker && rows >= ROWS_PER_WEIGHT_PENALTY_IDLE * weights;
}

/** Fraction of each fold's training rows held back to choose the capacity and the epoch. */
const VALIDATION_FRACTION = 0.2;

/** Epochs without a new best validation cross-entropy that end a fit. */
const PATIENCE = 20;

/** Adam's step size: larger for the convex logistic model, smaller for the MLP. */
const LEARNING_RATE = { logistic: 1e-2, mlp: 3e-3 } as const;

/** The feature matrix of one encoding of the feature side (feature-encodings.ts), preprocessed, every row. */
export interface EncodedFeatures {
  readonly name: string;
  readonly features: Matrix<Float64Array>;
  /** Whether boosted trees (classifier-trees.ts) are fitted on this encoding (FeatureEncoding.trees, and affordable). */
  readonly trees: boolean;
}

/** What every fold shares: the encodings, the labels, the capacities and the fitting settings. */
export interface FoldSetup {
  /** One or more encodings of the features, the first the default (indicators). */
  readonly encodings: readonly EncodedFeatures[];
  readonly codes: Int32Array;
  readonly classes: number;
  /** The capacities tried, simplest first. */
  readonly ladder: readonly ClassifierCapacity[];
  /** Whether boosted trees (classifier-trees.ts) follow the ladder, as its most flexible rung. */
  readonly trees: boolean;
  /** The L2 strengths of the exact logistic fits. */
  readonly exactL2Grid: readonly number[];
  readonly kernel: Kernel;
  readonly maxEpochs: number;
  readonly seed: number;
  /** Polled between training steps; when set, the fits stop where they are. */
  readonly stop?: StopSignal;
}

/** One fold's held-out rows scored, in the order of `held`. */
export interface FoldScores {
  /** The capacity (and encoding, when more than one was tried) chosen on the fold's validation rows. */
  readonly chosen: string;
  /** Whether the chosen model is the marginal (class frequencies). */
  readonly marginalChosen: boolean;
  /** log q(y|x) of the chosen model, refitted on all the fold's training rows. */
  readonly logLik: Float64Array;
  /** log p̂(y) of the fold's marginal model. */
  readonly logMarginal: Float64Array;
  /** Where the marginal is chosen, the best model that lost; else the marginal (classifier-bound.ts). */
  readonly logLikRunnerUp: Float64Array;
}

/** Whether a scored fit is the marginal rung. */
function marginal(s: ScoredFit): boolean {
  return !isTrees(s.fit) && isMarginal(s.fit.capacity);
}

// The marginal rung is exact too (class frequencies): trained by Adam and early-stopped, its intercepts fell short
// of them, and independent data read up to −0.08 nats with an interval below 0 (3 classes, 1,000 rows).
function isMarginal(c: ClassifierCapacity): boolean {
  return c.l2 === Number.POSITIVE_INFINITY;
}

/** Adam settings of one fit: step size by model, ~8 steps per epoch on small folds, 128-row batches on large. */
function fitOptions(
  capacity: ClassifierCapacity,
  rows: number,
  maxEpochs: number,
  kernel: Kernel,
  stop: StopSignal | undefined,
): Omit<ClassifierFitOptions, "seed"> {
  return {
    lr: capacity.hidden.length === 0 ? LEARNING_RATE.logistic : LEARNING_RATE.mlp,
    batchSize: Math.max(16, Math.min(128, Math.floor(rows / 8))),
    maxEpochs,
    patience: PATIENCE,
    kernel,
    ...(stop ? { stop } : {}),
  };
}

/** Model fits a fold makes, for progress: the ladder's rungs and the trees. */
export function foldSteps(setup: Pick<FoldSetup, "ladder" | "trees">): number {
  return setup.ladder.length + (setup.trees ? 1 : 0);
}

function capacityName(c: ClassifierCapacity): string {
  if (c.l2 === Number.POSITIVE_INFINITY) return "marginal";
  return `${c.hidden.length === 0 ? "logistic" : `mlp[${c.hidden.join(",")}]`} l2=${c.l2}`;
}

/**
 * Choose a model on one fold (`rest`: its training rows, shuffled; the first VALIDATION_FRACTION of them validate)
 * and score its held-out rows. The exact logistic fit of each encoding competes on the validation rows; the MLPs
 * are fitted on the encoding whose logistic fit won; the one-standard-error rule then picks among the marginal,
 * that logistic fit and the MLPs, and the choice is refitted on every training row of the fold.
 */
export function scoreFold(
  setup: FoldSetup,
  f: number,
  held: readonly number[],
  rest: readonly number[],
  progress: (step: number) => void,
): FoldScores {
  const { codes, classes, kernel, ladder, maxEpochs, seed, stop } = setup;
  const nVal = Math.max(1, Math.round(VALIDATION_FRACTION * rest.length));
  let encoding = setup.encodings[0] as EncodedFeatures;
  let rows: FoldRows | null = null;
  let candidate: ExactCandidate | null = null;
  if (ladder.some(isExact)) {
    for (const e of setup.encodings) {
      const r = foldRows(e.features, codes, rest, held, nVal, kernel);
      const c = bestExactFit(setup, r, r.dim);
      if (c !== null && (candidate === null || betterExact(c, candidate))) {
        candidate = c;
        encoding = e;
        rows = r;
      }
    }
  }
  const bestExact = candidate?.scored ?? null;
  const { features } = encoding;
  const { all, validation, train, held: heldRows, dim } = rows ?? foldRows(features, codes, rest, held, nVal, kernel);
  const fits: ScoredFit[] = [];
  for (const [c, capacity] of ladder.entries()) {
    if (isMarginal(capacity)) {
      fits.push(
        exactFit(capacity, marginalMlp(train, dim, classes, kernel), absentClasses(train.labels, classes), validation),
      );
    } else if (
      !isExact(capacity) &&
      (bestExact === null || bestExact.fit.validationCrossEntropy > MLP_SKIP_CROSS_ENTROPY) &&
      !penaltyIdle(capacity, fits, train.rows, dim, classes)
    ) {
      // Early stopping picks the best of many epochs on its rows, so those rows flatter the MLP: it stops on
      // rows of its own, carved from its training rows, and the validation rows compare it fresh.
      const nStop = Math.max(1, Math.round(VALIDATION_FRACTION * train.rows));
      const fit = fitSoftmaxClassifier(
        rowRange(train, dim, nStop, train.rows),
        rowRange(train, dim, 0, nStop),
        dim,
        classes,
        capacity,
        { ...fitOptions(capacity, train.rows - nStop, maxEpochs, kernel, stop), seed: seed + 7919 * f + 104729 * c },
      );
      fits.push(scoreFit(fit, validation));
    }
    progress(c + 1);
  }
  // The trees, where they are tried on this encoding and the logistic fit leaves room (as for the MLPs).
  const imperfect = bestExact === null || bestExact.fit.validationCrossEntropy > MLP_SKIP_CROSS_ENTROPY;
  const treeRows: TreeRows | null =
    !encoding.trees || !imperfect ? null : { features: encoding.features, codes, classes };
  const cv = candidate?.cv ?? null;
  const treesCv = treeRows !== null && cv !== null ? treesByCrossValidation(treeRows, rest, cv, stop) : null;
  let trees: ScoredFit | null = null;
  if (treeRows !== null && treesCv?.win !== false) {
    const scored = scoredTrees(treeRows, treesCv, rest, nVal, stop);
    // Trees stopped at 0 iterations are the class frequencies, which the marginal rung already stands for (chosen
    // under the trees' name, their terms were not the marginal's exact zeros with a runner-up's spread) — unless
    // there is no rung (`capacity: "trees"`), where they are the only model (an 80-row table threw a TypeError).
    if (scored.fit.iterations > 0 || fits.length === 0) {
      trees = scored;
      fits.push(scored);
    }
  }
  if (setup.trees) progress(ladder.length + 1);
  // The cross-validation's verdict on logistic (or the trees that beat it) against marginal, where it ran, replaces
  // the validation rows' one.
  const verdict = treesCv?.win === true ? treesCv.beatsMarginal : logisticBeatsMarginal(candidate);
  const linear = treesCv?.win === true ? trees : bestExact;
  const ordered = inLadderOrder(fits, linear);
  const candidates =
    verdict === null ? ordered : ordered.filter((s) => (verdict ? !marginal(s) : s !== linear || ordered.length === 1));
  const chosenFit = oneStandardError(candidates);
  const marginalChosen = !isTrees(chosenFit) && isMarginal(chosenFit.capacity);
  const named = setup.encodings.length > 1 && !marginalChosen ? `, ${encoding.name}` : "";
  // Refit the chosen capacity on every training row of the fold: exactly, or for the epochs (iterations) validation
  // chose. Trees are refitted only where they were cross-validated (small tables; for the median of the inner fits'
  // iterations); on large ones the fit that validated scores the held-out rows: a refit gained 0.012 nats on seaborn's
  // diamonds (cut: 0.844 against 0.832) and tripled the trees' time (113 s against 38 s, the machine loaded).
  // The classes the fold's training rows lack, for the models refitted on all of them.
  const absentAll = absentClasses(all.labels, classes);
  let logLik: Float64Array;
  if (isTrees(chosenFit)) {
    logLik =
      treesCv === null
        ? treesLogLik(treeRows as TreeRows, chosenFit, held)
        : refitTreesLogLik(treeRows as TreeRows, chosenFit, rest, held, stop);
  } else {
    const model = marginalChosen
      ? { mlp: marginalMlp(all, dim, classes, kernel) }
      : isExact(chosenFit.capacity)
        ? { mlp: logisticMlp(fitLogisticExact(all, dim, classes, chosenFit.capacity.l2, kernel), dim, classes, kernel) }
        : fitSoftmaxClassifier(all, null, dim, classes, chosenFit.capacity, {
            ...fitOptions(chosenFit.capacity, all.rows, Math.max(1, chosenFit.bestEpoch), kernel, stop),
            seed: seed + 7919 * f + 31,
          });
    logLik = labelLogLikelihoods(model.mlp, heldRows, absentAll);
  }
  // Where both the logistic fit and the trees were cross-validated on the fold's rows and one of them was chosen,
  // their blend replaces it if it beats the better of them there (classifier-blend.ts); each is refitted as chosen.
  const pair = treesCv !== null && cv !== null && treeRows !== null && treesCv.cv.fit.iterations > 0;
  const w =
    pair && (isTrees(chosenFit) || chosenFit === bestExact?.fit) ? chooseBlend(cv.logLik, treesCv.cv.logLik) : null;
  if (pair && w !== null) {
    const logistic = isTrees(chosenFit)
      ? labelLogLikelihoods(
          logisticMlp(fitLogisticExact(all, dim, classes, cv.l2, kernel), dim, classes, kernel),
          heldRows,
          absentAll,
        )
      : logLik;
    const boosted = isTrees(chosenFit) ? logLik : refitTreesLogLik(treeRows, treesCv.cv.fit, rest, held, stop);
    logLik = blendLogLik(logistic, boosted, w);
  }
  // The fold's marginal model scored the same way: where it is the model chosen, the terms are exactly 0.
  const logMarginal = marginalChosen
    ? logLik
    : labelLogLikelihoods(marginalMlp(all, dim, classes, kernel), heldRows, absentAll);
  // Where the marginal is chosen, the best model that lost (fitted on the fold's training rows less the
  // validation rows) gives the interval its width (classifier-bound.ts).
  const lost = marginalChosen ? runnerUp(ordered, chosenFit) : null;
  const logLikRunnerUp =
    lost === null
      ? logMarginal
      : isTrees(lost.fit)
        ? treesLogLik(treeRows as TreeRows, lost.fit, held)
        : labelLogLikelihoods(lost.fit.mlp, heldRows, lost.fit.absent);
  const name =
    w !== null
      ? `blend of logistic l2=${cv?.l2} (${(1 - w).toFixed(1)}) and boosted trees, ${treesCv?.cv.fit.iterations} iterations (${w.toFixed(1)})`
      : isTrees(chosenFit)
        ? `boosted trees, ${chosenFit.iterations} iterations`
        : capacityName(chosenFit.capacity);
  return { chosen: `${name}${named}`, marginalChosen, logLik, logMarginal, logLikRunnerUp };
}
