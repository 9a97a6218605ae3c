import { describe, expect, it } from "vitest";
import { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";

/**
 * Drives the state machine the way the trainer does (an evaluation every `every` steps; on a plateau, decay or stop)
 * over a fixed sequence of validation means; returns the step training stops at (or the last step) and the trace.
 */
function run(means: readonly number[], options: EarlyStoppingOptions, every = 5) {
  const es = new EarlyStopping(options);
  const bests: number[] = [];
  for (let e = 0; e < means.length; e++) {
    const step = (e + 1) * every;
    if (es.observe(step, means[e] as number)) bests.push(step);
    if (es.plateaued && !es.decay()) return { stoppedAt: step, bests, es };
  }
  return { stoppedAt: Number.NaN, bests, es };
}

describe("EarlyStopping", () => {
  it("stops after `patience` evaluations without an improvement, when no decays are allowed", () => {
    const r = run([1, 2, 3, 2.5, 2.9, 2.8, 5], { patience: 3, minDelta: 0, lrDecays: 0 });
    expect(r.stoppedAt).toBe(30); // the 3rd evaluation is the best; the 4th, 5th and 6th do not beat it
    expect(r.bests).toEqual([5, 10, 15]);
    expect(r.es.bestStep).toBe(15);
    expect(r.es.bestMean).toBe(3);
    expect(r.es.decaysTaken).toBe(0);
  });

  it("decays lrDecays times, each resetting the plateau count, then stops", () => {
    // Nothing ever improves on the first mean: patience 2 → plateau at evaluation 3, 5 and 7.
    const r = run([1, 0, 0, 0, 0, 0, 0, 0, 0], { patience: 2, minDelta: 0, lrDecays: 2 });
    expect(r.es.decaysTaken).toBe(2);
    expect(r.stoppedAt).toBe(35);
    expect(r.bests).toEqual([5]);
  });

  it("a creep below minDelta moves the checkpoint but does not reset the plateau count", () => {
    const r = run([1, 1.02, 1.04, 1.06], { patience: 3, minDelta: 0.1, lrDecays: 0 });
    expect(r.bests).toEqual([5, 10, 15, 20]);
    expect(r.stoppedAt).toBe(20);
    expect(r.es.bestStep).toBe(20);
  });

  it("a creep that adds up to more than minDelta since the last reset resets the count", () => {
    // Gains of 0.04 each: 1.12 is the first mean more than 0.1 above 1 (the reference), then 1.24 above 1.12.
    const r = run([1, 1.04, 1.08, 1.12, 1.16, 1.2, 1.24, 1.24, 1.24, 1.24], {
      patience: 3,
      minDelta: 0.1,
      lrDecays: 0,
    });
    expect(r.stoppedAt).toBe(50);
    expect(r.bests).toEqual([5, 10, 15, 20, 25, 30, 35]);
    // Counted from the previous mean alone (the old rule), every gain of 0.04 < 0.1 counted as none: stopped at 20.
  });

  it("an improvement of more than minDelta resets the count", () => {
    const r = run([1, 0, 2, 0, 0, 0], { patience: 2, minDelta: 0.5, lrDecays: 0 });
    expect(r.stoppedAt).toBe(25);
    expect(r.es.bestStep).toBe(15);
  });

  it("never plateaus with patience 0, and a NaN mean is never the best", () => {
    const r = run([1, Number.NaN, 0, Number.NaN, 0], { patience: 0, minDelta: 0, lrDecays: 0 });
    expect(r.stoppedAt).toBeNaN();
    expect(r.bests).toEqual([5]);
    const first = new EarlyStopping({ patience: 1, minDelta: 0, lrDecays: 0 });
    expect(first.bestStep).toBe(0);
    expect(first.observe(10, Number.NaN)).toBe(false);
    expect(first.plateaued).toBe(true);
    expect(first.bestStep).toBe(0);
  });
});
