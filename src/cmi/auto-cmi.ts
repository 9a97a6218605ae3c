import { InfonceError } from "../errors.js";
import { AUTO_MAX_KSG_DIM } from "../estimators/auto-choice.js";
import { categoricalColumns } from "../estimators/categorical.js";
import type { EstimateOptions, Matrix } from "../types.js";
import { checkConditional } from "./check-conditional.js";
import type { CmiEstimator, ConditionalSample } from "./cmi-types.js";
import { discreteCmiEstimator } from "./discrete-cmi.js";
import { gaussianCmiEstimator } from "./gaussian-cmi.js";
import { ksgCmiEstimator } from "./ksg-cmi.js";

/** What the auto rule for I(X;Y|Z) picks, with the settings it passes and why. */
export interface CmiChoice {
  readonly estimator: CmiEstimator;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly reason: string;
}

/** A side is categorical when every column is (labelled by the reader, or integer-valued with few values). */
function categorical(m: Matrix<Float64Array>, labels: readonly (readonly string[] | undefined)[] | undefined): boolean {
  const detected = categoricalColumns(m);
  return detected.every((c, j) => c || labels?.[j] !== undefined);
}

/**
 * The auto rule for I(X;Y|Z), as `auto` decides for MI (docs/estimators.md): all three sides categorical →
 * `discrete-cmi`; all continuous with dx + dy + dz ≤ AUTO_MAX_KSG_DIM → `ksg-cmi` (k = 3) on copula data (CMI is
 * unchanged by increasing maps of each coordinate); continuous in more dimensions → `gaussian-cmi` on copula data
 * (the Gaussian-copula CMI). Categorical and continuous sides mixed: E_DATA with the choices, rather than a number
 * from an estimator that does not fit.
 */
export function selectCmiEstimator(sample: ConditionalSample): CmiChoice {
  const cats = sample.categories;
  const kinds = [categorical(sample.x, cats?.x), categorical(sample.y, cats?.y), categorical(sample.z, cats?.z)];
  const d = sample.x.cols + sample.y.cols + sample.z.cols;
  if (kinds.every(Boolean)) {
    return {
      estimator: discreteCmiEstimator,
      settings: { correction: "miller-madow" },
      reason: "x, y and z categorical: plug-in conditional MI with Miller–Madow correction",
    };
  }
  if (kinds.some(Boolean)) {
    const names = ["x", "y", "z"].filter((_, i) => kinds[i]);
    throw new InfonceError(
      "E_DATA",
      `auto: ${names.join(", ")} categorical and the rest continuous; no conditional-MI estimator here fits that mix — choose one: --estimator ksg-cmi (codes as numbers) or gaussian-cmi`,
    );
  }
  if (d <= AUTO_MAX_KSG_DIM) {
    return {
      estimator: ksgCmiEstimator,
      settings: { copula: true, k: 3 },
      reason: `continuous, ${d} dimensions in all (≤ ${AUTO_MAX_KSG_DIM}): Frenzel–Pompe KSG (k = 3) on copula-transformed data`,
    };
  }
  return {
    estimator: gaussianCmiEstimator,
    settings: { copula: true },
    reason: `continuous, ${d} dimensions (> ${AUTO_MAX_KSG_DIM}, where k-NN estimates are biased low): Gaussian-copula conditional MI`,
  };
}

/** `auto` for conditional MI: runs the chosen estimator and says what it chose and why. */
export const autoCmiEstimator: CmiEstimator = {
  name: "auto",
  description:
    "Chooses the conditional-MI estimator from the data: discrete-cmi, ksg-cmi on copula data, or gaussian-cmi",
  async estimate(sample: ConditionalSample, options: EstimateOptions = {}) {
    const start = globalThis.performance.now();
    // Bad values first (a NaN, a constant side), so they are reported as such and not as the mix they look like.
    checkConditional(sample, "auto", 0, "");
    const choice = selectCmiEstimator(sample);
    const r = await choice.estimator.estimate(sample, { ...choice.settings, ...options });
    return {
      ...r,
      estimator: "auto",
      settings: { ...r.settings, choice: choice.estimator.name, reason: choice.reason },
      seconds: (globalThis.performance.now() - start) / 1000,
    };
  },
};

/** The conditional-MI estimators by name (`infonce estimate --z … --estimator NAME`). */
export const CMI_ESTIMATORS: Readonly<Record<string, CmiEstimator>> = {
  auto: autoCmiEstimator,
  "ksg-cmi": ksgCmiEstimator,
  "gaussian-cmi": gaussianCmiEstimator,
  "discrete-cmi": discreteCmiEstimator,
};
