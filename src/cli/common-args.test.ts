import { describe, expect, it } from "vitest";
import { expectCode } from "../../test/helpers/expect-code.js";
import { parseSettingValue, setArgs } from "./common-args.js";

describe("--set name=value", () => {
  it("reads lists, numbers, booleans and text, repeatable, in both spellings", () => {
    expect(
      setArgs([
        "estimate",
        "--set",
        "hidden=[64,64]",
        "--set=k=5",
        "--set",
        "copula=true",
        "--set",
        "similarity=cosine",
      ]),
    ).toEqual({ hidden: [64, 64], k: 5, copula: true, similarity: "cosine" });
    expect(parseSettingValue(" [1, 2.5] ", "--set")).toEqual([1, 2.5]);
    expect(parseSettingValue("1e-3", "--set")).toBe(1e-3);
    expect(parseSettingValue("", "--set")).toBe("");
  });
  it("rejects a malformed list and a missing '=' with E_ARG", () => {
    expectCode(() => setArgs(["--set", "hidden=[64,"]), "E_ARG", /--set value '\[64,' is not a valid list/);
    expectCode(() => setArgs(["--set", "hidden"]), "E_ARG", /--set needs name=value/);
  });
});
