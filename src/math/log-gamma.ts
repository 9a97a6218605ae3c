/**
 * log Γ(x) for x > 0: Lanczos approximation (g = 7, n = 9; Press et al., Numerical Recipes §6.1 / Godfrey's
 * coefficients), with reflection for 0 < x < 0.5. Relative accuracy ~1e-15. Needed for Student-t MI.
 */
const G = 7;
const COEF = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = COEF[0] as number;
  const t = z + G + 0.5;
  for (let i = 1; i < G + 2; i++) a += (COEF[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
