import type { Kernel } from "../types.js";

/** The operations of the Kernel contract (types.ts): every member but the engine's name. */
export type KernelMethod = Exclude<keyof Kernel, "engine">;

// A record over KernelMethod, so the compiler refuses this list when a method is added to Kernel and not here.
const LISTED: Readonly<Record<KernelMethod, true>> = {
  gemm: true,
  biasActivation: true,
  activationBackward: true,
  columnSums: true,
  bound: true,
  adam: true,
  normalizeRows: true,
  normalizeRowsBackward: true,
};

/** The Kernel methods by name, for checking at run time that an object implements the contract. */
export const KERNEL_METHODS = Object.keys(LISTED) as readonly KernelMethod[];
