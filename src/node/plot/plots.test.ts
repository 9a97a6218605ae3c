import { describe, expect, it } from "vitest";
import { estimatesSpec } from "../../plots/estimates-spec.js";
import { trainingCurveSpec } from "../../plots/training-curve-spec.js";
import { escapeHtml, renderReport } from "../report/render-report.js";
import { specToSvg } from "./spec-to-svg.js";
import { svgToPng } from "./svg-to-png.js";

const curve = Array.from({ length: 20 }, (_, i) => ({
  step: i,
  train: 1 - Math.exp(-i / 5),
  ...(i % 4 === 0 ? { test: 0.9 - Math.exp(-i / 5) } : {}),
}));

describe("plots: Vega-Lite specs rendered headless", () => {
  it("a training curve has both series, the truth and log K rules, and axis titles", async () => {
    const svg = await specToSvg(trainingCurveSpec(curve, { trueMI: 1.2, logK: Math.log(64) }));
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["Training curve", "training step", "MI estimate (nats)", "held-out", "true MI", "log K"]) {
      expect(svg).toContain(text);
    }
  });
  it("estimates vs truth: one row per estimator, labelled truth", async () => {
    const svg = await specToSvg(
      estimatesSpec(
        [
          { estimator: "ksg", estimate: 0.98, lo: 0.9, hi: 1.05 },
          { estimator: "gaussian", estimate: 1.01, lo: null, hi: null },
        ],
        { trueMI: 1.0217 },
      ),
    );
    expect(svg).toContain("ksg");
    expect(svg).toContain("gaussian");
    expect(svg).toContain("true MI 1.022");
  });
  it("rasterises to a PNG of the SVG's size × scale", async () => {
    const svg = await specToSvg(estimatesSpec([{ estimator: "a", estimate: 1, lo: 0.5, hi: 1.5 }]));
    const png = await svgToPng(svg, 2);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(view.getUint32(16)).toBe(width * 2);
  });
});

describe("renderReport", () => {
  it("is one self-contained HTML file: inline SVG, escaped text, settings as JSON", async () => {
    const svg = await specToSvg(estimatesSpec([{ estimator: "a", estimate: 1, lo: 0.5, hi: 1.5 }]));
    const html = renderReport({
      title: "t <1>",
      command: "infonce estimate a.csv",
      tables: [{ caption: "c", header: ["", "nats"], rows: [["estimate", "1.0000"]] }],
      plots: [{ caption: "p", svg }],
      warnings: ["<script>"],
      settings: { k: 3 },
    });
    expect(html).toContain("<svg");
    expect(html).toContain("t &lt;1&gt;");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;k&quot;: 3");
    expect(html).not.toMatch(/<(link|img|script)[^>]+(src|href)=/);
    expect(escapeHtml(`&"'`)).toBe("&amp;&quot;&#39;");
  });
});
