import { describe, expect, it } from "vitest";
import { loadBrowserEngine } from "./load-engine-browser.js";
import { tsKernel } from "./ts-kernel.js";

describe("loadBrowserEngine", () => {
  it("prefers the WebAssembly kernel and reports it when asked", async () => {
    const lines: string[] = [];
    const r = await loadBrowserEngine({ install: false, report: (l) => lines.push(l) });
    expect(r.engine).toBe("wasm");
    expect(lines[0]).toMatch(/numeric engine wasm \(wasm-simd128 GEMM, 1 thread\)/);
  });

  it("can be forced to TypeScript; an unknown name is E_ARG", async () => {
    expect((await loadBrowserEngine({ engine: "ts", install: false })).kernel).toBe(tsKernel);
    await expect(loadBrowserEngine({ engine: "native" as "wasm" })).rejects.toMatchObject({ code: "E_ARG" });
  });
});
