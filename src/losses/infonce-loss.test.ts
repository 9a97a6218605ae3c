import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../test/helpers/check-gradient.js";
import { expectAllClose, expectClose } from "../../test/helpers/expect-close.js";
import { createRng } from "../math/rng.js";
import type { Matrix } from "../types.js";
import { type InfonceLossOptions, infonceLoss } from "./infonce-loss.js";

// Oracle 1: torch float64 autograd, test/fixtures/losses/make_losses.py (info-nce-pytorch / CLIP / SupCon semantics).
interface Case {
  name: string;
  N: number;
  D: number;
  M: number;
  float32: boolean;
  K: number;
  options: {
    similarity: "dot" | "cosine";
    temperature: number;
    negatives: "in-batch" | "unpaired" | "paired";
    reduction: "mean" | "sum" | "none";
    symmetric: boolean;
    inBatchNegatives: boolean;
  };
  labels: number[] | null;
  selfContrast: boolean;
  skipped: number;
  q: number[];
  k: number[] | null;
  negatives: number[] | null;
  loss: number | number[];
  gradQ: number[];
  gradK: number[] | null;
  gradNegatives: number[] | null;
}
const fx = JSON.parse(readFileSync(new URL("../../test/fixtures/losses/losses.json", import.meta.url), "utf8")) as {
  cases: Case[];
};

function m64(rows: number, cols: number, data: ArrayLike<number>): Matrix<Float64Array> {
  return { rows, cols, data: Float64Array.from(data) };
}

describe("infonceLoss against torch fixtures (rtol 1e-12, atol 1e-13)", () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const mk = (data: number[], rows: number): Matrix =>
        c.float32
          ? { rows, cols: c.D, data: Float32Array.from(data) }
          : { rows, cols: c.D, data: Float64Array.from(data) };
      const q = mk(c.q, c.N);
      const k = c.k === null ? null : mk(c.k, c.N);
      const options: InfonceLossOptions = {
        ...c.options,
        ...(c.negatives ? { negativeKeys: mk(c.negatives, c.negatives.length / c.D) } : {}),
        ...(c.labels ? { labels: c.labels } : {}),
      };
      const r = infonceLoss(q, k, options);
      expect(r.K).toBe(c.K);
      expect(r.skipped).toBe(c.skipped);
      if (typeof c.loss === "number") expectClose(r.loss as number, c.loss, 1e-12, 1e-13);
      else expectAllClose(r.loss as Float64Array, c.loss, 1e-12, 1e-13);
      expectAllClose(r.gradQ.data, c.gradQ, 1e-12, 1e-13);
      if (c.gradK) expectAllClose((r.gradK as Matrix).data, c.gradK, 1e-12, 1e-13);
      else expect(r.gradK).toBeNull();
      if (c.gradNegatives) expectAllClose((r.gradNegatives as Matrix).data, c.gradNegatives, 1e-12, 1e-13);
      else expect(r.gradNegatives).toBeNull();
    });
  }
});

// Oracle 2: central finite differences of the summed loss w.r.t. every input entry.
function randn(rows: number, cols: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(rows * cols));
}

function scalarLoss(r: ReturnType<typeof infonceLoss>): number {
  return typeof r.loss === "number" ? r.loss : r.loss.reduce((a, b) => a + b, 0);
}

function checkFd(
  name: string,
  arrays: { q: Float64Array; k: Float64Array | null; n: Float64Array | null },
  run: () => ReturnType<typeof infonceLoss>,
): void {
  const base = run();
  const h = 1e-6;
  const pairs: [Float64Array | null, Matrix | null, string][] = [
    [arrays.q, base.gradQ, "q"],
    [arrays.k, base.gradK, "k"],
    [arrays.n, base.gradNegatives, "negatives"],
  ];
  for (const [arr, grad, label] of pairs) {
    if (arr === null) continue;
    expect(grad, `${name}: gradient for ${label}`).not.toBeNull();
    checkGradient(arr, () => scalarLoss(run()), (grad as Matrix).data, {
      h,
      atol: 1e-7,
      rtol: 1e-7,
      what: `${name}: ∂/∂${label}`,
    });
  }
}

describe("gradients against central finite differences (h = 1e-6, tol 1e-7)", () => {
  const N = 4;
  const D = 3;
  const M = 3;
  const settings: [string, InfonceLossOptions, "none" | "unpaired" | "paired", boolean][] = [];
  for (const similarity of ["cosine", "dot"] as const) {
    for (const reduction of ["mean", "sum", "none"] as const) {
      const common = { similarity, reduction, temperature: similarity === "dot" ? 0.7 : 0.2 };
      settings.push([`in-batch ${similarity} ${reduction}`, common, "none", false]);
      settings.push([`symmetric ${similarity} ${reduction}`, { ...common, symmetric: true }, "none", false]);
      settings.push([`unpaired ${similarity} ${reduction}`, { ...common, negatives: "unpaired" }, "unpaired", false]);
      settings.push([`paired ${similarity} ${reduction}`, { ...common, negatives: "paired" }, "paired", false]);
      settings.push([
        `paired + in-batch ${similarity} ${reduction}`,
        { ...common, negatives: "paired", inBatchNegatives: true },
        "paired",
        false,
      ]);
      settings.push([`labels ${similarity} ${reduction}`, { ...common, labels: [0, 1, 0, 1] }, "none", false]);
      settings.push([
        `labels symmetric ${similarity} ${reduction}`,
        { ...common, labels: [0, 0, 1, 2], symmetric: true },
        "none",
        false,
      ]);
      settings.push([`self-contrast ${similarity} ${reduction}`, { ...common, labels: [0, 1, 0, 2] }, "none", true]);
    }
  }
  for (const [name, opts, neg, self] of settings) {
    it(name, () => {
      const q = randn(N, D, 1);
      const k = self ? null : randn(N, D, 2);
      const n = neg === "none" ? null : randn(neg === "unpaired" ? M : N * M, D, 3);
      checkFd(name, { q, k, n }, () =>
        infonceLoss(m64(N, D, q), k === null ? null : m64(N, D, k), {
          ...opts,
          ...(n === null ? {} : { negativeKeys: m64(n.length / D, D, n) }),
        }),
      );
    });
  }
});

describe("closed forms", () => {
  it("collapsed embeddings give a loss of exactly log K, bound 0 (every mode, cosine and dot)", () => {
    const N = 6;
    const D = 4;
    const v = [0.3, -1.2, 2.5, 0.7];
    const same = (rows: number): Matrix<Float64Array> =>
      m64(
        rows,
        D,
        Array.from({ length: rows * D }, (_, p) => v[p % D] as number),
      );
    for (const similarity of ["cosine", "dot"] as const) {
      const a = infonceLoss(same(N), same(N), { similarity, temperature: 0.05 });
      expect(a.loss).toBe(Math.log(N));
      expect(a.miBound).toBe(0);
      expect(a.saturated).toBe(false);
      expect(infonceLoss(same(N), same(N), { similarity, symmetric: true }).loss).toBe(Math.log(N));
      const u = infonceLoss(same(N), same(N), { similarity, negatives: "unpaired", negativeKeys: same(9) });
      expect(u.loss).toBe(Math.log(10));
      expect(u.K).toBe(10);
      const p = infonceLoss(same(N), same(N), { similarity, negatives: "paired", negativeKeys: same(N * 3) });
      expect(p.loss).toBe(Math.log(4));
      const pb = infonceLoss(same(N), same(N), {
        similarity,
        negatives: "paired",
        negativeKeys: same(N * 3),
        inBatchNegatives: true,
      });
      expect(pb.loss).toBe(Math.log(N + 3));
      const none = infonceLoss(same(N), same(N), { similarity, reduction: "none" }).loss as Float64Array;
      for (const l of none) expect(l).toBe(Math.log(N));
      expect(infonceLoss(same(N), same(N), { similarity, reduction: "sum" }).loss).toBeCloseTo(N * Math.log(N), 13);
    }
  });
  it("K = 1 (one in-batch pair) gives loss 0, zero gradients, bound 0", () => {
    const r = infonceLoss(m64(1, 3, [1, 2, 3]), m64(1, 3, [-1, 0.5, 2]), { similarity: "dot" });
    expect(r.loss).toBe(0);
    expect(r.K).toBe(1);
    expect(r.miBound).toBe(0);
    for (const g of r.gradQ.data) expect(g === 0).toBe(true);
    for (const g of (r.gradK as Matrix).data) expect(g === 0).toBe(true);
  });
  it("a perfectly aligned batch saturates: bound ≈ log K, flagged with the plain message", () => {
    const N = 8;
    const eye = m64(
      N,
      N,
      Array.from({ length: N * N }, (_, p) => (p % (N + 1) === 0 ? 1 : 0)),
    );
    const r = infonceLoss(eye, eye, { temperature: 0.01 });
    expect(r.miBound as number).toBeCloseTo(Math.log(N), 10);
    expect(r.saturated).toBe(true);
    expect(r.message).toMatch(/^this batch cannot show more than log K = 2\.079 nats/);
    const loose = infonceLoss(m64(N, 3, randn(N, 3, 4)), m64(N, 3, randn(N, 3, 5)));
    expect(loose.saturated).toBe(false);
    expect(loose.message).toBeNull();
  });
  it("labels that are all distinct reproduce the single-positive loss; shared labels give no MI bound", () => {
    const q = m64(5, 3, randn(5, 3, 6));
    const k = m64(5, 3, randn(5, 3, 7));
    const plain = infonceLoss(q, k);
    const distinct = infonceLoss(q, k, { labels: [10, 11, 12, 13, 14] });
    expect(distinct.loss).toBe(plain.loss);
    expect(distinct.miBound).toBe(plain.miBound);
    expect(infonceLoss(q, k, { labels: [1, 1, 2, 3, 4] }).miBound).toBeNull();
  });
  it("self-contrast skips anchors without another positive, reports the count, never NaN", () => {
    const q = m64(5, 3, randn(5, 3, 8));
    const r = infonceLoss(q, null, { labels: [0, 0, 1, 2, 2], reduction: "none" });
    expect(r.skipped).toBe(1);
    expect(r.anchors).toBe(4);
    expect(r.K).toBe(4);
    const per = r.loss as Float64Array;
    expect(per[2]).toBe(0);
    for (const l of per) expect(Number.isNaN(l)).toBe(false);
    const mean = infonceLoss(q, null, { labels: [0, 0, 1, 2, 2] }).loss as number;
    expectClose(
      mean,
      ((per[0] as number) + (per[1] as number) + (per[3] as number) + (per[4] as number)) / 4,
      1e-15,
      0,
    );
    expect(() => infonceLoss(q, null, { labels: [0, 1, 2, 3, 4] })).toThrow(
      expect.objectContaining({ code: "E_DATA" }),
    );
  });
});

describe("extremes", () => {
  const N = 5;
  const D = 4;
  const q = m64(N, D, randn(N, D, 11));
  const k = m64(N, D, randn(N, D, 12));
  for (const temperature of [1e-4, 1e4]) {
    it(`τ = ${temperature}: finite loss and gradients, equal to the log-softmax computed independently`, () => {
      for (const similarity of ["cosine", "dot"] as const) {
        for (const symmetric of [false, true]) {
          const r = infonceLoss(q, k, { temperature, similarity, symmetric });
          expect(Number.isFinite(r.loss as number)).toBe(true);
          for (const g of r.gradQ.data) expect(Number.isFinite(g)).toBe(true);
          for (const g of (r.gradK as Matrix).data) expect(Number.isFinite(g)).toBe(true);
        }
        // Independent route: logits from plain loops, row log-softmax by the textbook max-shift.
        const logits = naiveLogits(q, k, similarity, temperature);
        let expected = 0;
        for (let i = 0; i < N; i++) {
          const row = logits.slice(i * N, i * N + N);
          const mx = Math.max(...row);
          expected += mx + Math.log(row.reduce((a, b) => a + Math.exp(b - mx), 0)) - (row[i] as number);
        }
        expectClose(infonceLoss(q, k, { temperature, similarity }).loss as number, expected / N, 1e-12, 1e-14);
      }
    });
  }
  it("τ = 1e4 makes every candidate alike: loss → log K", () => {
    expectClose(infonceLoss(q, k, { temperature: 1e4 }).loss as number, Math.log(N), 1e-4, 0);
  });
  it("logits of ±1e4 (dot products of large embeddings) stay finite and exact", () => {
    // q_i = 100·e_i, k_i = ±100·e_i: the positive logit is ±1e4 and all others 0.
    const big = (sign: number): Matrix<Float64Array> =>
      m64(
        N,
        N,
        Array.from({ length: N * N }, (_, p) => (p % (N + 1) === 0 ? 100 * sign : 0)),
      );
    const good = infonceLoss(big(1), big(1), { similarity: "dot", temperature: 1 });
    expect(good.loss).toBe(0); // log(1 + 4e^{−1e4}) rounds to 0
    const bad = infonceLoss(big(1), big(-1), { similarity: "dot", temperature: 1 });
    expectClose(bad.loss as number, 1e4 + Math.log(N - 1), 1e-15, 0);
    for (const g of bad.gradQ.data) expect(Number.isFinite(g)).toBe(true);
  });
});

function naiveLogits(q: Matrix, k: Matrix, similarity: "dot" | "cosine", tau: number): number[] {
  const out: number[] = [];
  const row = (m: Matrix, i: number): number[] => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  for (let i = 0; i < q.rows; i++) {
    for (let j = 0; j < k.rows; j++) {
      const a = row(q, i);
      const b = row(k, j);
      let dot = a.reduce((s, v, d) => s + v * (b[d] as number), 0);
      if (similarity === "cosine") dot /= Math.hypot(...a) * Math.hypot(...b);
      out.push(dot / tau);
    }
  }
  return out;
}

describe("validation", () => {
  const q = m64(4, 3, randn(4, 3, 20));
  const k = m64(4, 3, randn(4, 3, 21));
  it("mismatched shapes → E_SHAPE naming both shapes", () => {
    expect(() => infonceLoss(q, m64(5, 3, randn(5, 3, 1)))).toThrow(/q is 4×3 but k is 5×3/);
    expect(() => infonceLoss(q, m64(4, 2, randn(4, 2, 1)))).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => infonceLoss(q, k, { negatives: "unpaired", negativeKeys: m64(3, 2, randn(3, 2, 1)) })).toThrow(
      /q is 4×3 but negativeKeys is 3×2/,
    );
    expect(() => infonceLoss(q, k, { negatives: "paired", negativeKeys: m64(6, 3, randn(6, 3, 1)) })).toThrow(
      /multiple of N = 4/,
    );
    expect(() => infonceLoss(q, k, { labels: [1, 2, 3] })).toThrow(/labels has 3 entries but q has 4 rows/);
    expect(() => infonceLoss({ rows: 2, cols: 2, data: new Float64Array(3) }, null)).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
  });
  it("NaN/Inf inputs, bad τ, zero rows under cosine → E_VALUE", () => {
    const bad = Float64Array.from(k.data);
    bad[7] = Number.NaN;
    expect(() => infonceLoss(q, m64(4, 3, bad))).toThrow(/k\[2,1\] = NaN/);
    bad[7] = Number.POSITIVE_INFINITY;
    expect(() => infonceLoss(q, m64(4, 3, bad))).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    for (const temperature of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => infonceLoss(q, k, { temperature })).toThrow(expect.objectContaining({ code: "E_VALUE" }));
    }
    const zero = Float64Array.from(q.data);
    zero.fill(0, 3, 6);
    expect(() => infonceLoss(m64(4, 3, zero), k)).toThrow(/q row 1 is the zero vector/);
    expect(infonceLoss(m64(4, 3, zero), k, { similarity: "dot" }).loss).toBeTypeOf("number");
    expect(() => infonceLoss(m64(1, 1, [1e200]), m64(1, 1, [1e200]), { similarity: "dot" })).toThrow(/overflows/);
  });
  it("incompatible options → E_ARG", () => {
    const nk = m64(2, 3, randn(2, 3, 2));
    expect(() => infonceLoss(q, k, { negatives: "unpaired" })).toThrow(expect.objectContaining({ code: "E_ARG" }));
    expect(() => infonceLoss(q, k, { negativeKeys: nk })).toThrow(expect.objectContaining({ code: "E_ARG" }));
    expect(() => infonceLoss(q, k, { negatives: "unpaired", negativeKeys: nk, symmetric: true })).toThrow(/symmetric/);
    expect(() => infonceLoss(q, null)).toThrow(/labels/);
    expect(() => infonceLoss(q, k, { similarity: "l2" as "dot" })).toThrow(/similarity = "l2"/);
    expect(() => infonceLoss(q, k, { inBatchNegatives: true })).toThrow(expect.objectContaining({ code: "E_ARG" }));
  });
});
