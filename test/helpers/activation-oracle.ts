import type { Activation } from "../../src/types.js";

/** The activations in float64 on one number, written from their definitions: the oracle kernels and MLPs meet. */
export const act64: Readonly<Record<Activation, (x: number) => number>> = {
  identity: (x) => x,
  relu: (x) => Math.max(0, x),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  tanh: (x) => Math.tanh(x),
  softplus: (x) => Math.log1p(Math.exp(x)),
};
