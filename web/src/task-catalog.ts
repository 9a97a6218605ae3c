import {
  asinhMap,
  discreteTask,
  type GroundTruthTask,
  gaussianTask,
  halfCube,
  normalCdfMap,
  pairedCovariance,
  type RowMap,
  TASKS,
  transformTask,
  wigglyX,
  wigglyY,
} from "../../src/index.js";
import type { TaskChoice } from "./protocol.js";

/** Batch sizes offered: powers of two, so log K steps evenly (log 2 apart). */
export const BATCH_SIZES: readonly number[] = [8, 16, 32, 64, 128, 256, 512];

/** A named option of a select. */
export interface Choice {
  readonly name: string;
  readonly label: string;
}

/**
 * Discrete laws: the registry's discrete tasks, plus a uniform "copy" channel whose marginals are uniform, the
 * case where the seed article's critic log p(x, y) is optimal (docs/theory.md, "Where the informal derivation goes wrong") — beside the skewed table where it is not.
 */
function uniformCopy(values: number, copy: number): GroundTruthTask {
  const data = new Float64Array(values * values);
  for (let i = 0; i < values; i++) {
    for (let j = 0; j < values; j++) data[i * values + j] = ((i === j ? copy : 0) + (1 - copy) / values) / values;
  }
  return discreteTask({
    name: `discrete-uniform-copy-${values}x${values}`,
    description: `X uniform on {0..${values - 1}}; Y copies X with probability ${copy}, else is uniform`,
    table: { rows: values, cols: values, data },
  });
}

const DISCRETE: readonly GroundTruthTask[] = [
  ...Object.values(TASKS).filter((t) => t.family === "discrete"),
  uniformCopy(8, 0.8),
];

export const DISCRETE_TABLES: readonly Choice[] = DISCRETE.map((t) => ({ name: t.name, label: t.description }));

/** Smooth invertible maps applied to X and to Y: they keep the MI and make the law non-Gaussian. */
const WARP_MAPS: Readonly<Record<string, { label: string; x: RowMap; y: RowMap }>> = {
  half_cube: { label: "half cube t ↦ t√|t| (heavier tails)", x: halfCube, y: halfCube },
  normal_cdf: { label: "normal CDF (uniform marginals)", x: normalCdfMap, y: normalCdfMap },
  wiggly: { label: "wiggly (identity plus sines)", x: wigglyX, y: wigglyY },
  asinh: { label: "asinh (lighter tails)", x: asinhMap, y: asinhMap },
};

export const WARPS: readonly Choice[] = Object.entries(WARP_MAPS).map(([name, w]) => ({ name, label: w.label }));

function correlatedGaussian(dim: number, rho: number): GroundTruthTask {
  return gaussianTask({
    name: `gaussian-${dim}d-rho${rho}`,
    description: `X ~ N(0, I${subscript(dim)}), Y = ρX + √(1−ρ²)ε with ρ = ${rho}`,
    cov: pairedCovariance(dim, rho),
    dimX: dim,
    params: { rho },
  });
}

/** Digits as Unicode subscripts: the description is plain text (a select's option), where no markup can go. */
function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[Number(d)] ?? d);
}

/** The task of a choice, built by the library's task registry and factories (its trueMI is exact). */
export function buildTask(choice: TaskChoice): GroundTruthTask {
  switch (choice.kind) {
    case "gaussian":
      return correlatedGaussian(choice.dim, choice.rho);
    case "discrete": {
      const task = DISCRETE.find((t) => t.name === choice.table);
      if (task === undefined) throw new Error(`unknown discrete table '${choice.table}'`);
      return task;
    }
    case "warped": {
      const warp = WARP_MAPS[choice.warp];
      if (warp === undefined) throw new Error(`unknown warp '${choice.warp}'`);
      const base = correlatedGaussian(choice.dim, choice.rho);
      return transformTask(base, {
        name: `${choice.warp}-${base.name}`,
        description: `${base.description}, with ${warp.label} applied to X and Y`,
        x: warp.x,
        y: warp.y,
      });
    }
  }
}

/** Exact MI of a choice, nats. */
export function taskTrueMI(choice: TaskChoice): number {
  return buildTask(choice).trueMI;
}
