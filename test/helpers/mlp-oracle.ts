import type { Activation } from "../../src/types.js";
import { act64 } from "./activation-oracle.js";

/**
 * An independent float64 forward of an MLP (linear layers with `activation` between them, none after the last) on
 * `rows` rows of x, written from the definition. Each layer reads its weights (nout×nin, row-major) and then its
 * bias from `params` at `offset`, the order Mlp lays them out in. Returns the output rows and the offset after the
 * last layer (where the next network's parameters start).
 */
export function mlpForward64(
  params: Float64Array,
  offset: number,
  dims: readonly number[],
  activation: Activation,
  x: ArrayLike<number>,
  rows: number,
): { out: Float64Array; next: number } {
  let h = x;
  let off = offset;
  for (let l = 0; l + 1 < dims.length; l++) {
    const nin = dims[l] as number;
    const nout = dims[l + 1] as number;
    const w = off;
    const b = off + nin * nout;
    off = b + nout;
    const f = l + 2 === dims.length ? act64.identity : act64[activation];
    const next = new Float64Array(rows * nout);
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < nout; o++) {
        let s = params[b + o] as number;
        for (let i = 0; i < nin; i++) s += (params[w + o * nin + i] as number) * (h[r * nin + i] as number);
        next[r * nout + o] = f(s);
      }
    }
    h = next;
  }
  return { out: Float64Array.from(h), next: off };
}
