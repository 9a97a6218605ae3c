import type { FromWorker, RunConfig, ToWorker } from "./protocol.js";

/**
 * The page's side of the training worker: sends commands, forwards the worker's messages of the current run
 * and drops late messages of runs that were reset (a reset must never let an old curve leak into a new chart).
 */
export class TrainingClient {
  private worker: Worker | null = null;
  private runId = 0;

  constructor(private readonly onMessage: (message: FromWorker) => void) {}

  /** The worker starts with the first command: opening the page does not pay for it (a reset before it is a no-op). */
  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL("./worker/train-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === "started") this.runId = message.runId;
      if ("runId" in message && message.runId !== this.runId) return;
      this.onMessage(message);
    });
    worker.addEventListener("error", (event) => {
      this.onMessage({ type: "error", runId: this.runId, message: event.message || "the training worker failed" });
    });
    this.worker = worker;
    return worker;
  }

  start(config: RunConfig): void {
    this.send({ type: "start", config });
  }

  pause(): void {
    this.send({ type: "pause" });
  }

  resume(): void {
    this.send({ type: "resume" });
  }

  reset(): void {
    this.runId = -1;
    this.send({ type: "reset" });
  }

  private send(message: ToWorker): void {
    if (this.worker === null && message.type !== "start") return;
    this.ensureWorker().postMessage(message);
  }
}
