import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../test/helpers/run-cli.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { createRng } from "../math/rng.js";

const tmp = tempDir();

/** A seeded table of 5 columns, two of them dependent. */
function table(n: number): string {
  const rng = createRng(11);
  const lines = ["a,b,c,d,e"];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    lines.push([a, a + rng.normal(), rng.normal(), rng.normal(), rng.normal()].join(","));
  }
  return `${lines.join("\n")}\n`;
}

const data = tmp.write("t.csv", table(300));

/** Reads a written spec: it must be JSON with a Vega-Lite $schema. */
function readSpec(path: string) {
  const spec = JSON.parse(readFileSync(path, "utf8"));
  expect(spec.$schema).toMatch(/^https:\/\/vega\.github\.io\/schema\/vega-lite\/v\d+\.json$/);
  return spec;
}

describe("--plot FILE.json writes the Vega-Lite spec, data inline", () => {
  it("matrix: one cell per ordered pair, each the matrix's MI; merge of shards writes the same spec", async () => {
    const path = join(tmp.dir, "heat.vl.json");
    const r = await run(["matrix", data, "--json", "--quiet", "--plot", path]);
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(r.out);
    const spec = readSpec(path);
    const cells = spec.data.values as { a: string; b: string; v: number }[];
    expect(cells).toHaveLength(5 * 4);
    for (const c of cells) expect(c.v).toBe(m.mi[m.columns.indexOf(c.a)][m.columns.indexOf(c.b)]);
    const parts = [0, 1].map((i) => join(tmp.dir, `part-${i}.json`));
    for (const [i, p] of parts.entries()) {
      expect((await run(["matrix", data, "--shard", `${i}/2`, "--out", p, "--quiet"])).code).toBe(0);
    }
    const merged = join(tmp.dir, "merged.vl.json");
    expect((await run(["merge", ...parts, "--quiet", "--plot", merged])).code).toBe(0);
    expect(readFileSync(merged, "utf8")).toBe(readFileSync(path, "utf8"));
  });

  it("rank: one row per feature with its estimate and interval", async () => {
    const path = join(tmp.dir, "rank.vl.json");
    const r = await run(["rank", data, "--target", "a", "--json", "--quiet", "--plot", path]);
    expect(r.code, r.err).toBe(0);
    const ranked = JSON.parse(r.out);
    const spec = readSpec(path);
    const rows = spec.layer[0].data.values as { estimator: string; estimate: number; lo: number; hi: number }[];
    expect(rows.map((x) => x.estimator)).toEqual(ranked.features.map((f: { name: string }) => f.name));
    for (const [i, f] of (ranked.features as { estimate: number; ci95: [number, number] }[]).entries()) {
      expect(rows[i]).toMatchObject({ estimate: f.estimate, lo: f.ci95[0], hi: f.ci95[1] });
    }
  });

  it("another extension is refused up front (E_ARG, exit 2), nothing written", async () => {
    const path = join(tmp.dir, "heat.gif");
    const r = await run(["matrix", data, "--quiet", "--plot", path]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/give a \.svg, \.png or \.json/);
    expect(existsSync(path)).toBe(false);
  });
});
