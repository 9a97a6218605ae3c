import { describe, expect, it } from "vitest";
import { collinearGaussian } from "../../test/helpers/collinear-gaussian.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { gaussianEstimator } from "./gaussian.js";
import { WHITEN_MAX_COLUMNS, whitenColumns } from "./whiten.js";

/** The covariance (divisor n) of m's columns, summed directly: the oracle for whitenColumns' output. */
function covariance(m: Matrix<Float64Array>): number[][] {
  const { rows: n, cols: d, data } = m;
  const mean = Array.from({ length: d }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * d + c] as number;
    return s / n;
  });
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += ((data[i * d + a] as number) - mean[a]!) * ((data[i * d + b] as number) - mean[b]!);
      return s / n;
    }),
  );
}

describe("whitenColumns (decorrelate a side; MI unchanged)", () => {
  it("leaves columns of covariance I, and the Gaussian MI between the sides as it was", async () => {
    const s = collinearGaussian(2000, 1);
    const wx = whitenColumns(s.x);
    const wy = whitenColumns(s.y);
    const c = covariance(wx);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expect(c[a]![b]!).toBeCloseTo(a === b ? 1 : 0, 9);
    expect(s.x.data[5]).toBe(collinearGaussian(2000, 1).x.data[5]); // not modified
    const raw = await gaussianEstimator.estimate(s, { replicates: 0 });
    const white = await gaussianEstimator.estimate({ x: wx, y: wy }, { replicates: 0 });
    expect(white.estimate).toBeCloseTo(raw.estimate, 9);
  });

  it("returns the matrix itself for one column, more than WHITEN_MAX_COLUMNS, or a singular covariance", () => {
    const one = { rows: 3, cols: 1, data: Float64Array.from([1, 2, 4]) };
    expect(whitenColumns(one)).toBe(one);
    const d = WHITEN_MAX_COLUMNS + 1;
    const wide = { rows: 2 * d, cols: d, data: createRng(2).fillNormal(new Float64Array(2 * d * d)) };
    expect(whitenColumns(wide)).toBe(wide);
    const copies = { rows: 3, cols: 2, data: Float64Array.from([1, 1, 2, 2, 4, 4]) };
    expect(whitenColumns(copies)).toBe(copies);
  });
});
