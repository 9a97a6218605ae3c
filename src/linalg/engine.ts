import { InfonceError } from "../errors.js";
import type { Kernel } from "../types.js";
import { tsKernel } from "./ts-kernel.js";

/**
 * The process-wide numeric kernel used by neural training. It starts as the pure-TypeScript kernel; engine
 * loaders (WebAssembly, N-API) install theirs with setKernel. Trainers read getKernel() once when they are created,
 * so swapping engines mid-run never mixes two engines inside one network.
 */
let current: Kernel = tsKernel;

/** The kernel trainers will use. */
export function getKernel(): Kernel {
  return current;
}

/** Installs `kernel` for trainers created from now on; returns the previous one (so tests can restore it). */
export function setKernel(kernel: Kernel): Kernel {
  const methods = [
    "gemm",
    "biasActivation",
    "activationBackward",
    "columnSums",
    "bound",
    "adam",
    "normalizeRows",
    "normalizeRowsBackward",
  ] as const;
  for (const name of methods) {
    if (typeof kernel?.[name] !== "function") {
      throw new InfonceError("E_ENGINE", `setKernel: the kernel has no ${name}() method; it does not implement Kernel`);
    }
  }
  const previous = current;
  current = kernel;
  return previous;
}
