import { describe, expect, it } from "vitest";
import { isInfonceError } from "../errors.js";
import { getKernel } from "../linalg/engine.js";
import { createTsKernel, tsKernel } from "../linalg/ts-kernel.js";
import { correlationForMI, gaussianPmi } from "../math/gaussian-mi.js";
import { pairedCovariance } from "../tasks/gaussian-covariances.js";
import { gaussianTask } from "../tasks/gaussian-task.js";
import { getTask } from "../tasks/registry.js";
import type { BoundName, Kernel, PairedSample } from "../types.js";
import { ESTIMATORS_BY_NAME } from "./index.js";
import { estimateNeural } from "./neural.js";
import { NeuralTrainer } from "./neural-trainer.js";

/** Small but real budgets: a 32-32 MLP, K = 64, a few hundred Adam steps at lr 2e-3. */
const SMALL = { batchSize: 64, hidden: [32, 32], embed: 16, lr: 2e-3, evalEvery: 50 };

function pairedGaussian(nats: number, d: number) {
  const cov = pairedCovariance(d, correlationForMI(nats, d));
  return { task: gaussianTask({ name: `g${d}-${nats}`, description: "", cov, dimX: d }), cov };
}

describe("neural estimators: accuracy on small budgets", () => {
  it("InfoNCE on a 1-d Gaussian with I = 0.5 nats (≪ log 64): within 10% in every seed, interval covers the truth in ≥ 2 of 3", async () => {
    const { task } = pairedGaussian(0.5, 1);
    let covered = 0;
    for (const seed of [1, 2, 3]) {
      const r = await estimateNeural(task.sample(3000, seed), "infonce", { ...SMALL, seed, maxSteps: 400 });
      expect(Math.abs(r.estimate - 0.5)).toBeLessThan(0.05);
      if (r.ci95[0] <= 0.5 && 0.5 <= r.ci95[1]) covered++;
      expect(r.saturated).toBe(false);
      // Held out: 1,500 rows, evaluated in two batches of K_eval = 750 (validation, test); the ceiling is log 750.
      expect(r.settings.evalBatchSizeUsed).toBe(750);
      expect(r.logK).toBeCloseTo(Math.log(750), 12);
      expect(r.settings.risePerDoubling).toBeLessThan(0.1);
      // Not saturated: no read-out beside it.
      expect(r.settings.ceilingFree).toBeUndefined();
    }
    expect(covered).toBeGreaterThanOrEqual(2);
  });

  it("InfoNCE at I = 1 nat (d = 2) gets within 10% of the best any critic can do, E[I_NCE] of the true pmi", async () => {
    const { task, cov } = pairedGaussian(1, 2);
    // The oracle: InfoNCE with the optimal critic f = pmi, averaged over 100 batches of 64 (it is below I for
    // finite K; Poole et al. 2019). Computed here from the closed-form Gaussian pmi, independent of any training.
    const pmi = gaussianPmi(cov, 2);
    let oracle = 0;
    const s = new Float32Array(64 * 64);
    for (let r = 0; r < 100; r++) {
      const b = task.sample(64, 1000 + r);
      for (let i = 0; i < 64; i++)
        for (let j = 0; j < 64; j++)
          s[i * 64 + j] = pmi(b.x.data.subarray(2 * i, 2 * i + 2), b.y.data.subarray(2 * j, 2 * j + 2));
      oracle += tsKernel.bound("infonce", s, 64, 64, 0, new Float32Array(64 * 64)) / 100;
    }
    expect(oracle).toBeLessThan(1);
    expect(oracle).toBeGreaterThan(0.9);
    const r = await estimateNeural(task.sample(3000, 5), "infonce", { ...SMALL, seed: 5, maxSteps: 600, patience: 0 });
    expect(r.estimate).toBeGreaterThan(0.9 * oracle);
    expect(r.estimate).toBeLessThan(1.05);
  });

  it("on independent data every estimator's interval contains 0 or lies below 0.05 nats", async () => {
    const sample = getTask("independent-normal-5-5").sample(2000, 4);
    for (const name of ["infonce", "nwj", "dv", "mine", "js", "smile", "alpha"]) {
      const est = ESTIMATORS_BY_NAME[name];
      expect(est?.kind).toBe("neural");
      const r = await (est as NonNullable<typeof est>).estimate(sample, { ...SMALL, seed: 4, maxSteps: 200 });
      expect(r.estimator).toBe(name);
      // The truth is 0: the estimate is near it (a held-out lower bound may dip a little below), and the interval
      // either covers 0 or lies in [−0.2, 0.05] — an interval like [−3, −2] fails.
      expect(r.estimate, name).toBeGreaterThan(-0.1);
      expect(r.estimate, name).toBeLessThan(0.05);
      const ok = (r.ci95[0] <= 0 && r.ci95[1] >= 0) || (r.ci95[1] < 0.05 && r.ci95[0] > -0.2);
      if (!ok) throw new Error(`${name}: interval [${r.ci95}] neither contains 0 nor lies in [−0.2, 0.05]`);
    }
  });

  it("fires the saturation warning when the MI (10 nats) is far above log K (K = 16)", async () => {
    const sample = pairedGaussian(10, 5).task.sample(2000, 6);
    const opts = { ...SMALL, batchSize: 16, evalBatchSize: 16, seed: 6, maxSteps: 500, patience: 0 };
    const r = await estimateNeural(sample, "infonce", opts);
    expect(r.saturated).toBe(true);
    // Saturated means pressed against the ceiling: within 5% of log 16 (that it never exceeds log K is the bound's
    // own theorem, checked in src/bounds/).
    expect(r.estimate).toBeGreaterThanOrEqual(0.95 * Math.log(16));
    expect(r.warnings.join(" ")).toMatch(/within 5% of its ceiling log K = 2\.773/);
    // And not for a bound without the ceiling.
    const nwj = await estimateNeural(sample, "nwj", { ...SMALL, batchSize: 16, seed: 6, maxSteps: 50 });
    expect(nwj.saturated).toBe(false);
    expect(nwj.logK).toBeNull();
  });

  it("fires it, with K_eval = 1,000 held-out pairs, because the estimate still rises as the candidates double", async () => {
    const sample = pairedGaussian(10, 5).task.sample(4000, 6);
    const r = await estimateNeural(sample, "infonce", { ...SMALL, batchSize: 64, seed: 6, maxSteps: 500, patience: 0 });
    expect(r.settings.evalBatchSizeUsed).toBe(1000);
    // 10 nats > log 1000 = 6.91; the trained critic stays below 95% of log K, so only the rise can tell.
    expect(r.estimate).toBeLessThan(0.95 * Math.log(1000));
    expect(r.settings.risePerDoubling).toBeGreaterThanOrEqual(0.5);
    expect(r.saturated).toBe(true);
    expect(r.warnings.join(" ")).toMatch(/still climbing with K: .* double from 500 to 1000/);
    // Beside it, labelled, with its own interval: the read-out without the ceiling, above log K here.
    const cf = r.settings.ceilingFree as { method: string; estimate: number; ci95: [number, number] };
    expect(cf.method).toBe("leave-positive-out");
    expect(cf.estimate).toBeGreaterThan(Math.log(1000));
    expect(cf.ci95[0]).toBeLessThan(cf.estimate);
    expect(cf.ci95[1]).toBeGreaterThan(cf.estimate);
    expect(r.estimate).toBeLessThan(cf.estimate);
    expect(r.warnings.join(" ")).toMatch(
      /beside it, not instead of it: a read-out of the same critic without the log K ceiling/,
    );
  });
});

describe("neural estimators: protocol", () => {
  const sample = getTask("1v1-normal-0.75").sample(600, 9);
  const tiny = { batchSize: 32, hidden: [8], embed: 4, maxSteps: 40, evalEvery: 10, seed: 3 };

  it("is deterministic for a seed and differs across seeds", async () => {
    const a = await estimateNeural(sample, "smile", tiny);
    const b = await estimateNeural(sample, "smile", tiny);
    const c = await estimateNeural(sample, "smile", { ...tiny, seed: 4 });
    expect(b.estimate).toBe(a.estimate);
    expect(b.curve).toEqual(a.curve);
    expect(c.estimate).not.toBe(a.estimate);
  });

  it("reports the curve, steps, settings and the held-out protocol", async () => {
    const r = await estimateNeural(sample, "infonce", { ...tiny, patience: 0 });
    expect(r.curve).toHaveLength(40);
    expect(r.curve?.filter((p) => p.test !== undefined).map((p) => p.step)).toEqual([10, 20, 30, 40]);
    expect(r.settings).toMatchObject({ bound: "infonce", batchSizeUsed: 32, nTrain: 300, nTest: 300, steps: 40 });
    // K_eval = 300/2 = 150: two held-out batches, one validates (chooses the checkpoint), one reports.
    expect(r.settings).toMatchObject({
      evalBatchSizeUsed: 150,
      validationBatches: 1,
      heldOutBatches: 1,
      separateValidation: true,
    });
    expect(r.logK).toBeCloseTo(Math.log(150), 12);
    // An explicit evaluation batch: ⌊300/32⌋ = 9 batches, 4 validate and 5 report.
    const k32 = await estimateNeural(sample, "infonce", { ...tiny, patience: 0, evalBatchSize: 32 });
    expect(k32.settings).toMatchObject({ evalBatchSizeUsed: 32, validationBatches: 4, heldOutBatches: 5 });
    expect(k32.logK).toBeCloseTo(Math.log(32), 12);
    // The checkpoint is the step with the best validation value on the curve.
    const evaluated = (r.curve ?? []).filter((p) => p.test !== undefined);
    const best = evaluated.reduce((a, p) => ((p.test as number) > (a.test as number) ? p : a));
    expect(r.settings.checkpointStep).toBe(best.step);
    expect(r.settings.stopReason).toBe("maxSteps");
    expect(r.estimateBits).toBeCloseTo(r.estimate / Math.LN2, 12);
    expect(r.ci95[1] - r.ci95[0]).toBeCloseTo(2 * 1.959963984540054 * r.stderr, 10);
    expect(r.n).toBe(600);
    expect(r.partial).toBeUndefined();
  });

  it("shrinks a batch larger than a split, with a warning", async () => {
    const small = getTask("1v1-normal-0.75").sample(50, 1);
    const r = await estimateNeural(small, "nwj", { ...tiny, batchSize: 256 });
    expect(r.settings.batchSizeUsed).toBe(25);
    expect(r.warnings.join(" ")).toMatch(/batch size 256 is larger than .* using K = 25/);
    expect(r.warnings.join(" ")).toMatch(/one evaluation batch of 25 rows/);
    // 25 held-out rows are enough for the jackknife (≥ 20), so there is still a standard error.
    expect(Number.isFinite(r.stderr)).toBe(true);
    const tinyHeldOut = await estimateNeural(getTask("1v1-normal-0.75").sample(30, 1), "nwj", {
      ...tiny,
      batchSize: 8,
    });
    expect(tinyHeldOut.warnings.join(" ")).toMatch(/too few for a standard error/);
    expect(Number.isNaN(tinyHeldOut.stderr)).toBe(true);
  });

  it("stops on the stop signal with a partial result, and reports progress", async () => {
    const stop = { stopped: false };
    const seen: number[] = [];
    const r = await estimateNeural(sample, "dv", {
      ...tiny,
      stop,
      onProgress: (done) => {
        seen.push(done);
        if (done === 7) stop.stopped = true;
      },
    });
    expect(r.partial).toBe(true);
    expect(r.settings.steps).toBe(7);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Number.isFinite(r.estimate)).toBe(true);
  });

  it("stops early on a held-out plateau", async () => {
    const r = await estimateNeural(sample, "infonce", {
      ...tiny,
      maxSteps: 5000,
      evalEvery: 5,
      patience: 2,
      minDelta: 10,
    });
    // minDelta 10 nats: nothing counts as an improvement after the first evaluation. Each plateau (2 evaluations,
    // 10 steps) first restores the best checkpoint and cuts the learning rate, twice by default, then stops:
    // 5 + 10 + 10 + 10 steps.
    expect(r.settings.stopReason).toBe("plateau");
    expect(r.settings.lrDecaysTaken).toBe(2);
    expect(r.settings.steps).toBe(35);
    const noDecay = await estimateNeural(sample, "infonce", {
      ...tiny,
      maxSteps: 5000,
      evalEvery: 5,
      patience: 2,
      minDelta: 10,
      lrDecays: 0,
    });
    expect(noDecay.settings.steps).toBe(15);
    expect(noDecay.settings.lrDecaysTaken).toBe(0);
  });

  it("copula: true makes the estimate invariant to increasing maps of single columns (the ranks are the same)", async () => {
    const base = getTask("1v1-normal-0.75").sample(600, 9);
    const warped = { x: { ...base.x, data: base.x.data.map((v) => v ** 3 + Math.exp(v)) }, y: base.y };
    const a = await estimateNeural(base, "infonce", { ...tiny, copula: true });
    const b = await estimateNeural(warped, "infonce", { ...tiny, copula: true });
    expect(b.estimate).toBe(a.estimate);
    expect(a.settings.copula).toBe(true);
    const plain = await estimateNeural(warped, "infonce", tiny);
    expect(plain.estimate).not.toBe(a.estimate);
  });

  it("decays the learning rate from the best checkpoint on a plateau", () => {
    const trainer = NeuralTrainer.create(sample, { ...tiny, bound: "infonce", lrDecay: 0.5, lrDecays: 1 });
    trainer.step(10);
    trainer.evaluateAndRecord();
    const best = trainer.critic.parameters.values.slice();
    trainer.step(10);
    expect(trainer.critic.parameters.values).not.toEqual(best);
    expect(trainer.decayOnPlateau()).toBe(true);
    // Both the parameters and the step size are those of the best evaluation now, at half the learning rate.
    expect(trainer.critic.parameters.values).toEqual(best);
    expect(trainer.learningRate).toBe(5e-4 * 0.5);
    expect(trainer.lrDecaysTaken).toBe(1);
    expect(trainer.decayOnPlateau()).toBe(false);
  });

  it("rejects bad input with codes that name the problem", async () => {
    const code = async (s: PairedSample, bound: BoundName, o: Record<string, unknown> = {}) => {
      try {
        await estimateNeural(s, bound, { ...tiny, ...o });
      } catch (e) {
        return isInfonceError(e) ? `${e.code} ${e.message}` : String(e);
      }
      return "no error";
    };
    const x = { rows: 4, cols: 1, data: new Float64Array([1, 2, 3, 4]) };
    expect(await code({ x, y: { rows: 3, cols: 1, data: new Float64Array(3) } }, "infonce")).toMatch(
      /^E_SHAPE x has 4 rows but y has 3/,
    );
    const nan = { rows: 4, cols: 1, data: new Float64Array([1, Number.NaN, 3, 4]) };
    expect(await code({ x, y: nan }, "infonce")).toMatch(/^E_VALUE y has NaN at row 1, column 0/);
    expect(await code({ x, y: { rows: 4, cols: 1, data: new Float64Array(4).fill(2) } }, "infonce")).toMatch(
      /^E_DATA every column of y is constant/,
    );
    expect(await code({ x, y: x }, "infonce", { batchSize: 1 })).toMatch(/^E_ARG batchSize must be an integer ≥ 2/);
    expect(await code({ x, y: x }, "infonce", { hidden: [0] })).toMatch(/^E_ARG hidden/);
    expect(await code({ x, y: x }, "bogus" as BoundName)).toMatch(/^E_UNKNOWN unknown bound "bogus"/);
    expect(await code({ x: { rows: 3, cols: 1, data: new Float64Array(3) }, y: x }, "infonce")).toMatch(/^E_SHAPE/);
  });
});

describe("trainer step API", () => {
  it("steps, evaluates, and allocates no typed arrays in the training loop", () => {
    const sample = getTask("gaussian-20d-rho0.5").sample(400, 2);
    for (const options of [
      { bound: "infonce" as const },
      { bound: "mine" as const, critic: "concat", hidden: [8, 8] },
      { bound: "alpha" as const, similarity: "cosine" },
    ]) {
      const trainer = NeuralTrainer.create(sample, { hidden: [16, 16], embed: 8, batchSize: 32, seed: 1, ...options });
      trainer.step(8); // warm-up: every buffer exists now (one epoch is 6 batches: a reshuffle happened too)
      const real = { f32: globalThis.Float32Array, f64: globalThis.Float64Array, i32: globalThis.Int32Array };
      let made = 0;
      const count = <T extends object>(c: T): T =>
        new Proxy(c, {
          construct(target, args) {
            made++;
            return Reflect.construct(target as never, args);
          },
        });
      const sub = real.f32.prototype.subarray;
      globalThis.Float32Array = count(real.f32);
      globalThis.Float64Array = count(real.f64);
      globalThis.Int32Array = count(real.i32);
      real.f32.prototype.subarray = function (this: Float32Array, ...args: [number?, number?]) {
        made++;
        return sub.apply(this, args);
      };
      try {
        trainer.step(20);
      } finally {
        globalThis.Float32Array = real.f32;
        globalThis.Float64Array = real.f64;
        globalThis.Int32Array = real.i32;
        real.f32.prototype.subarray = sub;
      }
      expect(made).toBe(0);
      expect(trainer.steps).toBe(28);
      const ev = trainer.evaluate();
      // Separable: K_eval = 200/2 = 100, two held-out batches, the second reports. Concat (MINE): K_eval = K = 32,
      // ⌊200/32⌋ = 6 batches, the last 3 report.
      const concat = options.critic === "concat";
      expect(ev.k).toBe(concat ? 32 : 100);
      expect(ev.batches).toBe(concat ? 3 : 1);
      expect(ev.values).toHaveLength(ev.batches);
      expect(Number.isFinite(ev.mean)).toBe(true);
    }
  });
});

describe("EstimateOptions.kernel", () => {
  it("runs training on the kernel passed in the options, leaving the process-wide one alone", async () => {
    const sample = getTask("1v1-normal-0.75").sample(400, 2);
    const own = createTsKernel();
    let calls = 0;
    const counting: Kernel = {
      ...own,
      gemm: (...args) => {
        calls++;
        own.gemm(...args);
      },
    };
    const before = getKernel();
    const opts = { batchSize: 32, hidden: [8], embed: 4, maxSteps: 5, evalEvery: 5, seed: 1 };
    const r = await estimateNeural(sample, "infonce", { ...opts, kernel: counting });
    expect(calls).toBeGreaterThan(0);
    expect(getKernel()).toBe(before);
    const plain = await estimateNeural(sample, "infonce", opts);
    expect(r.estimate).toBe(plain.estimate); // the same engine (TypeScript), so the same numbers
    await expect(
      estimateNeural(sample, "infonce", { ...opts, kernel: { gemm: () => {} } as unknown as Kernel }),
    ).rejects.toMatchObject({
      code: "E_ENGINE",
    });
  });
});
