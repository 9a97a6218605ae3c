import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../test/helpers/expect-code.js";
import { fakeEstimate } from "../../test/helpers/fake-estimate.js";
import { InfonceError } from "../errors.js";
import { getTask } from "../tasks/registry.js";
import type { Estimate, EstimateOptions, Estimator, PairedSample } from "../types.js";
import { benchmarkJson, benchmarkMarkdown } from "./render-benchmark.js";
import { runBenchmark } from "./run-benchmark.js";

// Estimators made for these tests only (never registered): they exercise success, failure and bad output.
function constant(value: number, halfWidth: number, extra: Partial<Estimate> = {}): Estimator {
  return {
    name: `const-${value}`,
    kind: "classical",
    description: "returns a constant (test only)",
    estimate: async () => fakeEstimate(`const-${value}`, value, [value - halfWidth, value + halfWidth], extra),
  };
}

const throwsInfonce: Estimator = {
  name: "throws",
  kind: "neural",
  description: "always throws an InfonceError (test only)",
  estimate: async () => {
    throw new InfonceError("E_DATA", "x has a constant column 0; it carries no information");
  },
};
const throwsPlain: Estimator = {
  name: "bug",
  kind: "classical",
  description: "throws a TypeError (test only)",
  estimate: async () => {
    throw new TypeError("cannot read properties of undefined");
  },
};
const returnsNaN: Estimator = {
  name: "nan",
  kind: "classical",
  description: "returns NaN (test only)",
  estimate: async () => fakeEstimate("nan", Number.NaN, [Number.NaN, Number.NaN]),
};

function recorder(): Estimator & { calls: { sample: PairedSample; options: EstimateOptions | undefined }[] } {
  const calls: { sample: PairedSample; options: EstimateOptions | undefined }[] = [];
  return {
    name: "recorder",
    kind: "classical",
    description: "records its inputs (test only)",
    calls,
    estimate: async (sample, options) => {
      calls.push({ sample, options });
      return fakeEstimate("recorder", 0.1, [0, 0.2]);
    },
  };
}

/** A clock that advances 250 ms per reading, so times are exact. */
function fakeClock(): () => number {
  let t = 0;
  return () => {
    t += 250;
    return t;
  };
}

const normal = getTask("1v1-normal-0.75");
const indep = getTask("independent-normal-5-5");

describe("runBenchmark", () => {
  it("runs estimators × tasks × seeds, joins the truth, and records failures as rows without stopping", async () => {
    const events: number[] = [];
    const r = await runBenchmark({
      estimators: [constant(0.5, 0.1), throwsInfonce, throwsPlain, returnsNaN],
      tasks: [normal, indep],
      seeds: [0, 1, 2],
      n: 50,
      now: fakeClock(),
      onProgress: (e) => {
        expect(e.total).toBe(24);
        events.push(e.done);
      },
    });
    expect(r.rows.length).toBe(24);
    expect(events).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(r.partial).toBe(false);
    const ok = r.rows.filter((x) => x.status === "ok");
    expect(ok.length).toBe(6);
    const first = ok[0];
    expect(first).toMatchObject({ estimator: "const-0.5", task: normal.name, seed: 0, n: 50, estimate: 0.5 });
    expect(first?.truth).toBe(normal.trueMI);
    expect(first?.error).toBeCloseTo(0.5 - normal.trueMI, 15);
    expect(first?.covered).toBe(true); // 0.413 ∈ [0.4, 0.6]
    expect(first?.seconds).toBe(0.25); // one clock tick between start and end of the call
    const onIndep = ok.find((x) => x.task === indep.name);
    expect(onIndep?.covered).toBe(false);
    const failed = r.rows.filter((x) => x.status === "failed");
    expect(failed.length).toBe(18);
    expect(failed.find((x) => x.estimator === "throws")?.message).toBe(
      "E_DATA: x has a constant column 0; it carries no information",
    );
    expect(failed.find((x) => x.estimator === "bug")?.message).toBe("TypeError: cannot read properties of undefined");
    expect(failed.find((x) => x.estimator === "nan")?.message).toMatch(/non-finite estimate \(NaN\)/);
    for (const f of failed) {
      expect(f.estimate).toBeNaN();
      expect(f.ci95).toBeNull();
      expect(f.covered).toBeNull();
    }
  });

  it("aggregates per (estimator, task): mean, sd, bias, |error|, relative error, coverage, time, failures", async () => {
    const r = await runBenchmark({
      estimators: [constant(0.5, 0.1), throwsInfonce],
      tasks: [normal, indep],
      seeds: [3, 4],
      n: 20,
      now: fakeClock(),
    });
    const s = r.summary.find((x) => x.estimator === "const-0.5" && x.task === normal.name);
    expect(s).toMatchObject({ runs: 2, failed: 0, meanEstimate: 0.5, sdEstimate: 0, coverage: 1, meanSeconds: 0.25 });
    expect(s?.meanError).toBeCloseTo(0.5 - normal.trueMI, 15);
    expect(s?.relativeError).toBeCloseTo((0.5 - normal.trueMI) / normal.trueMI, 15);
    const z = r.summary.find((x) => x.estimator === "const-0.5" && x.task === indep.name);
    expect(z).toMatchObject({ relativeError: null, coverage: 0, meanAbsError: 0.5 });
    const f = r.summary.find((x) => x.estimator === "throws" && x.task === indep.name);
    expect(f).toMatchObject({ runs: 2, failed: 2, coverage: null });
    expect(f?.meanEstimate).toBeNaN();
    expect(f?.failures).toEqual(["E_DATA: x has a constant column 0; it carries no information"]);
    expect(r.summary.length).toBe(4);
  });

  it("draws each (task, seed) sample once, shares it across estimators, and passes seed and settings", async () => {
    const a = recorder();
    const b = { ...recorder(), name: "recorder-b" };
    await runBenchmark({
      estimators: [a, b],
      tasks: [normal],
      seeds: [5, 6],
      n: 30,
      estimatorOptions: { recorder: { k: 7 } },
    });
    expect(a.calls.length).toBe(2);
    expect(a.calls[0]?.options).toMatchObject({ seed: 5, k: 7 });
    expect(a.calls[1]?.options).toMatchObject({ seed: 6, k: 7 });
    expect(b.calls[0]?.sample).toBe(a.calls[0]?.sample);
    expect(b.calls[0]?.options).toEqual({ seed: 5 });
    expect(Array.from(a.calls[0]?.sample.x.data ?? [])).toEqual(Array.from(normal.sample(30, 5).x.data));
  });

  it("records a sampler failure for every estimator of that (task, seed)", async () => {
    const broken = {
      ...normal,
      name: "broken",
      sample: () => {
        throw new InfonceError("E_VALUE", "bad law");
      },
    };
    const r = await runBenchmark({ estimators: [constant(1, 0.1), throwsPlain], tasks: [broken], seeds: [0], n: 10 });
    expect(r.rows.map((x) => x.message)).toEqual([
      "sampling failed: E_VALUE: bad law",
      "sampling failed: E_VALUE: bad law",
    ]);
  });

  it("stops between runs when asked and returns the partial result", async () => {
    const stop = { stopped: false };
    const r = await runBenchmark({
      estimators: [constant(0.5, 0.1)],
      tasks: [normal, indep],
      seeds: [0, 1, 2],
      n: 10,
      stop,
      onProgress: (e) => {
        if (e.done === 2) stop.stopped = true;
      },
    });
    expect(r.partial).toBe(true);
    expect(r.rows.length).toBe(2);
  });

  it("leaves out a run that the stop signal cut short (its estimate is only the estimate so far)", async () => {
    const stop = { stopped: false };
    const stopping: Estimator = {
      name: "stopping",
      kind: "neural",
      description: "is stopped during its first run and returns the estimate so far (test only)",
      estimate: async () => {
        stop.stopped = true;
        return fakeEstimate("stopping", 0.2, [0.1, 0.3], { partial: true });
      },
    };
    const r = await runBenchmark({ estimators: [stopping], tasks: [normal], seeds: [0, 1], n: 10, stop });
    expect(r.partial).toBe(true);
    expect(r.rows.length).toBe(0);
  });

  it("validates its options", async () => {
    const base = { estimators: [constant(1, 0.1)], tasks: [normal], seeds: [0], n: 10 };
    await expectCodeAsync(runBenchmark({ ...base, estimators: [] }), "E_ARG", /estimators is empty/);
    await expectCodeAsync(runBenchmark({ ...base, tasks: [] }), "E_ARG", /tasks is empty/);
    await expectCodeAsync(runBenchmark({ ...base, seeds: [] }), "E_ARG", /seeds is empty/);
    await expectCodeAsync(runBenchmark({ ...base, n: 1 }), "E_ARG", /n must be an integer ≥ 2, got 1/);
    await expectCodeAsync(runBenchmark({ ...base, seeds: [0.5] }), "E_ARG", /seeds must be integers, got 0\.5/);
    await expectCodeAsync(
      runBenchmark({ ...base, tasks: [normal, normal] }),
      "E_ARG",
      /task '1v1-normal-0\.75' is listed twice/,
    );
  });
});

describe("rendering", () => {
  it("markdown: side-by-side and detail tables, saturation marks, failures; JSON: parses, NaN → null", async () => {
    const r = await runBenchmark({
      estimators: [constant(0.5, 0.1, { saturated: true, logK: 0.52 }), throwsInfonce],
      tasks: [normal, indep],
      seeds: [0, 1],
      n: 10,
      now: fakeClock(),
    });
    const md = benchmarkMarkdown(r, { command: "infonce bench --n 10" });
    expect(md).toContain("```sh\ninfonce bench --n 10\n```");
    expect(md).toContain("n = 10 per run; seeds 0, 1; 2 tasks × 2 estimators = 8 runs");
    expect(md).toContain("| task | true MI | const-0.5 | throws |");
    const rel = ((100 * (0.5 - normal.trueMI)) / normal.trueMI).toFixed(0);
    expect(md).toContain(`| 1v1-normal-0.75 | 0.413 | 0.500 (${rel}%) ⚠ | failed |`);
    expect(md).toContain("| independent-normal-5-5 | 0.000 | 0.500 (±0.500) ⚠ | failed |");
    expect(md).toContain(
      "| 1v1-normal-0.75 | const-0.5 | 0.413 | 0.500 ± 0.000 | 0.087 | 0.087 | 21% | 2/2 | 0.25 | 0/2 |",
    );
    expect(md).toContain("- throws on 1v1-normal-0.75: E_DATA: x has a constant column 0; it carries no information");
    const huge = await runBenchmark({ estimators: [constant(-2.5e52, 1)], tasks: [normal], seeds: [0], n: 10 });
    expect(benchmarkMarkdown(huge)).toContain("| 1v1-normal-0.75 | 0.413 | -2.50e+52 (6.0e+54%) |");
    const json = JSON.parse(benchmarkJson(r)) as { rows: { estimate: number | null }[]; summary: unknown[] };
    expect(json.rows.length).toBe(8);
    expect(json.rows.filter((x) => x.estimate === null).length).toBe(4);
    expect(json.summary.length).toBe(4);
  });

  it("markdown: auto's rows say which estimator it ran; a zero never shows a sign", async () => {
    const chooser = (value: number): Estimator => ({
      name: "auto",
      kind: "classical",
      description: "reports a choice like auto (test only)",
      estimate: async (_s, o) =>
        fakeEstimate("auto", value, [value - 0.1, value + 0.1], {
          settings: { choice: (o?.seed ?? 0) === 0 ? "ksg" : "gaussian" },
        }),
    });
    const r = await runBenchmark({ estimators: [chooser(-0.0001)], tasks: [indep], seeds: [0, 1, 2], n: 10 });
    expect(r.summary[0]?.choices).toEqual(["ksg ×1", "gaussian ×2"]);
    const md = benchmarkMarkdown(r);
    expect(md).toContain("| time/run (s) | failed | auto ran |");
    expect(md).toMatch(
      /\| independent-normal-5-5 \| auto \| 0\.000 \| 0\.000 ± 0\.000 \| .* \| 0\/3 \| ksg ×1, gaussian ×2 \|/,
    );
    expect(md).toContain("| independent-normal-5-5 | 0.000 | 0.000 (±0.000) |");
  });
});
