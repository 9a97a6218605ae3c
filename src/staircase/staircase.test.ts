import { describe, expect, it } from "vitest";
import { runStaircase, type StaircaseOptions, staircaseFacts } from "./run-staircase.js";
import { smoothEma, staircaseSpec } from "./staircase-spec.js";

describe("runStaircase (quick mode)", () => {
  it("shows InfoNCE flattening below log K and NWJ's variance growing with MI", async () => {
    // d = 2, K = 8 (log K ≈ 2.08), stairs at 1 and 5 nats, 300 steps each: small, but the two facts of
    // Poole et al.'s Fig. 2 already show.
    const r = await runStaircase({
      dim: 2,
      levels: [1, 5],
      stepsPerLevel: 300,
      batchSize: 8,
      critics: ["separable"],
      estimators: [{ bound: "infonce" }, { bound: "nwj" }],
      hidden: [32, 32],
      embed: 16,
      lr: 2e-3,
    });
    expect(r.partial).toBe(false);
    expect(r.trueMI).toHaveLength(600);
    const facts = staircaseFacts(r);
    const top = facts.infonceTop[0];
    expect(top?.trueMI).toBe(5);
    expect(top?.mean).toBeGreaterThan(0.8 * Math.log(8));
    // One value per step; on the top stair (5 nats ≫ log 8) the values press against the ceiling log K.
    const nce = r.runs.find((x) => x.bound === "infonce");
    expect(nce?.values).toHaveLength(600);
    const topValues = nce?.values.slice(450) ?? [];
    expect(topValues.filter((v) => v > 0.7 * Math.log(8)).length).toBeGreaterThan(0.9 * topValues.length);
    const nwj = facts.nwjVariance[0]?.variances ?? [];
    expect(nwj).toHaveLength(2);
    expect((nwj[1]?.variance as number) / (nwj[0]?.variance as number)).toBeGreaterThan(2);
    // Stair statistics are the mean and (n − 1) variance of the last half of each stair's values.
    const run = r.runs[1];
    const tail = run?.values.slice(450, 600) ?? [];
    const mean = tail.reduce((s, v) => s + v, 0) / tail.length;
    expect(run?.stairs[1]?.mean).toBeCloseTo(mean, 12);
    expect(run?.stairs[1]?.variance).toBeCloseTo(tail.reduce((s, v) => s + (v - mean) ** 2, 0) / (tail.length - 1), 12);
  });

  it("runs every bound with its own parameter: the α-bound gets its default α = ½, not 0", async () => {
    const o: StaircaseOptions = { dim: 2, levels: [1], stepsPerLevel: 4, batchSize: 4, hidden: [4], embed: 2 };
    const byDefault = await runStaircase({ ...o, estimators: [{ bound: "alpha" }] });
    const half = await runStaircase({ ...o, estimators: [{ bound: "alpha", param: 0.5 }] });
    const zero = await runStaircase({ ...o, estimators: [{ bound: "alpha", param: 0 }] });
    expect(byDefault.runs[0]?.estimator).toBe("alpha(α=0.5)");
    expect(byDefault.runs[0]?.values).toEqual(half.runs[0]?.values);
    expect(byDefault.runs[0]?.values).not.toEqual(zero.runs[0]?.values);
  });

  it("is deterministic, stops on the signal with a partial result, and builds a faceted Vega-Lite spec", async () => {
    const o = {
      dim: 2,
      levels: [1, 2],
      stepsPerLevel: 6,
      batchSize: 4,
      hidden: [4],
      embed: 2,
      estimators: [{ bound: "js" }, { bound: "smile", param: 1 }],
    };
    const a = await runStaircase(o);
    const b = await runStaircase(o);
    expect(b.runs.map((r) => r.values)).toEqual(a.runs.map((r) => r.values));
    expect(a.runs.map((r) => `${r.critic} ${r.estimator}`)).toEqual([
      "separable js",
      "separable smile(τ=1)",
      "concat js",
      "concat smile(τ=1)",
    ]);
    const stop = { stopped: false };
    const p = await runStaircase({
      ...o,
      stop,
      onProgress: (done) => {
        if (done === 8) stop.stopped = true;
      },
    });
    expect(p.partial).toBe(true);
    expect(p.runs).toHaveLength(1);
    expect(p.runs[0]?.values).toHaveLength(8);
    const spec = staircaseSpec(a) as { facet: unknown; data: { values: unknown[] } };
    expect(spec.facet).toBeDefined();
    expect(spec.data.values).toHaveLength(4 * 12);
  });

  it("smooths like pandas ewm(span, adjust=False)", () => {
    // α = 2/(span+1) = 0.5 for span 3: s = 1, 1.5, 2.25, 3.125
    expect(smoothEma([1, 2, 3, 4], 3)).toEqual([1, 1.5, 2.25, 3.125]);
  });
});
