import { InfonceError } from "../errors.js";
import { discreteInformation } from "../math/discrete-mi.js";
import type { Rng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { type LawEvaluator, MEAN_FIELD_COLUMN, RANDOM_CEILING_COLUMN, softplus, type TheoryLaw } from "./theory-law.js";

/** What a discrete theory law is made of: a joint table and its labels. */
export interface DiscreteLawSpec {
  readonly name: string;
  readonly description: string;
  /** Joint table, r×c row-major, table[i*c + j] ∝ p(x = i, y = j); every entry > 0 (so every critic is finite). */
  readonly table: Matrix;
}

/**
 * A theory law on a discrete joint table, with exact MI (a finite sum) and exact densities. The critics are r×c
 * lookup tables; the random critic is a table of i.i.d. N(0, 1) entries drawn from the critic seed.
 *
 * Batches with K > c use the category counts of the batch's candidates: log Σ_j e^{T[x_i, y_j]} =
 * log Σ_cat n_cat e^{T[x_i, cat]}, the same number in O(c) per distinct query instead of O(K) per query.
 */
export function discreteTheoryLaw(spec: DiscreteLawSpec): TheoryLaw {
  const { rows: r, cols: c, data } = spec.table;
  const info = discreteInformation(spec.table);
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!(v > 0)) {
      throw new InfonceError("E_VALUE", `table entry ${i} of law '${spec.name}' is ${v}; theory laws need every p > 0`);
    }
    total += v;
  }
  const logJoint = new Float64Array(r * c);
  const pmi = new Float64Array(r * c);
  const logCond = new Float64Array(r * c);
  const cumulative = new Float64Array(r * c);
  let acc = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const k = i * c + j;
      const p = (data[k] as number) / total;
      const lpx = Math.log(info.px[i] as number);
      const lpy = Math.log(info.py[j] as number);
      logJoint[k] = Math.log(p);
      pmi[k] = Math.log(p) - lpx - lpy;
      logCond[k] = Math.log(p) - lpy; // log p(x|y) = pmi + log p(x)
      acc += p;
      cumulative[k] = acc;
    }
  }
  let chiSquare = -1;
  for (let k = 0; k < r * c; k++) chiSquare += Math.exp(logJoint[k] as number) * Math.exp(pmi[k] as number);
  const cell = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
    const i = x[0] as number;
    const j = y[0] as number;
    if (!(Number.isInteger(i) && i >= 0 && i < r && Number.isInteger(j) && j >= 0 && j < c)) {
      throw new InfonceError("E_ARG", `law '${spec.name}': (${i}, ${j}) is not a cell of its ${r}×${c} table`);
    }
    return i * c + j;
  };
  let uniformY = true;
  for (let j = 0; j < c; j++) if (Math.abs((info.py[j] as number) * c - 1) > 1e-12) uniformY = false;

  return {
    name: spec.name,
    description: spec.description,
    trueMI: info.mi,
    uniformY,
    // Σ p(x,y)²/(p(x)p(y)) − 1 = Σ p(x,y) e^{pmi(x,y)} − 1.
    chiSquare,
    pmi: (x, y) => pmi[cell(x, y)] as number,
    logJoint: (x, y) => logJoint[cell(x, y)] as number,
    evaluator(maxPairs: number, criticRng: Rng): LawEvaluator {
      const random = criticRng.fillNormal(new Float64Array(r * c));
      const tables = [pmi, logJoint, random, logCond] as const;
      const xs = new Int32Array(maxPairs);
      const ys = new Int32Array(maxPairs);
      const counts = new Float64Array(c);
      const countsX = new Float64Array(r);
      const logCounts = new Float64Array(c);
      const present = new Int32Array(c);
      const lseCache = new Float64Array(r);
      const last = r * c - 1;
      return {
        draw(rng: Rng): void {
          for (let n = 0; n < maxPairs; n++) {
            // Inverse CDF by binary search: the first cell whose cumulative probability exceeds u.
            const u = rng.uniform() * acc;
            let lo = 0;
            let hi = last;
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if ((cumulative[mid] as number) > u) hi = mid;
              else lo = mid + 1;
            }
            xs[n] = (lo / c) | 0;
            ys[n] = lo % c;
          }
        },
        pair(n: number) {
          return { x: [xs[n] as number], y: [ys[n] as number] };
        },
        randomCritic(x: ArrayLike<number>, y: ArrayLike<number>): number {
          return random[(x[0] as number) * c + (y[0] as number)] as number;
        },
        batch(start: number, K: number, out: Float64Array): void {
          const logK = Math.log(K);
          const grouped = K > c;
          let nPresent = 0;
          if (grouped) {
            counts.fill(0);
            for (let j = 0; j < K; j++) {
              const y = ys[start + j] as number;
              counts[y] = (counts[y] as number) + 1;
            }
            for (let cat = 0; cat < c; cat++) {
              if ((counts[cat] as number) > 0) {
                present[nPresent++] = cat;
                logCounts[cat] = Math.log(counts[cat] as number);
              }
            }
          }
          for (let t = 0; t < tables.length; t++) {
            const T = tables[t] as Float64Array;
            let sum = 0;
            if (grouped) {
              lseCache.fill(Number.NaN);
              for (let i = 0; i < K; i++) {
                const row = (xs[start + i] as number) * c;
                let lse = lseCache[row / c] as number;
                if (Number.isNaN(lse)) {
                  let max = Number.NEGATIVE_INFINITY;
                  for (let q = 0; q < nPresent; q++) {
                    const cat = present[q] as number;
                    const v = (T[row + cat] as number) + (logCounts[cat] as number);
                    if (v > max) max = v;
                  }
                  let s = 0;
                  for (let q = 0; q < nPresent; q++) {
                    const cat = present[q] as number;
                    s += Math.exp((T[row + cat] as number) + (logCounts[cat] as number) - max);
                  }
                  lse = max + Math.log(s);
                  lseCache[row / c] = lse;
                }
                sum += (T[row + (ys[start + i] as number)] as number) - lse;
              }
            } else {
              for (let i = 0; i < K; i++) {
                const row = (xs[start + i] as number) * c;
                let max = Number.NEGATIVE_INFINITY;
                for (let j = 0; j < K; j++) {
                  const v = T[row + (ys[start + j] as number)] as number;
                  if (v > max) max = v;
                }
                let s = 0;
                for (let j = 0; j < K; j++) s += Math.exp((T[row + (ys[start + j] as number)] as number) - max);
                sum += (T[row + (ys[start + i] as number)] as number) - (max + Math.log(s));
              }
            }
            out[t] = logK + sum / K;
          }
          const logN = Math.log(K - 1);
          let mf = 0;
          for (let i = 0; i < K; i++)
            mf += softplus(logN - (pmi[(xs[start + i] as number) * c + (ys[start + i] as number)] as number));
          out[MEAN_FIELD_COLUMN] = logK - mf / K;
          // Random critic's ceiling: mean of the diagonal minus mean of all K² entries of S.
          let diag = 0;
          for (let i = 0; i < K; i++)
            diag += random[(xs[start + i] as number) * c + (ys[start + i] as number)] as number;
          let all = 0;
          if (grouped) {
            countsX.fill(0);
            for (let i = 0; i < K; i++) {
              const x = xs[start + i] as number;
              countsX[x] = (countsX[x] as number) + 1;
            }
            for (let x = 0; x < r; x++) {
              const nX = countsX[x] as number;
              if (nX === 0) continue;
              let s = 0;
              for (let q = 0; q < nPresent; q++) {
                const cat = present[q] as number;
                s += (counts[cat] as number) * (random[x * c + cat] as number);
              }
              all += nX * s;
            }
          } else {
            for (let i = 0; i < K; i++) {
              const row = (xs[start + i] as number) * c;
              for (let j = 0; j < K; j++) all += random[row + (ys[start + j] as number)] as number;
            }
          }
          out[RANDOM_CEILING_COLUMN] = diag / K - all / (K * K);
        },
      };
    },
  };
}
