import { dvBound } from "../bounds/dv.js";
import { infonceBound } from "../bounds/infonce.js";
import { nwjBound } from "../bounds/nwj.js";
import { smileBound } from "../bounds/smile.js";
import { InfonceError } from "../errors.js";
import { logMeanExp } from "../math/log-softmax.js";
import { createRng } from "../math/rng.js";
import { quantile, summarize } from "../math/summary.js";
import type { MeanSe } from "./compute-theory.js";
import type { TheoryLaw } from "./theory-law.js";

/** One batch size K: every estimate on the same batches, all with the exact critic f = pmi. */
export interface SameCriticRow {
  readonly K: number;
  /** Independent batches of K pairs averaged. */
  readonly batches: number;
  /** InfoNCE log K − L_K: ≤ min(I, log K) in expectation. */
  readonly infonce: MeanSe;
  /** DV / MINE's reported value: its batch log-mean-exp makes it biased upward, above I on average. */
  readonly dv: MeanSe;
  /** NWJ on f + 1 (its optimal critic is 1 + pmi): unbiased, equal to I in expectation. */
  readonly nwj: MeanSe;
  /** SMILE(τ) on f. */
  readonly smile: MeanSe;
  /** SMILE(τ) on f + shift: a constant added to the critic, which no bound may reward. */
  readonly smileShifted: MeanSe;
  /**
   * Per query x_i, the mean over its N = K − 1 negatives of e^{pmi(x_i, y_j)} — a Monte Carlo Z(x_i) = E_p(y) e^{pmi},
   * which is exactly 1 — summarised over all queries: its mean, and its 10% and 90% quantiles (how far one row's sum
   * is from the "N·p(x)p(q)" the article puts in its place).
   */
  readonly negativeMean: { readonly mean: number; readonly q10: number; readonly q90: number };
}

export interface SameCriticResult {
  readonly name: string;
  readonly trueMI: number;
  readonly tau: number;
  readonly shift: number;
  readonly rows: readonly SameCriticRow[];
}

export interface SameCriticOptions {
  /** Default 1. */
  readonly seed?: number;
  /** Batch sizes, each ≥ 2 and dividing the largest. Default 2, 4, …, 256. */
  readonly ks?: readonly number[];
  /** Rounds of max(ks) fresh pairs, each split into max(ks)/K batches for every K. Default 8, at least 2. */
  readonly rounds?: number;
  /** SMILE's clip. Default 5 (Song & Ermon 2020). */
  readonly tau?: number;
  /** The constant added to the critic for smileShifted. Default 10. */
  readonly shift?: number;
}

/**
 * InfoNCE, DV (= MINE's reported value), NWJ and SMILE evaluated by the library's bound functions on the same
 * batches of a law with the same critic, the exact pmi: the comparison the seed article skips when it cites MINE for
 * InfoNCE. Deterministic for a seed.
 */
export function sameCriticBounds(law: TheoryLaw, options: SameCriticOptions = {}): SameCriticResult {
  const seed = options.seed ?? 1;
  const ks = [...(options.ks ?? [2, 4, 8, 16, 32, 64, 128, 256])].sort((p, q) => p - q);
  const rounds = options.rounds ?? 8;
  const tau = options.tau ?? 5;
  const shift = options.shift ?? 10;
  const maxK = ks[ks.length - 1] ?? 0;
  if (!(Number.isInteger(rounds) && rounds >= 2)) {
    throw new InfonceError(
      "E_ARG",
      `sameCriticBounds: rounds = ${rounds}; give an integer ≥ 2 (a standard error needs two)`,
    );
  }
  for (const K of ks) {
    if (!(Number.isInteger(K) && K >= 2 && maxK % K === 0)) {
      throw new InfonceError(
        "E_ARG",
        `sameCriticBounds: K = ${K} must be an integer ≥ 2 dividing the largest K (${maxK})`,
      );
    }
  }
  const pairRng = createRng(seed, 1);
  const evaluator = law.evaluator(maxK, createRng(seed, 2));
  const columns = ["infonce", "dv", "nwj", "smile", "smileShifted"] as const;
  const values = ks.map(() => columns.map((): number[] => []));
  const negatives = ks.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    evaluator.draw(pairRng);
    const pairs = Array.from({ length: maxK }, (_, n) => evaluator.pair(n));
    ks.forEach((K, k) => {
      const S = new Float64Array(K * K);
      const row = new Float64Array(K - 1);
      for (let b = 0; b < maxK / K; b++) {
        for (let i = 0; i < K; i++) {
          const xi = (pairs[b * K + i] as { x: number[] }).x;
          for (let j = 0; j < K; j++) S[i * K + j] = law.pmi(xi, (pairs[b * K + j] as { y: number[] }).y);
        }
        const matrix = { rows: K, cols: K, data: S };
        const plus = (c: number) => ({ rows: K, cols: K, data: S.map((v) => v + c) });
        const v = values[k] as number[][];
        v[0]?.push(infonceBound(matrix).value);
        v[1]?.push(dvBound(matrix).value);
        v[2]?.push(nwjBound(plus(1)).value);
        v[3]?.push(smileBound(matrix, { tau }).value);
        v[4]?.push(smileBound(plus(shift), { tau }).value);
        for (let i = 0; i < K; i++) {
          let n = 0;
          for (let j = 0; j < K; j++) if (j !== i) row[n++] = S[i * K + j] as number;
          negatives[k]?.push(Math.exp(logMeanExp(row)));
        }
      }
    });
  }
  const ms = (v: readonly number[]): MeanSe => {
    const s = summarize(v);
    return { mean: s.mean, se: s.se };
  };
  return {
    name: law.name,
    trueMI: law.trueMI,
    tau,
    shift,
    rows: ks.map((K, k) => {
      const v = values[k] as number[][];
      const neg = negatives[k] as number[];
      return {
        K,
        batches: (v[0] as number[]).length,
        infonce: ms(v[0] as number[]),
        dv: ms(v[1] as number[]),
        nwj: ms(v[2] as number[]),
        smile: ms(v[3] as number[]),
        smileShifted: ms(v[4] as number[]),
        negativeMean: { mean: summarize(neg).mean, q10: quantile(neg, 0.1), q90: quantile(neg, 0.9) },
      };
    }),
  };
}
