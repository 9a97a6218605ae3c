import { InfonceError } from "../errors.js";
import type { Activation } from "../types.js";

/**
 * Integer codes of native/ik.h (IK_IDENTITY…): the ABI between TypeScript and the C kernels. A bound's code
 * (IK_INFONCE…) is in its descriptor (BoundSpec.kernelCode).
 */
const ACTIVATION_CODES: Readonly<Record<Activation, number>> = { identity: 0, relu: 1, elu: 2, tanh: 3, softplus: 4 };

/**
 * Refuses a name that is not an Activation (it can come from JavaScript or a cast) with an E_UNKNOWN error
 * listing the valid ones; every engine's calls pass here (checked-kernel.ts).
 */
export function checkActivation(act: Activation): void {
  if (!Object.hasOwn(ACTIVATION_CODES, act)) {
    throw new InfonceError(
      "E_UNKNOWN",
      `unknown activation "${String(act)}"; expected ${Object.keys(ACTIVATION_CODES).join(", ")}`,
    );
  }
}

/** The C code of an activation checkActivation accepted. */
export function activationCode(act: Activation): number {
  return ACTIVATION_CODES[act];
}
