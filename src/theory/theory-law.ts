import type { Rng } from "../math/rng.js";

/**
 * The critics whose InfoNCE bound the theory run compares, in the order of a batch's output columns.
 * - optimal: f = pmi(x, y) = log p(x,y)/(p(x)p(y)), the critic that makes InfoNCE tight as K → ∞
 *   (van den Oord et al. 2018; Poole et al. 2019).
 * - article: f = log p(x, y), the seed article's "sim(q, x) = log p(x, q)" (= pmi + log p(x) + log p(y)).
 * - random: a fixed random function of (x, y) drawn from the seed, knowing nothing of the law (an untrained critic).
 * - conditional: f = log p(x | y) = pmi + log p(x), an optimal critic of the form pmi + c(x): the row softmax
 *   cancels any term in the query x alone.
 */
export const THEORY_CRITICS = ["optimal", "article", "random", "conditional"] as const;
export type TheoryCriticName = (typeof THEORY_CRITICS)[number];

/** Column of the mean-field value in a batch's output (after the critics). */
export const MEAN_FIELD_COLUMN = THEORY_CRITICS.length;
/** Column of the random critic's Jensen ceiling in a batch's output. */
export const RANDOM_CEILING_COLUMN = THEORY_CRITICS.length + 1;
/** Number of values a batch writes: one InfoNCE value per critic, the mean-field value, the random ceiling. */
export const BATCH_COLUMNS = THEORY_CRITICS.length + 2;

/**
 * Draws pairs of a law and evaluates batches of them. Implementations own preallocated buffers: draw() and
 * batch() allocate nothing.
 */
export interface LawEvaluator {
  /** Replaces the pool with `maxPairs` fresh i.i.d. pairs from p(x, y). */
  draw(rng: Rng): void;
  /**
   * Evaluates the batch of pairs start … start+K−1 of the pool (K ≥ 2) and writes into `out` (length ≥ BATCH_COLUMNS):
   * - out[c] for each critic c of THEORY_CRITICS: the batch InfoNCE bound log K + (1/K) Σ_i [S_ii − log Σ_j e^{S_ij}],
   *   S_ij = f_c(x_i, y_j), every y_j of the batch a candidate of every x_i (in-batch negatives, K = N + 1).
   * - out[MEAN_FIELD_COLUMN]: log K − (1/K) Σ_i log(1 + (K−1) e^{−pmi(x_i, y_i)}), the value InfoNCE would have with
   *   the optimal critic if the sum over the K−1 negatives Σ_j e^{pmi(x_i, y_j)} were replaced by its mean K−1.
   * - out[RANDOM_CEILING_COLUMN]: (1/K) Σ_i [S_ii − (1/K) Σ_j S_ij] for the random critic, an upper bound on its batch
   *   InfoNCE value (Jensen: log mean_j e^{S_ij} ≥ mean_j S_ij): what the critic "knows" about the pairing.
   */
  batch(start: number, K: number, out: Float64Array): void;
  /** Pair n of the pool (a copy): x and y as vectors (a discrete law gives its category index, length 1). */
  pair(n: number): { readonly x: number[]; readonly y: number[] };
  /** The law's random critic f(x, y) on vectors shaped like pair()'s, for independent checks and plots. */
  randomCritic(x: ArrayLike<number>, y: ArrayLike<number>): number;
}

/** A law with exact MI and exact densities, the ground truth of the theory run. */
export interface TheoryLaw {
  /** Short identifier, e.g. "discrete-zipf". */
  readonly name: string;
  /** One line: what the law is and why it is in the run. */
  readonly description: string;
  /** Exact I(X;Y) in nats. */
  readonly trueMI: number;
  /** True when p(y) is uniform: then the article's critic log p(x,y) is an optimal critic (pmi + c(x) + const). */
  readonly uniformY: boolean;
  /**
   * Exact E_x χ²(p(y|x) ‖ p(y)) = E_{p(x)p(y)}[e^{2 pmi}] − 1: with f = pmi the InfoNCE gap I − (log K − L_K) is
   * about chiSquare/(2K) once K ≫ chiSquare (second-order expansion of E log (1/K) Σ_j e^{pmi(x_i, y_j)}).
   */
  readonly chiSquare: number;
  /** Exact pmi(x, y) = log p(x,y)/(p(x)p(y)), on vectors shaped like LawEvaluator.pair()'s. */
  pmi(x: ArrayLike<number>, y: ArrayLike<number>): number;
  /** Exact log p(x, y) (a density for the Gaussian, a probability for a discrete table): the article's critic. */
  logJoint(x: ArrayLike<number>, y: ArrayLike<number>): number;
  /**
   * Makes an evaluator with a pool of `maxPairs` pairs. `criticRng` draws the law's random critic, so the same seed
   * gives the same random function.
   */
  evaluator(maxPairs: number, criticRng: Rng): LawEvaluator;
}

/** softplus(t) = log(1 + e^t), stable for large |t|. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}
