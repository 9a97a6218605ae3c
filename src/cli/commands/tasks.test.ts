import { describe, expect, it } from "vitest";
import { run } from "../../../test/helpers/run-cli.js";
import { CMI_TASKS } from "../../cmi/cmi-tasks.js";

interface Listed {
  readonly tasks: { name: string; family: string }[];
  readonly cmiTasks: { name: string; family: string; dimZ: number; trueCMI: number; trueCMIBits: number }[];
}

/** I(X;Y|Z) of the noisy copy, worked out per value of Z: Y = X (4 values) with probability k, else uniform. */
function noisyCopyCmi(keeps: readonly number[]): number {
  const perZ = keeps.map((k) => {
    const hit = k + (1 - k) / 4;
    const miss = (1 - k) / 4;
    return Math.log(4) + hit * Math.log(hit) + 3 * miss * Math.log(miss);
  });
  return perZ.reduce((s, v) => s + v, 0) / keeps.length;
}

describe("infonce tasks lists the conditional-MI tasks of bench --suite cmi", () => {
  // Truths worked out here by hand, not read from the tasks: a wrong chain rule in a task would fail this.
  const exact: Record<string, number> = {
    "cmi-gaussian-common-cause-0.6": -0.5 * Math.log(1 - 0.6 ** 2),
    "cmi-gaussian-chain": 0,
    "cmi-discrete-noisy-copy": noisyCopyCmi([0.9, 0.5, 0.1]),
  };

  it("--json: every CMI task with its exact I(X;Y|Z), in nats and bits", async () => {
    const r = await run(["tasks", "--json"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as Listed;
    expect(data.cmiTasks.map((t) => t.name)).toEqual(CMI_TASKS.map((t) => t.name));
    expect(Object.keys(exact).sort()).toEqual(data.cmiTasks.map((t) => t.name).sort());
    for (const t of data.cmiTasks) {
      expect(t.trueCMI, t.name).toBeCloseTo(exact[t.name] as number, 12);
      expect(t.trueCMIBits).toBeCloseTo(t.trueCMI / Math.LN2, 12);
      expect(t.dimZ).toBe(1);
    }
    expect(data.tasks.length).toBeGreaterThan(0);
  });

  it("the table shows them with their truth and how to run them; --family cmi keeps only them", async () => {
    const all = await run(["tasks"]);
    expect(all.code).toBe(0);
    for (const [name, cmi] of Object.entries(exact)) {
      expect(all.out).toMatch(new RegExp(`${name} +1\\+1 \\| 1 +${cmi.toFixed(4)} `));
    }
    expect(all.out).toContain("infonce bench --suite cmi");
    const only = JSON.parse((await run(["tasks", "--family", "cmi", "--json"])).out) as Listed;
    expect(only.tasks).toEqual([]);
    expect(only.cmiTasks.length).toBe(CMI_TASKS.length);
    const text = await run(["tasks", "--family", "cmi"]);
    expect(text.out).not.toContain("infonce sample");
    expect(text.out).toContain("3 conditional-MI tasks");
    const gaussian = JSON.parse((await run(["tasks", "--family", "gaussian", "--json"])).out) as Listed;
    expect(gaussian.cmiTasks).toEqual([]);
    expect(gaussian.tasks.every((t) => t.family === "gaussian")).toBe(true);
  });

  it("a listed CMI task runs in bench by its name", async () => {
    const r = await run(["bench", "--tasks", "cmi-gaussian-chain", "--estimators", "gaussian-cmi", "--n", "300"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("cmi-gaussian-chain");
  });
});
