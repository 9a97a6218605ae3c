import { InfonceError } from "../errors.js";

/**
 * INFONCE_THREADS, the thread count of everything compiled that runs on several cores (the kernels, the CSV
 * scanner): null when unset or empty, 0 for the default (the online CPUs), else n. One reading for all of them.
 */
export function threadSetting(env: Readonly<Record<string, string | undefined>> = process.env): number | null {
  const threads = env.INFONCE_THREADS;
  if (threads === undefined || threads === "") return null;
  const t = Number(threads);
  if (!(Number.isInteger(t) && t >= 0)) {
    throw new InfonceError("E_ARG", `INFONCE_THREADS is '${threads}'; expected an integer ≥ 0 (0 = default)`);
  }
  return t;
}
