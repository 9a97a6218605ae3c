import { describe, expect, it } from "vitest";
import { referenceInfonce } from "../../test/helpers/reference-infonce.js";
import { gaussianPmi } from "../math/gaussian-mi.js";
import { normalLogPdf } from "../math/normal-distribution.js";
import { createRng } from "../math/rng.js";
import { computeTheory } from "./compute-theory.js";
import { gaussianTheoryLaw } from "./gaussian-law.js";
import { BATCH_COLUMNS, MEAN_FIELD_COLUMN, RANDOM_CEILING_COLUMN, softplus } from "./theory-law.js";

const d = 3;
const rho = 0.8;
const law = gaussianTheoryLaw({ name: "g", description: "test", rho, d });

/** Joint covariance of d pairs with correlation ρ, X first: an oracle via the Cholesky-based gaussianPmi. */
function covariance(): { rows: number; cols: number; data: Float64Array } {
  const m = 2 * d;
  const data = new Float64Array(m * m);
  for (let k = 0; k < m; k++) data[k * m + k] = 1;
  for (let k = 0; k < d; k++) {
    data[k * m + d + k] = rho;
    data[(d + k) * m + k] = rho;
  }
  return { rows: m, cols: m, data };
}

describe("gaussianTheoryLaw", () => {
  it("has MI −(d/2) log(1 − ρ²)", () => {
    expect(law.trueMI).toBeCloseTo(-(d / 2) * Math.log(1 - rho * rho), 14);
    expect(law.uniformY).toBe(false);
  });

  it("rejects ρ outside (0, 1)", () => {
    expect(() => gaussianTheoryLaw({ name: "g", description: "", rho: 1, d: 2 })).toThrow(/rho/);
    expect(() => gaussianTheoryLaw({ name: "g", description: "", rho: 0, d: 2 })).toThrow(/rho/);
  });

  for (const K of [2, 5, 32]) {
    it(`matches the InfoNCE of score matrices built from the Cholesky-based pmi at K = ${K} (atol 1e-10)`, () => {
      const pmiOracle = gaussianPmi(covariance(), d);
      const ev = law.evaluator(64, createRng(3, 7));
      ev.draw(createRng(11));
      const out = new Float64Array(BATCH_COLUMNS);
      const start = 64 - K;
      ev.batch(start, K, out);
      const pr = (i: number) => ev.pair(start + i);
      const logDensity = (v: number[]) => v.reduce((s, t) => s + normalLogPdf(t), 0);
      const pmi = (i: number, j: number) => pmiOracle(pr(i).x, pr(j).y);
      const critics = [
        pmi,
        (i: number, j: number) => pmi(i, j) + logDensity(pr(i).x) + logDensity(pr(j).y),
        (i: number, j: number) => ev.randomCritic(pr(i).x, pr(j).y),
        (i: number, j: number) => pmi(i, j) + logDensity(pr(i).x),
      ];
      for (const [c, f] of critics.entries()) expect(out[c]).toBeCloseTo(referenceInfonce(K, f), 10);
      let mf = 0;
      let diag = 0;
      let all = 0;
      for (let i = 0; i < K; i++) {
        mf += softplus(Math.log(K - 1) - pmi(i, i));
        for (let j = 0; j < K; j++) {
          const r = ev.randomCritic(pr(i).x, pr(j).y);
          all += r;
          if (i === j) diag += r;
        }
      }
      expect(out[MEAN_FIELD_COLUMN]).toBeCloseTo(Math.log(K) - mf / K, 10);
      expect(out[RANDOM_CEILING_COLUMN]).toBeCloseTo(diag / K - all / (K * K), 10);
    });
  }

  it("draws pairs with unit variances and correlation ρ (4 se)", () => {
    const N = 20000;
    const ev = law.evaluator(N, createRng(1));
    ev.draw(createRng(4));
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < N; k++) {
      const { x, y } = ev.pair(k);
      sxy += (x[1] as number) * (y[1] as number);
      sxx += (x[1] as number) ** 2;
    }
    expect(Math.abs(sxy / N - rho)).toBeLessThan(4 * Math.sqrt((1 + rho * rho) / N));
    expect(Math.abs(sxx / N - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
  });
});

describe("gaussianTheoryLaw against published oracle values", () => {
  // Poole et al. 2019: InfoNCE with the true pmi as critic, d = 20, x ~ N(0, I), y = ρx + √(1−ρ²)ε.
  // Their Monte Carlo precision is unstated, so the tolerance is 0.06 nats (our own se here is ≈ 0.02).
  const published: [number, number, number][] = [
    // [I, K, InfoNCE]
    [2, 64, 1.82],
    [4, 64, 3.08],
    [6, 64, 3.74],
    [8, 64, 4.03],
    [10, 64, 4.12],
    [2, 256, 1.93],
    [4, 256, 3.54],
    [6, 256, 4.62],
    [8, 256, 5.19],
    [10, 256, 5.43],
  ];
  it("reproduces the optimal-critic InfoNCE values at K = 64 and 256 within 0.06 nats", () => {
    const mis = [2, 4, 6, 8, 10];
    const laws = mis.map((I) =>
      gaussianTheoryLaw({ name: `I${I}`, description: "", d: 20, rho: Math.sqrt(-Math.expm1((-2 * I) / 20)) }),
    );
    const r = computeTheory({ laws, ks: [64, 256], rounds: 24, seed: 4 });
    for (const [I, K, value] of published) {
      const row = r.laws[mis.indexOf(I)]?.rows.find((x) => x.K === K);
      expect(Math.abs((row?.optimal.mean ?? Number.NaN) - value)).toBeLessThan(0.06);
    }
  });
});
