import { InfonceError } from "../errors.js";
import { isCompiledKernel } from "../linalg/compiled-kernel.js";
import { setKernel } from "../linalg/engine.js";
import { describeEngine, type EngineName, type LoadedEngine } from "../linalg/engine-report.js";
import { tsKernel } from "../linalg/ts-kernel.js";
import { loadWasmKernel } from "../linalg/wasm-kernel.js";
import type { Kernel } from "../types.js";
import { loadNativeKernel } from "./native-kernel.js";
import { threadSetting } from "./thread-setting.js";

export interface LoadEngineOptions {
  /** Force an engine; default: INFONCE_ENGINE from `env`, else the fastest that loads ("auto"). */
  readonly engine?: EngineName | "auto";
  /** Environment to read INFONCE_ENGINE and INFONCE_THREADS from. Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the one-line engine report goes (once per process); null for silence. Default: stderr. */
  readonly report?: ((line: string) => void) | null;
  /** Install the kernel for trainers (setKernel). Default true. */
  readonly install?: boolean;
  /** Where the N-API addon is (default: build/Release/infonce_native.node in the package). */
  readonly nativeAddonPath?: string;
}

const ORDER: readonly EngineName[] = ["native", "wasm", "ts"];
const loaded = new Map<EngineName, Kernel>();
let reported = false;

async function load(engine: EngineName, nativeAddonPath: string | undefined): Promise<Kernel> {
  if (engine === "native" && nativeAddonPath !== undefined) return loadNativeKernel(tsKernel, nativeAddonPath);
  const have = loaded.get(engine);
  if (have) return have;
  const kernel = engine === "native" ? loadNativeKernel() : engine === "wasm" ? await loadWasmKernel() : tsKernel;
  loaded.set(engine, kernel);
  return kernel;
}

function parseEngine(value: string | undefined, source: string): EngineName | null {
  if (value === undefined || value === "" || value === "auto") return null;
  if ((ORDER as readonly string[]).includes(value)) return value as EngineName;
  throw new InfonceError("E_ARG", `${source} is '${value}'; expected native, wasm, ts or auto`);
}

/**
 * Picks the numeric engine for Node: the N-API addon, else the WebAssembly module, else pure TypeScript.
 * Unforced, an engine that fails to load is never an error: the next one serves, and the report says why.
 * Forced (option or INFONCE_ENGINE=native|wasm|ts), an engine that cannot load is InfonceError E_ENGINE.
 * INFONCE_THREADS=n sets the compiled engines' thread count. Says once per process which engine is used.
 */
export async function loadEngine(options: LoadEngineOptions = {}): Promise<LoadedEngine> {
  const env = options.env ?? process.env;
  const forced =
    options.engine !== undefined
      ? parseEngine(options.engine, "engine")
      : parseEngine(env.INFONCE_ENGINE, "INFONCE_ENGINE");
  const skipped: { engine: EngineName; reason: string }[] = [];
  let result: LoadedEngine | null = null;
  for (const engine of forced ? [forced] : ORDER) {
    try {
      result = { kernel: await load(engine, options.nativeAddonPath), engine, skipped };
      break;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (forced) throw new InfonceError("E_ENGINE", `engine '${engine}' was asked for but cannot load: ${reason}`);
      skipped.push({ engine, reason });
    }
  }
  if (result === null) throw new InfonceError("E_INTERNAL", "no numeric engine loaded, not even TypeScript");
  const threads = threadSetting(env);
  if (threads !== null && isCompiledKernel(result.kernel)) result.kernel.setThreads(threads);
  if (options.install !== false) setKernel(result.kernel);
  const report = options.report === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.report;
  if (report !== null && !reported) {
    reported = true;
    report(describeEngine(result));
  }
  return result;
}
