import { describe, expect, it } from "vitest";
import type { Estimate } from "../types.js";
import { ESTIMATE_SCHEMA_VERSION, estimateJson } from "./estimate-json.js";
import { formatEstimate } from "./format-estimate.js";

const base: Estimate = {
  estimator: "ksg",
  estimate: 0.5,
  estimateBits: 0.5 / Math.LN2,
  stderr: Number.NaN,
  ci95: [0.4, 0.6],
  n: 1000,
  logK: null,
  saturated: false,
  warnings: ["w1"],
  seconds: 0.25,
  settings: { k: 3, seed: 7 },
};

describe("estimateJson (schema version 1)", () => {
  it("has exactly the documented fields, NaN as null, and survives a JSON round trip", () => {
    const j = estimateJson(base, { files: ["a.csv"], x: { columns: ["x0"] }, y: { columns: ["y0"] }, setAside: [] });
    expect(Object.keys(j).sort()).toEqual(
      [
        "schemaVersion",
        "estimator",
        "estimate",
        "estimateBits",
        "stderr",
        "ci95",
        "n",
        "logK",
        "saturated",
        "partial",
        "warnings",
        "seconds",
        "settings",
        "input",
      ].sort(),
    );
    expect(j.schemaVersion).toBe(ESTIMATE_SCHEMA_VERSION);
    expect(j.stderr).toBeNull();
    expect(j.partial).toBe(false);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
  it("keeps log K, the partial flag and the curve of a stopped neural run", () => {
    const j = estimateJson({ ...base, logK: Math.log(256), partial: true, curve: [{ step: 1, train: 0.1 }] });
    expect(j.logK).toBeCloseTo(5.545177444479562, 15);
    expect(j.partial).toBe(true);
    expect(j.curve).toEqual([{ step: 1, train: 0.1 }]);
  });
});

describe("formatEstimate", () => {
  it("prints nats and bits, the interval, log K and warnings", () => {
    const text = formatEstimate(estimateJson({ ...base, logK: Math.log(64), partial: true }));
    expect(text).toContain("PARTIAL");
    expect(text).toMatch(/estimate\s+0\.5000\s+0\.7213/);
    expect(text).toMatch(/95% interval\s+\[0\.4000, 0\.6000\]\s+\[0\.5771, 0\.8656\]/);
    expect(text).toMatch(/std\. error\s+—/);
    expect(text).toMatch(/log K\s+4\.1589\s+6\.0000/);
    expect(text).toContain("  - w1");
  });
});
