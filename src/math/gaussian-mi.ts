import { InfonceError } from "../errors.js";
import type { Matrix } from "../types.js";
import { cholesky, logDetFromCholesky, principalBlock, solveLowerInPlace } from "./cholesky.js";

/**
 * Exact MI of a jointly Gaussian (X, Y) from the joint covariance Σ (n×n, X the first dimX coordinates):
 * I = ½ (log det Σ_X + log det Σ_Y − log det Σ)  (Cover & Thomas 2006, ch. 8). In nats.
 */
export function gaussianMI(cov: Matrix, dimX: number): number {
  const n = cov.rows;
  if (!(dimX >= 1 && dimX < n)) {
    throw new InfonceError("E_ARG", `dimX must be between 1 and ${n - 1} for a ${n}×${n} covariance, got ${dimX}`);
  }
  const joint = logDetFromCholesky(cholesky(cov, "covariance Σ"), n);
  const lx = logDetFromCholesky(cholesky(principalBlock(cov, 0, dimX), "covariance Σ_X"), dimX);
  const ly = logDetFromCholesky(cholesky(principalBlock(cov, dimX, n), "covariance Σ_Y"), n - dimX);
  // Clamp the last-digit negative values of independent blocks: MI is ≥ 0 by definition.
  return Math.max(0, 0.5 * (lx + ly - joint));
}

/** MI of d independent coordinate pairs, each with correlation ρ: I = −(d/2) log(1 − ρ²). */
export function gaussianMIFromCorrelation(rho: number, d: number): number {
  if (!(Math.abs(rho) < 1)) throw new InfonceError("E_VALUE", `correlation rho must be in (−1, 1), got ${rho}`);
  if (!(Number.isInteger(d) && d >= 1)) throw new InfonceError("E_ARG", `dimension d must be an integer ≥ 1, got ${d}`);
  return -(d / 2) * Math.log1p(-rho * rho);
}

/** The per-pair correlation that gives MI `nats` over d coordinate pairs: ρ = √(1 − e^{−2I/d}) (Poole et al. 2019). */
export function correlationForMI(nats: number, d: number): number {
  if (!(nats >= 0) || !Number.isFinite(nats))
    throw new InfonceError("E_VALUE", `MI must be finite and ≥ 0, got ${nats}`);
  return Math.sqrt(-Math.expm1((-2 * nats) / d));
}

/**
 * Pointwise MI of a zero-mean Gaussian: pmi(x, y) = log N([x,y]; Σ) − log N(x; Σ_X) − log N(y; Σ_Y).
 * Returns a function of (x, y) (float64 arrays of length dimX and n − dimX) that reuses its scratch buffers.
 */
export function gaussianPmi(cov: Matrix, dimX: number): (x: ArrayLike<number>, y: ArrayLike<number>) => number {
  const n = cov.rows;
  const dimY = n - dimX;
  const l = cholesky(cov, "covariance Σ");
  const lx = cholesky(principalBlock(cov, 0, dimX), "covariance Σ_X");
  const ly = cholesky(principalBlock(cov, dimX, n), "covariance Σ_Y");
  // Constant part: −½(log det Σ − log det Σ_X − log det Σ_Y) (the (2π) factors cancel: n = dimX + dimY).
  const constant = -0.5 * (logDetFromCholesky(l, n) - logDetFromCholesky(lx, dimX) - logDetFromCholesky(ly, dimY));
  const zj = new Float64Array(n);
  const zx = new Float64Array(dimX);
  const zy = new Float64Array(dimY);
  const quad = (z: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < z.length; i++) s += (z[i] as number) ** 2;
    return s;
  };
  return (x, y) => {
    for (let i = 0; i < dimX; i++) zj[i] = zx[i] = x[i] as number;
    for (let i = 0; i < dimY; i++) zj[dimX + i] = zy[i] = y[i] as number;
    solveLowerInPlace(l, n, zj);
    solveLowerInPlace(lx, dimX, zx);
    solveLowerInPlace(ly, dimY, zy);
    return constant - 0.5 * (quad(zj) - quad(zx) - quad(zy));
  };
}
