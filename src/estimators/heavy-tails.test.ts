import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { heavyTailedColumns, robustFeatures } from "./heavy-tails.js";

/** n rows: a standard normal column, then the same values through sinh(2z) + z³ (excess kurtosis in the hundreds). */
function table(n: number): Matrix<Float64Array> {
  const rng = createRng(11);
  const data = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    data[2 * i] = z;
    data[2 * i + 1] = Math.sinh(2 * z) + z ** 3;
  }
  return { rows: n, cols: 2, data };
}

describe("heavy-tailed columns", () => {
  it("finds the warped column and not the normal one", () => {
    expect(heavyTailedColumns(table(2000))).toEqual([1]);
  });
  it("gives the warped column the normal scores of its ranks, which for an increasing warp are the normal column's", () => {
    const m = table(2000);
    const { features, normalScored } = robustFeatures(m);
    expect(normalScored).toBe(1);
    let maxAbs = 0;
    let agree = 0;
    for (let i = 0; i < m.rows; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(features.data[2 * i + 1] as number));
      const sameOrder = Math.sign((m.data[2 * i] as number) - (m.data[0] as number));
      agree += Math.sign((features.data[2 * i + 1] as number) - (features.data[1] as number)) === sameOrder ? 1 : 0;
    }
    expect(maxAbs).toBeLessThan(4); // normal scores of 2,000 ranks stay within ±3.5
    expect(agree).toBe(m.rows); // the order against row 0 is kept: an increasing map of the first column
  });
});
