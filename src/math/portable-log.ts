/**
 * Natural logarithm from IEEE-754 +, −, ×, ÷ only, so it returns the same bits on every JavaScript engine
 * (Math.log may differ in the last place between engines; the seeded RNG must not).
 * x = m·2^e with m ∈ [√½, √2); log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, by its odd power series
 * (14 terms reach below 1e-17 relative); ln 2 is split in a high and a low part to keep e·ln 2 exact-ish.
 * Accuracy ≈ 1 ulp; for x > 0 finite only (callers guarantee it).
 */
const LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000
const LN2_LO = 1.9082149292705877e-10;
const view = new DataView(new ArrayBuffer(8));

export function portableLog(x: number): number {
  view.setFloat64(0, x);
  let hi = view.getUint32(0);
  let e = ((hi >>> 20) & 0x7ff) - 1023;
  if (e === -1023) {
    // Subnormal: scale into the normal range first (exact multiplication by a power of two).
    view.setFloat64(0, x * 2 ** 54);
    hi = view.getUint32(0);
    e = ((hi >>> 20) & 0x7ff) - 1023 - 54;
  }
  view.setUint32(0, (hi & 0x800fffff) | 0x3ff00000); // mantissa with exponent 0: m ∈ [1, 2)
  let m = view.getFloat64(0);
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 27; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return e * LN2_HI + (e * LN2_LO + 2 * sum);
}
