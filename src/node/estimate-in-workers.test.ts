import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ESTIMATORS_BY_NAME } from "../estimators/index.js";
import { getTask } from "../tasks/index.js";
import type { Estimator } from "../types.js";
import { estimateInWorkers } from "./estimate-in-workers.js";

// npm test builds dist/ before vitest runs: the compiled worker is what `infonce demo` starts.
const compiled = fileURLToPath(new URL("../../dist/src/node/estimate-worker.js", import.meta.url));

describe("estimateInWorkers", () => {
  const sample = getTask("multinormal-sparse-3-3-2-2.0").sample(400, 1);
  const settings = { seed: 3, maxSteps: 20, hidden: [16], embed: 8, batchSize: 32 };
  const pick = (names: string[]): Estimator[] => names.map((n) => ESTIMATORS_BY_NAME[n] as Estimator);

  it("worker threads give the same results as running in this thread, in the order given, errors as results", async () => {
    expect(existsSync(compiled), `${compiled} (run npm run build)`).toBe(true);
    const estimators = pick(["gaussian", "infonce", "ksg", "nwj"]);
    const finished: number[] = [];
    let progressed = false;
    const inWorkers = await estimateInWorkers(sample, estimators, {
      settings,
      engine: "ts",
      concurrency: 2,
      workerScript: compiled,
      onProgress: () => {
        progressed = true;
      },
      onDone: (i) => finished.push(i),
    });
    const here = await estimateInWorkers(sample, estimators, {
      settings,
      engine: "ts",
      workerScript: "/nonexistent/estimate-worker.js",
    });
    expect(inWorkers.map((o) => o.estimator)).toEqual(["gaussian", "infonce", "ksg", "nwj"]);
    expect(finished.sort()).toEqual([0, 1, 2, 3]);
    expect(progressed).toBe(true);
    for (const [i, o] of inWorkers.entries()) {
      const h = here[i];
      if (!("estimate" in o) || h === undefined || !("estimate" in h)) throw new Error(`${o.estimator} failed`);
      // Same numbers; KSG may sum its per-point terms in another order across threads (src/node/ksg-threads.ts).
      expect(o.estimate.estimate, o.estimator).toBeCloseTo(h.estimate.estimate, 12);
      expect(o.estimate.ci95[0], o.estimator).toBeCloseTo(h.estimate.ci95[0] as number, 12);
    }
    // A refusal inside a worker comes back as that estimator's InfonceError, with its code.
    const tiny = { x: { rows: 3, cols: 1, data: new Float64Array([1, 2, 3]) }, y: sample.y };
    const [failed] = await estimateInWorkers(tiny, pick(["gaussian"]), {
      settings: { seed: 3 },
      engine: "ts",
      workerScript: compiled,
    });
    expect(failed && "error" in failed ? failed.error.code : "no error").toBe("E_SHAPE");
  });

  it("gives each estimator the settings it has, and refuses a key none of them has", async () => {
    // maxSteps is the neural estimators': gaussian runs without it.
    const [g] = await estimateInWorkers(sample, pick(["gaussian"]).concat(pick(["infonce"])), {
      settings,
      engine: "ts",
      workerScript: "/nonexistent/estimate-worker.js",
    });
    expect(g && "estimate" in g ? g.estimate.estimator : "failed").toBe("gaussian");
    await expect(
      estimateInWorkers(sample, pick(["gaussian", "ksg"]), {
        settings: { maxSteps: 20 },
        engine: "ts",
        workerScript: "/nonexistent/estimate-worker.js",
      }),
    ).rejects.toThrow(/the estimators run has no setting 'maxSteps'/);
  });
});
