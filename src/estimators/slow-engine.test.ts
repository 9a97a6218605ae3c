import { describe, expect, it } from "vitest";
import { classifierSample } from "../../test/helpers/classifier-sample.js";
import { SLOW_ENGINE_WARNING, setKernel } from "../linalg/engine.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { getTask } from "../tasks/registry.js";
import { ESTIMATORS } from "./index.js";

// The browser-safe core registers no engine loader: an estimate nobody chose an engine for runs on the TypeScript
// kernel and says so. (Vitest gives each test file its own modules: no engine was chosen before this file.)
describe("a neural estimate on the slow engine nobody chose", () => {
  const sample = getTask("multinormal-dense-2-2-0.5").sample(300, 1);
  const fast = { maxSteps: 4, batchSize: 32, hidden: [8], embed: 4 } as const;

  // Runs before the test below sets an engine: the classifier trains too, and takes its engine the same way.
  it("the classifier's estimate warns the same way; a kernel passed silences it with the same number", async () => {
    const labelled = classifierSample();
    const unchosen = await ESTIMATORS.classifier.estimate(labelled, { capacity: "logistic" });
    expect(unchosen.settings.engine).toBe("ts");
    expect(unchosen.warnings).toContain(SLOW_ENGINE_WARNING);
    const passed = await ESTIMATORS.classifier.estimate(labelled, { capacity: "logistic", kernel: tsKernel });
    expect(passed.warnings).not.toContain(SLOW_ENGINE_WARNING);
    expect(passed.estimate).toBe(unchosen.estimate);
  });

  it("carries a warning naming the way out; an engine passed or set silences it", async () => {
    const unchosen = await ESTIMATORS.infonce.estimate(sample, fast);
    expect(unchosen.settings.engine).toBe("ts");
    expect(unchosen.warnings).toContain(SLOW_ENGINE_WARNING);
    expect(SLOW_ENGINE_WARNING).toMatch(/loadEngine\(\).*loadBrowserEngine\(\)/);

    const passed = await ESTIMATORS.infonce.estimate(sample, { ...fast, kernel: tsKernel });
    expect(passed.warnings).not.toContain(SLOW_ENGINE_WARNING);
    // Same numbers either way: the warning is about speed only.
    expect(passed.estimate).toBe(unchosen.estimate);

    setKernel(tsKernel);
    const set = await ESTIMATORS.nwj.estimate(sample, fast);
    expect(set.warnings).not.toContain(SLOW_ENGINE_WARNING);
  });
});
