import { InfonceError } from "../errors.js";
import { selectEstimator } from "../estimators/auto-choice.js";
import { profileSample } from "../estimators/auto-profile.js";
import { resampleUncertainty } from "../estimators/bootstrap.js";
import { ESTIMATORS_BY_NAME } from "../estimators/index.js";
import { KSG_REPLICATES, type KsgPreprocessing, ksgDefaultGroups } from "../estimators/ksg.js";
import { checkSettingKeys } from "../estimators/read-settings.js";
import type { ColumnCategories, Estimator, Matrix, PairedSample } from "../types.js";
import { COLUMN_CACHE_BYTES, ColumnCache } from "./column-cache.js";
import { ksgSortedPair } from "./ksg-sorted-pair.js";
import type { ColumnTable, PairResult, PairSettings, Variable } from "./many-types.js";
import { type PreparedColumn, preparedBytes, preparedColumn, sortedColumn } from "./sorted-column.js";

/** Settings the shared-column KSG path reproduces exactly; any other setting sends a pair to the estimator itself. */
const FAST_KSG_SETTINGS = new Set(["k", "copula", "standardize", "replicates", "uncertainty", "groups"]);

/** Estimates the MI of pair `pair` = (variable a, variable b). */
export type PairEvaluator = (pair: number, a: Variable, b: Variable) => Promise<PairResult>;

/** Options of a pair evaluator. */
export interface PairEvaluatorOptions {
  /** The estimators by name (default: the registered ones). */
  readonly registry?: Readonly<Record<string, Estimator>>;
  /** Where prepared columns are kept (default: a cache of COLUMN_CACHE_BYTES). */
  readonly cache?: ColumnCache<PreparedColumn>;
}

/** A column cache for prepared columns, capped at `budget` bytes. */
export function preparedColumnCache(budget: number = COLUMN_CACHE_BYTES): ColumnCache<PreparedColumn> {
  return new ColumnCache(budget, preparedBytes);
}

/**
 * The evaluator of every pair of a run: the estimator named in `settings`, on the two variables' columns, seeded
 * alike for every pair (so a pair's result does not depend on which process computes it, or when).
 *
 * Work shared across pairs: a scalar column's sort and scaling are done once and reused by every pair it is in,
 * when the pair goes to KSG estimator 1 (`ksg`, or `auto` choosing it) — by `ksgSortedPair`, which gives KSG's
 * own numbers bit for bit; the subsample interval is `resampleUncertainty` with the same seed, groups and replicates
 * as the `ksg` estimator, so a pair's estimate and interval equal `infonce estimate --estimator ksg` on that pair.
 * Every other pair runs the registered estimator on a PairedSample of its columns.
 */
export function createPairEvaluator(
  table: ColumnTable,
  settings: PairSettings,
  options: PairEvaluatorOptions = {},
): PairEvaluator {
  const registry = options.registry ?? ESTIMATORS_BY_NAME;
  const estimator = registry[settings.estimator];
  if (estimator === undefined) {
    throw new InfonceError(
      "E_UNKNOWN",
      `unknown estimator '${settings.estimator}'; estimators are: ${Object.keys(registry).join(", ")}`,
    );
  }
  // The KSG route below reads the settings itself: a typo must not pass unnoticed there either.
  if (estimator.settings !== undefined) checkSettingKeys(estimator.name, estimator.settings, settings.settings);
  const cache = options.cache ?? preparedColumnCache();
  // Keyed by column and scaling; the value depends on nothing else, so what the cache keeps never changes a number.
  const column = (c: number, prep: KsgPreprocessing): PreparedColumn =>
    cache.get(`${c}:${prep}`, () => preparedColumn(table.columns[c] as Float64Array, prep));
  const userKeys = Object.keys(settings.settings);
  const fastAllowed = userKeys.every((key) => FAST_KSG_SETTINGS.has(key));

  return async (pair, a, b) => {
    const sample = pairedSample(table, a, b);
    const route = fastAllowed && a.columns.length === 1 && b.columns.length === 1 ? ksgRoute(sample, settings) : null;
    if (route !== null) {
      // Both held here: making b's may push a's out of the cache, not out of this pair.
      const ca = column(a.columns[0] as number, route.prep);
      const cb = column(b.columns[0] as number, route.prep);
      const value = ksgSortedPair(ca.scaled, cb.scaled, route.k);
      const n = table.rows;
      let stderr = Number.NaN;
      let ci95: readonly [number, number] = [Number.NaN, Number.NaN];
      const warnings: string[] = [];
      if (route.replicates >= 2) {
        const groups = route.groups ?? ksgDefaultGroups(n);
        const m = Math.floor(n / groups);
        if (m < route.k + 1) {
          warnings.push(`no interval: subsamples of ${m} rows (n/${groups}) are too few for k = ${route.k}`);
        } else {
          const ra = ca.raw;
          const rb = cb.raw;
          const u = resampleUncertainty(
            value,
            n,
            (rows) => ksgSortedPair(sortedColumn(ra, route.prep, rows), sortedColumn(rb, route.prep, rows), route.k),
            { method: route.method, groups, replicates: route.replicates, seed: settings.seed },
          );
          stderr = u.stderr;
          ci95 = u.ci95;
        }
      }
      // auto keeps KSG's answer unless it is unusable (non-finite, or an interval wholly below 0); then auto's
      // own fall-through decides, below.
      const usable = Number.isFinite(value) && !(ci95[1] < 0);
      if (settings.estimator !== "auto" || usable) {
        return { pair, estimate: value, stderr, ci95, estimator: "ksg", warnings };
      }
    }
    const result = await estimator.estimate(sample, { ...settings.settings, seed: settings.seed });
    const choice = result.settings.choice;
    return {
      pair,
      estimate: result.estimate,
      stderr: result.stderr,
      ci95: result.ci95,
      estimator: typeof choice === "string" ? choice : result.estimator,
      warnings: result.warnings,
    };
  };
}

/** The KSG estimator 1 settings of a 1+1 pair when the pair goes to KSG (asked, or auto's choice), else null. */
function ksgRoute(
  sample: PairedSample,
  settings: PairSettings,
): {
  readonly k: number;
  readonly prep: KsgPreprocessing;
  readonly replicates: number;
  readonly method: "subsample" | "half-sample";
  readonly groups: number | undefined;
} | null {
  let s: Readonly<Record<string, unknown>> = settings.settings;
  if (settings.estimator === "auto") {
    if (sample.categories !== undefined) return null;
    const choice = selectEstimator(profileSample(sample, s), (name) => ESTIMATORS_BY_NAME[name] !== undefined);
    if (choice.estimator !== "ksg") return null;
    s = { ...choice.settings, ...s };
  } else if (settings.estimator !== "ksg") return null;
  const k = s.k ?? 3;
  const copula = s.copula ?? false;
  const standardize = s.standardize ?? true;
  const replicates = s.uncertainty === "none" ? 0 : (s.replicates ?? KSG_REPLICATES);
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1) return null; // the estimator names the error
  if (typeof copula !== "boolean" || typeof standardize !== "boolean") return null;
  if (typeof replicates !== "number" || !Number.isInteger(replicates) || replicates < 0) return null;
  const method = s.uncertainty === "half-sample" ? "half-sample" : "subsample";
  if (s.uncertainty !== undefined && s.uncertainty !== "none" && s.uncertainty !== method) return null;
  const groups = method === "half-sample" ? 2 : s.groups;
  if (groups !== undefined && !(typeof groups === "number" && Number.isInteger(groups) && groups >= 2)) return null;
  return { k, prep: copula ? "copula" : standardize ? "standardize" : "none", replicates, method, groups };
}

/** The paired sample of two variables (copies of their columns, row-major), with their category labels. */
export function pairedSample(table: ColumnTable, a: Variable, b: Variable): PairedSample {
  const side = (v: Variable): Matrix<Float64Array> => {
    const d = v.columns.length;
    const n = table.rows;
    if (d === 1) return { rows: n, cols: 1, data: table.columns[v.columns[0] as number] as Float64Array };
    const data = new Float64Array(n * d);
    v.columns.forEach((c, j) => {
      const col = table.columns[c] as Float64Array;
      for (let i = 0; i < n; i++) data[i * d + j] = col[i] as number;
    });
    return { rows: n, cols: d, data };
  };
  const cats = table.categories;
  const sample = { x: side(a), y: side(b) };
  if (cats === undefined || ![...a.columns, ...b.columns].some((c) => cats[c] !== undefined)) return sample;
  const categories: ColumnCategories = { x: a.columns.map((c) => cats[c]), y: b.columns.map((c) => cats[c]) };
  return { ...sample, categories };
}
