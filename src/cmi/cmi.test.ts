import { describe, expect, it } from "vitest";
import { ESTIMATORS } from "../estimators/index.js";
import { createRng } from "../math/rng.js";
import { CMI_ESTIMATORS, selectCmiEstimator } from "./auto-cmi.js";
import { CMI_TASKS, gaussianCmiTask } from "./cmi-tasks.js";
import type { ConditionalSample } from "./cmi-types.js";
import { ksgCmiValue } from "./ksg-cmi.js";

const task = (name: string) => {
  const t = CMI_TASKS.find((c) => c.name === name);
  if (t === undefined) throw new Error(name);
  return t;
};

describe("ground-truth CMI tasks", () => {
  it("exact values: −½ log(1 − ρ²) for the common cause, 0 for the chain, the table's sum for the discrete task", () => {
    expect(task("cmi-gaussian-common-cause-0.6").trueCMI).toBeCloseTo(-0.5 * Math.log(1 - 0.36), 12);
    expect(task("cmi-gaussian-chain").trueCMI).toBe(0);
    expect(task("cmi-gaussian-chain").trueMI).toBeGreaterThan(0.1);
    // Oracle for the discrete task: Σ_z p(z) I(X;Y|Z=z), each the MI of a noisy copy of a uniform 4-valued X:
    // with keep probability q, p(y=x) = q + (1−q)/4, p(y≠x) = (1−q)/4 each, H(Y) = log 4.
    const copyMI = (q: number): number => {
      const same = q + (1 - q) / 4;
      const other = (1 - q) / 4;
      return Math.log(4) + same * Math.log(same) + 3 * (other > 0 ? other * Math.log(other) : 0);
    };
    const exact = (copyMI(0.9) + copyMI(0.5) + copyMI(0.1)) / 3;
    expect(task("cmi-discrete-noisy-copy").trueCMI).toBeCloseTo(exact, 12);
  });
});

describe("conditional MI estimators at n = 10,000 (within 0.02 nats; the interval covers in most seeds)", () => {
  const cases = [
    ["cmi-gaussian-common-cause-0.6", "auto", "ksg-cmi"],
    ["cmi-gaussian-common-cause-0.6", "gaussian-cmi", "gaussian-cmi"],
    ["cmi-gaussian-chain", "auto", "ksg-cmi"],
    ["cmi-discrete-noisy-copy", "auto", "discrete-cmi"],
  ] as const;
  for (const [name, estimator, chosen] of cases) {
    it(`${name}, ${estimator}`, async () => {
      const t = task(name);
      let covered = 0;
      const seeds = [0, 1, 2];
      for (const seed of seeds) {
        const e = await (CMI_ESTIMATORS[estimator] as NonNullable<(typeof CMI_ESTIMATORS)["auto"]>).estimate(
          t.sample(10_000, seed),
          { seed, replicates: 10 },
        );
        expect(Math.abs(e.estimate - t.trueCMI)).toBeLessThan(0.02);
        expect(e.settings.choice ?? e.estimator).toBe(chosen);
        if (e.ci95[0] <= t.trueCMI && t.trueCMI <= e.ci95[1]) covered++;
      }
      expect(covered).toBeGreaterThanOrEqual(2);
    }, 120_000);
  }
});

describe("Frenzel–Pompe", () => {
  it("with a constant-free Z independent of everything it is KSG's I(X;Y) up to the Z counts (same order, n = 2000)", async () => {
    const t = gaussianCmiTask(
      "independent-z",
      "Z independent of (X, Y)",
      { rows: 3, cols: 3, data: Float64Array.from([1, 0.5, 0, 0.5, 1, 0, 0, 0, 1]) },
      1,
      1,
    );
    const s = t.sample(2000, 4);
    const cmi = await CMI_ESTIMATORS["ksg-cmi"]?.estimate(s, { replicates: 0 });
    const mi = await ESTIMATORS.ksg?.estimate({ x: s.x, y: s.y }, { replicates: 0 });
    expect(Math.abs((cmi?.estimate ?? 0) - (mi?.estimate ?? 0))).toBeLessThan(0.03);
    expect(Math.abs((cmi?.estimate ?? 0) - t.trueCMI)).toBeLessThan(0.04);
  });

  it("is exactly the brute-force formula on a small sample (oracle: O(n²) counts)", () => {
    const rng = createRng(2);
    const n = 60;
    const col = () => Float64Array.from({ length: n }, () => rng.normal());
    const x = col();
    const y = col();
    const z = col();
    const m = (d: Float64Array) => ({ rows: n, cols: 1, data: d });
    const dist = (a: number, b: number, cs: Float64Array[]) =>
      Math.max(...cs.map((c) => Math.abs((c[a] as number) - (c[b] as number))));
    const psi = (v: number) => {
      // ψ(v) for integers: −γ + Σ_{j<v} 1/j
      let s = -0.5772156649015329;
      for (let j = 1; j < v; j++) s += 1 / j;
      return s;
    };
    const k = 3;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = [...Array(n).keys()]
        .filter((j) => j !== i)
        .map((j) => dist(i, j, [x, y, z]))
        .sort((a, b) => a - b);
      const eps = d[k - 1] as number;
      const cnt = (cs: Float64Array[]) => [...Array(n).keys()].filter((j) => j !== i && dist(i, j, cs) < eps).length;
      sum += psi(cnt([x, z]) + 1) + psi(cnt([y, z]) + 1) - psi(cnt([z]) + 1);
    }
    expect(ksgCmiValue(m(x), m(y), m(z), k)).toBeCloseTo(psi(k) - sum / n, 10);
  });
});

describe("auto for CMI", () => {
  it("refuses a categorical/continuous mix with the choices (E_DATA)", () => {
    const n = 50;
    const s: ConditionalSample = {
      x: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => Math.sin(i)) },
      y: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => Math.cos(i * 1.3)) },
      z: { rows: n, cols: 1, data: Float64Array.from({ length: n }, (_, i) => i % 2) },
    };
    expect(() => selectCmiEstimator(s)).toThrow(/z categorical.*ksg-cmi/);
  });
});

describe("bad z is named z", () => {
  const n = 60;
  const col = (f: (i: number) => number) => ({
    rows: n,
    cols: 1,
    data: Float64Array.from({ length: n }, (_, i) => f(i)),
  });
  const x = col((i) => i % 4);
  const y = col((i) => (i * 7) % 5);
  it.each(Object.keys(CMI_ESTIMATORS))("%s: a constant z, a NaN in z, a constant y", async (name) => {
    const e = CMI_ESTIMATORS[name] as (typeof CMI_ESTIMATORS)[string];
    await expect(e.estimate({ x, y, z: col(() => 2) })).rejects.toMatchObject({
      code: "E_DATA",
      message: expect.stringMatching(/^every column of z is constant: .*I\(X;Y\|Z\) = I\(X;Y\)/),
    });
    await expect(e.estimate({ x, y, z: col((i) => (i === 5 ? Number.NaN : i % 3)) })).rejects.toMatchObject({
      code: "E_VALUE",
      message: expect.stringMatching(/^z has NaN at row 5/),
    });
    await expect(e.estimate({ x, y: col(() => 1), z: col((i) => i % 3) })).rejects.toMatchObject({
      code: "E_DATA",
      message: expect.stringMatching(/^every column of y is constant/),
    });
  });
});
