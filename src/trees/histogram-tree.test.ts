import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { binFeatures } from "./feature-bins.js";
import { growTree, type TreeSettings, treeValue } from "./histogram-tree.js";

/**
 * A second implementation, by brute force on the raw values: every leaf tries every column and every threshold
 * between its distinct values, summing the gradients of its rows directly; the leaf of largest gain is split first.
 * Returns each row's leaf value.
 */
function bruteForceTree(
  x: Float64Array,
  cols: number,
  grad: Float64Array,
  hess: Float64Array,
  s: TreeSettings,
): Float64Array {
  const n = grad.length;
  const sum = (rows: number[], a: Float64Array) => rows.reduce((t, r) => t + (a[r] as number), 0);
  const score = (rows: number[]) => sum(rows, grad) ** 2 / (sum(rows, hess) + s.l2);
  const best = (rows: number[]) => {
    let top = { gain: Number.NEGATIVE_INFINITY, left: [] as number[], right: [] as number[] };
    if (rows.length < 2 * s.minRowsPerLeaf) return top;
    for (let c = 0; c < cols; c++) {
      const values = [...new Set(rows.map((r) => x[r * cols + c] as number))].sort((a, b) => a - b);
      for (const v of values.slice(0, -1)) {
        const left = rows.filter((r) => (x[r * cols + c] as number) <= v);
        const right = rows.filter((r) => (x[r * cols + c] as number) > v);
        if (left.length < s.minRowsPerLeaf || right.length < s.minRowsPerLeaf) continue;
        if (sum(left, hess) < s.minHessian || sum(right, hess) < s.minHessian) continue;
        const gain = score(left) + score(right) - score(rows);
        if (gain > top.gain) top = { gain, left, right };
      }
    }
    return top;
  };
  let leaves = [{ rows: Array.from({ length: n }, (_, i) => i), split: best(Array.from({ length: n }, (_, i) => i)) }];
  while (leaves.length < s.maxLeaves) {
    const pick = leaves.reduce((a, b) => (b.split.gain > a.split.gain ? b : a));
    if (!(pick.split.gain > 0)) break;
    leaves = leaves.filter((l) => l !== pick);
    leaves.push({ rows: pick.split.left, split: best(pick.split.left) });
    leaves.push({ rows: pick.split.right, split: best(pick.split.right) });
  }
  const out = new Float64Array(n);
  for (const l of leaves) for (const r of l.rows) out[r] = -sum(l.rows, grad) / (sum(l.rows, hess) + s.l2);
  return out;
}

/** Integer-valued columns (few distinct values, so the bins are exact) and random gradients and hessians. */
function problem(n: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * cols }, () => rng.int(12));
  const grad = Float64Array.from({ length: n }, (_, i) => Math.sin(x[i * cols] as number) + 0.5 * rng.normal());
  const hess = Float64Array.from({ length: n }, () => 0.05 + rng.uniform());
  return { x, grad, hess };
}

describe("growTree", () => {
  const settings: TreeSettings = { maxLeaves: 9, minRowsPerLeaf: 7, minHessian: 1e-3, l2: 0.5 };

  it("grows the tree exact greedy splitting grows, leaf for leaf (columns of ≤ 256 values)", () => {
    for (const seed of [1, 2, 3]) {
      const n = 300;
      const cols = 4;
      const { x, grad, hess } = problem(n, cols, seed);
      const binned = binFeatures({ rows: n, cols, data: x });
      const rows = Int32Array.from({ length: n }, (_, i) => i);
      const { tree, leaves } = growTree(binned, grad, hess, rows, settings);
      const expected = bruteForceTree(x, cols, grad, hess, settings);
      expect(leaves.length / 3).toBe(settings.maxLeaves);
      for (let r = 0; r < n; r++) expect(treeValue(tree, binned, r)).toBeCloseTo(expected[r] as number, 12);
      // The leaf runs left in `rows` hold each row once, with its leaf's value.
      const seen = new Set<number>();
      for (let l = 0; l < leaves.length; l += 3) {
        for (let i = leaves[l + 1] as number; i < (leaves[l + 2] as number); i++) {
          const r = rows[i] as number;
          seen.add(r);
          expect(tree.value[leaves[l] as number]).toBe(treeValue(tree, binned, r));
        }
      }
      expect(seen.size).toBe(n);
    }
  });

  it("grows the same tree where most leaves may not split (their sums read off their rows, not a histogram)", () => {
    // Continuous columns (150 distinct values: a bin each, as many bins as rows) and scikit-learn's 20 rows a leaf:
    // growth ends when no leaf may split, and the larger child's sums are its parent's less the smaller's rows.
    const s: TreeSettings = { maxLeaves: 31, minRowsPerLeaf: 20, minHessian: 1e-3, l2: 0 };
    for (const seed of [5, 6]) {
      const n = 150;
      const cols = 6;
      const rng = createRng(seed);
      const x = Float64Array.from({ length: n * cols }, () => rng.uniform());
      const grad = Float64Array.from(
        { length: n },
        (_, i) => Math.sin(6 * (x[i * cols] as number)) + 0.3 * rng.normal(),
      );
      const hess = Float64Array.from({ length: n }, () => 0.05 + rng.uniform());
      const binned = binFeatures({ rows: n, cols, data: x });
      const { tree, leaves } = growTree(
        binned,
        grad,
        hess,
        Int32Array.from({ length: n }, (_, i) => i),
        s,
      );
      const expected = bruteForceTree(x, cols, grad, hess, s);
      expect(leaves.length / 3).toBeGreaterThan(2);
      expect(leaves.length / 3).toBeLessThan(s.maxLeaves);
      for (let r = 0; r < n; r++) expect(treeValue(tree, binned, r)).toBeCloseTo(expected[r] as number, 12);
    }
  });

  it("is a single leaf of value −G/(H + λ) when no split leaves enough rows on each side", () => {
    const { x, grad, hess } = problem(20, 2, 4);
    const binned = binFeatures({ rows: 20, cols: 2, data: x });
    const { tree } = growTree(
      binned,
      grad,
      hess,
      Int32Array.from({ length: 20 }, (_, i) => i),
      {
        ...settings,
        minRowsPerLeaf: 11,
      },
    );
    const g = grad.reduce((a, b) => a + b, 0);
    const h = hess.reduce((a, b) => a + b, 0);
    expect(tree.feature.length).toBe(1);
    expect(tree.value[0]).toBeCloseTo(-g / (h + settings.l2), 14);
  });

  it("finds a step exactly: the two leaves' values are the Newton steps of their rows", () => {
    const n = 100;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const grad = Float64Array.from({ length: n }, (_, i) => (i < 37 ? -1 : 2));
    const hess = new Float64Array(n).fill(1);
    const binned = binFeatures({ rows: n, cols: 1, data: x });
    const { tree } = growTree(
      binned,
      grad,
      hess,
      Int32Array.from({ length: n }, (_, i) => i),
      {
        maxLeaves: 2,
        minRowsPerLeaf: 1,
        minHessian: 0,
        l2: 0,
      },
    );
    expect(treeValue(tree, binned, 0)).toBe(1);
    expect(treeValue(tree, binned, 36)).toBe(1);
    expect(treeValue(tree, binned, 37)).toBe(-2);
  });
});
