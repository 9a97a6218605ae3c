/// <reference lib="webworker" />
import { computeTheory, type TheoryResult } from "../../../src/index.js";

/** Page → theory worker: run the library's theory experiment (Monte Carlo, seconds of work) off the main thread. */
export interface TheoryRequest {
  readonly id: number;
  readonly seed: number;
  readonly rounds: number;
}

export type TheoryReply =
  | { readonly type: "progress"; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: "result"; readonly id: number; readonly result: TheoryResult; readonly seconds: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener("message", (event: MessageEvent<TheoryRequest>) => {
  const { id, seed, rounds } = event.data;
  const post = (reply: TheoryReply): void => scope.postMessage(reply);
  try {
    const t0 = performance.now();
    const result = computeTheory({
      seed,
      rounds,
      onProgress: (done, total) => post({ type: "progress", id, done, total }),
    });
    post({ type: "result", id, result, seconds: (performance.now() - t0) / 1000 });
  } catch (error) {
    post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
});
