import { closeNames } from "../close-names.js";
import { InfonceError } from "../errors.js";
import { correlationForMI } from "../math/gaussian-mi.js";
import { additiveUniformTask } from "./additive-uniform-task.js";
import { discreteTask } from "./discrete-task.js";
import { denseCovariance, pairedCovariance, sparseCovariance } from "./gaussian-covariances.js";
import { type GroundTruthTask, gaussianTask } from "./gaussian-task.js";
import { irisTask } from "./iris-task.js";
import { labelGaussianTask } from "./label-gaussian-task.js";
import { mixedTask } from "./mixed-task.js";
import { studentTTask } from "./student-t-task.js";
import { transformTask } from "./transformed-task.js";
import {
  asinhMap,
  halfCube,
  normalCdfMap,
  type RowMap,
  signedSquare,
  sinhCubic,
  spiral,
  swissRoll,
  wigglyX,
  wigglyY,
} from "./transforms.js";

/*
 * The ground-truth tasks. Names follow the bmi benchmark's task ids (Czyż et al. 2023) where the law is the same
 * ("1v1-normal-0.75", "multinormal-sparse-5-5-2-2.0" = bmi's 2-pair law, "half_cube-…", "spiral-…"), so that our
 * figures can be read beside theirs; the rest are named after their law ("gaussian-20d-rho0.5" is the w1 workload
 * of the PyTorch reference in docs/benchmarks.md, "gaussian-20d-8nats" a level of Poole et al.'s staircase).
 */

function binormal(rho: number): GroundTruthTask {
  return gaussianTask({
    name: `1v1-normal-${rho}`,
    description: `bivariate normal, correlation ${rho} (bmi)`,
    cov: pairedCovariance(1, rho),
    dimX: 1,
    params: { rho },
  });
}

function dense(d: number): GroundTruthTask {
  return gaussianTask({
    name: `multinormal-dense-${d}-${d}-0.5`,
    description: `${d}+${d}-dim normal, every off-diagonal correlation 0.5 (bmi "dense")`,
    cov: denseCovariance(d, d, 0.5),
    dimX: d,
    params: { offDiag: 0.5 },
  });
}

function twoPair(d: number): GroundTruthTask {
  return gaussianTask({
    name: `multinormal-sparse-${d}-${d}-2-2.0`,
    description: `${d}+${d}-dim normal, 2 coordinate pairs with correlation 0.8, the rest independent (bmi "2-pair")`,
    cov: sparseCovariance(d, d, 2, 2),
    dimX: d,
    params: { nInteracting: 2, strength: 2 },
  });
}

/** d coordinate pairs sharing MI `nats` equally (Poole et al.'s staircase law). */
function staircase(d: number, nats: number): GroundTruthTask {
  const rho = correlationForMI(nats, d);
  return gaussianTask({
    name: `gaussian-${d}d-${nats}nats`,
    description: `X ~ N(0, I_${d}), Y = ρX + √(1−ρ²)ε with ρ = ${rho.toPrecision(6)}: I = ${nats} nats (Poole et al. 2019)`,
    cov: pairedCovariance(d, rho),
    dimX: d,
    params: { rho },
  });
}

function studentIdentity(d: number, nu: number): GroundTruthTask {
  return studentTTask({
    name: `student-identity-${d}-${d}-${nu}`,
    description: `${d}+${d}-dim Student-t, ν = ${nu}, identity dispersion: uncorrelated yet dependent (bmi)`,
    dispersion: denseCovariance(d, d, 0),
    dimX: d,
    nu,
  });
}

/** The same map on X and on Y, the task named `<map>-<base>` as bmi names its transformed tasks. */
function bothSides(base: GroundTruthTask, map: RowMap, description: string): GroundTruthTask {
  return transformTask(base, { name: `${map.name}-${base.name}`, description, x: map, y: map });
}

const bin075 = binormal(0.75);
const uniformBase = bothSides(
  bin075,
  normalCdfMap,
  "1v1-normal-0.75 with the normal CDF applied to X and Y (uniform marginals; bmi)",
);
const student111 = studentIdentity(1, 1);
const student221 = studentIdentity(2, 1);
const sparse3 = twoPair(3);
const sparse5 = twoPair(5);
const sparse25 = twoPair(25);
const cdfSparse5 = bothSides(
  sparse5,
  normalCdfMap,
  "2-pair 5+5 normal with the normal CDF applied to every coordinate (bmi)",
);

/** Spiral on X in the plane (0, 1) and on Y in (1, 2), speed 1/dim (bmi's normalised speed). */
function spiralise(base: GroundTruthTask, description: string): GroundTruthTask {
  return transformTask(base, {
    name: `spiral-${base.name}`,
    description,
    x: spiral(0, 1, 1 / base.dimX),
    y: spiral(1, 2, 1 / base.dimY),
  });
}

const LIST: readonly GroundTruthTask[] = [
  // One-dimensional laws and their MI-preserving transforms (bmi's 1v1 family).
  bin075,
  uniformBase,
  bothSides(bin075, halfCube, "1v1-normal-0.75 with t ↦ t√|t| applied to X and Y (bmi)"),
  transformTask(bin075, {
    name: "wiggly-1v1-normal-0.75",
    description: "1v1-normal-0.75 with increasing wiggly maps (identity plus sines) applied to X and Y (bmi)",
    x: wigglyX,
    y: wigglyY,
  }),
  transformTask(uniformBase, {
    name: "swissroll_x-normal_cdf-1v1-normal-0.75",
    description: "uniform-marginal 1v1 law with X rolled onto a Swiss roll in 2-D (bmi)",
    x: swissRoll,
  }),
  additiveUniformTask(0.1),
  additiveUniformTask(0.75),
  student111,
  bothSides(student111, asinhMap, "student-identity-1-1-1 with asinh applied to X and Y (light tails; bmi)"),
  staircase(1, 0.1),
  // Multivariate normal: dense and sparse (2-pair), 2 to 25 dimensions per side.
  dense(2),
  dense(5),
  dense(25),
  sparse3,
  sparse5,
  sparse25,
  gaussianTask({
    name: "gaussian-20d-rho0.5",
    description: "X ~ N(0, I_20), Y = 0.5X + √0.75 ε: the w1 workload of torch_ref.py",
    cov: pairedCovariance(20, 0.5),
    dimX: 20,
    params: { rho: 0.5 },
  }),
  // High MI: above log 256 = 5.55, the InfoNCE ceiling of the default batch.
  staircase(20, 8),
  staircase(20, 10),
  // Transformed multivariate normals.
  bothSides(sparse3, normalCdfMap, "2-pair 3+3 normal with the normal CDF applied to every coordinate (bmi)"),
  cdfSparse5,
  bothSides(sparse5, halfCube, "2-pair 5+5 normal with t ↦ t√|t| applied to every coordinate (bmi)"),
  bothSides(sparse25, halfCube, "2-pair 25+25 normal with t ↦ t√|t| applied to every coordinate (bmi)"),
  spiralise(sparse3, "2-pair 3+3 normal, X and Y each rotated by an angle growing with ‖·‖² (bmi spiral)"),
  spiralise(sparse5, "2-pair 5+5 normal, X and Y each rotated by an angle growing with ‖·‖² (bmi spiral)"),
  spiralise(cdfSparse5, "spiral of the normal-CDF 2-pair 5+5 law (bmi)"),
  // Student-t: heavy tails; identity and correlated dispersion.
  student221,
  studentIdentity(3, 3),
  studentTTask({
    name: "student-dense-3-3-3-0.5",
    description: "3+3-dim Student-t, ν = 3, every off-diagonal dispersion entry 0.5 (bmi)",
    dispersion: denseCovariance(3, 3, 0.5),
    dimX: 3,
    nu: 3,
    params: { offDiag: 0.5 },
  }),
  bothSides(student221, asinhMap, "student-identity-2-2-1 with asinh applied to every coordinate (bmi)"),
  // Discrete and mixed data.
  discreteTask({
    name: "discrete-skewed-4x5",
    description:
      "X ∈ {0..3} with p = (0.5, 0.25, 0.15, 0.1); Y ∈ {0..4} copies X with probability 0.75, else is uniform",
    table: skewedChannel([0.5, 0.25, 0.15, 0.1], 5, 0.75),
  }),
  mixedTask({
    name: "mixed-categorical3-gaussian",
    description: "X ∈ {0, 1, 2} with p = (0.5, 0.3, 0.2); Y | X=k ~ N(μ_k, σ_k²), μ = (−2, 0, 1.5), σ = (1, 0.5, 0.8)",
    weights: [0.5, 0.3, 0.2],
    means: [-2, 0, 1.5],
    sds: [1, 0.5, 0.8],
  }),
  // A categorical label against continuous or pixel-like features, a heavily warped Gaussian, a real table
  // (issue 11: the tables `auto` must handle).
  labelGaussianTask({
    name: "label-gaussian-3c-2d",
    description: "Y uniform on 3 classes; X | Y ~ N(μ_Y, I_2) (truth by Monte Carlo, scripts/label-task-truth.py)",
    classes: 3,
    dim: 2,
    signal: 2,
    scale: 1.5,
  }),
  labelGaussianTask({
    name: "label-gaussian-3c-4d",
    description: "Y uniform on 3 classes; X | Y ~ N(μ_Y, I_4): an iris-sized law",
    classes: 3,
    dim: 4,
    signal: 4,
    scale: 1.2,
  }),
  labelGaussianTask({
    name: "label-gaussian-10c-64d",
    description: "Y uniform on 10 classes; X | Y ~ N(μ_Y, I_64)",
    classes: 10,
    dim: 64,
    signal: 64,
    scale: 0.35,
  }),
  labelGaussianTask({
    name: "label-pixels-10c-64d",
    description: "label-gaussian-10c-64d seen as 64 integer grey levels clip(round(8 + 2.5x), 0, 16): digits-like",
    classes: 10,
    dim: 64,
    signal: 64,
    scale: 0.35,
    pixelScale: 2.5,
  }),
  labelGaussianTask({
    name: "label-pixels-10c-784d",
    description: "label-pixels-10c-64d plus 720 pixel columns of pure noise (same MI): an MNIST-wide table",
    classes: 10,
    dim: 784,
    signal: 64,
    scale: 0.35,
    pixelScale: 2.5,
    truthKey: "label-pixels-10c-64d",
  }),
  transformTask(
    gaussianTask({
      name: "gaussian-4d-1.2nats",
      description: "4 coordinate pairs sharing 1.2 nats",
      cov: pairedCovariance(4, correlationForMI(1.2, 4)),
      dimX: 4,
      params: { rho: correlationForMI(1.2, 4) },
    }),
    {
      name: "warped-gaussian-4-4",
      description: "4+4 Gaussian, 1.2 nats in 4 pairs, seen through x ↦ sinh x + x³ and y ↦ sign(y)·y² (increasing)",
      x: sinhCubic,
      y: signedSquare,
    },
  ),
  irisTask,
  // Independence: I = 0 exactly (one per kind of data, for the intervals' coverage at 0).
  gaussianTask({
    name: "independent-normal-5-5",
    description: "X ~ N(0, I_5) and Y ~ N(0, I_5) independent: I = 0",
    cov: denseCovariance(5, 5, 0),
    dimX: 5,
  }),
  gaussianTask({
    name: "independent-normal-1-1",
    description: "X ~ N(0, 1) and Y ~ N(0, 1) independent: I = 0",
    cov: denseCovariance(1, 1, 0),
    dimX: 1,
  }),
  discreteTask({
    name: "independent-discrete-4x5",
    description: "X ∈ {0..3} with p = (0.5, 0.25, 0.15, 0.1) and Y uniform on {0..4}, independent: I = 0",
    table: skewedChannel([0.5, 0.25, 0.15, 0.1], 5, 0),
  }),
  mixedTask({
    name: "independent-categorical3-gaussian",
    description: "X ∈ {0, 1, 2} with p = (0.5, 0.3, 0.2) and Y ~ N(0, 1) whatever X: I = 0",
    weights: [0.5, 0.3, 0.2],
    means: [0, 0, 0],
    sds: [1, 1, 1],
  }),
];

/** A |X|×|Y| table: X ~ px; Y = X with probability `copy`, else uniform on {0 … valuesY−1}. */
function skewedChannel(px: readonly number[], valuesY: number, copy: number) {
  const rows = px.length;
  const data = new Float64Array(rows * valuesY);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < valuesY; j++) {
      data[i * valuesY + j] = (px[i] as number) * ((i === j ? copy : 0) + (1 - copy) / valuesY);
    }
  }
  return { rows, cols: valuesY, data };
}

/** Every ground-truth task by name, in a stable order (families grouped). */
export const TASKS: Readonly<Record<string, GroundTruthTask>> = Object.freeze(
  Object.fromEntries(LIST.map((t) => [t.name, t])),
);

/**
 * Named task lists for `infonce bench --suite`. quick: one task per family, for a smoke run in a few minutes;
 * standard: every task but the 784-column one (bmi's protocol runs each at n = 5,000 with several seeds); tables:
 * the label, warped and real tables of issue 11 with a discrete, a mixed and an independent control.
 */
export const TASK_SUITES: Readonly<Record<"quick" | "standard" | "tables", readonly string[]>> = {
  quick: [
    "1v1-normal-0.75",
    "half_cube-1v1-normal-0.75",
    "1v1-additive-0.1",
    "student-identity-1-1-1",
    "multinormal-sparse-5-5-2-2.0",
    "gaussian-20d-8nats",
    "discrete-skewed-4x5",
    "mixed-categorical3-gaussian",
    "independent-normal-5-5",
  ],
  standard: LIST.map((t) => t.name).filter((name) => name !== "label-pixels-10c-784d"),
  tables: [
    "label-gaussian-3c-2d",
    "label-gaussian-3c-4d",
    "label-gaussian-10c-64d",
    "label-pixels-10c-64d",
    "warped-gaussian-4-4",
    "iris",
    "mixed-categorical3-gaussian",
    "discrete-skewed-4x5",
    "independent-normal-5-5",
  ],
};

/** The task called `name`; E_UNKNOWN naming the closest task names when there is none. */
export function getTask(name: string): GroundTruthTask {
  const task = TASKS[name];
  if (task !== undefined) return task;
  const names = Object.keys(TASKS);
  const close = closeNames(name, names);
  const hint = close.length > 0 ? `Did you mean: ${close.join(", ")}?` : "Run `infonce tasks` to list them all.";
  throw new InfonceError("E_UNKNOWN", `unknown task '${name}'. ${hint} (${names.length} tasks are registered.)`);
}

/** The task names of a suite; E_UNKNOWN when the suite does not exist. */
export function suiteTasks(suite: string): readonly string[] {
  if (suite === "quick" || suite === "standard" || suite === "tables") return TASK_SUITES[suite];
  throw new InfonceError("E_UNKNOWN", `unknown suite '${suite}'; suites are ${Object.keys(TASK_SUITES).join(", ")}`);
}
