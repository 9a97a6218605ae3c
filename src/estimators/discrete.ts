import { InfonceError } from "../errors.js";
import type { Estimator, OptionsOf, PairedSample, ReportedSettings, SettingSpecs } from "../types.js";
import { NO_UNCERTAINTY, resampleUncertainty, type Uncertainty } from "./bootstrap.js";
import { encodeRows } from "./categorical.js";
import { classicalEstimate, seedSetting, type UncertaintySettings } from "./classical-estimate.js";
import { isPartial } from "./ksg.js";
import { readSettings } from "./read-settings.js";
import { checkSample } from "./sample-checks.js";

/** The plug-in MI of a contingency table and its Miller–Madow correction. */
export interface DiscreteTerms {
  /** Σ p̂(x,y) log p̂(x,y)/(p̂(x)p̂(y)), nats. */
  readonly plugin: number;
  /** plugin − (m_xy − m_x − m_y + 1)/(2n) (Miller 1955), m = observed (non-empty) cells. */
  readonly millerMadow: number;
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
  return { plugin, millerMadow, cellsXY: hxy.m, cellsX: hx.m, cellsY: hy.m };
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

/** Default bootstrap replicates of the discrete estimator (each costs O(n)). */
export const DISCRETE_REPLICATES = 50;

/** The settings of the discrete estimator: its descriptor. */
export const DISCRETE_SETTINGS = {
  correction: {
    type: "choice",
    choices: ["miller-madow", "none"],
    default: "miller-madow",
    doc: "Bias correction of the plug-in: Miller–Madow's (cells − 1)/2n per entropy, or none",
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
  description: "Plug-in MI of the contingency table of (x, y) rows, with the Miller–Madow correction",
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
    const pick = (t: DiscreteTerms): number => (correction === "miller-madow" ? t.millerMadow : t.plugin);
    const terms = discreteTerms(ex.codes, ey.codes, ex.levels, ey.levels);
    const value = pick(terms);
    const warnings = [...checked.warnings];
    if (terms.cellsXY > n / 5) {
      warnings.push(
        `sparse table: ${terms.cellsXY} observed (x, y) cells for ${n} rows (fewer than 5 rows per cell); the plug-in is biased upward — continuous-looking data belong to ksg or mixed`,
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
