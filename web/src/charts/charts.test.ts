import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { computeTheory, gaussianTheoryLaw } from "../../../src/index.js";
import { formatMI, unitFactor } from "../units.js";
import { THEORY_DATA, theoryPoints, theorySpec } from "./theory-spec.js";
import { CURVE_DATA, REFERENCE_DATA, referenceRows, trainingSpec, yRange } from "./training-spec.js";

/** Renders a Vega-Lite spec with inline datasets to an SVG string, headless (what vega-embed does in the page). */
async function renderSvg(spec: TopLevelSpec, datasets: Record<string, object[]>): Promise<string> {
  const vega = compile({ ...spec, width: 600, datasets } as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

describe("units", () => {
  it("converts nats to bits by dividing by ln 2", () => {
    expect(unitFactor("nats")).toBe(1);
    expect(unitFactor("bits")).toBeCloseTo(1 / Math.LN2, 15);
    expect(formatMI(Math.LN2, "bits")).toBe("1.000 bits");
    expect(formatMI(Number.NaN, "nats")).toBe("—");
  });
});

describe("training chart", () => {
  const rows = [
    { estimator: "InfoNCE", step: 0, nats: 0.1 },
    { estimator: "InfoNCE", step: 25, nats: 0.6 },
  ];

  it("draws log K and the true MI as labelled rules, in the chosen unit", async () => {
    const refs = referenceRows(0.8266, 64);
    expect(refs.map((r) => r.nats)).toEqual([0.8266, Math.log(64)]);
    const nats = await renderSvg(trainingSpec("nats", ["InfoNCE"], 1000), {
      [REFERENCE_DATA]: refs,
      [CURVE_DATA]: rows,
    });
    expect(nats).toContain('aria-label="log K (K = 64) = 4.159 nats"');
    expect(nats).toContain('aria-label="true MI = 0.827 nats"');
    expect(nats).toContain("estimate (nats)");
    const bits = await renderSvg(trainingSpec("bits", ["InfoNCE"], 1000), {
      [REFERENCE_DATA]: refs,
      [CURVE_DATA]: rows,
    });
    expect(bits).toContain('aria-label="log K (K = 64) = 6.000 bits"');
    expect(bits).toContain("estimate (bits)");
  });

  it("keeps its frame when an estimate diverges: clipped to the range, marked, exact value in the label", async () => {
    const [lo, hi] = yRange(0.8266, Math.log(64));
    expect(hi).toBeCloseTo(1.25 * Math.log(64) + 0.1, 12);
    const svg = await renderSvg(trainingSpec("nats", ["NWJ"], 1000, { trueMI: 0.8266, logK: Math.log(64) }), {
      [REFERENCE_DATA]: referenceRows(0.8266, 64),
      [CURVE_DATA]: [
        { estimator: "NWJ", step: 0, nats: 0.2 },
        { estimator: "NWJ", step: 25, nats: -15.25 },
        { estimator: "NWJ", step: 50, nats: 40 },
      ],
    });
    // d3-format writes the minus sign as U+2212.
    expect(svg).toContain('aria-label="NWJ at step 25: −15.250 nats, below the chart"');
    expect(svg).toContain('aria-label="NWJ at step 50: 40.000 nats, above the chart"');
    expect(lo).toBeLessThan(0);
    expect(svg).not.toContain("at step 0:");
  });

  it("renders before any point exists (the chart a reader sees before pressing Train)", async () => {
    const svg = await renderSvg(trainingSpec("nats", ["InfoNCE", "NWJ"], 1500), {
      [REFERENCE_DATA]: referenceRows(1, 16),
      [CURVE_DATA]: [],
    });
    expect(svg).toContain('aria-label="log K (K = 16) = 2.773 nats"');
  });
});

describe("theory chart", () => {
  const result = computeTheory({
    seed: 3,
    rounds: 2,
    ks: [2, 4, 8],
    laws: [gaussianTheoryLaw({ name: "g", description: "test law", rho: 0.8, d: 1 })],
  });
  const law = result.laws[0]!;

  it("has one point per series and K, the library's means and standard errors unchanged", () => {
    const points = theoryPoints(law);
    expect(points).toHaveLength(5 * 3);
    const at4 = law.rows.find((r) => r.K === 4)!;
    expect(points.find((p) => p.series === "optimal" && p.K === 4)).toEqual({
      series: "optimal",
      K: 4,
      nats: at4.optimal.mean,
      se: at4.optimal.se,
    });
    expect(points.find((p) => p.series === "logK" && p.K === 8)?.nats).toBe(Math.log(8));
    expect(points.filter((p) => p.series === "trueMI").every((p) => p.nats === law.trueMI)).toBe(true);
  });

  it("renders a line per series with the critic's name as its label", async () => {
    const svg = await renderSvg(theorySpec("bits"), { [THEORY_DATA]: theoryPoints(law) });
    for (const label of [
      "optimal critic pmi(x, y)",
      "article's critic log p(x, y)",
      "random critic",
      "log K (ceiling)",
    ]) {
      expect(svg).toContain(`aria-label="${label}"`);
    }
    expect(svg).toMatch(
      /aria-label="optimal critic pmi\(x, y\) at K = 4, ±2 standard errors: -?\d\.\d{3} to \d\.\d{3} bits"/,
    );
    expect(svg).toContain("bound (bits)");
  });
});
