import { isInfonceError } from "../../src/errors.js";

/** The code and message of the InfonceError a promise rejects with (rethrows anything else; fails if it resolves). */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isInfonceError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("no error thrown");
}
