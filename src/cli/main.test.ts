import { describe, expect, it } from "vitest";
import { run } from "../../test/helpers/run-cli.js";

describe("runCli", () => {
  it("prints usage for --help and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("infonce");
  });
  it("rejects an unknown command with a usage exit code and one line", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});
