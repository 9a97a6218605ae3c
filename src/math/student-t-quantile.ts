import { InfonceError } from "../errors.js";
import { Z_95 } from "./normal-distribution.js";

/**
 * The 97.5% quantile of Student's t with ν degrees of freedom: the multiplier of a 95% interval whose standard
 * error was itself estimated from ν + 1 values (a resampling sd from 20 replicates: ν = 19, 2.093 instead of 1.960).
 * Exact for ν = 1 (tan(0.475π)) and ν = 2 (closed form); for ν ≥ 3 the Cornish–Fisher expansion in 1/ν to the
 * fourth order (Abramowitz & Stegun 1964, 26.7.5), within 4e-3 of the exact quantile at ν = 3, 3e-4 at ν = 5 and 2e-5 from ν = 9.
 */
export function studentT975(nu: number): number {
  if (!(nu >= 1)) throw new InfonceError("E_ARG", `degrees of freedom must be ≥ 1, got ${nu}`);
  if (nu === 1) return Math.tan(0.475 * Math.PI);
  if (nu === 2) return 0.95 / Math.sqrt(2 * 0.975 * 0.025);
  const z = Z_95;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}
