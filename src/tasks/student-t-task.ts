import { InfonceError } from "../errors.js";
import { cholesky } from "../math/cholesky.js";
import { gaussianMI } from "../math/gaussian-mi.js";
import type { Matrix } from "../types.js";
import { ellipticalTask, type GroundTruthTask } from "./gaussian-task.js";
import { studentTMICorrection } from "./student-t-mi.js";

export interface StudentTTaskSpec {
  readonly name: string;
  readonly description: string;
  /** Dispersion (shape) matrix Ψ, not the covariance (which is ν/(ν−2) Ψ for ν > 2). (dimX + dimY)², row-major. */
  readonly dispersion: Matrix;
  readonly dimX: number;
  /** Degrees of freedom: a positive integer (the sampler draws χ²_ν as a sum of ν squared normals). */
  readonly nu: number;
  readonly params?: Readonly<Record<string, number | string | boolean>>;
}

/**
 * A multivariate Student-t task: (X, Y) = L z / √(u/ν) with z ~ N(0, I), u ~ χ²_ν, Ψ = L Lᵀ.
 * Exact MI = Gaussian MI of Ψ + studentTMICorrection(dimX, dimY, ν).
 * ν is restricted to integers so that χ²_ν is an exact sum of squared normals from the portable generator
 * (a gamma sampler would need Math.log, whose last bits differ between engines).
 */
export function studentTTask(spec: StudentTTaskSpec): GroundTruthTask {
  const { dispersion, dimX, nu, name } = spec;
  if (!(Number.isInteger(nu) && nu >= 1)) {
    throw new InfonceError("E_ARG", `task '${name}': degrees of freedom nu must be an integer ≥ 1, got ${nu}`);
  }
  const d = dispersion.rows;
  const l = cholesky(dispersion, `dispersion of task '${name}'`);
  const trueMI = gaussianMI(dispersion, dimX) + studentTMICorrection(dimX, d - dimX, nu);
  return ellipticalTask(spec, "student-t", l, d, trueMI, { nu }, (rng) => {
    let u = 0;
    for (let k = 0; k < nu; k++) u += rng.normal() ** 2;
    return Math.sqrt(nu / u);
  });
}
