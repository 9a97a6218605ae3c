import { describe, expect, it } from "vitest";
import { getTask } from "../tasks/registry.js";
import { ESTIMATORS, loadEngine } from "./index.js";

// Through the node entry, without loadEngine() or setKernel(): the first neural estimate loads the fastest engine
// itself. (Vitest gives each test file its own modules, so no other file chose an engine here.)
describe("the node entry loads the fastest engine on first use", () => {
  it("trains on the engine loadEngine would pick, without the slow-engine warning", async () => {
    const sample = getTask("multinormal-dense-2-2-0.5").sample(300, 1);
    const r = await ESTIMATORS.infonce.estimate(sample, { maxSteps: 4, batchSize: 32, hidden: [8], embed: 4 });
    // install: false — asking which engine loads must not itself choose one.
    const fastest = await loadEngine({ install: false, report: null });
    expect(r.settings.engine).toBe(fastest.engine);
    const slow = r.warnings.filter((w) => w.includes("pure-TypeScript engine"));
    // Only where neither compiled engine loads does the estimate run on TypeScript, and then it says so.
    expect(slow).toHaveLength(fastest.engine === "ts" ? 1 : 0);
  });
});
