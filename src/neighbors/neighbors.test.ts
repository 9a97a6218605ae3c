import { describe, expect, it } from "vitest";
import { createRng } from "../math/rng.js";
import { countWithinRadius, strictRadius } from "./count-within.js";
import { duplicateNeighbours } from "./duplicate-neighbours.js";
import { buildKdTree } from "./kd-tree.js";
import { selfKnnMaxNorm } from "./knn.js";
import { countWithinRadius1d, firstAbove, firstAboveUp, firstAtLeast, firstAtLeastDown } from "./sorted-count.js";

/** Brute-force oracle: all pairwise max-norm distances, computed the same way (max_c |x_j,c − x_i,c|). */
function distance(data: Float64Array, d: number, i: number, j: number): number {
  let m = 0;
  for (let c = 0; c < d; c++) m = Math.max(m, Math.abs((data[j * d + c] as number) - (data[i * d + c] as number)));
  return m;
}

function bruteKnn(data: Float64Array, n: number, d: number, k: number): { dist: Float64Array; idx: Int32Array } {
  const dist = new Float64Array(n);
  const idx = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < n; j++) if (j !== i) all.push([distance(data, d, i, j), j]);
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    dist[i] = (all[k - 1] as [number, number])[0];
    for (let j = 0; j < k; j++) idx[i * k + j] = (all[j] as [number, number])[1];
  }
  return { dist, idx };
}

function bruteCount(data: Float64Array, n: number, d: number, radius: Float64Array): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let j = 0; j < n; j++) if (distance(data, d, i, j) <= (radius[i] as number)) c++;
    out[i] = c;
  }
  return out;
}

type Kind = "normal" | "integers" | "duplicates";
function makeData(kind: Kind, n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n * d);
  if (kind === "normal") return rng.fillNormal(out);
  if (kind === "integers") {
    for (let i = 0; i < out.length; i++) out[i] = rng.int(4) * 0.1; // ties, and 0.1·m has rounding in differences
    return out;
  }
  // Exact duplicate rows: half the rows copy an earlier row.
  rng.fillNormal(out);
  for (let i = 1; i < n; i += 2) {
    const src = rng.int(i);
    for (let c = 0; c < d; c++) out[i * d + c] = out[src * d + c] as number;
  }
  return out;
}

describe("k-d tree neighbour queries agree exactly with brute force (max-norm)", () => {
  const cases: [Kind, number, number, number, number][] = [
    ["normal", 300, 1, 3, 16],
    ["normal", 400, 3, 3, 4],
    ["normal", 500, 10, 4, 16],
    ["normal", 257, 2, 1, 1],
    ["integers", 300, 2, 3, 8],
    ["integers", 400, 1, 5, 16],
    ["duplicates", 300, 3, 3, 16],
    ["duplicates", 200, 2, 6, 2],
  ];
  for (const [kind, n, d, k, leaf] of cases) {
    it(`${kind} n=${n} d=${d} k=${k} leafSize=${leaf}`, () => {
      const data = makeData(kind, n, d, n + d + k);
      const tree = buildKdTree(data, n, d, leaf);
      const dist = new Float64Array(n);
      const idx = new Int32Array(n * k);
      selfKnnMaxNorm(tree, k, dist, idx);
      const oracle = bruteKnn(data, n, d, k);
      expect(Array.from(dist)).toEqual(Array.from(oracle.dist));
      expect(Array.from(idx)).toEqual(Array.from(oracle.idx));

      for (const strict of [false, true]) {
        const radius = dist.map((e) => (strict ? strictRadius(e) : e));
        const counts = new Int32Array(n);
        countWithinRadius(tree, radius, counts);
        expect(Array.from(counts)).toEqual(Array.from(bruteCount(data, n, d, radius)));
        if (d === 1) {
          const counts1 = new Int32Array(n);
          countWithinRadius1d(data, radius, counts1);
          expect(Array.from(counts1)).toEqual(Array.from(counts));
        }
      }
    });
  }

  it("a tree of one point and of identical points", () => {
    const one = buildKdTree(new Float64Array([1, 2]), 1, 2);
    const c = new Int32Array(1);
    countWithinRadius(one, new Float64Array([0]), c);
    expect(c[0]).toBe(1);
    const same = new Float64Array(100).fill(3);
    const tree = buildKdTree(same, 50, 2, 4);
    const dist = new Float64Array(50);
    selfKnnMaxNorm(tree, 3, dist);
    expect(Array.from(dist)).toEqual(new Array(50).fill(0));
    const counts = new Int32Array(50);
    countWithinRadius(tree, dist, counts);
    expect(Array.from(counts)).toEqual(new Array(50).fill(50));
  });

  it("rejects k ≥ n and mismatched buffers", () => {
    const tree = buildKdTree(new Float64Array([0, 1, 2]), 3, 1);
    expect(() => selfKnnMaxNorm(tree, 3, new Float64Array(3))).toThrow(/need at least k \+ 1 = 4 points/);
    expect(() => selfKnnMaxNorm(tree, 1, new Float64Array(2))).toThrow(/outDist has length 2/);
    expect(() => buildKdTree(new Float64Array(5), 3, 2)).toThrow(/expected n·d = 3·2 = 6/);
  });
});

describe("duplicateNeighbours: points with k duplicates answered without a search", () => {
  it("gives the brute-force neighbours of every point it answers, and the search with `skip` the rest", () => {
    // Groups of 1 to 40 identical rows (some with k or more duplicates, some fewer) on a 3-valued and a normal column.
    const rng = createRng(21);
    const n = 600;
    const d = 2;
    const k = 10;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const group = rng.uniform() < 0.7 ? rng.int(12) : 100 + i;
      data[i * d] = group % 3;
      data[i * d + 1] = group < 100 ? group * 0.37 : rng.normal();
    }
    const dist = new Float64Array(n).fill(-1);
    const idx = new Int32Array(n * k).fill(-1);
    const answered = duplicateNeighbours(data, n, d, k, dist, idx);
    const oracle = bruteKnn(data, n, d, k);
    const count = answered.reduce((s, a) => s + a, 0);
    expect(count).toBeGreaterThan(n / 2);
    expect(count).toBeLessThan(n);
    for (let i = 0; i < n; i++) {
      if (answered[i] === 0) {
        expect(dist[i]).toBe(-1);
        continue;
      }
      expect(dist[i]).toBe(0);
      expect(Array.from(idx.subarray(i * k, i * k + k))).toEqual(Array.from(oracle.idx.subarray(i * k, i * k + k)));
    }
    selfKnnMaxNorm(buildKdTree(data, n, d), k, dist, idx, 0, n, answered);
    expect(Array.from(dist)).toEqual(Array.from(oracle.dist));
    expect(Array.from(idx)).toEqual(Array.from(oracle.idx));
  });

  it("selfKnnMaxNorm leaves the skipped points' entries untouched", () => {
    const tree = buildKdTree(new Float64Array([0, 1, 2, 4]), 4, 1);
    const dist = new Float64Array(4).fill(-1);
    selfKnnMaxNorm(tree, 1, dist, undefined, 0, 4, Uint8Array.from([0, 1, 1, 0]));
    expect(Array.from(dist)).toEqual([1, -1, -1, 2]);
    expect(() => selfKnnMaxNorm(tree, 1, dist, undefined, 0, 4, new Uint8Array(3))).toThrow(/skip has length 3/);
  });
});

describe("strictRadius", () => {
  it("is the float just below ε, and 0 at 0 (numpy.nextafter(eps, 0))", () => {
    expect(strictRadius(1)).toBe(1 - 2 ** -53);
    expect(strictRadius(0)).toBe(0);
    expect(strictRadius(5e-324)).toBe(0);
    expect(strictRadius(2 ** -1022)).toBe(2 ** -1022 - 2 ** -1074);
    expect(strictRadius(0.1)).toBe(0.1 - 2 ** -56); // ulp(0.1) = 2^-56
    expect(strictRadius(Number.POSITIVE_INFINITY)).toBe(Number.MAX_VALUE);
  });
});

describe("galloping searches from a position give the binary searches' indices", () => {
  it("firstAtLeastDown / firstAboveUp = firstAtLeast / firstAbove, for every start, with ties and radius 0", () => {
    const rng = createRng(8);
    for (const n of [1, 2, 7, 300]) {
      const sorted = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? rng.int(6) : rng.normal() * 3)).sort();
      for (let t = 0; t < n; t++) {
        const q = sorted[t] as number;
        for (const r of [0, 1e-300, 0.01, rng.uniform(), 2.5, 100, Number.MAX_VALUE]) {
          expect(firstAtLeastDown(sorted, q, -r, t)).toBe(firstAtLeast(sorted, q, -r));
          expect(firstAboveUp(sorted, q, r, t)).toBe(firstAbove(sorted, q, r));
        }
      }
    }
  });
});
