import { describe, expect, it } from "vitest";
import type { EvalPoint } from "../protocol.js";
import { RunLoop, type RunLoopOptions, type SteppedTrainer } from "./run-loop.js";

/** A trainer that counts its calls; its values encode (name, step) so the test can read them back. */
function counter(name: string, offset: number): SteppedTrainer & { steps: number; evals: number } {
  return {
    name,
    steps: 0,
    evals: 0,
    step() {
      this.steps++;
      return offset + this.steps;
    },
    evaluate() {
      this.evals++;
      return offset + this.steps + 0.5;
    },
  };
}

/** A fake clock: each reading advances 1 ms, so a slice of `sliceMs` holds a known number of steps. */
function harness(steps: number, evalEvery: number, sliceMs: number) {
  let t = 0;
  const points: EvalPoint[] = [];
  const events: string[] = [];
  let yields = 0;
  let onYield: () => void = () => {};
  const options: RunLoopOptions = {
    steps,
    evalEvery,
    sliceMs,
    now: () => t++,
    yieldToEvents: async () => {
      yields++;
      onYield();
    },
    onProgress: (p, step) => {
      points.push(...p);
      events.push(`progress ${step}`);
    },
    onDone: (step, rate) => events.push(`done ${step} ${rate > 0}`),
    onPaused: (step) => events.push(`paused ${step}`),
    onError: (message) => events.push(`error ${message}`),
  };
  return { options, points, events, yields: () => yields, setOnYield: (f: () => void) => (onYield = f) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe("RunLoop", () => {
  it("steps every trainer in lock step, evaluates at step 0, every evalEvery steps and at the end", async () => {
    const a = counter("a", 0);
    const b = counter("b", 1000);
    const h = harness(60, 25, 5);
    new RunLoop([a, b], h.options).start();
    await settle();
    expect(a.steps).toBe(60);
    expect(b.steps).toBe(60);
    expect(h.points.filter((p) => p.estimator === "a").map((p) => p.step)).toEqual([0, 25, 50, 60]);
    const at25 = h.points.find((p) => p.estimator === "b" && p.step === 25);
    expect(at25).toEqual({ estimator: "b", step: 25, estimate: 1025.5, train: 1025 });
    expect(h.points[0]?.train).toBeNaN();
    expect(h.events.at(-1)).toBe("done 60 true");
    expect(h.yields()).toBeGreaterThan(3);
  });

  it("pauses at the end of a slice, resumes where it stopped, and a stop reports nothing more", async () => {
    const a = counter("a", 0);
    const h = harness(1000, 10, 4);
    const loop = new RunLoop([a], h.options);
    let slices = 0;
    h.setOnYield(() => {
      slices++;
      if (slices === 2) loop.pause();
    });
    loop.start();
    await settle();
    const pausedAt = a.steps;
    expect(h.events.at(-1)).toBe(`paused ${pausedAt}`);
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(1000);
    await settle();
    expect(a.steps).toBe(pausedAt);

    h.setOnYield(() => {
      slices++;
      if (slices === 4) loop.stop();
    });
    loop.start();
    await settle();
    const events = h.events.length;
    const stoppedAt = a.steps;
    expect(stoppedAt).toBeGreaterThan(pausedAt);
    expect(stoppedAt).toBeLessThan(1000);
    loop.start();
    await settle();
    expect(a.steps).toBe(stoppedAt);
    expect(h.events.length).toBe(events);
  });

  it("reports a trainer's exception as an error message and stops", async () => {
    const h = harness(100, 10, 5);
    const failing: SteppedTrainer = {
      name: "bad",
      step: () => {
        throw new Error("E_VALUE: the critic produced NaN");
      },
      evaluate: () => 0,
    };
    new RunLoop([failing], h.options).start();
    await settle();
    expect(h.events).toEqual(["error E_VALUE: the critic produced NaN"]);
  });
});
