import { describe, expect, it } from "vitest";
import { denseRanks, kendallTauB, kendallTauMatrix } from "./kendall-tau.js";
import { createRng } from "./rng.js";

/** τ_b by its definition, over every pair of rows: a second implementation. */
function bruteForceTauB(a: Float64Array, b: Float64Array): number {
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign((a[i] as number) - (a[j] as number)) * Math.sign((b[i] as number) - (b[j] as number));
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
      const ta = a[i] === a[j];
      const tb = b[i] === b[j];
      if (ta) tiedA++;
      if (tb) tiedB++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  return (concordant - discordant) / Math.sqrt((n0 - tiedA) * (n0 - tiedB));
}

const tau = (a: Float64Array, b: Float64Array) => kendallTauB(denseRanks(a), denseRanks(b));

describe("kendallTauB", () => {
  it("equals the pairwise definition, with and without ties", () => {
    const rng = createRng(3);
    for (const [n, levels] of [
      [50, 0],
      [200, 0],
      [300, 4],
      [257, 12],
    ] as const) {
      const a = Float64Array.from({ length: n }, () => (levels === 0 ? rng.normal() : rng.int(levels)));
      const b = Float64Array.from(a, (v) => (levels === 0 ? v + rng.normal() : (v + rng.int(levels)) % levels));
      expect(tau(a, b)).toBeCloseTo(bruteForceTauB(a, b), 12);
    }
  });

  it("is 1 and −1 for increasing and decreasing maps, 0 at n = 2 ties", () => {
    const a = Float64Array.from({ length: 101 }, (_, i) => Math.sin(i));
    expect(tau(a, Float64Array.from(a, Math.exp))).toBe(1);
    expect(
      tau(
        a,
        Float64Array.from(a, (v) => -(v ** 3)),
      ),
    ).toBe(-1);
    expect(tau(Float64Array.of(1, 2), Float64Array.of(5, 3))).toBe(-1);
  });

  it("is NaN for a constant column (no pair is untied)", () => {
    expect(tau(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3))).toBeNaN();
  });

  it("gives every pair's τ_b as a matrix, columns with and without ties (sorted once where untied)", () => {
    const rng = createRng(8);
    const n = 150;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from(a, (v) => Math.round(v + rng.normal()));
    const c = Float64Array.from(a, (v) => v - rng.normal());
    const columns = [a, b, c];
    const m = kendallTauMatrix(columns);
    for (let i = 0; i < 3; i++) {
      expect(m[i * 3 + i]).toBe(1);
      for (let j = 0; j < i; j++) {
        const expected = bruteForceTauB(columns[i] as Float64Array, columns[j] as Float64Array);
        expect(m[i * 3 + j]).toBeCloseTo(expected, 12);
        expect(m[j * 3 + i]).toBe(m[i * 3 + j]);
      }
    }
  });

  it("gives equal values one dense rank", () => {
    expect([...denseRanks(Float64Array.of(3, -1, 3, 0.5, -1))]).toEqual([2, 0, 2, 1, 0]);
  });
});
