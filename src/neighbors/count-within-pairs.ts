import { InfonceError } from "../errors.js";
import type { KdTree } from "./kd-tree.js";

/** Pair stack depth: a pair splits one side at a time, so depth ≤ 2·(tree depth ≤ 32) levels, ≤ 3 pushes each. */
const STACK_PAIRS = 256;

/**
 * The same counts as `countWithinRadius` — for every point i of the tree, #{j : max_c |x_j,c − x_i,c| ≤ radius[i]},
 * i included — by one dual-tree self-join over pairs of nodes (Gray & Moore 2001, "N-body problems in statistical
 * learning"; the self-join of Ram, Lee, March & Gray 2009) instead of one tree walk per query.
 *
 * Why: KSG's radius queries are the tree's own points, so every pair of points near each other's ball boundary is
 * met twice by per-query walks, once from each end, and the walks repeat the same box tests from the root for
 * neighbouring queries. Here each unordered pair of nodes (A, B) is met once and decided for both directions:
 * - every point of A gains |B| when the farthest box distance is ≤ min radius over A (stored on A, pushed down once
 *   at the end); A gains nothing from B when the nearest box distance exceeds max radius over A; same for B;
 * - undecided pairs split the larger node; two leaves are resolved point by point, one distance per point pair
 *   serving both directions, after testing each point against the other leaf's box.
 *
 * Exactness (bit-identical to the per-query walk): fl is monotone, so for a in A, b in B,
 * fl(b − a) ∈ [fl(lo_B − hi_A), fl(hi_B − lo_A)] per coordinate, and fl(a − b) = −fl(b − a) (round-to-nearest is
 * sign-symmetric); the box tests are therefore sufficient conditions on the very distances the point test computes.
 *
 * @param radius length n, indexed by original row; each ≥ 0
 * @param out length n, indexed by original row
 */
export function countWithinRadiusPairs(tree: KdTree, radius: Float64Array, out: Int32Array): void {
  const { n, d, points, order, nodeStart, nodeEnd, nodeLeft, nodeRight, lo, hi, nodeCount } = tree;
  if (radius.length !== n) throw new InfonceError("E_SHAPE", `radius has length ${radius.length}, expected ${n}`);
  if (out.length !== n) throw new InfonceError("E_SHAPE", `out has length ${out.length}, expected ${n}`);
  // Radii in tree order, and their min and max per node (children have larger pre-order numbers than parents).
  const r = new Float64Array(n);
  for (let t = 0; t < n; t++) r[t] = radius[order[t] as number] as number;
  const rMin = new Float64Array(nodeCount);
  const rMax = new Float64Array(nodeCount);
  for (let v = nodeCount - 1; v >= 0; v--) {
    const left = nodeLeft[v] as number;
    if (left >= 0) {
      const right = nodeRight[v] as number;
      rMin[v] = Math.min(rMin[left] as number, rMin[right] as number);
      rMax[v] = Math.max(rMax[left] as number, rMax[right] as number);
      continue;
    }
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    for (let t = nodeStart[v] as number; t < (nodeEnd[v] as number); t++) {
      const rt = r[t] as number;
      if (rt < mn) mn = rt;
      if (rt > mx) mx = rt;
    }
    rMin[v] = mn;
    rMax[v] = mx;
  }
  const count = new Int32Array(n); // per point, tree order
  const add = new Int32Array(nodeCount); // per node, for all its points
  const scanA = new Uint8Array(n);
  const scanB = new Uint8Array(n);
  const stack = new Int32Array(3 * STACK_PAIRS);
  let sp = 0;
  stack[sp++] = 0;
  stack[sp++] = 0;
  stack[sp++] = 3;
  while (sp > 0) {
    let need = stack[--sp] as number;
    const b = stack[--sp] as number;
    const a = stack[--sp] as number;
    const sizeA = (nodeEnd[a] as number) - (nodeStart[a] as number);
    const sizeB = (nodeEnd[b] as number) - (nodeStart[b] as number);
    const baseA = a * d;
    const baseB = b * d;
    if (a === b) {
      // Self pair: every distance inside A is ≤ the widest side of A's box.
      let span = 0;
      for (let c = 0; c < d; c++) {
        const s = (hi[baseA + c] as number) - (lo[baseA + c] as number);
        if (s > span) span = s;
      }
      if (span <= (rMin[a] as number)) {
        add[a] = (add[a] as number) + sizeA;
        continue;
      }
      const left = nodeLeft[a] as number;
      if (left < 0) {
        selfLeaf(points, d, r, nodeStart[a] as number, nodeEnd[a] as number, count);
        continue;
      }
      const right = nodeRight[a] as number;
      sp = push(stack, sp, right, right, 3);
      sp = push(stack, sp, left, right, 3);
      sp = push(stack, sp, left, left, 3);
      continue;
    }
    // Nearest and farthest box distances in max-norm.
    let dmin = 0;
    let dmax = 0;
    for (let c = 0; c < d; c++) {
      const loA = lo[baseA + c] as number;
      const hiA = hi[baseA + c] as number;
      const loB = lo[baseB + c] as number;
      const hiB = hi[baseB + c] as number;
      const gapAB = loB - hiA;
      const gapBA = loA - hiB;
      const gap = Math.max(gapAB, gapBA);
      if (gap > dmin) dmin = gap;
      const spanAB = hiB - loA;
      const spanBA = hiA - loB;
      const span = Math.max(spanAB, spanBA);
      if (span > dmax) dmax = span;
    }
    if (need & 1) {
      if (dmax <= (rMin[a] as number)) {
        add[a] = (add[a] as number) + sizeB;
        need &= 2;
      } else if (dmin > (rMax[a] as number)) need &= 2;
    }
    if (need & 2) {
      if (dmax <= (rMin[b] as number)) {
        add[b] = (add[b] as number) + sizeA;
        need &= 1;
      } else if (dmin > (rMax[b] as number)) need &= 1;
    }
    if (need === 0) continue;
    const leftA = nodeLeft[a] as number;
    const leftB = nodeLeft[b] as number;
    if (leftA >= 0 && (leftB < 0 || sizeA >= sizeB)) {
      sp = push(stack, sp, nodeRight[a] as number, b, need);
      sp = push(stack, sp, leftA, b, need);
    } else if (leftB >= 0) {
      sp = push(stack, sp, a, nodeRight[b] as number, need);
      sp = push(stack, sp, a, leftB, need);
    } else {
      crossLeaves(tree, r, a, b, need, count, scanA, scanB);
    }
  }
  // Push the node totals down to the points (pre-order: a parent comes before its children).
  for (let v = 0; v < nodeCount; v++) {
    const left = nodeLeft[v] as number;
    const av = add[v] as number;
    if (av === 0) continue;
    if (left >= 0) {
      add[left] = (add[left] as number) + av;
      const right = nodeRight[v] as number;
      add[right] = (add[right] as number) + av;
    } else {
      for (let t = nodeStart[v] as number; t < (nodeEnd[v] as number); t++) count[t] = (count[t] as number) + av;
    }
  }
  for (let t = 0; t < n; t++) out[order[t] as number] = count[t] as number;
}

function push(stack: Int32Array, sp: number, a: number, b: number, need: number): number {
  if (sp + 3 > stack.length) throw new InfonceError("E_INTERNAL", "pair stack overflow in countWithinRadiusPairs");
  stack[sp] = a;
  stack[sp + 1] = b;
  stack[sp + 2] = need;
  return sp + 3;
}

/** Max-norm distance of tree rows s and u, computed as the per-query walk does (|fl(x_s − x_u)| per coordinate). */
function rowDistance(points: Float64Array, d: number, s: number, u: number): number {
  let dist = 0;
  const bs = s * d;
  const bu = u * d;
  for (let c = 0; c < d; c++) {
    const diff = (points[bu + c] as number) - (points[bs + c] as number);
    const x = diff < 0 ? -diff : diff;
    if (x > dist) dist = x;
  }
  return dist;
}

/** All pairs within one leaf [start, end): each point counts itself, and each pair once for both ends. */
function selfLeaf(
  points: Float64Array,
  d: number,
  r: Float64Array,
  start: number,
  end: number,
  count: Int32Array,
): void {
  for (let s = start; s < end; s++) {
    count[s] = (count[s] as number) + 1;
    const rs = r[s] as number;
    for (let u = s + 1; u < end; u++) {
      const dist = rowDistance(points, d, s, u);
      if (dist <= rs) count[s] = (count[s] as number) + 1;
      if (dist <= (r[u] as number)) count[u] = (count[u] as number) + 1;
    }
  }
}

/**
 * Two distinct leaves A and B; `need` bit 1: A's points still need their count from B, bit 2: the reverse.
 * Each point is first tested against the other leaf's box as the per-query walk would (inside: add its size;
 * outside: nothing); only the points left straddling are compared pairwise, one distance per pair.
 */
function crossLeaves(
  tree: KdTree,
  r: Float64Array,
  a: number,
  b: number,
  need: number,
  count: Int32Array,
  scanA: Uint8Array,
  scanB: Uint8Array,
): void {
  const { d, points, nodeStart, nodeEnd } = tree;
  const sA = nodeStart[a] as number;
  const eA = nodeEnd[a] as number;
  const sB = nodeStart[b] as number;
  const eB = nodeEnd[b] as number;
  const anyA = (need & 1) !== 0 && markStraddling(tree, r, sA, eA, b, eB - sB, count, scanA);
  const anyB = (need & 2) !== 0 && markStraddling(tree, r, sB, eB, a, eA - sA, count, scanB);
  if (!anyA && !anyB) return;
  for (let s = sA; s < eA; s++) {
    const wantS = anyA && scanA[s] === 1;
    const rs = wantS ? (r[s] as number) : -1;
    for (let u = sB; u < eB; u++) {
      const wantU = anyB && scanB[u] === 1;
      if (!wantS && !wantU) continue;
      const ru = wantU ? (r[u] as number) : -1;
      // Early exit at the larger of the radii still wanted: beyond it neither end counts the pair.
      const thr = Math.max(rs, ru);
      let dist = 0;
      const bs = s * d;
      const bu = u * d;
      let far = false;
      for (let c = 0; c < d; c++) {
        const diff = (points[bu + c] as number) - (points[bs + c] as number);
        const x = diff < 0 ? -diff : diff;
        if (x > thr) {
          far = true;
          break;
        }
        if (x > dist) dist = x;
      }
      if (far) continue;
      if (wantS && dist <= rs) count[s] = (count[s] as number) + 1;
      if (wantU && dist <= ru) count[u] = (count[u] as number) + 1;
    }
  }
}

/**
 * Tests each point t of [start, end) against the box of node v (of `size` points) with the per-query walk's box
 * test: inside adds `size` to count[t], outside adds nothing, straddling sets scan[t] = 1.
 * @returns whether any point straddles
 */
function markStraddling(
  tree: KdTree,
  r: Float64Array,
  start: number,
  end: number,
  v: number,
  size: number,
  count: Int32Array,
  scan: Uint8Array,
): boolean {
  const { d, points, lo, hi } = tree;
  const base = v * d;
  let any = false;
  for (let t = start; t < end; t++) {
    const rt = r[t] as number;
    const nr = -rt;
    const row = t * d;
    let inside = true;
    let outside = false;
    for (let c = 0; c < d; c++) {
      const qc = points[row + c] as number;
      const x = (lo[base + c] as number) - qc;
      const y = (hi[base + c] as number) - qc;
      if (x > rt || y < nr) {
        outside = true;
        break;
      }
      if (x < nr || y > rt) inside = false;
    }
    if (outside) scan[t] = 0;
    else if (inside) {
      count[t] = (count[t] as number) + size;
      scan[t] = 0;
    } else {
      scan[t] = 1;
      any = true;
    }
  }
  return any;
}
