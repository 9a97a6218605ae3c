import { setEngineLoader } from "../linalg/engine.js";
import { loadEngine } from "./load-engine.js";

// Imported by the node entry for this effect: a neural or classifier estimate that finds no engine chosen loads the
// fastest one (native, else WebAssembly, else TypeScript) on first use, silently; loadEngine() or setKernel()
// beforehand still decide. Without it a library user who never called loadEngine() trained on the slow TypeScript
// kernel.
setEngineLoader(async () => (await loadEngine({ install: false, report: null })).kernel);
