import { InfonceError } from "../errors.js";
import type { Activation } from "../types.js";

/**
 * Integer codes of native/ik.h (IK_IDENTITY…): the ABI between TypeScript and the C kernels. A bound's code
 * (IK_INFONCE…) is in its descriptor (BoundSpec.kernelCode).
 */
const ACTIVATION_CODES: Readonly<Record<Activation, number>> = { identity: 0, relu: 1, elu: 2, tanh: 3, softplus: 4 };

/** The C code of an activation; unknown names are an E_UNKNOWN error listing the valid ones. */
export function activationCode(act: Activation): number {
  const code = ACTIVATION_CODES[act];
  if (code === undefined) {
    throw new InfonceError(
      "E_UNKNOWN",
      `unknown activation "${String(act)}"; expected identity, relu, elu, tanh, softplus`,
    );
  }
  return code;
}
