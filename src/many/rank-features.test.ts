import { describe, expect, it } from "vitest";
import { rankFixture, readCsvTable } from "../../test/fixtures/many/load.js";
import { ESTIMATORS } from "../estimators/index.js";
import { ksgTerms } from "../estimators/ksg-mi.js";
import { createRng } from "../math/rng.js";
import { ksgSortedPair } from "./ksg-sorted-pair.js";
import type { ColumnTable } from "./many-types.js";
import { rankFeatures } from "./rank-features.js";
import { rawColumn, sortedColumn } from "./sorted-column.js";

const table = readCsvTable(rankFixture.csv);

describe("rankFeatures", () => {
  it("--estimator ksg, k = 3 equals scikit-learn's mutual_info_regression within 0.01 nats (after its clip at 0)", async () => {
    const r = await rankFeatures(table, "y", { estimator: "ksg", settings: { k: 3, replicates: 0 } });
    expect(r.features).toHaveLength(rankFixture.sklearn.d);
    for (const f of r.features) {
      const ref = rankFixture.sklearn.features[f.name] as number;
      expect(Math.abs(Math.max(0, f.estimate) - ref)).toBeLessThan(0.01);
    }
    // The informative features come first, in sklearn's order (the rest are ~0 and tie there).
    const ranked = Object.entries(rankFixture.sklearn.features).filter(([, v]) => v > 0.01);
    expect(r.features.slice(0, ranked.length).map((f) => f.name)).toEqual(
      rankFixture.sklearn.top5.slice(0, ranked.length),
    );
  });

  it("each feature's estimate and subsample interval are the ksg estimator's on that pair, bit for bit", async () => {
    const r = await rankFeatures(table, "y", { estimator: "ksg", features: ["f00", "f03"], seed: 4 });
    const y = { rows: table.rows, cols: 1, data: table.columns[table.names.indexOf("y")] as Float64Array };
    for (const f of r.features) {
      const x = { rows: table.rows, cols: 1, data: table.columns[table.names.indexOf(f.name)] as Float64Array };
      const e = await (ESTIMATORS.ksg as NonNullable<(typeof ESTIMATORS)["ksg"]>).estimate({ x, y }, { seed: 4 });
      expect(f.estimate).toBe(e.estimate);
      expect(f.ci95).toEqual(e.ci95);
      expect(f.estimator).toBe("ksg");
    }
  });

  it("auto picks per feature: KSG on copula data for continuous, discrete for a categorical pair", async () => {
    const rng = createRng(3);
    const n = 600;
    const c = new Float64Array(n);
    const t = new Float64Array(n);
    const u = new Float64Array(n);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      c[i] = rng.int(3);
      t[i] = (c[i] as number) === 0 ? rng.int(2) : (c[i] as number);
      u[i] = rng.normal() + (t[i] as number);
      z[i] = rng.normal();
    }
    const tab: ColumnTable = { rows: n, names: ["c", "u", "z", "t"], columns: [c, u, z, t] };
    const r = await rankFeatures(tab, "t", { settings: { replicates: 4 } });
    const by = Object.fromEntries(r.features.map((f) => [f.name, f]));
    expect(by.c?.estimator).toBe("discrete");
    // A categorical target with a continuous feature: auto's classifier bound or Ross's estimator.
    expect(["classifier", "mixed"]).toContain(by.u?.estimator);
    expect(r.features[0]?.name).toBe("c");
    const auto = await rankFeatures(tab, "u", { features: ["z"], settings: { replicates: 4 } });
    expect(auto.features[0]?.estimator).toBe("ksg");
  });

  it("refuses a missing target, a constant feature and a target among the features", async () => {
    await expect(rankFeatures(table, "why")).rejects.toMatchObject({ code: "E_UNKNOWN" });
    const constant: ColumnTable = {
      ...table,
      names: [...table.names, "k"],
      columns: [...table.columns, new Float64Array(table.rows).fill(2)],
    };
    await expect(rankFeatures(constant, "y", { estimator: "ksg" })).rejects.toMatchObject({
      code: "E_DATA",
      message: expect.stringMatching(/column 'k' is constant/),
    });
    await expect(rankFeatures(table, "y", { features: ["y"] })).rejects.toMatchObject({ code: "E_ARG" });
  });
});

describe("ksgSortedPair", () => {
  it("equals ksgTerms bit for bit: continuous, heavy ties, duplicates, k = 1 and 5", () => {
    const rng = createRng(11);
    const n = 700;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const ties = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = rng.normal();
      b[i] = (a[i] as number) + rng.normal();
      ties[i] = rng.int(4);
    }
    b[5] = b[6] as number; // a duplicate row
    a[5] = a[6] as number;
    const col = (data: Float64Array) => ({ rows: n, cols: 1, data });
    for (const [x, y] of [
      [a, b],
      [a, ties],
      [ties, b],
    ] as const) {
      for (const k of [1, 3, 5]) {
        for (const prep of ["standardize", "copula", "none"] as const) {
          const sx = sortedColumn(rawColumn(x), prep);
          const sy = sortedColumn(rawColumn(y), prep);
          expect(ksgSortedPair(sx, sy, k)).toBe(ksgTerms(col(sx.values), col(sy.values), k, 1).mi);
        }
      }
    }
  });
});
