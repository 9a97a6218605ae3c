/**
 * Natural logarithm from IEEE-754 +, −, ×, ÷ only, so it returns the same bits on every JavaScript engine
 * (Math.log may differ in the last place between engines; the seeded RNG must not).
 * x = m·2^e with m ∈ [√½, √2); log m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, by its odd power series
 * (12 terms by Horner reach below one ulp); ln 2 is split in a high and a low part to keep e·ln 2 exact-ish.
 * Accuracy ≈ 1 ulp; for x > 0 finite only (callers guarantee it).
 */
const LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000
const LN2_LO = 1.9082149292705877e-10;
// Typed-array aliasing reads the bits of a double much faster than a DataView; the word order is fixed once from
// the platform's endianness, so the result is the same on little- and big-endian engines.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
const HI = u32[1] === 0x3ff00000 ? 1 : 0;

export function portableLog(x: number): number {
  f64[0] = x;
  let hi = u32[HI] as number;
  let e = ((hi >>> 20) & 0x7ff) - 1023;
  if (e === -1023) {
    // Subnormal: scale into the normal range first (exact multiplication by a power of two).
    f64[0] = x * 2 ** 54;
    hi = u32[HI] as number;
    e = ((hi >>> 20) & 0x7ff) - 1023 - 54;
  }
  u32[HI] = (hi & 0x800fffff) | 0x3ff00000; // mantissa with exponent 0: m ∈ [1, 2)
  let m = f64[0] as number;
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  // Σ_{k=0}^{11} z^k/(2k+1) by Horner: z^12/25 < 1e-19 relative, below one ulp.
  const p =
    1 +
    z *
      (1 / 3 +
        z *
          (1 / 5 +
            z *
              (1 / 7 +
                z *
                  (1 / 9 +
                    z *
                      (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z / 23))))))))));
  return e * LN2_HI + (e * LN2_LO + 2 * s * p);
}
