import { InfonceError } from "../errors.js";

/**
 * Option `key` of `options` checked as a pool of threads ({ threads, run }, as the node entry's createKsgThreads()
 * and createFoldThreads() make): the pool, or undefined when absent; E_ARG naming the key and `maker` otherwise.
 */
export function threadPoolOption<P extends { readonly threads: number }>(
  options: Readonly<Record<string, unknown>>,
  key: string,
  maker: string,
): P | undefined {
  const p = options[key];
  if (p === undefined) return undefined;
  if (
    typeof p === "object" &&
    p !== null &&
    "run" in p &&
    typeof p.run === "function" &&
    "threads" in p &&
    typeof p.threads === "number" &&
    Number.isInteger(p.threads) &&
    p.threads >= 1
  ) {
    return p as unknown as P;
  }
  throw new InfonceError("E_ARG", `${key} must be a pool ({ threads, run(job) }), e.g. from ${maker}()`);
}
