import { InfonceError } from "../errors.js";
import type { Activation, BoundName } from "../types.js";

/** Integer codes of native/ik.h (IK_IDENTITY…, IK_INFONCE…): the ABI between TypeScript and the C kernels. */
const ACTIVATION_CODES: Readonly<Record<Activation, number>> = { identity: 0, relu: 1, elu: 2, tanh: 3, softplus: 4 };
const BOUND_CODES: Readonly<Partial<Record<BoundName, number>>> = { infonce: 0, nwj: 1, dv: 2, js: 3, smile: 4 };

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

/** The C code of a bound, or undefined for bounds the C kernels leave to TypeScript (alpha, mine). */
export function boundCode(name: BoundName): number | undefined {
  return BOUND_CODES[name];
}
