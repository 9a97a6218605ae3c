import { describe, expect, it } from "vitest";
import { isCompiledKernel } from "../linalg/compiled-kernel.js";
import { getKernel, setKernel } from "../linalg/engine.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { loadEngine } from "./load-engine.js";

describe("loadEngine", () => {
  it("unforced picks native first, installs it, and reports once", async () => {
    const lines: string[] = [];
    const previous = getKernel();
    const r = await loadEngine({ env: {}, report: (l) => lines.push(l) });
    expect(r.engine).toBe("native");
    expect(getKernel()).toBe(r.kernel);
    await loadEngine({ env: {}, report: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^infonce: numeric engine native \(\w+ GEMM, \d+ threads?\)$/);
    setKernel(previous);
  });

  it("INFONCE_ENGINE forces wasm or ts", async () => {
    expect((await loadEngine({ env: { INFONCE_ENGINE: "wasm" }, report: null, install: false })).engine).toBe("wasm");
    const ts = await loadEngine({ env: { INFONCE_ENGINE: "ts" }, report: null, install: false });
    expect(ts.kernel).toBe(tsKernel);
  });

  it("a forced engine that cannot load is E_ENGINE; unforced, the next engine serves and the reason is kept", async () => {
    await expect(
      loadEngine({
        engine: "native",
        nativeAddonPath: "/nonexistent/infonce_native.node",
        report: null,
        install: false,
      }),
    ).rejects.toMatchObject({ code: "E_ENGINE", message: expect.stringMatching(/native.*cannot load/) });
    const r = await loadEngine({ env: {}, nativeAddonPath: "/nonexistent/x.node", report: null, install: false });
    expect(r.engine).toBe("wasm");
    expect(r.skipped[0]).toMatchObject({ engine: "native", reason: expect.stringMatching(/was not built/) });
  });

  it("an unknown engine name is E_ARG listing the choices; INFONCE_THREADS is validated and applied", async () => {
    await expect(loadEngine({ env: { INFONCE_ENGINE: "gpu" }, report: null })).rejects.toMatchObject({
      code: "E_ARG",
      message: expect.stringMatching(/native, wasm, ts or auto/),
    });
    await expect(loadEngine({ env: { INFONCE_THREADS: "two" }, report: null, install: false })).rejects.toMatchObject({
      code: "E_ARG",
    });
    const r = await loadEngine({ env: { INFONCE_THREADS: "1" }, report: null, install: false });
    expect(isCompiledKernel(r.kernel) && r.kernel.getThreads()).toBe(1);
  });
});
