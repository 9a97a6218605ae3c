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

/**
 * Checks that `kernel` implements the Kernel contract (types.ts) — every method present — so a wrong object fails
 * at once with E_ENGINE instead of deep inside training. The one check for setKernel and EstimateOptions.kernel.
 */
export function checkKernel(kernel: unknown, where: string): Kernel {
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
    if (typeof (kernel as Partial<Kernel> | undefined)?.[name] !== "function") {
      throw new InfonceError("E_ENGINE", `${where}: the kernel has no ${name}() method; it does not implement Kernel`);
    }
  }
  return kernel as Kernel;
}

/** Installs `kernel` for trainers created from now on; returns the previous one (so tests can restore it). */
export function setKernel(kernel: Kernel): Kernel {
  checkKernel(kernel, "setKernel");
  const previous = current;
  current = kernel;
  return previous;
}

/** The kernel a computation uses: the one passed in its options, else the process-wide one (getKernel()). */
export function kernelFrom(kernel: unknown): Kernel {
  return kernel === undefined ? current : checkKernel(kernel, "options.kernel");
}
