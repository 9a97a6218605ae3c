import { InfonceError } from "../errors.js";
import { setKernel } from "./engine.js";
import { describeEngine, type LoadedEngine } from "./engine-report.js";
import { tsKernel } from "./ts-kernel.js";
import { loadWasmKernel } from "./wasm-kernel.js";

export interface LoadBrowserEngineOptions {
  /** Force "wasm" or "ts"; default "auto" (WebAssembly SIMD if it instantiates, else TypeScript). */
  readonly engine?: "wasm" | "ts" | "auto";
  /** Where the one-line engine report goes; null (the default in browsers) for silence. */
  readonly report?: ((line: string) => void) | null;
  /** Install the kernel for trainers (setKernel). Default true. */
  readonly install?: boolean;
}

/**
 * The browser's engine loader (no Node APIs): the WebAssembly SIMD kernel, else pure TypeScript. Unforced, a
 * module that does not instantiate (no SIMD support) is not an error; forced "wasm" that cannot load is E_ENGINE.
 */
export async function loadBrowserEngine(options: LoadBrowserEngineOptions = {}): Promise<LoadedEngine> {
  const forced = options.engine ?? "auto";
  if (!["wasm", "ts", "auto"].includes(forced)) {
    throw new InfonceError("E_ARG", `engine is '${String(forced)}'; expected wasm, ts or auto in the browser`);
  }
  let result: LoadedEngine;
  if (forced === "ts") {
    result = { kernel: tsKernel, engine: "ts", skipped: [] };
  } else {
    try {
      result = { kernel: await loadWasmKernel(), engine: "wasm", skipped: [] };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (forced === "wasm")
        throw new InfonceError("E_ENGINE", `engine 'wasm' was asked for but cannot load: ${reason}`);
      result = { kernel: tsKernel, engine: "ts", skipped: [{ engine: "wasm", reason }] };
    }
  }
  if (options.install !== false) setKernel(result.kernel);
  if (options.report) options.report(describeEngine(result));
  return result;
}
