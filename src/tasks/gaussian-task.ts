import { InfonceError } from "../errors.js";
import { cholesky, multiplyLowerInto } from "../math/cholesky.js";
import { gaussianMI } from "../math/gaussian-mi.js";
import type { Rng } from "../math/rng.js";
import type { Matrix, Task } from "../types.js";
import { rngSampler } from "./sample-args.js";

/** A ground-truth task with the parameters that made it (for tables, JSON and the web playground). */
export interface GroundTruthTask extends Task {
  /** The family the task belongs to: "gaussian", "student-t", "additive-uniform", "discrete", "mixed", … */
  readonly family: string;
  /** The parameters of the law (dimensions, correlations, degrees of freedom, transforms, …). */
  readonly params: Params;
}

/** A task's parameters, as GroundTruthTask.params holds them. */
type Params = Readonly<Record<string, number | string | boolean>>;

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
  if (cov.cols !== cov.rows || cov.data.length !== cov.rows * cov.rows) {
    throw new InfonceError("E_SHAPE", `task '${name}': covariance must be square, got ${cov.rows}×${cov.cols}`);
  }
  const l = cholesky(cov, `covariance of task '${name}'`);
  return ellipticalTask(spec, "gaussian", l, cov.rows, gaussianMI(cov, dimX), {});
}

/**
 * The task of the law of L z · s on (X, Y), X the first dimX coordinates: z ~ N(0, I_d) drawn by rng.fillNormal,
 * L a d×d lower Cholesky factor (row-major), and s = radius(rng) drawn after z (without radius, s = 1 and nothing
 * more is drawn). The Gaussian and Student-t tasks are this with their own s.
 */
export function ellipticalTask(
  spec: { readonly name: string; readonly description: string; readonly dimX: number; readonly params?: Params },
  family: string,
  l: Float64Array,
  d: number,
  trueMI: number,
  lawParams: Params,
  radius?: (rng: Rng) => number,
): GroundTruthTask {
  const { name, dimX } = spec;
  const dimY = d - dimX;
  return {
    name,
    description: spec.description,
    family,
    params: { dimX, dimY, ...lawParams, ...spec.params },
    dimX,
    dimY,
    trueMI,
    sample: rngSampler(name, dimX, dimY, (rng, n, x, y) => {
      const z = new Float64Array(d);
      const v = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        rng.fillNormal(z);
        const s = radius === undefined ? 1 : radius(rng);
        multiplyLowerInto(l, d, z, v);
        for (let i = 0; i < dimX; i++) x[r * dimX + i] = (v[i] as number) * s;
        for (let i = dimX; i < d; i++) y[r * dimY + i - dimX] = (v[i] as number) * s;
      }
    }),
  };
}
