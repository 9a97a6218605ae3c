import { InfonceError } from "../errors.js";
import type { KdTree } from "./kd-tree.js";

const STACK_SIZE = 256;

/**
 * For every point i of the tree: the number of tree points j (i itself included) with
 * max_c |x_j,c − x_i,c| ≤ radius[i]  (inclusive, the convention of SciPy's `query_ball_point`).
 * KSG's "strictly closer than ε" is this count at radius prevFloat(ε) (see `strictRadius`).
 *
 * A node whose whole bounding box lies within the radius is counted in O(1) (its size), a node whose box lies
 * outside is skipped, and only boxes that straddle the boundary are opened, so the cost per query grows with the
 * boundary, not with the count (the counts of KSG grow with n).
 *
 * Exactness: fl(x − q) is monotone in x, so for x in [lo, hi] it lies in [fl(lo − q), fl(hi − q)]; a box with
 * both ends within [−r, r] holds only points whose computed distance is ≤ r, and the box tests agree bit for bit
 * with the point test.
 *
 * @param radius length n, indexed by original row; each ≥ 0
 * @param out length n, indexed by original row
 * @param only optional, length n, indexed by original row: count only for the points i with only[i] = 1 (a
 *   thread's share of the queries); the other entries of `out` are left untouched
 */
export function countWithinRadius(tree: KdTree, radius: Float64Array, out: Int32Array, only?: Uint8Array): void {
  const { n, d, points, order, nodeStart, nodeEnd, nodeLeft, nodeRight, lo, hi } = tree;
  if (radius.length !== n) throw new InfonceError("E_SHAPE", `radius has length ${radius.length}, expected ${n}`);
  if (out.length !== n) throw new InfonceError("E_SHAPE", `out has length ${out.length}, expected ${n}`);
  if (only !== undefined && only.length !== n) {
    throw new InfonceError("E_SHAPE", `only has length ${only.length}, expected ${n}`);
  }
  const stack = new Int32Array(STACK_SIZE);
  const q = new Float64Array(d);
  for (let t = 0; t < n; t++) {
    const oi = order[t] as number;
    if (only !== undefined && only[oi] !== 1) continue;
    for (let c = 0; c < d; c++) q[c] = points[t * d + c] as number;
    const r = radius[oi] as number;
    const nr = -r;
    let count = 0;
    let sp = 1;
    stack[0] = 0;
    while (sp > 0) {
      const v = stack[--sp] as number;
      let inside = true;
      let outside = false;
      const base = v * d;
      for (let c = 0; c < d; c++) {
        const qc = q[c] as number;
        const a = (lo[base + c] as number) - qc;
        const b = (hi[base + c] as number) - qc;
        if (a > r || b < nr) {
          outside = true;
          break;
        }
        if (a < nr || b > r) inside = false;
      }
      if (outside) continue;
      if (inside) {
        count += (nodeEnd[v] as number) - (nodeStart[v] as number);
        continue;
      }
      const left = nodeLeft[v] as number;
      if (left >= 0) {
        stack[sp++] = nodeRight[v] as number;
        stack[sp++] = left;
        continue;
      }
      const end = nodeEnd[v] as number;
      for (let s = nodeStart[v] as number; s < end; s++) {
        const rowBase = s * d;
        let within = true;
        for (let c = 0; c < d; c++) {
          const diff = (points[rowBase + c] as number) - (q[c] as number);
          if (diff > r || diff < nr) {
            within = false;
            break;
          }
        }
        if (within) count++;
      }
    }
    out[oi] = count;
  }
}

/**
 * The largest float64 below ε for ε > 0, and 0 for ε = 0: "strictly closer than ε" as an inclusive radius,
 * exactly SciPy's `np.nextafter(eps, 0)` used by the SciPy reference (docs/benchmarks.md). At ε = 0 (k or more
 * exact duplicates of a point) the radius stays 0, so the marginal counts include the duplicates, as there.
 */
export function strictRadius(eps: number): number {
  if (!(eps > 0)) return 0;
  if (eps === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  F64[0] = eps;
  // For a positive finite float64, the 64-bit pattern minus one is the next float toward zero.
  const low = U32[LOW] as number;
  if (low === 0) {
    U32[LOW] = 0xffffffff;
    U32[HIGH] = (U32[HIGH] as number) - 1;
  } else {
    U32[LOW] = low - 1;
  }
  return F64[0] as number;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Word order of a float64 in memory follows the platform's endianness.
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;
