import { InfonceError } from "../src/errors.js";
import type { Kernel } from "../src/types.js";

export interface W1Args {
  readonly steps: number;
  readonly warmup: number;
  readonly batch: number;
  readonly hidden: number;
  readonly dim: number;
  readonly seed: number;
}

/** torch_ref.py w1: needs the neural trainer (src/nn, src/critics), which has not landed on this branch yet. */
export async function benchW1(_kernel: Kernel, _a: W1Args): Promise<Record<string, number | string>> {
  throw new InfonceError("E_ENGINE", "bench w1: the neural trainer is not on this branch yet");
}
