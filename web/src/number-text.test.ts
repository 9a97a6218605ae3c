import { describe, expect, it } from "vitest";
import { fixed, precise } from "./number-text.js";

describe("numbers as the page writes them", () => {
  it("writes a negative value with the minus sign, not the hyphen", () => {
    expect(fixed(-0.25, 3)).toBe("\u22120.250");
    expect(fixed(-15.04, 1)).toBe("\u221215.0");
    expect(precise(-1.5e-7, 2)).toBe("\u22121.5e\u22127");
  });

  it("leaves positive values as toFixed writes them, and drops the sign of a value that rounds to zero", () => {
    expect(fixed(2, 1)).toBe("2.0");
    expect(fixed(0.0004, 3)).toBe("0.000");
    expect(fixed(-0.0004, 3)).toBe("0.000");
    expect(fixed(-0.4, 0)).toBe("0");
    expect(precise(123.456, 4)).toBe("123.5");
  });
});
