/**
 * The digamma function ψ(x) = d/dx log Γ(x), for real x (poles at 0, −1, −2, … return NaN).
 * Recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the asymptotic series
 * ψ(x) ≈ log x − 1/(2x) − Σ B_{2n}/(2n x^{2n}) (Abramowitz & Stegun 6.3.18); reflection for x < 0 (A&S 6.3.7).
 * Accurate to about 1e-15 relative; KSG sums thousands of these, so accuracy matters.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0 && Math.floor(x) === x) return Number.NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Bernoulli terms B2/2, B4/4, …, B14/14 of the asymptotic expansion.
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return acc + Math.log(x) - 0.5 * inv - series;
}

/** ψ(n) for the integers 1..max, as a table: KSG evaluates ψ at neighbour counts millions of times. */
export function digammaTable(max: number): Float64Array {
  const t = new Float64Array(max + 1);
  t[0] = Number.NaN;
  if (max >= 1) t[1] = -0.5772156649015329; // −γ (Euler–Mascheroni)
  for (let n = 2; n <= max; n++) t[n] = (t[n - 1] as number) + 1 / (n - 1);
  return t;
}
