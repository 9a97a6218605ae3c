import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lastWords, runProcess } from "./process-timing.js";

describe("a failed child's reason", () => {
  it("is its error line, not Node's version trailer", () => {
    const r = spawnSync(process.execPath, ["-e", "throw new Error('the CSV is gone')"], { encoding: "utf8" });
    expect(r.stderr.trim().split("\n").pop()).toMatch(/^Node\.js v/);
    expect(lastWords(r.stderr)).toBe("Error: the CSV is gone");
  });
  it("is the last line when no line looks like an error", () => {
    expect(lastWords("reading\nno such column 'q'\n")).toBe("no such column 'q'");
    expect(lastWords("")).toBe("(no output)");
  });
  it("runProcess keeps the child's stderr apart from GNU time's line and reports its peak RSS", () => {
    const r = runProcess(process.execPath, ["-e", "console.error('hello'); process.exit(3)"]);
    expect(r.ok).toBe(false);
    expect(r.stderr).toBe("hello");
    expect(r.rssMb).toBeGreaterThan(10);
  });
});

describe("e2e-read without the reference scripts", () => {
  // Runs the built bench (npm test builds first), which runs the built CLI.
  it("times ours alone and says why, instead of failing", () => {
    const r = spawnSync(process.execPath, ["dist/bench/e2e-read.js", "--rows", "2000"], {
      encoding: "utf8",
      env: { ...process.env, INFONCE_SHARED: "/nonexistent" },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("reference skipped: /nonexistent/bench/scipy_ref.py not found");
    expect(r.stdout).toMatch(/whole process: ours [\d.]+ s; peak RSS ours \d+ MB/);
  });
});
