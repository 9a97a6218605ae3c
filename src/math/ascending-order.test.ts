import { describe, expect, it } from "vitest";
import { ascendingOrder } from "./ascending-order.js";
import { createRng } from "./rng.js";

/** The comparison sort it replaces. */
function byComparison(values: Float64Array): Int32Array {
  const order = Int32Array.from(values, (_, i) => i);
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

describe("ascendingOrder", () => {
  it("equals the comparison sort (ties by row) on signs, ties, ±0, subnormals, huge and tiny values", () => {
    const rng = createRng(3);
    const special = [0, -0, 5e-324, -5e-324, 1e308, -1e308, 1, -1, 2.5, 2.5, -2.5, Number.MIN_VALUE, -0, 0];
    for (const n of [0, 1, 2, 17, 1000, 20_000]) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rng.uniform();
        v[i] =
          r < 0.2
            ? (special[rng.int(special.length)] as number)
            : r < 0.4
              ? rng.int(7) - 3
              : rng.normal() * 10 ** rng.int(9);
      }
      expect(Array.from(ascendingOrder(v))).toEqual(Array.from(byComparison(v)));
    }
  });

  it("keeps row order among a column of one repeated value", () => {
    expect(Array.from(ascendingOrder(new Float64Array([4, 4, 4, -0, 0])))).toEqual([3, 4, 0, 1, 2]);
  });
});
