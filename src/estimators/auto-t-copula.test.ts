import { describe, expect, it } from "vitest";
import { continuousProfile } from "../../test/helpers/continuous-profile.js";
import { pairedCovariance } from "../tasks/gaussian-covariances.js";
import { getTask } from "../tasks/registry.js";
import { studentTMICorrection } from "../tasks/student-t-mi.js";
import { studentTTask } from "../tasks/student-t-task.js";
import type { PairedSample } from "../types.js";
import { AUTO_COPULA_Z, candidateEstimators } from "./auto-choice.js";
import { AUTO_T_COPULA_MIN_ROWS } from "./auto-t-copula.js";
import { ESTIMATORS } from "./index.js";

const all = (_name: string) => true;

/** d pairs of correlation ρ scaled by one shared √(ν/χ²_ν) (a Student-t law), each column through exp or a cube. */
function studentPairs(n: number, d: number, rho: number, nu: number, seed: number): PairedSample {
  const task = studentTTask({ name: "pairs", description: "", dispersion: pairedCovariance(d, rho), dimX: d, nu });
  const s = task.sample(n, seed);
  return {
    x: { ...s.x, data: Float64Array.from(s.x.data, Math.exp) },
    y: { ...s.y, data: Float64Array.from(s.y.data, (v) => v ** 3) },
  };
}

describe("auto: the t copula", () => {
  it("comes before InfoNCE and KSG on a continuous table of heavy joint tails and enough rows", () => {
    const heavy = continuousProfile(AUTO_T_COPULA_MIN_ROWS, 4, 4, 2 * AUTO_COPULA_Z);
    const names = candidateEstimators(heavy, all).map((c) => c.estimator);
    expect(names.indexOf("t-copula")).toBeGreaterThanOrEqual(0);
    expect(names.indexOf("t-copula")).toBeLessThan(names.indexOf("infonce"));
    const few = candidateEstimators(continuousProfile(2000, 3, 3, 2 * AUTO_COPULA_Z), all).map((c) => c.estimator);
    expect(few.indexOf("t-copula")).toBeGreaterThanOrEqual(0);
    expect(few.indexOf("t-copula")).toBeLessThan(few.indexOf("ksg"));
    expect(candidateEstimators(heavy, all).find((c) => c.estimator === "t-copula")?.settings).toEqual({
      check: "refuse",
    });
    // Not on a Gaussian copula, lighter tails, fewer rows, a point mass, or without Mardia's test (1+1).
    for (const p of [
      continuousProfile(5000, 4, 4, 0.5),
      continuousProfile(5000, 4, 4, -2 * AUTO_COPULA_Z),
      continuousProfile(AUTO_T_COPULA_MIN_ROWS - 1, 4, 4, 2 * AUTO_COPULA_Z),
      { ...continuousProfile(5000, 4, 4, 2 * AUTO_COPULA_Z), pointMass: 0.5 },
      continuousProfile(5000, 1, 1),
    ]) {
      expect(candidateEstimators(p, all).map((c) => c.estimator)).not.toContain("t-copula");
    }
  });

  it("reads bmi's Student-t tasks of 3+3 columns within 5%, where KSG read them 14–41% low", async () => {
    for (const name of ["student-identity-3-3-3", "student-dense-3-3-3-0.5"]) {
      const task = getTask(name);
      const r = await ESTIMATORS.auto.estimate(task.sample(2000, 0), { seed: 0 });
      expect(r.settings.choice).toBe("t-copula");
      expect(Math.abs(r.estimate - task.trueMI)).toBeLessThan(0.05 * task.trueMI);
    }
  });

  it("reads a warped Student-t law of 4+4 columns within 5% of its MI (InfoNCE read such laws 24% low)", async () => {
    const rho = 0.6;
    const truth = -2 * Math.log(1 - rho * rho) + studentTMICorrection(4, 4, 4);
    const r = await ESTIMATORS.auto.estimate(studentPairs(3000, 4, rho, 4, 2), { seed: 1 });
    expect(r.settings.choice).toBe("t-copula");
    expect(Math.abs(r.estimate - truth)).toBeLessThan(0.05 * truth);
  });
});
