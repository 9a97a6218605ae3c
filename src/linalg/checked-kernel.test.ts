import { describe, expect, it } from "vitest";
import { expectCode } from "../../test/helpers/expect-code.js";
import { BOUNDS } from "../bounds/registry.js";
import type { Activation, Kernel } from "../types.js";
import { checkedKernel } from "./checked-kernel.js";
import { KERNEL_METHODS } from "./kernel-methods.js";
import { tsKernel } from "./ts-kernel.js";

describe("checkedKernel: the one argument check in front of every engine", () => {
  // An engine that records what reaches it: a refused call must not.
  const reached: string[] = [];
  const recording = Object.fromEntries(
    KERNEL_METHODS.map((name) => [name, () => void reached.push(name)]),
  ) as unknown as Omit<Kernel, "engine">;
  const checked = checkedKernel({ engine: "ts", ...recording }, BOUNDS);

  it("refuses bad shapes, short buffers, unknown names and a 0-based step before the engine runs", () => {
    const f = new Float32Array(6);
    expectCode(() => checked.gemm(false, false, -1, 2, 3, 1, f, f, 0, f), "E_SHAPE", /gemm: m must be an integer/);
    expectCode(() => checked.columnSums(f, 2, 4, f), "E_SHAPE", /'m' holds 6 numbers but the shape needs 8/);
    expectCode(() => checked.biasActivation(f, f, 2, 3, "gelu" as Activation, f), "E_UNKNOWN", /unknown activation/);
    expectCode(() => checked.bound("nope", f, 2, 3, 0, f), "E_UNKNOWN");
    expectCode(() => checked.adam(f, f, f, f, 0.1, 0.9, 0.999, 1e-8, 0, 0), "E_ARG", /1-based/);
    expect(reached).toEqual([]);
    checked.columnSums(f, 2, 3, f);
    expect(reached).toEqual(["columnSums"]);
  });

  it("the TypeScript kernel sits behind it like the compiled ones", () => {
    const z = new Float32Array([1, -1]);
    expectCode(() => tsKernel.biasActivation(z, z, 1, 2, "gelu" as Activation, z), "E_UNKNOWN");
    // Refused before the bias was added: z is untouched.
    expect(Array.from(z)).toEqual([1, -1]);
  });
});
