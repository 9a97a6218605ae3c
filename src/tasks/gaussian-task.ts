import { InfonceError } from "../errors.js";
import { cholesky, multiplyLowerInto } from "../math/cholesky.js";
import { gaussianMI } from "../math/gaussian-mi.js";
import type { Matrix, Task } from "../types.js";
import { rngSampler } from "./sample-args.js";

/** A ground-truth task with the parameters that made it (for tables, JSON and the web playground). */
export interface GroundTruthTask extends Task {
  /** The family the task belongs to: "gaussian", "student-t", "additive-uniform", "discrete", "mixed", … */
  readonly family: string;
  /** The parameters of the law (dimensions, correlations, degrees of freedom, transforms, …). */
  readonly params: Readonly<Record<string, number | string | boolean>>;
}

/** Options of a Gaussian task: a zero-mean law N(0, Σ) on (X, Y), X the first dimX coordinates. */
export interface GaussianTaskSpec {
  readonly name: string;
  readonly description: string;
  /** Joint covariance Σ, (dimX + dimY)², row-major. */
  readonly cov: Matrix;
  readonly dimX: number;
  readonly params?: Readonly<Record<string, number | string | boolean>>;
}

/**
 * A multivariate-normal task: samples z ~ N(0, I) and returns L z with Σ = L Lᵀ (Cholesky). The exact MI is
 * ½(log det Σ_X + log det Σ_Y − log det Σ) (Cover & Thomas 2006, ch. 8).
 * Row i of the sample uses the i-th block of draws of createRng(seed), so the first rows do not depend on n.
 */
export function gaussianTask(spec: GaussianTaskSpec): GroundTruthTask {
  const { cov, dimX, name } = spec;
  const d = cov.rows;
  if (cov.cols !== d || cov.data.length !== d * d) {
    throw new InfonceError("E_SHAPE", `task '${name}': covariance must be square, got ${cov.rows}×${cov.cols}`);
  }
  const l = cholesky(cov, `covariance of task '${name}'`);
  const dimY = d - dimX;
  const trueMI = gaussianMI(cov, dimX);
  return {
    name,
    description: spec.description,
    family: "gaussian",
    params: { dimX, dimY, ...spec.params },
    dimX,
    dimY,
    trueMI,
    sample: rngSampler(name, dimX, dimY, (rng, n, x, y) => {
      const z = new Float64Array(d);
      const v = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        multiplyLowerInto(l, d, rng.fillNormal(z), v);
        x.set(v.subarray(0, dimX), r * dimX);
        y.set(v.subarray(dimX), r * dimY);
      }
    }),
  };
}
