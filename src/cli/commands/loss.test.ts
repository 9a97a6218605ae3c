import { describe, expect, it } from "vitest";
import { run } from "../../../test/helpers/run-cli.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { EXIT_CODES } from "../exit-codes.js";

const { dir, write } = tempDir();

/** Independent oracle: mean over rows of −log softmax of cosine/τ logits, a plain double loop. */
function oracleLoss(q: number[][], k: number[][], tau: number, similarity: "dot" | "cosine"): number {
  const norm = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
  const sim = (a: number[], b: number[]) => {
    const d = a.reduce((s, ai, i) => s + ai * b[i]!, 0);
    return similarity === "cosine" ? d / (norm(a) * norm(b)) : d;
  };
  let total = 0;
  for (let i = 0; i < q.length; i++) {
    const logits = k.map((kj) => sim(q[i]!, kj) / tau);
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((s, l) => s + Math.exp(l - m), 0));
    total += lse - logits[i]!;
  }
  return total / q.length;
}

const q = [
  [1, 0.5, -0.2],
  [0.3, -1, 0.8],
  [-0.7, 0.2, 0.1],
  [0.4, 0.4, -0.9],
  [1.5, -0.3, 0.6],
  [-0.2, -0.8, -0.4],
];
const k = q.map((row, i) => row.map((v, j) => v + 0.3 * Math.sin(i * 3 + j)));
write("q.csv", `a,b,c\n${q.map((r) => r.join(",")).join("\n")}\n`);
write("k.csv", `a,b,c\n${k.map((r) => r.join(",")).join("\n")}\n`);

describe("infonce loss", () => {
  it("matches a direct double-loop computation, per batch, and reports log K − loss", async () => {
    const r = await run(["loss", "q.csv", "k.csv", "--temperature", "0.5", "--batch", "3", "--json"], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const l1 = oracleLoss(q.slice(0, 3), k.slice(0, 3), 0.5, "cosine");
    const l2 = oracleLoss(q.slice(3), k.slice(3), 0.5, "cosine");
    expect(j.loss).toBeCloseTo((l1 + l2) / 2, 12);
    expect(j.miBound).toBeCloseTo(Math.log(3) - (l1 + l2) / 2, 12);
    expect(j.lossStd).toBeCloseTo(Math.abs(l1 - l2) / Math.SQRT2, 12);
    expect(j).toMatchObject({ schemaVersion: 1, K: 3, batches: 2, n: 6, partial: false });
    const d = await run(["loss", "q.csv", "k.csv", "--similarity", "dot", "--temperature", "2", "--json"], {
      cwd: dir,
    });
    expect(JSON.parse(d.out).loss).toBeCloseTo(oracleLoss(q, k, 2, "dot"), 12);
  });
  it("computes a batch above 4096 rows blockwise (float32 scores) and still matches the double loop to 1e-5", async () => {
    const n = 4200;
    const dim = 8;
    const big = Array.from({ length: n }, (_, i) =>
      Array.from({ length: dim }, (_, j) => Math.sin(i * 0.37 + j * 1.3)),
    );
    const pos = big.map((row, i) => row.map((v, j) => v + 0.5 * Math.cos(i * 1.7 + j)));
    write("bq.csv", `${big.map((r) => r.join(",")).join("\n")}\n`);
    write("bk.csv", `${pos.map((r) => r.join(",")).join("\n")}\n`);
    for (const symmetric of [false, true]) {
      const argv = ["loss", "bq.csv", "bk.csv", "--temperature", "0.2", "--json", "--quiet"];
      const r = await run(symmetric ? [...argv, "--symmetric"] : argv, { cwd: dir });
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      const forward = oracleLoss(big, pos, 0.2, "cosine");
      const expected = symmetric ? 0.5 * (forward + oracleLoss(pos, big, 0.2, "cosine")) : forward;
      expect(Math.abs(j.loss - expected)).toBeLessThan(1e-5 * expected);
      expect(j).toMatchObject({ K: n, batches: 1, n });
      expect(j.settings.computation).toMatch(/^blockwise float32/);
    }
  });

  it("refuses collapsed (constant) embeddings: they carry no information", async () => {
    write("same.csv", "a,b,c,d\n1,2,1,2\n1,2,1,2\n1,2,1,2\n1,2,1,2\n");
    const r = await run(["loss", "same.csv", "--x", "a,b", "--y", "c,d", "--json"], { cwd: dir });
    expect(r.code).toBe(EXIT_CODES.E_DATA);
  });
  it("flags saturation when the bound is within 5% of log K", async () => {
    const rows = Array.from({ length: 8 }, (_, i) => [Math.cos(i), Math.sin(i), i / 8]);
    write("sat.csv", `a,b,c,d,e,f\n${rows.map((r) => [...r, ...r].join(",")).join("\n")}\n`);
    const r = await run(["loss", "sat.csv", "--x", "a,b,c", "--y", "d,e,f", "--temperature", "0.001"], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("saturated: this batch cannot show more than log K = 2.0794 nats");
  });
  it("refuses fewer rows than --batch and mismatched widths", async () => {
    const few = await run(["loss", "q.csv", "k.csv", "--batch", "7"], { cwd: dir });
    expect(few.code).toBe(EXIT_CODES.E_DATA);
    expect(few.err).toContain("6 rows, fewer than the 7 needed for --batch 7; give more rows or lower --batch");
    const wide = await run(["loss", "q.csv", "k.csv", "--y", "a,b"], { cwd: dir });
    expect(wide.code).toBe(EXIT_CODES.E_SHAPE);
    const tau = await run(["loss", "q.csv", "k.csv", "--temperature", "0"], { cwd: dir });
    expect(tau.code).toBe(EXIT_CODES.E_ARG);
  });
  it("stops between batches on Ctrl-C and marks the result partial (exit 130)", async () => {
    const r = await run(["loss", "q.csv", "k.csv", "--batch", "2", "--json"], { cwd: dir, stop: { stopped: true } });
    expect(r.code).toBe(130);
    expect(JSON.parse(r.out)).toMatchObject({ partial: true, batches: 0 });
  });
});
