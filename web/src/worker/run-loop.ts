import type { EvalPoint } from "../protocol.js";

/** What the loop needs of one estimator's training: one optimiser step, and a held-out evaluation. */
export interface SteppedTrainer {
  readonly name: string;
  /** One optimiser step on a fresh training batch; returns that batch's bound value (nats). */
  step(): number;
  /** The held-out estimate (nats) with the current critic. */
  evaluate(): number;
  /** The critic on every pair of n x-values and n y-values (n×n, row i = x_i), inputs as the critic sees them. */
  scoreGrid?(x: Float32Array, y: Float32Array, n: number): Float32Array;
}

export interface RunLoopOptions {
  readonly steps: number;
  readonly evalEvery: number;
  /** Milliseconds of work between two chances for the worker to read messages (pause, reset). */
  readonly sliceMs: number;
  readonly now: () => number;
  /** Lets the event loop run (the worker's message handler) before the next slice. */
  readonly yieldToEvents: () => Promise<void>;
  readonly onProgress: (points: EvalPoint[], step: number, stepsPerSecond: number) => void;
  readonly onDone: (step: number, stepsPerSecond: number) => void;
  readonly onPaused: (step: number) => void;
  readonly onError: (message: string) => void;
}

/**
 * Drives several trainers in lock step, in time slices: after each slice it reports the held-out points and
 * yields, so a pause or reset posted to the worker takes effect within one slice. Steps per second count the
 * training steps of all estimators together over the time spent in them: held-out evaluations and pauses are
 * left out, so the figure is the trainer's speed, not the page's refresh rate.
 */
export class RunLoop {
  private step = 0;
  private paused = false;
  private stopped = false;
  private running = false;
  private busyMs = 0;
  private evalMs = 0;
  private lastTrain = new Map<string, number>();

  constructor(
    private readonly trainers: readonly SteppedTrainer[],
    private readonly options: RunLoopOptions,
  ) {}

  /** Starts (or resumes) the loop; it runs until done, paused or stopped. */
  start(): void {
    this.paused = false;
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop();
  }

  pause(): void {
    this.paused = true;
  }

  /** Stops for good (a reset): the loop ends at the end of its slice and reports nothing more. */
  stop(): void {
    this.stopped = true;
  }

  private rate(): number {
    const trainMs = this.busyMs - this.evalMs;
    return trainMs > 0 ? (this.step * this.trainers.length * 1000) / trainMs : 0;
  }

  private async loop(): Promise<void> {
    const o = this.options;
    try {
      while (!this.stopped && !this.paused && this.step < o.steps) {
        const t0 = o.now();
        const points: EvalPoint[] = [];
        if (this.step === 0) points.push(...this.evaluateAll());
        do {
          for (const trainer of this.trainers) this.lastTrain.set(trainer.name, trainer.step());
          this.step++;
          if (this.step % o.evalEvery === 0 || this.step === o.steps) points.push(...this.evaluateAll());
        } while (this.step < o.steps && o.now() - t0 < o.sliceMs);
        this.busyMs += o.now() - t0;
        if (this.stopped) return;
        o.onProgress(points, this.step, this.rate());
        await o.yieldToEvents();
      }
      if (this.stopped) return;
      if (this.step >= o.steps) o.onDone(this.step, this.rate());
      else o.onPaused(this.step);
    } catch (error) {
      if (!this.stopped) o.onError(error instanceof Error ? error.message : String(error));
    } finally {
      this.running = false;
    }
  }

  private evaluateAll(): EvalPoint[] {
    const t0 = this.options.now();
    const points = this.trainers.map((trainer) => ({
      estimator: trainer.name,
      step: this.step,
      estimate: trainer.evaluate(),
      train: this.lastTrain.get(trainer.name) ?? Number.NaN,
    }));
    this.evalMs += this.options.now() - t0;
    return points;
  }
}
