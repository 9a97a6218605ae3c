import { InfonceError } from "../errors.js";
import { NO_UNCERTAINTY, resampleUncertainty, type Uncertainty } from "../estimators/bootstrap.js";
import { boolSetting, classicalEstimate, intSetting, seedSetting } from "../estimators/classical-estimate.js";
import { KSG_REPLICATES } from "../estimators/ksg.js";
import { type KsgPreprocessing, ksgPreprocess } from "../estimators/ksg-jobs.js";
import { digammaTable } from "../math/digamma.js";
import { joinColumns } from "../math/join-columns.js";
import { countWithinRadius, strictRadius } from "../neighbors/count-within.js";
import { buildKdTree } from "../neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../neighbors/knn.js";
import { countWithinRadius1d } from "../neighbors/sorted-count.js";
import type { EstimateOptions, Matrix } from "../types.js";
import { type CheckedConditional, checkConditional, takeConditionalRows } from "./check-conditional.js";
import type { CmiEstimator, ConditionalSample } from "./cmi-types.js";

/**
 * The Frenzel–Pompe estimator of I(X;Y|Z) (Frenzel & Pompe 2007, Phys. Rev. Lett. 99, 204101) — KSG estimator 1
 * carried to conditional MI, max-norm:
 *   I(X;Y|Z) = ψ(k) − ⟨ψ(n_xz + 1) + ψ(n_yz + 1) − ψ(n_z + 1)⟩,
 * ε_i the distance from (x_i, y_i, z_i) to its k-th nearest other point, and n_xz(i), n_yz(i), n_z(i) the points
 * j ≠ i strictly closer than ε_i in the (x, z), (y, z) and z subspaces. Exact neighbour search and counts by the
 * same k-d tree and strict radius prevFloat(ε) as KSG (src/neighbors), so ties and duplicates follow KSG's rules.
 *
 * @param x, y, z n×d row-major, already scaled
 */
export function ksgCmiValue(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  z: Matrix<Float64Array>,
  k: number,
): number {
  const n = x.rows;
  if (!(Number.isInteger(k) && k >= 1)) throw new InfonceError("E_ARG", `k must be an integer ≥ 1, got ${k}`);
  if (n < k + 1) throw new InfonceError("E_DATA", `ksg-cmi with k = ${k} needs at least ${k + 1} rows, got ${n}`);
  const xz = joinColumns(x, z);
  const yz = joinColumns(y, z);
  const xyz = joinColumns(x, yz);
  const eps = new Float64Array(n);
  selfKnnMaxNorm(buildKdTree(xyz.data, n, xyz.cols), k, eps);
  const radius = new Float64Array(n);
  for (let i = 0; i < n; i++) radius[i] = strictRadius(eps[i] as number);
  const count = (m: Matrix<Float64Array>): Int32Array => {
    const out = new Int32Array(n);
    if (m.cols === 1) countWithinRadius1d(m.data, radius, out);
    else countWithinRadius(buildKdTree(m.data, n, m.cols), radius, out);
    return out;
  };
  // Counts include the point itself: n_s + 1 is the count, so ψ(n_s + 1) = ψ(count).
  const cxz = count(xz);
  const cyz = count(yz);
  const cz = count(z);
  const psi = digammaTable(n + 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (psi[cxz[i] as number] as number) + (psi[cyz[i] as number] as number) - (psi[cz[i] as number] as number);
  }
  return (psi[k] as number) - sum / n;
}

/** Scales every column as KSG does (`ksgPreprocess`): standardised, copula normal scores, or as is. */
function scaled(c: CheckedConditional, copula: boolean, standardize: boolean): CheckedConditional {
  const prep: KsgPreprocessing = copula ? "copula" : standardize ? "standardize" : "none";
  return { ...c, x: ksgPreprocess(c.x, prep), y: ksgPreprocess(c.y, prep), z: ksgPreprocess(c.z, prep) };
}

/** `ksg-cmi`: Frenzel–Pompe with KSG's preprocessing and half-sample interval. */
export const ksgCmiEstimator: CmiEstimator = {
  name: "ksg-cmi",
  description: "Frenzel–Pompe KSG estimator of I(X;Y|Z): k-NN in max-norm, exact k-d tree search; k = 3",
  async estimate(sample: ConditionalSample, options: EstimateOptions = {}) {
    const start = globalThis.performance.now();
    const k = intSetting(options, "k", 3, 1);
    const copula = boolSetting(options, "copula", false);
    const standardize = boolSetting(options, "standardize", true);
    const replicates = intSetting(options, "replicates", KSG_REPLICATES, 0);
    const seed = seedSetting(options);
    const checked = checkConditional(sample, "ksg-cmi", k + 1, `k = ${k} neighbours need k + 1 points`);
    const value = (c: CheckedConditional): number => {
      const s = scaled(c, copula, standardize);
      return ksgCmiValue(s.x, s.y, s.z, k);
    };
    const estimate = value(checked);
    const warnings = [...checked.warnings];
    let u: Uncertainty = NO_UNCERTAINTY;
    if (replicates >= 2 && options.uncertainty !== "none") {
      if (checked.n >> 1 < k + 1) warnings.push(`no interval: half-samples of ${checked.n >> 1} rows are too few`);
      else {
        u = resampleUncertainty(estimate, checked.n, (rows) => value(takeConditionalRows(checked, rows)), {
          method: "half-sample",
          replicates,
          seed,
          onProgress: options.onProgress,
          stop: options.stop,
        });
      }
    }
    const settings = { k, preprocessing: copula ? "copula" : standardize ? "standardize" : "none", seed };
    return classicalEstimate("ksg-cmi", estimate, checked.n, u, warnings, start, settings);
  },
};
