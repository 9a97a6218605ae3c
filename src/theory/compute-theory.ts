import { InfonceError } from "../errors.js";
import { createRng } from "../math/rng.js";
import { summarize } from "../math/summary.js";
import type { ProgressFn, StopSignal } from "../types.js";
import { defaultTheoryLaws } from "./default-theory-laws.js";
import {
  BATCH_COLUMNS,
  MEAN_FIELD_COLUMN,
  RANDOM_CEILING_COLUMN,
  THEORY_CRITICS,
  type TheoryCriticName,
  type TheoryLaw,
} from "./theory-law.js";

/** A Monte Carlo mean with its standard error (nats). */
export interface MeanSe {
  readonly mean: number;
  readonly se: number;
}

/** One batch size K of one law: expected InfoNCE bounds over `batches` independent batches of K pairs. */
export interface TheoryRow {
  readonly K: number;
  readonly logK: number;
  /** Number of independent batches of K pairs averaged. */
  readonly batches: number;
  /** E[log K − L_K] with f = pmi(x, y). */
  readonly optimal: MeanSe;
  /** E[log K − L_K] with the article's f = log p(x, y). */
  readonly article: MeanSe;
  /** E[log K − L_K] with the law's fixed random critic. */
  readonly random: MeanSe;
  /** E[log K − L_K] with f = log p(x | y) = pmi + log p(x); `maxAbsDiff` = max over batches of |this − optimal|. */
  readonly conditional: MeanSe & { readonly maxAbsDiff: number };
  /** optimal − article, paired on the same batches (its se is that of the difference); max over batches of |·|. */
  readonly articleGap: MeanSe & { readonly maxAbsDiff: number };
  /** optimal − random, paired. */
  readonly randomGap: MeanSe;
  /**
   * The random critic's Jensen ceiling E[(1/K) Σ_i (S_ii − (1/K) Σ_j S_ij)] (its mean on positives minus its mean on
   * all pairs); `maxExcess` = max over batches of (random bound − ceiling), ≤ 0 up to rounding.
   */
  readonly randomCeiling: MeanSe & { readonly maxExcess: number };
  /** The optimal critic's loss L_K = log K − bound. */
  readonly loss: MeanSe;
  /** log N − L_K with N = K − 1 negatives: the article's constant log N in place of log K (optimal critic). */
  readonly logNMinusL: MeanSe;
  /** The article's large-N formula for the loss, L ≈ log N − I (N = K − 1). Not a Monte Carlo value. */
  readonly articleApproxLoss: number;
  /** log K − E log(1 + N e^{−pmi}): the bound after replacing the negatives' sum by its mean N (see LawEvaluator). */
  readonly meanField: MeanSe;
  /** optimal − meanField, paired. */
  readonly meanFieldGap: MeanSe;
  /** Max over batches and critics of (batch bound − log K): ≤ 0 up to rounding, because L_K ≥ 0 batch by batch. */
  readonly maxExcessOverLogK: number;
  /** Max over batches of the optimal critic's (log N − L_K): ≤ 0 at K = 2, where log N = 0. */
  readonly maxLogNMinusL: number;
  /**
   * Fraction of batches whose optimal-critic bound exceeds I: one batch is one draw, and only the expectation is
   * bounded by I. 0 whenever log K ≤ I, since no batch exceeds log K.
   */
  readonly optimalAboveTrueMI: number;
}

export interface TheoryLawResult {
  readonly name: string;
  readonly description: string;
  /** Exact I(X;Y), nats. */
  readonly trueMI: number;
  readonly uniformY: boolean;
  /** Exact E_x χ²(p(y|x) ‖ p(y)) (TheoryLaw.chiSquare): the optimal critic's gap is ≈ chiSquare/(2K) for K ≫ it. */
  readonly chiSquare: number;
  readonly rows: readonly TheoryRow[];
}

export interface TheoryResult {
  readonly seed: number;
  /** Rounds: each draws max(ks) pairs, split into max(ks)/K disjoint batches for every K. */
  readonly rounds: number;
  readonly ks: readonly number[];
  readonly laws: readonly TheoryLawResult[];
  /** True when stopped early: the result holds the rounds completed. */
  readonly partial: boolean;
}

export interface TheoryOptions {
  /** Seed of every random choice (pairs and random critics). Default 1. */
  readonly seed?: number;
  /**
   * Monte Carlo size: rounds, each drawing max(ks) fresh pairs that every K splits into max(ks)/K disjoint batches.
   * So K = max(ks) averages `rounds` batches and K = 2 averages rounds·max(ks)/2; every K sees the same pairs.
   * Default 8; at least 2 (a standard error needs two batches).
   */
  readonly rounds?: number;
  /** Batch sizes, each ≥ 2 and dividing max(ks). Default 2, 4, …, 1024. */
  readonly ks?: readonly number[];
  /** Laws to run. Default defaultTheoryLaws(). */
  readonly laws?: readonly TheoryLaw[];
  /** Called after each round of each law: done/total rounds over all laws. */
  readonly onProgress?: ProgressFn;
  /** Checked between rounds; when set, the result holds the completed rounds and `partial: true`. */
  readonly stop?: StopSignal;
}

export const THEORY_DEFAULTS = { seed: 1, rounds: 8, ks: [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] } as const;

/**
 * Runs the theory experiment: for each law and each batch size K, the expected InfoNCE bound log K − L_K of each
 * critic, estimated over i.i.d. batches of K pairs, with Monte Carlo standard errors. Pure and synchronous (runs in a
 * browser worker); the same options give the same numbers.
 */
export function computeTheory(options: TheoryOptions = {}): TheoryResult {
  const seed = options.seed ?? THEORY_DEFAULTS.seed;
  const rounds = options.rounds ?? THEORY_DEFAULTS.rounds;
  const ks = [...(options.ks ?? THEORY_DEFAULTS.ks)];
  const laws = options.laws ?? defaultTheoryLaws();
  if (!Number.isFinite(seed)) throw new InfonceError("E_ARG", `seed must be a finite number, got ${seed}`);
  if (!(Number.isInteger(rounds) && rounds >= 2)) {
    throw new InfonceError("E_ARG", `rounds (batches at the largest K) must be an integer ≥ 2, got ${rounds}`);
  }
  if (ks.length === 0) throw new InfonceError("E_ARG", "ks is empty; give at least one batch size K ≥ 2");
  const maxK = Math.max(...ks);
  for (const K of ks) {
    if (!(Number.isInteger(K) && K >= 2 && maxK % K === 0)) {
      throw new InfonceError(
        "E_ARG",
        `batch size K = ${K} must be an integer ≥ 2 that divides the largest K (${maxK})`,
      );
    }
  }
  if (new Set(ks).size !== ks.length) throw new InfonceError("E_ARG", `ks has repeated values: ${ks.join(", ")}`);
  ks.sort((p, q) => p - q);

  const totalRounds = rounds * laws.length;
  let done = 0;
  let completed = rounds;
  const perLaw: { law: TheoryLaw; store: Float64Array[] }[] = [];
  const out = new Float64Array(BATCH_COLUMNS);
  for (let li = 0; li < laws.length; li++) {
    const law = laws[li] as TheoryLaw;
    // Independent streams per law and purpose, so adding a law does not change the others' numbers.
    const pairRng = createRng(seed, 2 * li + 1);
    const evaluator = law.evaluator(maxK, createRng(seed, 2 * li + 2));
    // store[k][b * BATCH_COLUMNS + c]: column c of batch b at K = ks[k].
    const store = ks.map((K) => new Float64Array(rounds * (maxK / K) * BATCH_COLUMNS));
    let r = 0;
    for (; r < rounds; r++) {
      if (options.stop?.stopped && r >= 2) break;
      evaluator.draw(pairRng);
      for (let k = 0; k < ks.length; k++) {
        const K = ks[k] as number;
        const perRound = maxK / K;
        const s = store[k] as Float64Array;
        for (let b = 0; b < perRound; b++) {
          evaluator.batch(b * K, K, out);
          s.set(out, (r * perRound + b) * BATCH_COLUMNS);
        }
      }
      options.onProgress?.(++done, totalRounds, law.name);
    }
    completed = Math.min(completed, r);
    perLaw.push({ law, store });
  }

  return {
    seed,
    rounds: completed,
    ks,
    partial: completed < rounds,
    laws: perLaw.map(({ law, store }) => ({
      name: law.name,
      description: law.description,
      trueMI: law.trueMI,
      uniformY: law.uniformY,
      chiSquare: law.chiSquare,
      rows: ks.map((K, k) =>
        summarizeRow(law, K, (store[k] as Float64Array).subarray(0, completed * (maxK / K) * BATCH_COLUMNS)),
      ),
    })),
  };
}

function summarizeRow(law: TheoryLaw, K: number, s: Float64Array): TheoryRow {
  const n = s.length / BATCH_COLUMNS;
  const logK = Math.log(K);
  const logN = Math.log(K - 1);
  const col = (c: number): Float64Array => {
    const v = new Float64Array(n);
    for (let b = 0; b < n; b++) v[b] = s[b * BATCH_COLUMNS + c] as number;
    return v;
  };
  const idx = (name: TheoryCriticName): number => THEORY_CRITICS.indexOf(name);
  const opt = col(idx("optimal"));
  const art = col(idx("article"));
  const rnd = col(idx("random"));
  const cond = col(idx("conditional"));
  const mf = col(MEAN_FIELD_COLUMN);
  const ceil = col(RANDOM_CEILING_COLUMN);
  const ms = (v: ArrayLike<number>): MeanSe => {
    const m = summarize(v);
    return { mean: m.mean, se: m.se };
  };
  const diff = (p: Float64Array, q: Float64Array): Float64Array => p.map((v, b) => v - (q[b] as number));
  let maxAbsDiff = 0;
  let maxAbsArticle = 0;
  let maxExcess = Number.NEGATIVE_INFINITY;
  let maxLogN = Number.NEGATIVE_INFINITY;
  let maxCeil = Number.NEGATIVE_INFINITY;
  let aboveTrueMI = 0;
  for (let b = 0; b < n; b++) {
    if ((opt[b] as number) > law.trueMI) aboveTrueMI++;
    maxCeil = Math.max(maxCeil, (rnd[b] as number) - (ceil[b] as number));
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs((cond[b] as number) - (opt[b] as number)));
    maxAbsArticle = Math.max(maxAbsArticle, Math.abs((art[b] as number) - (opt[b] as number)));
    for (let c = 0; c < THEORY_CRITICS.length; c++)
      maxExcess = Math.max(maxExcess, (s[b * BATCH_COLUMNS + c] as number) - logK);
    maxLogN = Math.max(maxLogN, (opt[b] as number) - logK + logN);
  }
  const optimal = ms(opt);
  return {
    K,
    logK,
    batches: n,
    optimal,
    article: ms(art),
    random: ms(rnd),
    conditional: { ...ms(cond), maxAbsDiff },
    articleGap: { ...ms(diff(opt, art)), maxAbsDiff: maxAbsArticle },
    randomGap: ms(diff(opt, rnd)),
    randomCeiling: { ...ms(ceil), maxExcess: maxCeil },
    loss: { mean: logK - optimal.mean, se: optimal.se },
    logNMinusL: { mean: optimal.mean - logK + logN, se: optimal.se },
    articleApproxLoss: logN - law.trueMI,
    meanField: ms(mf),
    meanFieldGap: ms(diff(opt, mf)),
    maxExcessOverLogK: maxExcess,
    maxLogNMinusL: maxLogN,
    optimalAboveTrueMI: aboveTrueMI / n,
  };
}
