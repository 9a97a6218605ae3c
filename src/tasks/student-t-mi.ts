import { InfonceError } from "../errors.js";
import { digamma } from "../math/digamma.js";
import { logGamma } from "../math/log-gamma.js";

/**
 * Differential entropy (nats) of the standard k-variate Student-t with ν degrees of freedom and identity
 * dispersion (Arellano-Valle, Contreras-Reyes & Genton 2013, eq. 7):
 * h(k) = −lnΓ((ν+k)/2) + lnΓ(ν/2) + (k/2) ln(νπ) + ((ν+k)/2)(ψ((ν+k)/2) − ψ(ν/2)).
 */
export function studentTEntropy(k: number, nu: number): number {
  const half = 0.5 * (nu + k);
  return (
    -logGamma(half) + logGamma(0.5 * nu) + 0.5 * k * Math.log(nu * Math.PI) + half * (digamma(half) - digamma(0.5 * nu))
  );
}

/**
 * The part of the MI of a multivariate Student-t that does not depend on the dispersion matrix:
 * I(X;Y) = I_Gauss(dispersion) + h(dimX) + h(dimY) − h(dimX + dimY) (Czyż et al. 2023, "Beyond Normal", the bmi benchmark). It is > 0 even
 * for an identity dispersion: the shared scale variable makes X and Y dependent though uncorrelated.
 * The (k/2) ln(νπ) terms cancel; they are kept so each h is a true entropy.
 */
export function studentTMICorrection(dimX: number, dimY: number, nu: number): number {
  if (!(nu > 0) || !Number.isFinite(nu)) {
    throw new InfonceError("E_VALUE", `degrees of freedom nu must be finite and > 0, got ${nu}`);
  }
  for (const [what, v] of [
    ["dimX", dimX],
    ["dimY", dimY],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 1)) throw new InfonceError("E_ARG", `${what} must be an integer ≥ 1, got ${v}`);
  }
  return studentTEntropy(dimX, nu) + studentTEntropy(dimY, nu) - studentTEntropy(dimX + dimY, nu);
}
