import { describe, expect, it } from "vitest";
import { referenceInfonce } from "../../test/helpers/reference-infonce.js";
import { infonceBound } from "../bounds/infonce.js";
import { discreteInformation, discretePmi } from "../math/discrete-mi.js";
import { createRng } from "../math/rng.js";
import { uniformYTable, zipfChannelTable } from "./default-theory-laws.js";
import { discreteTheoryLaw } from "./discrete-law.js";
import { BATCH_COLUMNS, MEAN_FIELD_COLUMN, RANDOM_CEILING_COLUMN, softplus } from "./theory-law.js";

const table = zipfChannelTable(8, 1.1, 0.7);
const law = discreteTheoryLaw({ name: "t", description: "test", table });
const pmi = discretePmi(table);
const info = discreteInformation(table);
const n = table.cols;
const logP = (x: number, y: number): number => Math.log(table.data[x * n + y] as number);

describe("discreteTheoryLaw", () => {
  it("knows its exact MI and whether p(y) is uniform", () => {
    expect(law.trueMI).toBeCloseTo(info.mi, 14);
    expect(law.uniformY).toBe(false);
    expect(discreteTheoryLaw({ name: "u", description: "", table: uniformYTable(8, 1.1, 5) }).uniformY).toBe(true);
  });

  it("rejects a table with a zero cell", () => {
    const data = Float64Array.from(table.data);
    data[3] = 0;
    expect(() => discreteTheoryLaw({ name: "z", description: "", table: { rows: 8, cols: 8, data } })).toThrow(
      /every p > 0/,
    );
  });

  // K = 4 and 8 take the direct O(K²) path, K = 16 and 64 the grouped-by-category path (K > 8 categories).
  for (const K of [2, 4, 8, 16, 64]) {
    it(`matches the InfoNCE of explicitly built score matrices at K = ${K} (atol 1e-12)`, () => {
      const ev = law.evaluator(128, createRng(5, 1));
      ev.draw(createRng(9));
      const out = new Float64Array(BATCH_COLUMNS);
      for (const start of [0, K]) {
        ev.batch(start, K, out);
        const pr = (i: number) => ev.pair(start + i);
        const xy = (i: number, j: number) => [pr(i).x[0] as number, pr(j).y[0] as number] as const;
        const critics = [
          (i: number, j: number) => pmi[xy(i, j)[0] * n + xy(i, j)[1]] as number,
          (i: number, j: number) => logP(...xy(i, j)),
          (i: number, j: number) => ev.randomCritic(pr(i).x, pr(j).y),
          (i: number, j: number) => logP(...xy(i, j)) - Math.log(info.py[xy(i, j)[1]] as number),
        ];
        for (const [c, f] of critics.entries()) expect(out[c]).toBeCloseTo(referenceInfonce(K, f), 12);
        let mf = 0;
        let diag = 0;
        let all = 0;
        for (let i = 0; i < K; i++) {
          mf += softplus(Math.log(K - 1) - (critics[0] as (i: number, j: number) => number)(i, i));
          for (let j = 0; j < K; j++) {
            const r = ev.randomCritic(pr(i).x, pr(j).y);
            all += r;
            if (i === j) diag += r;
          }
        }
        expect(out[MEAN_FIELD_COLUMN]).toBeCloseTo(Math.log(K) - mf / K, 12);
        expect(out[RANDOM_CEILING_COLUMN]).toBeCloseTo(diag / K - all / (K * K), 12);
      }
    });
  }

  it("draws pairs with the table's frequencies (chi-square-style check, 4 sd)", () => {
    const N = 40000;
    const ev = law.evaluator(N, createRng(1));
    ev.draw(createRng(2));
    const counts = new Float64Array(n * n);
    for (let k = 0; k < N; k++) {
      const { x, y } = ev.pair(k);
      const cell = (x[0] as number) * n + (y[0] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
    for (let k = 0; k < n * n; k++) {
      const p = table.data[k] as number;
      expect(Math.abs((counts[k] as number) - N * p)).toBeLessThanOrEqual(4 * Math.sqrt(N * p * (1 - p)) + 1);
    }
  });
});

describe("discreteTheoryLaw against the library's infonceBound (bounds/)", () => {
  it("gives the same batch value for the optimal critic (atol 1e-12)", () => {
    const ev = law.evaluator(64, createRng(2));
    ev.draw(createRng(3));
    const out = new Float64Array(BATCH_COLUMNS);
    for (const K of [2, 8, 64]) {
      ev.batch(0, K, out);
      const S = new Float64Array(K * K);
      for (let i = 0; i < K; i++) {
        for (let j = 0; j < K; j++)
          S[i * K + j] = pmi[(ev.pair(i).x[0] as number) * n + (ev.pair(j).y[0] as number)] as number;
      }
      expect(out[0]).toBeCloseTo(infonceBound({ rows: K, cols: K, data: S }).value, 12);
    }
  });
});
