import { describe, expect, it, vi } from "vitest";
import type { CliIO } from "./io.js";
import { createProgress } from "./progress.js";

function fakeIO(errIsTTY: boolean) {
  const io = { text: "" };
  const cli: CliIO = {
    out: () => {},
    err: (t) => {
      io.text += t;
    },
    errIsTTY,
    errColumns: 100,
    env: {},
    cwd: ".",
    stop: { stopped: false },
  };
  return { cli, io };
}

describe("createProgress", () => {
  it("draws a bar with ETA on a TTY once the work has run past the delay, and clears it", () => {
    const { cli, io } = fakeIO(true);
    let t = 0;
    const p = createProgress(cli, { now: () => t, delayMs: 1000 });
    p.onProgress(1, 100, "training");
    expect(io.text).toBe(""); // under a second: no bar
    t = 1500;
    p.onProgress(10, 100, "training");
    expect(io.text).toContain("training");
    expect(io.text).toContain("10/100");
    expect(io.text).toContain("ETA");
    p.finish();
    const after = io.text.length;
    p.onProgress(50, 100, "training");
    expect(io.text.length).toBe(after);
  });
  it("prints plain progress lines where stderr is not a terminal, once the work has run 10 s", () => {
    const { cli, io } = fakeIO(false);
    let t = 0;
    const p = createProgress(cli, { now: () => t });
    p.onProgress(1, 100, "training");
    t = 9000;
    p.onProgress(10, 100, "training");
    expect(io.text).toBe(""); // under 10 s: nothing, as for every short run
    t = 10_500;
    p.onProgress(20, 100, "training");
    // The first line has one point to extrapolate from: no ETA yet, rather than a false "0s".
    expect(io.text).toMatch(/^infonce: training 20% \(20\/100\)\n/);
    expect(io.text).not.toContain("\u001b"); // no cursor movement or colour in a log
    p.finish();
    expect(io.text.trim().split("\n").at(-1)).toMatch(/training \d+% \(20\/100\)/);
  });
  it("gives later plain lines an ETA from the rate so far", () => {
    vi.useFakeTimers();
    try {
      const { cli, io } = fakeIO(false);
      const p = createProgress(cli, { delayMs: 0 });
      p.onProgress(10, 100, "training");
      vi.advanceTimersByTime(5000);
      p.onProgress(20, 100, "training");
      vi.advanceTimersByTime(10_000); // the next scheduled line
      p.finish();
      // 10 steps in 5 s, 80 to go: about 40 s (cli-progress rounds to 5 s).
      expect(io.text).toMatch(/infonce: training 20% \(20\/100\), ETA 40s\n/);
    } finally {
      vi.useRealTimers();
    }
  });
  it("stays silent with --quiet, and on short work where stderr is not a terminal", () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { cli, io } = fakeIO(tty);
      const p = createProgress(cli, { quiet, ...(tty ? { delayMs: 0 } : {}) });
      p.onProgress(1, 10);
      p.onProgress(5, 10);
      p.finish();
      expect(io.text).toBe("");
    }
  });
});
