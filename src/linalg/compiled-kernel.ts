import type { Kernel } from "../types.js";

/**
 * A Kernel compiled from native/*.c: the N-API addon (engine "native") or the WebAssembly SIMD module ("wasm").
 * Besides the Kernel methods it offers the blockwise large-K InfoNCE and describes itself for benchmarks.
 */
export interface CompiledKernel extends Kernel {
  readonly engine: "wasm" | "native";
  /** The GEMM micro-kernel in use: "avx512", "avx2", "portable", "neon" or "wasm-simd128". */
  readonly variant: string;
  /** Threads GEMM and the blockwise loss use (always 1 for wasm). */
  getThreads(): number;
  /** Sets the thread count (clamped to [1, cores]; 0 = the default); returns the count in effect. */
  setThreads(threads: number): number;
  /**
   * InfoNCE of N paired embeddings, S = q kᵀ · invTemp (N×N, never formed): returns
   * mean_i (logsumexp_j S_ij − S_ii) and, when gradQ/gradK are given, writes ∂loss/∂q and ∂loss/∂k (N×D row-major).
   * Works on bands of `block` rows (memory O(block·N) per thread). Returns NaN for non-finite input.
   */
  infonceBlockwise(
    q: Float32Array,
    k: Float32Array,
    n: number,
    d: number,
    invTemp: number,
    block: number,
    gradQ: Float32Array | null,
    gradK: Float32Array | null,
  ): number;
  /** Flops one fmaPeakRun iteration performs (FMA throughput probe, registers only). */
  fmaPeakFlopsPerIter(): number;
  /** Runs the FMA probe for `iters` iterations; time it to get one core's peak. Returns a value to consume. */
  fmaPeakRun(iters: number): number;
}

/** True when `k` is a CompiledKernel (has the blockwise loss). */
export function isCompiledKernel(k: Kernel): k is CompiledKernel {
  return (k.engine === "wasm" || k.engine === "native") && typeof (k as CompiledKernel).infonceBlockwise === "function";
}
