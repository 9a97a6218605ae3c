import { drawCategory } from "../math/categorical.js";
import { cholesky, multiplyLowerInto } from "../math/cholesky.js";
import { discreteMI } from "../math/discrete-mi.js";
import { gaussianMI } from "../math/gaussian-mi.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import type { ConditionalSample } from "./cmi-types.js";

/** A ground-truth conditional-MI task: a seeded sampler of (X, Y, Z) that knows I(X;Y|Z) exactly. */
export interface CmiTask {
  readonly name: string;
  readonly description: string;
  readonly dims: readonly [number, number, number];
  /** Exact I(X;Y|Z), nats. */
  readonly trueCMI: number;
  /** Exact I(X;Y) without conditioning, nats: what an estimator that ignores Z would approach. */
  readonly trueMI: number;
  readonly discrete: boolean;
  sample(n: number, seed: number): ConditionalSample;
}

/** Rows [from, to) × columns [from, to) of an n×n matrix, and the block of rows/cols `idx`. */
function sub(m: Matrix, idx: readonly number[]): Matrix {
  const d = idx.length;
  const data = new Float64Array(d * d);
  idx.forEach((a, i) => {
    idx.forEach((b, j) => {
      data[i * d + j] = m.data[a * m.cols + b] as number;
    });
  });
  return { rows: d, cols: d, data };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * A Gaussian (X, Y, Z) with covariance Σ (coordinates X, then Y, then Z). Exact CMI by the chain rule on the exact
 * Gaussian MI: I(X;Y|Z) = I(X;(Y,Z)) − I(X;Z), each ½ log-det ratio of blocks of Σ.
 */
export function gaussianCmiTask(name: string, description: string, cov: Matrix, dx: number, dy: number): CmiTask {
  const d = cov.rows;
  const dz = d - dx - dy;
  const x = range(0, dx);
  // A difference of two MIs: where they are equal (a chain, CMI 0) rounding leaves ~1e-16, which would make the
  // benchmark's relative error astronomical instead of reading the absolute error of a zero truth.
  const chain = gaussianMI(cov, dx) - gaussianMI(sub(cov, [...x, ...range(dx + dy, d)]), dx);
  const trueCMI = Math.abs(chain) < 1e-12 ? 0 : chain;
  const trueMI = gaussianMI(sub(cov, range(0, dx + dy)), dx);
  const l = cholesky(cov, `task '${name}' covariance`);
  return {
    name,
    description,
    dims: [dx, dy, dz],
    trueCMI,
    trueMI,
    discrete: false,
    sample(n, seed) {
      const rng = createRng(seed);
      const out = [new Float64Array(n * dx), new Float64Array(n * dy), new Float64Array(n * dz)];
      const e = new Float64Array(d);
      const v = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < d; c++) e[c] = rng.normal();
        multiplyLowerInto(l, d, e, v);
        (out[0] as Float64Array).set(v.subarray(0, dx), i * dx);
        (out[1] as Float64Array).set(v.subarray(dx, dx + dy), i * dy);
        (out[2] as Float64Array).set(v.subarray(dx + dy), i * dz);
      }
      return {
        x: { rows: n, cols: dx, data: out[0] as Float64Array },
        y: { rows: n, cols: dy, data: out[1] as Float64Array },
        z: { rows: n, cols: dz, data: out[2] as Float64Array },
      };
    },
  };
}

/**
 * A discrete (X, Y, Z) from its joint table p[x][y][z] (flattened x-major). Exact CMI by the chain rule on the
 * exact MI of tables: I(X;(Y,Z)) − I(X;Z). Cells drawn by inverse CDF.
 */
export function discreteCmiTask(
  name: string,
  description: string,
  p: Float64Array,
  nx: number,
  ny: number,
  nz: number,
): CmiTask {
  let total = 0;
  for (const v of p) total += v;
  const xYZ = { rows: nx, cols: ny * nz, data: p.map((v) => v / total) };
  const xZ = { rows: nx, cols: nz, data: new Float64Array(nx * nz) };
  const xY = { rows: nx, cols: ny, data: new Float64Array(nx * ny) };
  for (let a = 0; a < nx; a++) {
    for (let b = 0; b < ny; b++) {
      for (let c = 0; c < nz; c++) {
        const v = (p[(a * ny + b) * nz + c] as number) / total;
        xZ.data[a * nz + c] = (xZ.data[a * nz + c] as number) + v;
        xY.data[a * ny + b] = (xY.data[a * ny + b] as number) + v;
      }
    }
  }
  const cdf = new Float64Array(p.length);
  let acc = 0;
  p.forEach((v, i) => {
    acc += v / total;
    cdf[i] = acc;
  });
  return {
    name,
    description,
    dims: [1, 1, 1],
    trueCMI: discreteMI(xYZ) - discreteMI(xZ),
    trueMI: discreteMI(xY),
    discrete: true,
    sample(n, seed) {
      const rng = createRng(seed);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const cell = drawCategory(cdf, rng.uniform());
        x[i] = Math.floor(cell / (ny * nz));
        y[i] = Math.floor(cell / nz) % ny;
        z[i] = cell % nz;
      }
      const m = (data: Float64Array) => ({ rows: n, cols: 1, data });
      return { x: m(x), y: m(y), z: m(z) };
    },
  };
}

/** The common-cause Gaussian: X = X' + Z, Y = Y' + Z, corr(X', Y') = ρ, all unit variance, Z independent. */
function commonCause(rho: number): Matrix {
  // Coordinates (X, Y, Z): var X = var Y = 2, cov(X, Y) = ρ + 1, cov(X, Z) = cov(Y, Z) = 1.
  return { rows: 3, cols: 3, data: Float64Array.from([2, rho + 1, 1, rho + 1, 2, 1, 1, 1, 1]) };
}

/** Z in {0,1,2} uniform, X in {0..3} uniform; Y = X with probability keep[z], else uniform on {0..3}. */
function noisyCopyTable(keep: readonly number[]): Float64Array {
  const p = new Float64Array(4 * 4 * 3);
  for (let x = 0; x < 4; x++) {
    for (let y = 0; y < 4; y++) {
      for (let z = 0; z < 3; z++) {
        const k = keep[z] as number;
        p[(x * 4 + y) * 3 + z] = (1 / 3) * (1 / 4) * ((x === y ? k : 0) + (1 - k) / 4);
      }
    }
  }
  return p;
}

/** The ground-truth CMI tasks (the suite of `infonce bench --cmi` and of the tests). */
export const CMI_TASKS: readonly CmiTask[] = [
  gaussianCmiTask(
    "cmi-gaussian-common-cause-0.6",
    "X = X' + Z, Y = Y' + Z, corr(X', Y') = 0.6: I(X;Y|Z) = −½ log(1 − 0.36), smaller than I(X;Y)",
    commonCause(0.6),
    1,
    1,
  ),
  gaussianCmiTask(
    "cmi-gaussian-chain",
    "X = Z + e, Y = Z + e' (conditionally independent): I(X;Y|Z) = 0 while I(X;Y) > 0",
    commonCause(0),
    1,
    1,
  ),
  discreteCmiTask(
    "cmi-discrete-noisy-copy",
    "Z uniform on 3 values, X on 4; Y = X with probability 0.9, 0.5, 0.1 by Z, else uniform",
    noisyCopyTable([0.9, 0.5, 0.1]),
    4,
    4,
    3,
  ),
];
