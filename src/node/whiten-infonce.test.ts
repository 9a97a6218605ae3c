import { describe, expect, it } from "vitest";
import { collinearGaussian } from "../../test/helpers/collinear-gaussian.js";
import { ESTIMATORS } from "./index.js";

// On the engine the CLI uses (the node entry loads the fastest), with InfoNCE's default critic, as auto runs it.
describe("InfoNCE on normal scores of collinear columns, each side decorrelated (whiten)", () => {
  it("reads a 4+4 Gaussian of 1 nat whose columns are correlated ≥ 0.99 (about 0.2 without)", async () => {
    const s = collinearGaussian(3000, 3);
    const plain = await ESTIMATORS.infonce.estimate(s, { copula: true });
    const white = await ESTIMATORS.infonce.estimate(s, { copula: true, whiten: true });
    expect(plain.estimate).toBeLessThan(0.5);
    expect(white.estimate).toBeGreaterThan(0.8);
    expect(white.estimate).toBeLessThan(1.1);
    expect(white.settings.whiten).toBe(true);
  }, 120_000);
});
