import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs bench/main.ts through tsx with tiny settings; returns the parsed JSON line. */
function bench(args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/main.ts", ...args, "--json"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

// Shapes of the output only: speed is measured by `npm run bench`, never asserted in tests.
describe("bench --json prints torch_ref.py's fields plus engine and threads", () => {
  it("w1", () => {
    const row = bench(["w1", "--steps", "3", "--warmup", "1", "--hidden", "16", "--engine", "wasm"]);
    expect(row).toMatchObject({ workload: "w1", engine: "wasm", threads: 1, batch: 128, hidden: 16 });
    expect(row.ms_per_step).toBeGreaterThan(0);
    expect(Number.isFinite(row.estimate)).toBe(true);
  });

  it("loss", () => {
    const row = bench(["loss", "--n", "300", "--dim", "8", "--reps", "1", "--engine", "native"]);
    expect(row).toMatchObject({ workload: "loss", engine: "native", n: 300, dim: 8 });
    // random unit vectors, T = 0.07: the loss is near log N plus the spread of the logits
    expect(row.loss).toBeGreaterThan(Math.log(300) - 1);
    expect(row.peak_rss_mb).toBeGreaterThan(0);
  });

  it("an unknown workload exits 2", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/main.ts", "nope"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected one of w1, loss, siglip, gemm/);
  });
});
