import { expect } from "vitest";
import { isInfonceError } from "../../src/errors.js";

/** Asserts that f throws an InfonceError with this code (and a message matching `pattern`, when given). */
export function expectCode(f: () => unknown, code: string, pattern?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(isInfonceError(e), `not an InfonceError: ${String(e)}`).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (pattern) expect((e as Error).message).toMatch(pattern);
    return;
  }
  expect.fail(`expected an InfonceError ${code}, but nothing was thrown`);
}

/** expectCode for a promise: it must reject with an InfonceError of this code. */
export async function expectCodeAsync(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isInfonceError(e), `not an InfonceError: ${String(e)}`).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (pattern) expect((e as Error).message).toMatch(pattern);
    return;
  }
  expect.fail(`expected an InfonceError ${code}, but the promise resolved`);
}
