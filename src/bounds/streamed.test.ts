import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { dvBound } from "./dv.js";
import { dvBoundStreamed } from "./dv-streamed.js";
import { infonceBound } from "./infonce.js";
import { infonceBoundStreamed } from "./infonce-streamed.js";
import type { ScoreRowBlocks } from "./streamed.js";

/** Scores of a separable critic f(x_i, y_j) = x_i·y_j, recomputed per block: S never exists whole. */
function separable(K: number, M: number, D: number, seed: number): { blocks: ScoreRowBlocks; dense: Float64Array } {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(K * D));
  const y = rng.fillNormal(new Float64Array(M * D));
  for (let i = 0; i < K; i++)
    for (let d = 0; d < D; d++) y[i * D + d] = (y[i * D + d] as number) + (x[i * D + d] as number);
  const blocks: ScoreRowBlocks = (start, count, out) => {
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < M; j++) {
        let t = 0;
        for (let d = 0; d < D; d++) t += (x[(start + r) * D + d] as number) * (y[j * D + d] as number);
        out[r * M + j] = t;
      }
    }
  };
  const dense = new Float64Array(K * M);
  blocks(0, K, dense);
  return { blocks, dense };
}

function collectGrad(
  K: number,
  M: number,
): { grad: Float64Array; onGrad: (s: number, c: number, g: Float64Array) => void } {
  const grad = new Float64Array(K * M);
  return { grad, onGrad: (start, count, g) => grad.set(g.subarray(0, count * M), start * M) };
}

describe("O(M)-memory streamed bounds agree with the O(K·M) forms", () => {
  for (const [K, M] of [
    [1, 1],
    [1, 4],
    [7, 7],
    [10, 13],
    [64, 64],
  ] as const) {
    for (const blockRows of [1, 3, 64]) {
      it(`InfoNCE ${K}×${M}, blocks of ${blockRows}: bit-identical value and gradient`, () => {
        const { blocks, dense } = separable(K, M, 5, K * 100 + M);
        const ref = infonceBound({ rows: K, cols: M, data: dense });
        const { grad, onGrad } = collectGrad(K, M);
        const r = infonceBoundStreamed(K, M, blocks, { blockRows, onGrad });
        expect(r.value).toBe(ref.value);
        expect(Array.from(grad)).toEqual(Array.from(ref.grad));
        expect(infonceBoundStreamed(K, M, blocks, { blockRows }).value).toBe(ref.value);
      });
      if (K * (M - 1) >= 1) {
        it(`DV ${K}×${M}, blocks of ${blockRows}: value and gradient within rtol 1e-13 (online log-sum-exp)`, () => {
          const { blocks, dense } = separable(K, M, 5, K * 100 + M + 1);
          const ref = dvBound({ rows: K, cols: M, data: dense });
          const { grad, onGrad } = collectGrad(K, M);
          const r = dvBoundStreamed(K, M, blocks, { blockRows, onGrad });
          expect(Math.abs(r.value - ref.value)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(ref.value)));
          for (let p = 0; p < K * M; p++) {
            expect(Math.abs((grad[p] as number) - (ref.grad[p] as number))).toBeLessThanOrEqual(
              1e-13 * Math.abs(ref.grad[p] as number) + 1e-300,
            );
          }
        });
      }
    }
  }
  it("a 1500×1500 batch with blocks of 16 rows: agrees with the dense form, the block buffer is 16×1500", () => {
    const K = 1500;
    const { blocks, dense } = separable(K, K, 8, 5);
    let largest = 0;
    const spy: ScoreRowBlocks = (start, count, out) => {
      largest = Math.max(largest, out.length);
      blocks(start, count, out);
    };
    expect(infonceBoundStreamed(K, K, spy, { blockRows: 16 }).value).toBe(
      infonceBound({ rows: K, cols: K, data: dense }).value,
    );
    const dv = dvBoundStreamed(K, K, spy, { blockRows: 16 }).value;
    expect(Math.abs(dv - dvBound({ rows: K, cols: K, data: dense }).value)).toBeLessThanOrEqual(1e-12);
    expect(largest).toBe(16 * K);
  });
  it("DV streamed is finite at ±1e4 with the maximum arriving late (the running sum is rescaled)", () => {
    const K = 6;
    const s = new Float64Array(K * K).fill(-1e4);
    s[5 * K + 2] = 1e4; // the largest negative sits in the last block
    for (let i = 0; i < K; i++) s[i * K + i] = 0;
    const blocks: ScoreRowBlocks = (start, count, out) => out.set(s.subarray(start * K, (start + count) * K));
    const r = dvBoundStreamed(K, K, blocks, { blockRows: 2 });
    expect(r.value).toBe(dvBound({ rows: K, cols: K, data: s }).value);
    expect(r.value).toBe(-(1e4 - Math.log(K * (K - 1))));
  });
  it("validates: shape, block size, no negatives, NaN with its position in the full S", () => {
    const noop: ScoreRowBlocks = (_s, _c, out) => out.fill(0);
    expect(() => infonceBoundStreamed(3, 2, noop)).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => infonceBoundStreamed(3, 3, noop, { blockRows: 0 })).toThrow(
      expect.objectContaining({ code: "E_ARG" }),
    );
    expect(() => dvBoundStreamed(1, 1, noop)).toThrow(expect.objectContaining({ code: "E_DATA" }));
    const bad: ScoreRowBlocks = (start, count, out) => {
      out.fill(0);
      if (start <= 4 && 4 < start + count) out[(4 - start) * 5 + 2] = Number.NaN;
    };
    expect(() => infonceBoundStreamed(5, 5, bad, { blockRows: 2 })).toThrow(/S\[4,2\] = NaN/);
    expect(() => dvBoundStreamed(5, 5, bad, { blockRows: 3 })).toThrow(/S\[4,2\] = NaN/);
  });
});
