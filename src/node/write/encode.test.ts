import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeCsv } from "./encode-csv.js";
import { encodeNpy } from "./encode-npy.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/read");

describe("encodeNpy", () => {
  it("writes the same bytes as numpy.save (make_npy.py's save_oracle.npy)", () => {
    const data = new Float64Array([0.1, 0.2, 0.3, 1e100, -5e-324, 42.0]);
    expect(Buffer.from(encodeNpy(data, 2, 3))).toEqual(readFileSync(join(FIXTURES, "save_oracle.npy")));
  });
  it("starts the data at a multiple of 64 bytes", () => {
    for (const [rows, cols] of [
      [1, 1],
      [123456, 789],
    ] as const) {
      const bytes = encodeNpy(new Float64Array(0), rows, cols);
      const headerLen = new DataView(bytes.buffer).getUint16(8, true);
      expect((10 + headerLen) % 64).toBe(0);
    }
  });
});

describe("encodeCsv", () => {
  it("writes the shortest round-tripping text for each float64", () => {
    const data = new Float64Array([0.1, 1 / 3, -5e-324, 1e21]);
    const text = encodeCsv(["a", "b"], data, 2);
    expect(text).toBe("a,b\n0.1,0.3333333333333333\n-5e-324,1e+21\n");
    const back = text
      .trim()
      .split("\n")
      .slice(1)
      .flatMap((l) => l.split(",").map(Number));
    expect(back).toEqual(Array.from(data));
  });
});
