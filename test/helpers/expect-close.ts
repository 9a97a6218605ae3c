import { expect } from "vitest";

/** |actual − expected| ≤ atol + rtol·|expected| (numpy.isclose's rule), with both numbers in the failure message. */
export function expectClose(actual: number, expected: number, rtol: number, atol: number, what = "value"): void {
  if (!(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected))) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (rtol ${rtol}, atol ${atol})`);
  }
}

/** expectClose for every element of two arrays of the same length; the message names the first bad index. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let p = 0; p < expected.length; p++) {
    expectClose(actual[p] as number, expected[p] as number, rtol, atol, `element ${p}`);
  }
}
