import { describe, expect, it } from "vitest";
import { InfonceError, isInfonceError } from "./errors.js";

describe("InfonceError", () => {
  it("carries a code and is recognised", () => {
    const e = new InfonceError("E_SHAPE", "x has 3 rows but y has 2");
    expect(e.code).toBe("E_SHAPE");
    expect(isInfonceError(e)).toBe(true);
    expect(isInfonceError(new Error("plain"))).toBe(false);
  });
});
