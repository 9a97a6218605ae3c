import { describe, expect, it } from "vitest";
import type { MiMatrix } from "../../many/mi-matrix.js";
import { matrixJson, matrixJsonChunks } from "./present-matrix.js";

function matrix(m: number, normalized: boolean): MiMatrix {
  const grid = (f: (i: number, j: number) => number) =>
    Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? null : f(i, j))));
  return {
    names: Array.from({ length: m }, (_, i) => `c"${i}`),
    n: 100,
    settings: { estimator: "auto", settings: { k: 3 }, seed: 0 },
    normalization: normalized ? "ic" : "none",
    mi: grid((i, j) => 1 / (i + j + 1)),
    ci95Low: grid((i, j) => (i + j === 3 ? Number.NaN : -0)),
    ci95High: grid(() => 1e-300),
    ...(normalized ? { normalized: grid((i, j) => i * j) } : {}),
    estimators: { ksg: m },
    warnings: ["a × b: no interval"],
  };
}

describe("matrixJsonChunks", () => {
  it("gives JSON.stringify's bytes in pieces, a matrix row per piece", () => {
    for (const [m, normalized, partial] of [
      [0, false, false],
      [1, true, false],
      [5, false, true],
      [5, true, false],
    ] as const) {
      const mm = matrix(m, normalized);
      for (const context of [{ input: { file: "x.csv" } }, {}]) {
        const chunks = [...matrixJsonChunks(mm, context, partial)];
        expect(chunks.join("")).toBe(JSON.stringify(matrixJson(mm, context, partial)));
        if (m === 5) expect(chunks.length).toBeGreaterThan(3 * 5);
      }
    }
  });
});
