import { describe, expect, it } from "vitest";
import { isInfonceError } from "../errors.js";
import { discreteInformation, discretePmi } from "../math/discrete-mi.js";
import type { Matrix } from "../types.js";
import { computeTheory, THEORY_DEFAULTS } from "./compute-theory.js";
import { uniformYTable, zipfChannelTable } from "./default-theory-laws.js";
import { discreteTheoryLaw } from "./discrete-law.js";
import { softplus } from "./theory-law.js";

const zipf = zipfChannelTable(16, 1.1, 0.8);
const unif = uniformYTable(16, 1.1, 50);
const laws = [
  discreteTheoryLaw({ name: "zipf", description: "", table: zipf }),
  discreteTheoryLaw({ name: "unif", description: "", table: unif }),
];

/**
 * Exact expected InfoNCE bound at K = 2 for a critic table T: each query x_i with its positive y_i ~ p(·|x_i) and one
 * negative y′ ~ p(y): log 2 + Σ_{x,y} p(x,y) Σ_{y′} p(y′) [T(x,y) − log(e^{T(x,y)} + e^{T(x,y′)})]. O(n³).
 */
function exactK2(table: Matrix, T: (x: number, y: number) => number): number {
  const { py } = discreteInformation(table);
  const n = table.cols;
  let total = 0;
  for (let k = 0; k < table.data.length; k++) total += table.data[k] as number;
  let e = 0;
  for (let x = 0; x < table.rows; x++) {
    for (let y = 0; y < n; y++) {
      const p = (table.data[x * n + y] as number) / total;
      let inner = 0;
      for (let y2 = 0; y2 < n; y2++) {
        const a = T(x, y);
        const b = T(x, y2);
        inner += (py[y2] as number) * -softplus(b - a);
      }
      e += p * inner;
    }
  }
  return Math.log(2) + e;
}

/** Exact mean-field value log K − Σ p(x,y) log(1 + (K−1) e^{−pmi(x,y)}). */
function exactMeanField(table: Matrix, K: number): number {
  const pmi = discretePmi(table);
  let total = 0;
  for (let k = 0; k < table.data.length; k++) total += table.data[k] as number;
  let e = 0;
  for (let k = 0; k < pmi.length; k++)
    e += ((table.data[k] as number) / total) * softplus(Math.log(K - 1) - (pmi[k] as number));
  return Math.log(K) - e;
}

describe("computeTheory", () => {
  const res = computeTheory({ seed: 3, rounds: 100, ks: [2, 8, 64], laws });

  it("agrees with the exact expectation at K = 2 for the optimal, article and pmi + c(x) critics (4 se)", () => {
    for (const [li, table] of [zipf, unif].entries()) {
      const law = res.laws[li];
      const row = law?.rows[0];
      if (row === undefined) throw new Error("missing row");
      expect(row.K).toBe(2);
      expect(row.batches).toBe(100 * 32);
      const { py } = discreteInformation(table);
      const pmi = discretePmi(table);
      const n = table.cols;
      const lp = (x: number, y: number) => Math.log(table.data[x * n + y] as number);
      const tol = (se: number) => 4 * se;
      const opt = exactK2(table, (x, y) => pmi[x * n + y] as number);
      const art = exactK2(table, lp);
      expect(Math.abs(row.optimal.mean - opt)).toBeLessThan(tol(row.optimal.se));
      expect(Math.abs(row.article.mean - art)).toBeLessThan(tol(row.article.se));
      expect(
        Math.abs(row.conditional.mean - exactK2(table, (x, y) => lp(x, y) - Math.log(py[y] as number))),
      ).toBeLessThan(tol(row.conditional.se));
      // The exact values themselves show the article's claim: strictly looser on the skewed law, equal on uniform p(y).
      if (li === 0) expect(opt - art).toBeGreaterThan(0.02);
      else expect(Math.abs(opt - art)).toBeLessThan(1e-12);
    }
  });

  it("agrees with the exact mean-field value at every K (4 se)", () => {
    for (const [li, table] of [zipf, unif].entries()) {
      for (const row of res.laws[li]?.rows ?? []) {
        expect(Math.abs(row.meanField.mean - exactMeanField(table, row.K))).toBeLessThan(4 * row.meanField.se);
      }
    }
  });

  it("counts the batches whose optimal bound exceeds I: the exact probability at K = 2 (4 se), none when log K ≤ I", () => {
    // A weak law (I < log 2), so a batch of two pairs can show more than I: P(bound > I) by enumerating both pairs.
    const weak = zipfChannelTable(4, 1.1, 0.3);
    const I = discreteInformation(weak).mi;
    expect(I).toBeLessThan(Math.log(2));
    const pmi = discretePmi(weak);
    const n = weak.cols;
    const cells = weak.data.length;
    let total = 0;
    for (let k = 0; k < cells; k++) total += weak.data[k] as number;
    let exact = 0;
    for (let a = 0; a < cells; a++) {
      for (let b = 0; b < cells; b++) {
        const [x1, y1, x2, y2] = [Math.floor(a / n), a % n, Math.floor(b / n), b % n];
        const f = (x: number, y: number) => pmi[x * n + y] as number;
        const row1 = f(x1, y1) - Math.log(Math.exp(f(x1, y1)) + Math.exp(f(x1, y2)));
        const row2 = f(x2, y2) - Math.log(Math.exp(f(x2, y1)) + Math.exp(f(x2, y2)));
        if (Math.log(2) + (row1 + row2) / 2 > I)
          exact += ((weak.data[a] as number) / total) * ((weak.data[b] as number) / total);
      }
    }
    expect(exact).toBeGreaterThan(0.05);
    const row = computeTheory({
      seed: 4,
      rounds: 100,
      ks: [2, 64],
      laws: [discreteTheoryLaw({ name: "weak", description: "", table: weak })],
    }).laws[0]?.rows[0];
    const se = Math.sqrt((exact * (1 - exact)) / (row?.batches ?? 1));
    expect(Math.abs((row?.optimalAboveTrueMI ?? Number.NaN) - exact)).toBeLessThan(4 * se);
    // No batch exceeds log K, so none exceeds I when log K ≤ I.
    for (const law of res.laws) {
      const capped = law.rows.filter((r) => r.logK <= law.trueMI);
      expect(capped.length).toBeGreaterThan(0);
      expect(capped.map((r) => r.optimalAboveTrueMI)).toEqual(capped.map(() => 0));
    }
  });

  it("splits each round of max(ks) pairs into max(ks)/K batches", () => {
    expect(res.laws[0]?.rows.map((r) => r.batches)).toEqual([3200, 800, 100]);
    expect(res.rounds).toBe(100);
    expect(res.partial).toBe(false);
  });

  it("gives the same numbers for the same seed and different numbers for another", () => {
    const a = computeTheory({ seed: 5, rounds: 2, ks: [2, 4, 16], laws });
    const b = computeTheory({ seed: 5, rounds: 2, ks: [16, 2, 4], laws });
    const c = computeTheory({ seed: 6, rounds: 2, ks: [2, 4, 16], laws });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("reports progress per round and stops cleanly with the rounds done", () => {
    const calls: number[] = [];
    const stop = { stopped: false };
    const r = computeTheory({
      rounds: 10,
      ks: [2, 4],
      laws,
      stop,
      onProgress: (done, total) => {
        calls.push(done);
        expect(total).toBe(20);
        if (done === 3) stop.stopped = true;
      },
    });
    expect(r.partial).toBe(true);
    expect(r.rounds).toBe(2);
    expect(r.laws[0]?.rows[1]?.batches).toBe(2);
    // Law 1 stops after its 3rd round; law 2 still needs 2 (a standard error needs two batches); all report 2.
    expect(calls).toEqual([1, 2, 3, 4, 5]);
  });

  it("rejects bad options with E_ARG and a message naming the value", () => {
    const bad: [object, RegExp][] = [
      [{ rounds: 1 }, /rounds .* ≥ 2, got 1/],
      [{ rounds: 2.5 }, /got 2.5/],
      [{ ks: [] }, /ks is empty/],
      [{ ks: [3, 4] }, /K = 3 must .* divides the largest K \(4\)/],
      [{ ks: [1, 2] }, /K = 1/],
      [{ ks: [2, 2, 4] }, /repeated/],
      [{ seed: Number.NaN }, /seed/],
    ];
    for (const [opts, msg] of bad) {
      let err: unknown;
      try {
        computeTheory({ laws, ...opts });
      } catch (e) {
        err = e;
      }
      expect(isInfonceError(err) && err.code === "E_ARG").toBe(true);
      expect((err as Error).message).toMatch(msg);
    }
  });

  it("has documented defaults", () => {
    expect(THEORY_DEFAULTS.ks).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  });
});
