import { InfonceError } from "../src/errors.js";
import { loadWasmKernel } from "../src/linalg/wasm-kernel.js";
import { loadNativeKernel } from "../src/node/native-kernel.js";
import type { Kernel } from "../src/types.js";

/** The kernel a benchmark runs on: the named engine, or the best one available (native, then wasm). */
export async function loadBenchKernel(engine: string | undefined): Promise<Kernel> {
  if (engine === "native") return loadNativeKernel();
  if (engine === "wasm") return loadWasmKernel();
  if (engine === undefined) {
    try {
      return loadNativeKernel();
    } catch {
      return loadWasmKernel();
    }
  }
  throw new InfonceError("E_ARG", `bench: engine '${engine}' is not available here; expected native or wasm`);
}
