import { describe, expect, it } from "vitest";
import { classifierSample } from "../../test/helpers/classifier-sample.js";
import { ESTIMATORS, loadEngine } from "./index.js";

// As lazy-engine.test.ts for the neural estimators, with the classifier as the first estimate of the file (Vitest
// gives each test file its own modules): through the node entry, without loadEngine() or setKernel(), the
// classifier's fits load the fastest engine themselves.
describe("the node entry loads the fastest engine for the classifier", () => {
  it("fits on the engine loadEngine would pick, without the slow-engine warning", async () => {
    const r = await ESTIMATORS.classifier.estimate(classifierSample(), { capacity: "logistic" });
    expect(r.estimate).toBeGreaterThan(0.2);
    // install: false — asking which engine loads must not itself choose one.
    const fastest = await loadEngine({ install: false, report: null });
    expect(r.settings.engine).toBe(fastest.engine);
    const slow = r.warnings.filter((w) => w.includes("pure-TypeScript engine"));
    // Only where neither compiled engine loads does the classifier fit on TypeScript, and then it says so.
    expect(slow).toHaveLength(fastest.engine === "ts" ? 1 : 0);
  });
});
