import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { classifierEstimator } from "../estimators/classifier.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { createRng } from "../math/rng.js";
import type { PairedSample } from "../types.js";
import { createFoldThreads } from "./classifier-fold-threads.js";

// The built worker (npm test builds before vitest runs): worker threads run JavaScript, not the TypeScript sources.
const workerUrl = pathToFileURL(join(import.meta.dirname, "../../dist/src/node/classifier-fold-worker.js"));

/** Three classes from 3 features, one a threshold (so the trees take part), 1,200 rows. */
function sample(): PairedSample {
  const rng = createRng(4);
  const n = 1_200;
  const x = Float64Array.from({ length: 3 * n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => {
    const score = (x[3 * i] as number) + ((x[3 * i + 1] as number) > 0.5 ? 1.5 : 0) + rng.normal();
    return score < -0.5 ? 0 : score < 0.8 ? 1 : 2;
  });
  return { x: { rows: n, cols: 3, data: x }, y: { rows: n, cols: 1, data: y } };
}

describe("the classifier's folds on worker threads", () => {
  const pool = createFoldThreads({ threads: 2, workerUrl });
  afterAll(() => pool.close());
  const s = sample();

  it("gives the calling thread's estimate bit for bit, with the same model chosen in every fold", async () => {
    const options = { kernel: tsKernel, seed: 3, labels: "y" } as const;
    const here = await classifierEstimator.estimate(s, options);
    const steps: number[] = [];
    const threaded = await classifierEstimator.estimate(s, {
      ...options,
      foldPool: pool,
      onProgress: (done: number) => steps.push(done),
    });
    expect(threaded.estimate).toBe(here.estimate);
    expect(threaded.ci95).toEqual(here.ci95);
    expect(threaded.settings.chosenCapacity).toEqual(here.settings.chosenCapacity);
    expect(steps.length).toBeGreaterThan(0);
  });

  it("scores no fold once the run is stopped, and says so", async () => {
    await expect(
      classifierEstimator.estimate(s, { kernel: tsKernel, labels: "y", foldPool: pool, stop: { stopped: true } }),
    ).rejects.toMatchObject({ code: "E_DATA", message: expect.stringMatching(/stopped before any fold/) });
  });
});
