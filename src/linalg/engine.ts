import { InfonceError } from "../errors.js";
import type { Kernel } from "../types.js";
import { KERNEL_METHODS } from "./kernel-methods.js";
import { tsKernel } from "./ts-kernel.js";

/**
 * The process-wide numeric kernel used by neural training. It starts as the pure-TypeScript kernel; engine
 * loaders (WebAssembly, N-API) install theirs with setKernel. Trainers read getKernel() once when they are created,
 * so swapping engines mid-run never mixes two engines inside one network.
 */
let current: Kernel = tsKernel;

/** True once a caller chose an engine (setKernel): then nothing is loaded behind its back and nothing is warned. */
let chosen = false;

/** How to load the fastest engine on first use (the node entry registers one); run at most once. */
let loader: (() => Promise<Kernel>) | undefined;
let loading: Promise<void> | undefined;

/** The kernel trainers will use. */
export function getKernel(): Kernel {
  return current;
}

/**
 * Checks that `kernel` implements the Kernel contract (types.ts) — every method present — so a wrong object fails
 * at once with E_ENGINE instead of deep inside training. The one check for setKernel and EstimateOptions.kernel.
 */
export function checkKernel(kernel: unknown, where: string): Kernel {
  for (const name of KERNEL_METHODS) {
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
  chosen = true;
  return previous;
}

/**
 * Registers how to load the fastest engine the first time a training computation needs the process-wide kernel
 * and no engine was chosen (setKernel). The node entry registers loadEngine's; the browser entry none (a page calls
 * loadBrowserEngine itself), so there the pure-TypeScript kernel serves and the estimate says so.
 */
export function setEngineLoader(load: () => Promise<Kernel>): void {
  loader = load;
}

/**
 * The kernel a training computation uses, as kernelFrom, after loading the fastest engine on first use where a loader
 * is registered and no engine was chosen. A loader that fails leaves the TypeScript kernel (and its warning).
 */
export async function kernelForRun(kernel: unknown): Promise<Kernel> {
  if (kernel !== undefined) return checkKernel(kernel, "options.kernel");
  if (!chosen && loader !== undefined) {
    const load = loader;
    loading ??= load().then(
      (k) => {
        if (!chosen) current = checkKernel(k, "the engine loader");
      },
      () => undefined,
    );
    await loading;
  }
  return current;
}

/** The warning of an estimate that trained on the pure-TypeScript kernel nobody chose (see engineForRun). */
export const SLOW_ENGINE_WARNING =
  "trained on the pure-TypeScript engine, several times slower than the native or WebAssembly one: in Node import " +
  'from "infonce" (the node entry loads the fastest engine on first use) or call loadEngine(); in a browser await ' +
  "loadBrowserEngine() first; choosing an engine (setKernel, options.kernel) silences this";

/**
 * The engine of an estimator that trains (the neural ones, the classifier): the kernel of kernelForRun, and whether
 * it is the slow path nobody chose — the pure-TypeScript kernel with neither options.kernel nor setKernel — which
 * the estimate then warns about (SLOW_ENGINE_WARNING). A caller who chose it, e.g. for bit-exact tests, is not warned.
 */
export async function engineForRun(kernel: unknown): Promise<{ kernel: Kernel; slowEngine: boolean }> {
  const run = await kernelForRun(kernel);
  return { kernel: run, slowEngine: kernel === undefined && run === tsKernel && !chosen };
}

/** The kernel a computation uses: the one passed in its options, else the process-wide one (getKernel()). */
export function kernelFrom(kernel: unknown): Kernel {
  return kernel === undefined ? current : checkKernel(kernel, "options.kernel");
}
