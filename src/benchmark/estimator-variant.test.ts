import { describe, expect, it } from "vitest";
import { isInfonceError } from "../errors.js";
import type { Estimate, EstimateOptions, Estimator } from "../types.js";
import { estimatorVariant } from "./estimator-variant.js";

const seen: EstimateOptions[] = [];
// A test-only estimator that records the options it was called with.
const base: Estimator = {
  name: "probe",
  kind: "classical",
  description: "records options",
  estimate: async (_s, options = {}) => {
    seen.push(options);
    return { estimate: 0 } as unknown as Estimate;
  },
};

describe("estimatorVariant", () => {
  it("is named base[key=value,…], keeps the kind, and fixes its settings over the call's options", async () => {
    const v = estimatorVariant(base, { copula: true, hidden: [8, 4] });
    expect(v.name).toBe("probe[copula=true,hidden=[8,4]]");
    expect(v.kind).toBe("classical");
    expect(v.baseName).toBe("probe");
    const sample = {
      x: { rows: 1, cols: 1, data: new Float64Array(1) },
      y: { rows: 1, cols: 1, data: new Float64Array(1) },
    };
    await v.estimate(sample, { seed: 4, copula: false, k: 5 });
    expect(seen.at(-1)).toEqual({ seed: 4, copula: true, k: 5, hidden: [8, 4] });
  });
  it("needs a setting and refuses to fix the seed", () => {
    for (const s of [{}, { seed: 1 }]) {
      try {
        estimatorVariant(base, s);
        throw new Error("expected an error");
      } catch (e) {
        expect(isInfonceError(e) && e.code === "E_ARG").toBe(true);
      }
    }
  });
});
