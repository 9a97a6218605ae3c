import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../test/helpers/expect-code.js";
import { getTask } from "../tasks/registry.js";
import type { Estimate, Estimator, PairedSample, SettingSpecs } from "../types.js";
import { ESTIMATORS, ESTIMATORS_BY_NAME } from "./index.js";
import { readSetting } from "./read-settings.js";

/**
 * Every estimator's options are typed by its descriptor (`estimator.settings`) and checked against it at run time:
 * a typo'd or ill-typed setting is an E_ARG error naming the key and the closest valid one, never ignored.
 */

const continuous = getTask("multinormal-dense-2-2-0.5").sample(400, 1);

/** x: a label with 3 classes (integer codes); y: two continuous columns that depend on it. */
function labelled(n: number): PairedSample {
  const x = new Float64Array(n);
  const y = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x[i] = c;
    y[2 * i] = c + Math.sin(i * 12.9898) * 0.8;
    y[2 * i + 1] = Math.cos(i * 78.233) * 0.8 - c;
  }
  return { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: 2, data: y } };
}

/** Both sides categorical (codes 0–3), dependent. */
function table(n: number): PairedSample {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i % 4;
    y[i] = (i % 4 === 0 ? 1 : i % 4) + (i % 7 === 0 ? 1 : 0);
  }
  return { x: { rows: n, cols: 1, data: x }, y: { rows: n, cols: 1, data: y } };
}

const FAST_NEURAL = { maxSteps: 4, batchSize: 32, hidden: [8], embed: 4, evalEvery: 2 } as const;

describe("typed options, at compile time", () => {
  it("ESTIMATORS has literal keys and each entry takes its own options", async () => {
    // @ts-expect-error: a typo'd estimator name does not compile
    expect(ESTIMATORS.infonze).toBeUndefined();
    // @ts-expect-error: maxStep is not a setting (maxSteps is)
    const typo = ESTIMATORS.infonce.estimate(continuous, { maxStep: 20 });
    await expect(typo).rejects.toThrow(/infonce has no setting 'maxStep'; did you mean 'maxSteps'\?/);
    // @ts-expect-error: k is an integer, not a string
    await expect(ESTIMATORS.ksg.estimate(continuous, { k: "5" })).rejects.toThrow(/k must be an integer ≥ 1, got 5/);
    const r = await ESTIMATORS.ksg.estimate(continuous, { k: 5, replicates: 0 });
    // Typed settings: no cast needed to read them.
    const k: number = r.settings.k;
    const copula: boolean = r.settings.copula;
    expect([k, copula]).toEqual([5, false]);
  });
});

describe("unknown or ill-typed options at run time", () => {
  it("every registered estimator refuses an unknown key, naming the closest valid one", async () => {
    for (const est of Object.values(ESTIMATORS_BY_NAME)) {
      await expectCodeAsync(
        est.estimate(continuous, { seeed: 1 }),
        "E_ARG",
        /has no setting 'seeed'; did you mean 'seed'\?/,
      );
    }
    await expectCodeAsync(
      ESTIMATORS_BY_NAME.gaussian?.estimate(continuous, { copla: true }) ?? Promise.resolve(),
      "E_ARG",
      /gaussian has no setting 'copla'; did you mean 'copula'\?/,
    );
  });

  it("auto takes any setting of the estimators it may run, passes each only its own, and refuses the rest", async () => {
    // k is KSG's, maxSteps the neural estimators': on 2+2 continuous data auto runs KSG, which gets k.
    const r = await ESTIMATORS.auto.estimate(continuous, { k: 5, maxSteps: 10, replicates: 0 });
    expect(r.settings.choice).toBe("ksg");
    expect(r.settings.k).toBe(5);
    await expectCodeAsync(
      ESTIMATORS_BY_NAME.auto?.estimate(continuous, { maxStep: 10 }) ?? Promise.resolve(),
      "E_ARG",
      /did you mean 'maxSteps'/,
    );
    // A value no estimator accepts for its key: k is an integer for ksg and mixed alike.
    await expectCodeAsync(
      ESTIMATORS_BY_NAME.auto?.estimate(continuous, { k: 0 }) ?? Promise.resolve(),
      "E_ARG",
      /k must be an integer ≥ 1/,
    );
    // uncertainty: bootstrap is the gaussian's and the discrete's, not KSG's: accepted by auto, refused by KSG.
    await expectCodeAsync(
      ESTIMATORS_BY_NAME.auto?.estimate(continuous, { uncertainty: "bootstrap" }) ?? Promise.resolve(),
      "E_ARG",
      /uncertainty must be one of subsample, half-sample, none/,
    );
  });
});

/** Reported settings that are not the option of the same name (documented in each estimator's settings type). */
const REPORTED_OTHERWISE: Readonly<Record<string, readonly string[]>> = {
  mixed: ["method"], // the method that ran: ross, gao or table
};

async function run(name: string, est: Estimator): Promise<Estimate> {
  if (est.kind === "neural") return est.estimate(continuous, FAST_NEURAL);
  if (name === "discrete") return est.estimate(table(400));
  if (name === "mixed") return est.estimate(labelled(300), { replicates: 2 });
  if (name === "classifier") return est.estimate(labelled(300), { maxEpochs: 5 });
  if (name === "regression" || name === "knn-classifier" || name === "hurdle") return est.estimate(labelled(300));
  return est.estimate(continuous, { replicates: 2 });
}

describe("every setting is reported back", () => {
  it("each estimator's settings hold every setting of its descriptor, valid for it", async () => {
    for (const [name, est] of Object.entries(ESTIMATORS_BY_NAME)) {
      if (name === "auto") continue; // reports the chosen estimator's settings
      const specs = est.settings as SettingSpecs;
      const r = await run(name, est);
      for (const [key, spec] of Object.entries(specs)) {
        expect(Object.hasOwn(r.settings, key), `${name}: settings.${key}`).toBe(true);
        if (REPORTED_OTHERWISE[name]?.includes(key) || (key === "critic" && est.kind === "neural")) continue;
        expect(() => readSetting(key, spec, r.settings[key]), `${name}: settings.${key}`).not.toThrow();
      }
    }
  }, 120_000);
});
