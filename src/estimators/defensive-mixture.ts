/**
 * The marginal model's weight ε in a held-out decoder's density: the bound scores q̃(t|x) = (1 − ε)·q(t|x) + ε·q₀(t)
 * (a defensive mixture, Hesterberg 1995), q₀ the marginal model fitted on the same rows. Any conditional density
 * gives a Barber–Agakov lower bound, so q̃'s does, and ε is fixed before any row is seen. A held-out row the decoder
 * got confidently wrong — a prediction extrapolated from a feature value beyond the training rows' — costs at most
 * log(1/ε) ≈ 6.9 nats instead of tens or hundreds (`mosaicData/Marriage.csv --y dayOfBirth`, 88 rows: one row of
 * 18 cost 148 nats and the fold read −6.8 where the other folds read 0.8–1.0), while a row it got right loses at
 * most −log(1 − ε) ≈ ε.
 */
export const DEFENSIVE_WEIGHT = 1e-3;

/**
 * A held-out row's term log q̃ − log q₀ = log((1 − ε)·e^d + ε) from the plain decoder's d = log q − log q₀, computed
 * without overflow at any d. Exactly 0 where d is 0 (the marginal model chosen: q = q₀, and independent data read
 * 0, not a rounding error).
 */
export function defendedLogRatio(d: number, weight = DEFENSIVE_WEIGHT): number {
  if (d === 0) return 0;
  const a = Math.log1p(-weight) + d;
  const b = Math.log(weight);
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
