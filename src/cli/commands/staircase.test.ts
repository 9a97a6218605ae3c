import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";

const { dir } = tempDir();

describe("infonce staircase", () => {
  it("writes the curves as JSON and the figure as SVG, and prints the two facts", async () => {
    const json = join(dir, "s.json");
    const svg = join(dir, "s.svg");
    const r = await run([
      "staircase",
      ...["--steps", "4", "--dim", "2", "--levels", "1,3", "--batch", "4", "--hidden", "8", "--embed", "4"],
      ...["--out", json, "--plot", svg],
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/InfoNCE ceiling \(separable\): at true I = 3 nats/);
    expect(r.out).toMatch(/NWJ variance \(concat\):/);
    const data = JSON.parse(readFileSync(json, "utf8"));
    expect(data.command).toMatch(/^infonce staircase --steps 4 --batch 4 --levels 1,3/);
    expect(data.runs).toHaveLength(10);
    expect(data.runs[0].values).toHaveLength(8);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
  });

  it("rejects bad flags before any work", async () => {
    const r = await run(["staircase", "--critics", "bilinear"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown critic 'bilinear'/);
    const p = await run(["staircase", "--plot", "x.gif"]);
    expect(p.err).toMatch(/give a \.svg, \.png or \.json/);
  });
});
