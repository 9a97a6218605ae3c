import type { EngineName } from "../src/linalg/engine-report.js";
import { loadEngine } from "../src/node/load-engine.js";
import type { Kernel } from "../src/types.js";

/** The kernel a benchmark runs on: the named engine (an error if it cannot load), or the loader's choice. */
export async function loadBenchKernel(engine: string | undefined): Promise<Kernel> {
  const r = await loadEngine({ engine: (engine ?? "auto") as EngineName | "auto", report: null });
  return r.kernel;
}
