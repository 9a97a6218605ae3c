/**
 * Work per query of KSG's tree searches at each n — the numbers behind "why not n log n" in docs/estimators.md:
 *   npm run -s build && node dist/bench/ksg-work.js [--d 5] [--k 3] [--sizes 1000,10000,100000]
 * - k-NN floor: leaves (and their points) whose box lies within ε_i of z_i in the joint tree. Any exact search on
 *   this tree must open them (one of them could hold a point at distance < ε_i), so their growth bounds the growth
 *   of the k-NN phase from below.
 * - Marginal count (x side): the walk of countWithinRadius replayed with counters — nodes tested, points tested in
 *   the leaves it opens, and the points it adds as whole boxes — against the count n_x + 1 itself.
 * Averages over queries (every query for the count, every ⌈n/3000⌉-th for the floor).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { standardizeColumns } from "../src/estimators/standardize.js";
import { strictRadius } from "../src/neighbors/count-within.js";
import { buildKdTree, type KdTree } from "../src/neighbors/kd-tree.js";
import { selfKnnMaxNorm } from "../src/neighbors/knn.js";
import { gaussianPairs } from "./ksg.js";

/** Max-norm distance from row q of `points` to the box of node v. */
function boxDistance(tree: KdTree, v: number, q: Float64Array): number {
  let dist = 0;
  for (let c = 0; c < tree.d; c++) {
    const below = (tree.lo[v * tree.d + c] as number) - (q[c] as number);
    const above = (q[c] as number) - (tree.hi[v * tree.d + c] as number);
    dist = Math.max(dist, below, above);
  }
  return dist;
}

/** Mean number of leaves, and of points in them, whose box lies within eps of the query (the k-NN floor). */
function knnFloor(tree: KdTree, eps: Float64Array): { leaves: number; points: number } {
  const { n, d, points, order, nodeLeft, nodeRight, nodeStart, nodeEnd } = tree;
  const step = Math.max(1, Math.ceil(n / 3000));
  const q = new Float64Array(d);
  let leaves = 0;
  let pts = 0;
  let queries = 0;
  for (let t = 0; t < n; t += step) {
    for (let c = 0; c < d; c++) q[c] = points[t * d + c] as number;
    const e = eps[order[t] as number] as number;
    const stack = [0];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if (boxDistance(tree, v, q) > e) continue;
      const left = nodeLeft[v] as number;
      if (left < 0) {
        leaves++;
        pts += (nodeEnd[v] as number) - (nodeStart[v] as number);
      } else stack.push(left, nodeRight[v] as number);
    }
    queries++;
  }
  return { leaves: leaves / queries, points: pts / queries };
}

/** countWithinRadius's walk with counters (same tests, same order). */
function countWork(
  tree: KdTree,
  radius: Float64Array,
): { nodes: number; points: number; whole: number; count: number } {
  const { n, d, points, order, nodeStart, nodeEnd, nodeLeft, nodeRight, lo, hi } = tree;
  let nodes = 0;
  let tested = 0;
  let whole = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const r = radius[order[t] as number] as number;
    const stack = [0];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      nodes++;
      let inside = true;
      let outside = false;
      for (let c = 0; c < d; c++) {
        const qc = points[t * d + c] as number;
        const a = (lo[v * d + c] as number) - qc;
        const b = (hi[v * d + c] as number) - qc;
        if (a > r || b < -r) {
          outside = true;
          break;
        }
        if (a < -r || b > r) inside = false;
      }
      if (outside) continue;
      const size = (nodeEnd[v] as number) - (nodeStart[v] as number);
      if (inside) {
        whole += size;
        total += size;
        continue;
      }
      const left = nodeLeft[v] as number;
      if (left >= 0) {
        stack.push(nodeRight[v] as number, left);
        continue;
      }
      for (let s = nodeStart[v] as number; s < (nodeEnd[v] as number); s++) {
        tested++;
        let within = true;
        for (let c = 0; c < d; c++) {
          const diff = (points[s * d + c] as number) - (points[t * d + c] as number);
          if (diff > r || diff < -r) within = false;
        }
        if (within) total++;
      }
    }
  }
  return { nodes: nodes / n, points: tested / n, whole: whole / n, count: total / n };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      d: { type: "string", default: "5" },
      k: { type: "string", default: "3" },
      sizes: { type: "string", default: "1000,10000,100000" },
    },
  });
  const d = Number(values.d);
  const k = Number(values.k);
  console.log(`KSG work per query, d = ${d}+${d}, k = ${k}, leaf size 16`);
  console.log("        n | k-NN floor: leaves  points | count: nodes  points tested  whole-box points  n_x + 1");
  for (const n of values.sizes.split(",").map(Number)) {
    const s = gaussianPairs(n, d, 0.6, 2);
    const x = standardizeColumns(s.x).data;
    const y = standardizeColumns(s.y).data;
    const z = new Float64Array(n * 2 * d);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < d; c++) z[i * 2 * d + c] = x[i * d + c] as number;
      for (let c = 0; c < d; c++) z[i * 2 * d + d + c] = y[i * d + c] as number;
    }
    const joint = buildKdTree(z, n, 2 * d);
    const eps = new Float64Array(n);
    selfKnnMaxNorm(joint, k, eps);
    const floor = knnFloor(joint, eps);
    const w = countWork(buildKdTree(x, n, d), eps.map(strictRadius));
    const f = (v: number, width: number): string => v.toFixed(1).padStart(width);
    console.log(
      `  ${String(n).padStart(7)} | ${f(floor.leaves, 18)} ${f(floor.points, 7)} | ${f(w.nodes, 12)} ${f(w.points, 14)} ${f(w.whole, 17)} ${f(w.count, 8)}`,
    );
  }
}
