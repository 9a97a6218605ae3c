import { InfonceError } from "../errors.js";
import type { Estimator, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { encodeRows } from "./categorical.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { independenceShrinkageMI } from "./independence-shrinkage.js";
import { isPartial } from "./ksg.js";
import { readSettings } from "./read-settings.js";
import { checkSample } from "./sample-checks.js";

/** The plug-in MI of a contingency table and its Miller–Madow correction. */
export interface DiscreteTerms {
  /** Σ p̂(x,y) log p̂(x,y)/(p̂(x)p̂(y)), nats. */
  readonly plugin: number;
  /** plugin − (m_xy − m_x − m_y + 1)/(2n) (Miller 1955), m = observed (non-empty) cells. */
  readonly millerMadow: number;
  /** The MI of the table shrunk toward independence (independenceShrinkageMI): for sparse tables. */
  readonly shrinkage: number;
  readonly cellsXY: number;
  readonly cellsX: number;
  readonly cellsY: number;
}

/**
 * Plug-in MI of paired category codes, with the Miller–Madow correction (Miller 1955; each plug-in entropy is
 * biased by −(m − 1)/(2n), so I = H_X + H_Y − H_XY is corrected by −(m_xy − m_x − m_y + 1)/(2n)).
 * Computed as H_X + H_Y − H_XY with H = log n − (1/n) Σ c log c over the observed counts c.
 *
 * @param cx, cy codes in [0, levelsX), [0, levelsY), one per row
 * @param rows optional row indices (a resample); all rows when absent
 */
export function discreteTerms(
  cx: Int32Array,
  cy: Int32Array,
  levelsX: number,
  levelsY: number,
  rows?: Int32Array,
): DiscreteTerms {
  const n = rows ? rows.length : cx.length;
  const countX = new Float64Array(levelsX);
  const countY = new Float64Array(levelsY);
  const joint = new Map<number, number>();
  for (let t = 0; t < n; t++) {
    const i = rows ? (rows[t] as number) : t;
    const a = cx[i] as number;
    const b = cy[i] as number;
    countX[a] = (countX[a] as number) + 1;
    countY[b] = (countY[b] as number) + 1;
    const key = a * levelsY + b;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const sumClogC = (counts: Iterable<number>): { s: number; m: number } => {
    let s = 0;
    let m = 0;
    for (const c of counts) {
      if (c > 0) {
        s += c * Math.log(c);
        m++;
      }
    }
    return { s, m };
  };
  const hx = sumClogC(countX);
  const hy = sumClogC(countY);
  const hxy = sumClogC(joint.values());
  // I = H_X + H_Y − H_XY; the log n terms: log n + log n − log n.
  const plugin = Math.max(0, Math.log(n) + (hxy.s - hx.s - hy.s) / n);
  const millerMadow = plugin - (hxy.m - hx.m - hy.m + 1) / (2 * n);
  const shrinkage = independenceShrinkageMI(countX, countY, joint, levelsY, n);
  return { plugin, millerMadow, shrinkage, cellsXY: hxy.m, cellsX: hx.m, cellsY: hy.m };
}

/**
 * A side with more distinct rows than half the sample is not categorical: most of its values occur once, so the
 * contingency table has about one row per cell and the plug-in reports ≈ log n (+ ½ with Miller–Madow) whatever the
 * dependence (9.02 nats on an independent Gaussian pair at n = 5,000). That number would be wrong, not merely
 * biased, so it is an error.
 */
function refuseContinuous(levels: number, side: "x" | "y", n: number): void {
  if (levels <= n / 2) return;
  throw new InfonceError(
    "E_DATA",
    `${side} has ${levels} distinct values in ${n} rows: it is not categorical, and the plug-in on a table with ` +
      `about one row per cell would report ≈ log n = ${Math.log(n).toFixed(2)} nats (+ ½ with the Miller–Madow ` +
      "correction) whatever the dependence; use ksg or gaussian (continuous), mixed (categorical with continuous), or auto",
  );
}

/** Fewer rows than this per observed (x, y) cell make a table sparse: the plug-in's bias outgrows Miller–Madow's. */
export const SPARSE_ROWS_PER_CELL = 5;

/** Whether a table is sparse: fewer than SPARSE_ROWS_PER_CELL rows per observed cell. */
function isSparse(t: DiscreteTerms, n: number): boolean {
  return t.cellsXY > n / SPARSE_ROWS_PER_CELL;
}

/** A correction of the plug-in MI of a table; "auto" resolves to one of the others (autoCorrection). */
export type TableCorrection = "miller-madow" | "shrinkage" | "none";

/**
 * The correction `auto` applies: shrinkage toward independence for a sparse table (20 × 20 independent categories
 * in 500 rows: Miller–Madow 0.165, shrunk 0.000; see independence-shrinkage.ts), else Miller–Madow, which shrinkage
 * undercuts on small dense tables (2 × 2 at 40 rows, MI 0.131: Miller–Madow 0.152, shrunk 0.099 over 30 seeds).
 */
export function autoCorrection(t: DiscreteTerms, n: number): TableCorrection {
  return isSparse(t, n) ? "shrinkage" : "miller-madow";
}

/** The table's MI with a correction applied. */
export function correctedMI(t: DiscreteTerms, correction: TableCorrection): number {
  return correction === "miller-madow" ? t.millerMadow : correction === "shrinkage" ? t.shrinkage : t.plugin;
}

/** Default bootstrap replicates of the discrete estimator (each costs O(n)). */
export const DISCRETE_REPLICATES = 50;

/** The settings of the discrete estimator: its descriptor. */
export const DISCRETE_SETTINGS = {
  correction: {
    type: "choice",
    choices: ["auto", "miller-madow", "shrinkage", "none"],
    default: "auto",
    doc: "Bias correction of the plug-in: Miller–Madow's (cells − 1)/2n per entropy, James–Stein shrinkage toward independence, or none; auto: shrinkage for sparse tables (< 5 rows per observed cell), else Miller–Madow",
  },
  uncertainty: {
    type: "choice",
    choices: ["bootstrap", "none"],
    default: "bootstrap",
    doc: "The interval: a bootstrap of the rows, or none",
  },
  replicates: { type: "integer", min: 0, default: DISCRETE_REPLICATES, doc: "Bootstrap replicates" },
} as const satisfies SettingSpecs;

/** The options of the discrete estimator. */
export type DiscreteOptions = OptionsOf<typeof DISCRETE_SETTINGS>;

/** `Estimate.settings` of the discrete estimator. */
export type DiscreteReportedSettings = ReportedSettings<typeof DISCRETE_SETTINGS> &
  UncertaintySettings & { readonly seed: number; readonly plugin: number };

export const discreteEstimator: Estimator<DiscreteOptions, DiscreteReportedSettings> = {
  name: "discrete",
  kind: "classical",
  description:
    "Plug-in MI of the contingency table of (x, y) rows, with the Miller–Madow correction (shrunk toward independence where sparse)",
  settings: DISCRETE_SETTINGS,
  async estimate(sample: PairedSample, options: DiscreteOptions = {}) {
    const start = globalThis.performance.now();
    const s = readSettings("discrete", DISCRETE_SETTINGS, options);
    const { correction, replicates } = s;
    const method = s.uncertainty;
    const seed = seedSetting(options);
    const checked = checkSample(sample, "discrete", 2, "a table needs at least two observations");
    const { n } = checked;
    const ex = encodeRows(checked.x);
    const ey = encodeRows(checked.y);
    refuseContinuous(ex.levels, "x", n);
    refuseContinuous(ey.levels, "y", n);
    const terms = discreteTerms(ex.codes, ey.codes, ex.levels, ey.levels);
    const sparse = isSparse(terms, n);
    const applied = correction === "auto" ? autoCorrection(terms, n) : correction;
    const pick = (t: DiscreteTerms): number => correctedMI(t, applied);
    const value = pick(terms);
    const warnings = [...checked.warnings];
    if (sparse) {
      warnings.push(
        `sparse table: ${terms.cellsXY} observed (x, y) cells for ${n} rows (fewer than ${SPARSE_ROWS_PER_CELL} rows per cell); ` +
          (applied === "shrinkage"
            ? "the plug-in (" +
              terms.plugin.toFixed(3) +
              ") is biased upward, so the table was shrunk toward independence, which can read low"
            : "the plug-in is biased upward — correction: shrinkage, or ksg/mixed for continuous-looking data"),
      );
    }
    let uncertainty: Uncertainty = NO_UNCERTAINTY;
    if (method === "bootstrap" && replicates >= 2) {
      uncertainty = resampleUncertainty(
        value,
        n,
        (rows) => pick(discreteTerms(ex.codes, ey.codes, ex.levels, ey.levels, rows)),
        { method: "bootstrap", replicates, seed, onProgress: options.onProgress, stop: options.stop },
      );
    }
    const settings = {
      ...s,
      correction: applied,
      seed,
      plugin: terms.plugin,
      cells: { xy: terms.cellsXY, x: terms.cellsX, y: terms.cellsY },
      columnsX: checked.keptX,
      columnsY: checked.keptY,
    };
    return classicalEstimate(
      "discrete",
      value,
      n,
      uncertainty,
      warnings,
      start,
      settings,
      isPartial(options, uncertainty, replicates),
    );
  },
};
