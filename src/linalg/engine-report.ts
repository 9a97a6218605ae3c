import type { Kernel } from "../types.js";
import { isCompiledKernel } from "./compiled-kernel.js";

/** Names of the numeric engines, fastest first. */
export type EngineName = "native" | "wasm" | "ts";

/** The engine an engine loader chose, and why the faster ones were passed over. */
export interface LoadedEngine {
  readonly kernel: Kernel;
  readonly engine: EngineName;
  /** Engines tried before this one, each with the reason it did not load. */
  readonly skipped: readonly { readonly engine: EngineName; readonly reason: string }[];
}

/** One line saying which engine runs, e.g. "infonce: numeric engine native (avx2 GEMM, 1 thread)". */
export function describeEngine(loaded: LoadedEngine): string {
  const k = loaded.kernel;
  const what = isCompiledKernel(k)
    ? `${k.engine} (${k.variant} GEMM, ${k.getThreads()} thread${k.getThreads() === 1 ? "" : "s"})`
    : `${k.engine} (pure TypeScript)`;
  const why = loaded.skipped.map((s) => `${s.engine} unavailable: ${s.reason}`).join("; ");
  return `infonce: numeric engine ${what}${why ? `; ${why}` : ""}`;
}
