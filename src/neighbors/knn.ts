import { InfonceError } from "../errors.js";
import type { KdTree } from "./kd-tree.js";

/** Deep enough for any tree this library builds (depth ≤ log₂ n + 1 < 64), two entries per level. */
const STACK_SIZE = 256;

/**
 * The k nearest neighbours in max-norm of every point of the tree among the *other* points of the tree
 * (the point itself is excluded by identity, not by distance, so a duplicate counts as a neighbour at distance 0).
 *
 * Queries run in tree order, so consecutive queries touch the same nodes and leaves (cache locality).
 * Per query: a depth-first search, nearer child first, pruning a node when the max-norm distance from the query to
 * its tight bounding box exceeds the current k-th distance; the k best are kept sorted by insertion (k is small).
 * Ties at equal distance are broken by the smaller original row index, so the neighbour *set* is deterministic
 * (KSG estimator 2 uses it); the k-th distance itself never depends on tie-breaking.
 *
 * Exactness: distances are max_c |fl(p_c − q_c)|, and box distances max_c fl(lo_c − q_c) (or fl(q_c − hi_c)) with
 * real coordinates of the box's own points; fl(· − q) is monotone, so a box bound never exceeds the distance of a
 * point inside it and pruning never drops a true neighbour.
 *
 * @param k neighbours per point, 1 ≤ k ≤ n − 1
 * @param outDist length n, indexed by original row: the distance to the k-th nearest other point
 * @param outIdx optional, length n·k, row i holds the original indices of i's k nearest, nearest first
 * @param from, to the queries: the points of tree rows from ≤ t < to (default all), so that threads can split
 *   the work into runs of the tree order; the entries of the other points are left untouched
 * @param skip optional, length n, indexed by original row: a point flagged 1 is not queried (its entries are left
 *   untouched) though it stays a neighbour of the others: for callers that know its answer without a search
 */
export function selfKnnMaxNorm(
  tree: KdTree,
  k: number,
  outDist: Float64Array,
  outIdx?: Int32Array,
  from = 0,
  to = tree.n,
  skip?: Uint8Array,
): void {
  const { n, d, points, order, nodeStart, nodeEnd, nodeLeft, nodeRight, lo, hi } = tree;
  if (!(Number.isInteger(k) && k >= 1 && k <= n - 1)) {
    throw new InfonceError("E_DATA", `k = ${k} neighbours need at least k + 1 = ${k + 1} points, got n = ${n}`);
  }
  if (outDist.length !== n) throw new InfonceError("E_SHAPE", `outDist has length ${outDist.length}, expected ${n}`);
  if (outIdx !== undefined && outIdx.length !== n * k) {
    throw new InfonceError("E_SHAPE", `outIdx has length ${outIdx.length}, expected n·k = ${n * k}`);
  }
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= n)) {
    throw new InfonceError("E_ARG", `query rows must satisfy 0 ≤ from ≤ to ≤ n = ${n}, got from ${from}, to ${to}`);
  }
  if (skip !== undefined && skip.length !== n) {
    throw new InfonceError("E_SHAPE", `skip has length ${skip.length}, expected ${n}`);
  }
  const bestD = new Float64Array(k);
  const bestT = new Int32Array(k); // tree rows of the current best
  const stackNode = new Int32Array(STACK_SIZE);
  const stackLb = new Float64Array(STACK_SIZE);
  const q = new Float64Array(d);

  for (let t = from; t < to; t++) {
    if (skip !== undefined && skip[order[t] as number] === 1) continue;
    for (let c = 0; c < d; c++) q[c] = points[t * d + c] as number;
    bestD.fill(Number.POSITIVE_INFINITY);
    bestT.fill(-1);
    let worst = Number.POSITIVE_INFINITY;
    let sp = 0;
    stackNode[0] = 0;
    stackLb[0] = 0;
    sp = 1;
    while (sp > 0) {
      sp--;
      const v = stackNode[sp] as number;
      if ((stackLb[sp] as number) > worst) continue;
      const left = nodeLeft[v] as number;
      if (left < 0) {
        const end = nodeEnd[v] as number;
        for (let s = nodeStart[v] as number; s < end; s++) {
          if (s === t) continue;
          // First reject on any coordinate beyond ±worst (cheap, branch-predictable), then take the max.
          const base = s * d;
          let dist = 0;
          let far = false;
          for (let c = 0; c < d; c++) {
            const diff = (points[base + c] as number) - (q[c] as number);
            if (diff > worst || diff < -worst) {
              far = true;
              break;
            }
            const a = diff < 0 ? -diff : diff;
            if (a > dist) dist = a;
          }
          if (far) continue;
          const os = order[s] as number;
          if (dist === worst) {
            // Equal to the current k-th: enters only by the smaller original index (deterministic sets).
            const wt = bestT[k - 1] as number;
            if (wt >= 0 && os > (order[wt] as number)) continue;
          }
          // Insert (dist, s) into the sorted list, dropping the last.
          let pos = k - 1;
          while (pos > 0) {
            const pd = bestD[pos - 1] as number;
            const pt = bestT[pos - 1] as number;
            if (pd < dist || (pd === dist && (order[pt] as number) < os)) break;
            bestD[pos] = pd;
            bestT[pos] = pt;
            pos--;
          }
          bestD[pos] = dist;
          bestT[pos] = s;
          worst = bestD[k - 1] as number;
        }
        continue;
      }
      const right = nodeRight[v] as number;
      const lbL = boxDistance(lo, hi, left, d, q);
      const lbR = boxDistance(lo, hi, right, d, q);
      // Push the farther child first so the nearer is searched first and tightens `worst` sooner.
      if (lbL <= lbR) {
        if (lbR <= worst) {
          stackNode[sp] = right;
          stackLb[sp++] = lbR;
        }
        if (lbL <= worst) {
          stackNode[sp] = left;
          stackLb[sp++] = lbL;
        }
      } else {
        if (lbL <= worst) {
          stackNode[sp] = left;
          stackLb[sp++] = lbL;
        }
        if (lbR <= worst) {
          stackNode[sp] = right;
          stackLb[sp++] = lbR;
        }
      }
    }
    const oi = order[t] as number;
    outDist[oi] = bestD[k - 1] as number;
    if (outIdx !== undefined) {
      for (let j = 0; j < k; j++) outIdx[oi * k + j] = order[bestT[j] as number] as number;
    }
  }
}

/** Max-norm distance from q to the bounding box of node v (0 inside). */
function boxDistance(lo: Float64Array, hi: Float64Array, v: number, d: number, q: Float64Array): number {
  let dist = 0;
  const base = v * d;
  for (let c = 0; c < d; c++) {
    const qc = q[c] as number;
    const below = (lo[base + c] as number) - qc;
    if (below > dist) dist = below;
    else {
      const above = qc - (hi[base + c] as number);
      if (above > dist) dist = above;
    }
  }
  return dist;
}
