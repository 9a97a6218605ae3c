/// <reference lib="webworker" />
import { computeTheory, type SameCriticResult, sameCriticBounds, type TheoryLawResult } from "../../../src/index.js";
import { buildDerivationLaw, type DerivationLawChoice } from "../derivation/derivation-law.js";

/** Batch sizes of the Derivation view's theory run; the same-critic comparison stops at 128 (it builds each S). */
export const DERIVATION_KS: readonly number[] = [2, 4, 8, 16, 32, 64, 128, 256, 512];
export const SAME_CRITIC_KS: readonly number[] = [2, 4, 8, 16, 32, 64, 128];

export interface DerivationRequest {
  readonly id: number;
  readonly law: DerivationLawChoice;
  readonly seed: number;
  readonly rounds: number;
}

/** Everything the Derivation view shows, computed by the library (numbers in nats). */
export interface DerivationNumbers {
  readonly theory: TheoryLawResult;
  readonly sameCritic: SameCriticResult;
  readonly seed: number;
  readonly rounds: number;
}

export type DerivationReply =
  | { readonly type: "result"; readonly id: number; readonly numbers: DerivationNumbers; readonly seconds: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };

/** The library calls behind the view, also run by the browser test in Node to check the page's numbers. */
export function derivationNumbers(law: DerivationLawChoice, seed: number, rounds: number): DerivationNumbers {
  const built = buildDerivationLaw(law);
  const theory = computeTheory({ seed, rounds, ks: DERIVATION_KS, laws: [built] }).laws[0] as TheoryLawResult;
  const sameCritic = sameCriticBounds(built, { seed, rounds, ks: SAME_CRITIC_KS });
  return { theory, sameCritic, seed, rounds };
}

// Only when running as a worker (the module is imported by the Node test too).
if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  scope.addEventListener("message", (event: MessageEvent<DerivationRequest>) => {
    const { id, law, seed, rounds } = event.data;
    try {
      const t0 = performance.now();
      const numbers = derivationNumbers(law, seed, rounds);
      scope.postMessage({
        type: "result",
        id,
        numbers,
        seconds: (performance.now() - t0) / 1000,
      } satisfies DerivationReply);
    } catch (error) {
      scope.postMessage({
        type: "error",
        id,
        message: error instanceof Error ? error.message : String(error),
      } satisfies DerivationReply);
    }
  });
}
