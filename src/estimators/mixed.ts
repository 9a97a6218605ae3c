import { InfonceError } from "../errors.js";
import { digammaTable } from "../math/digamma.js";
import { joinColumns } from "../math/join-columns.js";
import { countWithinRadius } from "../neighbors/count-within.js";
import { buildKdTree } from "../neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../neighbors/knn.js";
import type { Estimator, Matrix, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { CATEGORICAL_SETTINGS, encodeRows, sideKinds } from "./categorical.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { type CopulaTies, copulaTransform, tiesWarning } from "./copula.js";
import { autoCorrection, correctedMI, discreteTerms } from "./discrete.js";
import { isPartial, KSG_REPLICATES } from "./ksg.js";
import { labelEntropy } from "./label-entropy.js";
import { readSettings } from "./read-settings.js";
import { checkSample, takeRows } from "./sample-checks.js";
import { standardizeColumns } from "./standardize.js";

/**
 * Ross (2014), "Mutual information between discrete and continuous data sets", PLoS ONE 9(2): e87357 —
 * the KSG idea with the discrete side as class labels. For each point i of class c (N_c members):
 * d_i = max-norm distance from y_i to its k_i-th nearest neighbour among the other members of c
 * (k_i = min(k, N_c − 1)); m_i = #{j ≠ i : ‖y_j − y_i‖ ≤ d_i} over all points (the k_i-th neighbour included);
 *   I = ψ(N) − ⟨ψ(N_c)⟩ + ⟨ψ(k_i)⟩ − ⟨ψ(m_i)⟩.
 * Points alone in their class have no neighbour and are dropped first (as scikit-learn's
 * mutual_info_classif, which uses the same estimator); `dropped` says how many.
 *
 * @param labels class code per row; y n×dy row-major (already scaled)
 */
export function rossTerms(
  labels: Int32Array,
  y: Float64Array,
  dy: number,
  k: number,
): { readonly mi: number; readonly dropped: number } {
  const n0 = labels.length;
  const size = new Map<number, number>();
  for (let i = 0; i < n0; i++) size.set(labels[i] as number, (size.get(labels[i] as number) ?? 0) + 1);
  const kept: number[] = [];
  for (let i = 0; i < n0; i++) if ((size.get(labels[i] as number) as number) > 1) kept.push(i);
  const n = kept.length;
  if (n < 2) {
    throw new InfonceError("E_DATA", "mixed (Ross): no class of the discrete side has two or more rows");
  }
  const yk = new Float64Array(n * dy);
  const lk = new Int32Array(n);
  kept.forEach((i, t) => {
    lk[t] = labels[i] as number;
    for (let c = 0; c < dy; c++) yk[t * dy + c] = y[i * dy + c] as number;
  });
  // Per class: the k_i-th neighbour distance among the class's own points.
  const members = new Map<number, number[]>();
  for (let t = 0; t < n; t++) {
    const list = members.get(lk[t] as number);
    if (list) list.push(t);
    else members.set(lk[t] as number, [t]);
  }
  const radius = new Float64Array(n);
  const psi = digammaTable(n + 1);
  let sumClass = 0;
  let sumK = 0;
  for (const list of members.values()) {
    const m = list.length;
    const kc = Math.min(k, m - 1);
    const data = new Float64Array(m * dy);
    list.forEach((t, j) => {
      for (let c = 0; c < dy; c++) data[j * dy + c] = yk[t * dy + c] as number;
    });
    const dist = new Float64Array(m);
    selfKnnMaxNorm(buildKdTree(data, m, dy), kc, dist);
    list.forEach((t, j) => {
      radius[t] = dist[j] as number;
    });
    sumClass += m * (psi[m] as number);
    sumK += m * (psi[kc] as number);
  }
  const counts = new Int32Array(n);
  countWithinRadius(buildKdTree(yk, n, dy), radius, counts);
  let sumM = 0;
  for (let t = 0; t < n; t++) sumM += psi[(counts[t] as number) - 1] as number;
  return { mi: (psi[n] as number) - sumClass / n + sumK / n - sumM / n, dropped: n0 - n };
}

/**
 * Gao, Kannan, Oh & Viswanath (2017), "Estimating mutual information for discrete-continuous mixtures"
 * (NeurIPS), for data whose coordinates mix atoms and densities in any way. With ρ_i the k-th nearest-neighbour
 * distance of z_i = (x_i, y_i) in max-norm (itself excluded):
 *   k̃_i = k if ρ_i > 0, else #{j ≠ i : z_j = z_i} (a discrete atom: count its copies);
 *   n_x(i) = #{j ≠ i : ‖x_j − x_i‖ ≤ ρ_i}, n_y likewise;
 *   I = ⟨ψ(k̃_i) + log n − log(n_x(i) + 1) − log(n_y(i) + 1)⟩.
 * Consistent as n → ∞ with k → ∞ slowly; at small k its continuous part is biased low (ψ(k) < log(k + 1)),
 * so prefer Ross when one side is purely categorical (that is what `method: "auto"` does).
 *
 * @param x n×dx, y n×dy row-major (already scaled)
 */
export function gaoTerms(x: Float64Array, y: Float64Array, n: number, dx: number, dy: number, k: number): number {
  if (n < k + 1) throw new InfonceError("E_DATA", `mixed (Gao) with k = ${k} needs at least ${k + 1} rows, got ${n}`);
  const d = dx + dy;
  const z = joinColumns({ rows: n, cols: dx, data: x }, { rows: n, cols: dy, data: y }).data;
  const joint = buildKdTree(z, n, d);
  const rho = new Float64Array(n);
  selfKnnMaxNorm(joint, k, rho);
  const atoms = new Int32Array(n);
  if (rho.some((r) => r === 0)) countWithinRadius(joint, new Float64Array(n), atoms);
  const nx = new Int32Array(n);
  const ny = new Int32Array(n);
  countWithinRadius(buildKdTree(x, n, dx), rho, nx);
  countWithinRadius(buildKdTree(y, n, dy), rho, ny);
  const psi = digammaTable(n + 1);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const kt = rho[i] === 0 ? (atoms[i] as number) - 1 : k;
    // nx, ny include the point itself: n_x + 1 = count.
    sum += (psi[kt] as number) - Math.log(nx[i] as number) - Math.log(ny[i] as number);
  }
  return sum / n + Math.log(n);
}

/** Which mixed estimator runs: Ross when exactly one side is all categorical and the other has none. */
/**
 * "table": both sides wholly categorical. Gao's estimator there is the plug-in with ψ(c_xy − 1) in place of
 * log c_xy, which reads ≈ 1.5·(cells)/n low (−0.025 nats on an independent 4×5 table at n = 1,000, its interval
 * missing 0 in 30 of 30 seeds), so the corrected plug-in of the table (`discreteTerms` and `autoCorrection`, as `discrete`) is used.
 */
export type MixedMethod = "ross" | "gao" | "table";

/**
 * Standardised columns, or normal scores (`copula`): Gao's estimator reads atoms, so its ties stay equal; Ross's
 * continuous side is a k-NN estimate that assumes a continuous law, so its ties are ranked at random (copula.ts).
 */
function scale(m: Matrix<Float64Array>, copula: boolean, ties: CopulaTies): Float64Array {
  return copula ? copulaTransform(m, ties).data : standardizeColumns(m).data;
}

/** The mixed estimate on a sample with the given method; x/y scaled inside (standardised, or copula). */
export function mixedValue(
  x: Matrix<Float64Array>,
  y: Matrix<Float64Array>,
  method: MixedMethod,
  labelsSide: "x" | "y",
  k: number,
  copula: boolean,
): { readonly mi: number; readonly dropped: number } {
  if (method === "table") {
    const cx = encodeRows(x);
    const cy = encodeRows(y);
    const terms = discreteTerms(cx.codes, cy.codes, cx.levels, cy.levels);
    return { mi: correctedMI(terms, autoCorrection(terms, cx.codes.length)), dropped: 0 };
  }
  if (method === "gao")
    return {
      mi: gaoTerms(scale(x, copula, "average"), scale(y, copula, "average"), x.rows, x.cols, y.cols, k),
      dropped: 0,
    };
  const labels = encodeRows(labelsSide === "x" ? x : y).codes;
  const other = labelsSide === "x" ? y : x;
  return rossTerms(labels, scale(other, copula, "random"), other.cols, k);
}

/** Ĥ of a categorical side (label-entropy.ts), the most it can share with anything. */
function labelCeiling(side: Matrix<Float64Array>): number {
  const { codes, levels } = encodeRows(side);
  const h = labelEntropy(codes, levels);
  return h.plugIn + h.millerMadow;
}

/** The settings of the mixed estimator: its descriptor. */
export const MIXED_SETTINGS = {
  k: { type: "integer", min: 1, default: 3, doc: "Neighbours" },
  copula: {
    type: "boolean",
    default: false,
    doc: "Normal scores of the ranks of the continuous columns first (else they are standardised)",
  },
  method: {
    type: "choice",
    choices: ["auto", "ross", "gao"],
    default: "auto",
    doc: "Ross (2014) for a categorical side against a continuous one, Gao et al. (2017) for any mixture; auto picks",
  },
  uncertainty: {
    type: "choice",
    choices: ["half-sample", "none"],
    default: "half-sample",
    doc: "The interval: from half-samples, or none",
  },
  replicates: { type: "integer", min: 0, default: KSG_REPLICATES, doc: "Half-sample replicates" },
  ...CATEGORICAL_SETTINGS,
} as const satisfies SettingSpecs;

/** The options of the mixed estimator. */
export type MixedOptions = OptionsOf<typeof MIXED_SETTINGS>;

/** `Estimate.settings` of the mixed estimator: `method` is the one that ran. */
export type MixedReportedSettings = ReportedSettings<Omit<typeof MIXED_SETTINGS, "method">> &
  UncertaintySettings & { readonly method: MixedMethod; readonly seed: number };

export const mixedEstimator: Estimator<MixedOptions, MixedReportedSettings> = {
  name: "mixed",
  kind: "classical",
  description:
    "Discrete–continuous MI: Ross (2014) when one side is categorical, Gao et al. (2017) for general mixtures; k = 3",
  settings: MIXED_SETTINGS,
  async estimate(sample: PairedSample, options: MixedOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("mixed", MIXED_SETTINGS, options);
    const { k, copula, replicates } = s;
    const asked = s.method;
    const uncertaintyMethod = s.uncertainty;
    const seed = seedSetting(options);
    const checked = checkSample(sample, "mixed", k + 1, `k = ${k} neighbours need k + 1 points`);
    const { x, y, n } = checked;
    const kinds = sideKinds(checked, options, sample.categories);
    const allX = kinds.x.every(Boolean);
    const allY = kinds.y.every(Boolean);
    const noneX = !kinds.x.some(Boolean);
    const noneY = !kinds.y.some(Boolean);
    const rossSide: "x" | "y" | null = allX && noneY ? "x" : allY && noneX ? "y" : null;
    let method: MixedMethod = rossSide !== null ? "ross" : allX && allY ? "table" : "gao";
    if (asked === "ross") {
      if (rossSide === null) {
        throw new InfonceError(
          "E_ARG",
          "method ross needs one side all categorical and the other continuous; pass discrete: { x: true } (or y) to force it, or use method gao",
        );
      }
      method = "ross";
    } else if (asked === "gao") method = "gao";
    const labelsSide = rossSide ?? "x";
    const result = mixedValue(x, y, method, labelsSide, k, copula);
    // Ross's estimate is over the rows whose category recurs; when most categories occur once it would stand on a
    // handful of rows (20 boolean columns, 3,000 rows: 6 left, 0.87 ± 0.37 for 0.89), so it is refused instead.
    if (result.dropped > n / 2) {
      throw new InfonceError(
        "E_DATA",
        `${result.dropped} of ${n} rows have a category of ${labelsSide} that occurs only once: Ross's estimator would use only ${n - result.dropped}; use infonce or auto (which treat such columns as numbers)`,
      );
    }
    const warnings = [...checked.warnings];
    // I(X;Y) ≤ H(Y) for a label Y. Ross's estimate on classes of a few rows exceeds it (Stat2Data/Leafhoppers.csv,
    // 8 rows, 4 diets of 2: 1.593 where log 4 = 1.386); it stops at Ĥ, as the classifier bound does.
    const ceiling = method === "ross" ? labelCeiling(labelsSide === "x" ? x : y) : Number.POSITIVE_INFINITY;
    const mi = Math.min(result.mi, ceiling);
    if (mi < result.mi) {
      warnings.push(
        `Ross's estimate ${result.mi.toFixed(3)} was above Ĥ(${labelsSide}) = ${ceiling.toFixed(3)}, the most a categorical side can share (the estimator's bias on classes of few rows); Ĥ(${labelsSide}) is reported`,
      );
    }
    const ties =
      method !== "ross" || copula
        ? null
        : tiesWarning("Ross's estimator", { [labelsSide === "x" ? "y" : "x"]: labelsSide === "x" ? y : x });
    if (ties !== null) warnings.push(ties);
    if (result.dropped > 0) {
      warnings.push(`${result.dropped} rows dropped: their category of ${labelsSide} occurs only once (no neighbour)`);
    }
    let uncertainty: Uncertainty = NO_UNCERTAINTY;
    if (uncertaintyMethod !== "none" && replicates >= 2) {
      if (n >> 1 < k + 1) warnings.push(`no interval: half-samples of ${n >> 1} rows are too few for k = ${k}`);
      else {
        uncertainty = resampleUncertainty(
          mi,
          n,
          (rows) => mixedValue(takeRows(x, rows), takeRows(y, rows), method, labelsSide, k, copula).mi,
          { method: "half-sample", replicates, seed, onProgress: options.onProgress, stop: options.stop },
        );
      }
    }
    const settings = {
      ...s,
      method,
      ...(method === "ross" ? { labels: labelsSide } : {}),
      preprocessing: copula ? "copula" : "standardize",
      categoricalX: kinds.x,
      categoricalY: kinds.y,
      seed,
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    return classicalEstimate(
      "mixed",
      mi,
      n,
      uncertainty,
      warnings,
      start,
      settings,
      isPartial(options, uncertainty, replicates),
    );
  },
};
