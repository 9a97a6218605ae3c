import type { Rng } from "../math/rng.js";

/**
 * PyTorch's nn.Linear initialisation (reset_parameters): kaiming_uniform_(weight, a = √5) draws
 * U(−b, b) with b = gain·√3/√fan_in, gain = √(2/(1 + a²)) = √(1/3), so b = 1/√fan_in; the bias is
 * U(−1/√fan_in, 1/√fan_in) too. Drawn from our seeded generator (the distribution, not torch's bits).
 * weight is out×in row-major (PyTorch's layout), fan_in = in.
 */
export function linearInit(weight: Float32Array, bias: Float32Array | null, fanIn: number, rng: Rng): void {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  for (let p = 0; p < weight.length; p++) weight[p] = (2 * rng.uniform() - 1) * bound;
  if (bias) for (let p = 0; p < bias.length; p++) bias[p] = (2 * rng.uniform() - 1) * bound;
}
