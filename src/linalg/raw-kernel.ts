import type { Kernel } from "../types.js";
import type { CompiledKernel } from "./compiled-kernel.js";
import type { KernelMethod } from "./kernel-methods.js";

/**
 * A Kernel method as the C code takes it: the only string arguments, activation and bound names, become their
 * integer codes (kernel-codes.ts, BoundSpec.kernelCode).
 */
type Coded<F> = F extends (...args: infer A) => infer R
  ? (...args: { [I in keyof A]: A[I] extends string ? number : A[I] }) => R
  : never;

type CodedMethods = { [M in KernelMethod]: Coded<Kernel[M]> };

/** What the compiled engines offer besides the Kernel methods (threads, the blockwise loss, the FMA probe). */
type CompiledExtras = Omit<CompiledKernel, keyof Kernel | "variant">;

/**
 * The flat call surface of the C kernels (native/ik.h) as JavaScript sees it: the N-API addon exports exactly
 * this, and the WebAssembly adapter implements it by copying through the module's memory. Derived from the Kernel
 * and CompiledKernel contracts rather than written again, so the three cannot drift apart. Buffers are float32
 * row-major; nothing here validates its arguments (checked-kernel.ts does, before any call reaches it).
 */
export interface RawKernel extends CodedMethods, CompiledExtras {
  /** The GEMM micro-kernel compiled in (CompiledKernel.variant). */
  gemmVariant(): string;
}
