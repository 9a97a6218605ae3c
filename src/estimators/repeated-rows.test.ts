import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { repeatedRowsWarning } from "./repeated-rows.js";
import { checkSample } from "./sample-checks.js";

/** n rows of a correlated Gaussian pair (ρ = 0.6), each value passed through `map`, each row `copies` times. */
function pairs(n: number, copies: number, map: (v: number) => number = (v) => v) {
  const rng = createRng(3);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = 0.6 * a + 0.8 * rng.normal();
    for (let k = 0; k < copies; k++) {
      x.push(map(a));
      y.push(map(b));
    }
  }
  const m = (v: number[]): Matrix<Float64Array> => ({ rows: v.length, cols: 1, data: Float64Array.from(v) });
  return { x: m(x), y: m(y) };
}

describe("repeatedRowsWarning", () => {
  it("warns when every row appears three times, and checkSample passes the warning on", () => {
    const s = pairs(1000, 3);
    expect(repeatedRowsWarning(s.x, s.y)).toMatch(/^2000 of 3000 rows repeat an earlier row/);
    expect(checkSample(s, "test", 2, "a pair").warnings.join("\n")).toMatch(/drop_duplicates/);
  });
  it("stays quiet on distinct rows, on rounded values whose ties do not come whole, and on integer codes", () => {
    expect(repeatedRowsWarning(pairs(3000, 1).x, pairs(3000, 1).y)).toBeNull();
    const rounded = pairs(3000, 1, (v) => Math.round(v * 10) / 10);
    expect(repeatedRowsWarning(rounded.x, rounded.y)).toBeNull();
    const codes = pairs(3000, 1, (v) => Math.round(v));
    expect(repeatedRowsWarning(codes.x, codes.y)).toBeNull();
  });
});
