import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { LEAVE } from "./job-threads.js";

// The built worker (npm test builds before vitest runs): worker threads run JavaScript, not the TypeScript sources.
const workerUrl = pathToFileURL(join(import.meta.dirname, "../../dist/src/node/ksg-worker.js"));

describe("a job worker asked to leave", () => {
  it("exits by itself with code 0 (a terminated worker exits with 1, and its teardown can abort Node 20)", async () => {
    const w = new Worker(workerUrl);
    const code = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the worker did not leave within 10 s")), 10_000);
      w.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
      w.postMessage(LEAVE);
    });
    expect(code).toBe(0);
  });
});
