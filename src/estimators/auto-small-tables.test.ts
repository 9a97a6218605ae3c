import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { standInEstimator } from "../../test/helpers/stand-in-estimator.js";
import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import { createAutoEstimator } from "./auto.js";
import { AUTO_LAST_RESORT_RIDGE, AUTO_NEURAL_MIN_ROWS, candidateEstimators } from "./auto-choice.js";
import type { SampleProfile } from "./auto-profile.js";

const all = () => true;

const continuous = continuousProfile;

const order = (p: SampleProfile) => candidateEstimators(p, all).map((c) => c.estimator);
/** Whether InfoNCE runs other than as the fallback before the last resort (as a choice or beside one). */
const neural = (p: SampleProfile) =>
  candidateEstimators(p, all)
    .slice(0, -2)
    .some((c) => c.estimator === "infonce" || c.companions?.some((m) => m.estimator === "infonce"));

describe("auto on small tables: no neural estimator below AUTO_NEURAL_MIN_ROWS rows", () => {
  it("too few rows for Mardia's test: the Gaussian-copula estimate, with the regression bound beside it", () => {
    const p = continuous(11, 6, 1);
    const [first] = candidateEstimators(p, all);
    expect(first?.estimator).toBe("gaussian");
    expect(first?.reason).toMatch(/11 rows \(< 200, too few for the neural estimator\)/);
    expect(first?.companions?.map((c) => c.estimator)).toEqual(["regression"]);
    expect(neural(p)).toBe(false);
  });

  it("not a Gaussian copula by the test: KSG; the same table with more rows: InfoNCE", () => {
    expect(order(continuous(120, 5, 5, 6.2))).toEqual(["ksg", "infonce", "gaussian"]);
    expect(neural(continuous(AUTO_NEURAL_MIN_ROWS - 1, 5, 5, 6.2))).toBe(false);
    expect(order(continuous(AUTO_NEURAL_MIN_ROWS, 5, 5, 6.2))[0]).toBe("infonce");
    expect(order(continuous(120, 15, 15, 6.2))).toEqual(["infonce", "gaussian"]); // 30 dimensions: beyond KSG's reach
  });

  it("up to 6 dimensions nothing changes: KSG, then the Gaussian copula, never InfoNCE (slow, and no better there)", () => {
    // On 1+1 the regression bound is no companion of KSG; it runs on its own before the last resort.
    expect(order(continuous(150, 1, 1))).toEqual(["ksg", "regression", "gaussian"]);
    expect(order(continuous(150, 3, 3))).toEqual(["ksg", "gaussian"]);
  });

  it("more columns than rows: the regression bound for a single continuous column, else InfoNCE with a warning", () => {
    expect(order(continuous(30, 40, 1))).toEqual(["gaussian", "regression", "infonce", "gaussian"]);
    const fallback = candidateEstimators(continuous(30, 40, 2), all).at(-2);
    expect(fallback?.estimator).toBe("infonce");
    expect(fallback?.warning).toMatch(/auto fell back to InfoNCE on 30 rows \(< 200\)/);
  });

  it("a Gaussian copula by the test: the Gaussian-copula estimate at any size; below the floor InfoNCE does not run beside KSG, above it it does", () => {
    expect(order(continuous(120, 5, 5, 1.1))[0]).toBe("gaussian");
    const ksg = candidateEstimators(continuous(150, 3, 3), all)[0];
    expect(ksg?.estimator).toBe("ksg");
    expect(ksg?.companions).toBeUndefined(); // 3+3 in 150 rows: no InfoNCE beside KSG
    const ksgLarge = candidateEstimators(continuous(5000, 3, 3), all)[0];
    expect(ksgLarge?.companions?.map((c) => c.estimator)).toEqual(["infonce"]);
  });

  it("the last resort is the Gaussian copula with a ridge, so that collinear columns do not end in a refusal", async () => {
    const last = candidateEstimators(continuous(11, 7, 1), all).at(-1);
    expect(last?.settings).toEqual({ copula: true, ridge: AUTO_LAST_RESORT_RIDGE });
    // Every candidate refuses but a Gaussian copula given a ridge (as on exactly collinear normal scores).
    const refuse = (name: string) =>
      standInEstimator(name, (options) => {
        if (name === "gaussian" && Number(options.ridge ?? 0) > 0) return fakeEstimate("gaussian", 1.06, [0.58, 1.54]);
        throw new InfonceError("E_DATA", `${name}: the columns of x are collinear`);
      });
    const registry = Object.fromEntries(["gaussian", "ksg", "regression", "infonce"].map((n) => [n, refuse(n)]));
    const rng = createRng(3);
    const x = { rows: 11, cols: 7, data: Float64Array.from({ length: 77 }, () => rng.normal()) };
    const y = { rows: 11, cols: 1, data: Float64Array.from({ length: 11 }, () => rng.normal()) };
    const e = await createAutoEstimator(async () => registry).estimate({ x, y });
    expect(e.estimate).toBe(1.06);
    expect(e.settings.reason).toMatch(/with ridge 1e-6 \(the last resort\)/);
  });
});
