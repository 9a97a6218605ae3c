import { InfonceError } from "../errors.js";

/**
 * A flat k-d tree over n points in d dimensions (Bentley 1975; Friedman, Bentley & Finkel 1977) for exact
 * max-norm (Chebyshev, L∞) neighbour queries, the metric of KSG.
 *
 * Layout (all typed arrays, no objects per node):
 * - `points` n×d row-major, the input rows *permuted into tree order*: the points of node v are rows
 *   nodeStart[v] ≤ t < nodeEnd[v], contiguous in memory, so a leaf scan reads one block.
 * - `order[t]` is the original row index of tree row t.
 * - Node v: children nodeLeft[v], nodeRight[v] (−1 for a leaf); tight bounding box lo[v*d + c], hi[v*d + c]
 *   (the min and max of the node's own points, so box tests use real coordinates and agree bit for bit with
 *   point tests, see `countWithinRadius`).
 * Built by splitting the widest box side at the median (quickselect), leaves of at most `leafSize` points:
 * O(n log n) build, depth ⌈log₂(n/leafSize)⌉.
 */
export interface KdTree {
  readonly n: number;
  readonly d: number;
  readonly leafSize: number;
  readonly points: Float64Array;
  readonly order: Int32Array;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  readonly nodeLeft: Int32Array;
  readonly nodeRight: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodeCount: number;
}

/** Number of nodes of the tree over m points: splits at ⌊m/2⌋ until a node holds ≤ leafSize points. */
function countNodes(m: number, leafSize: number, memo: Map<number, number>): number {
  if (m <= leafSize) return 1;
  const hit = memo.get(m);
  if (hit !== undefined) return hit;
  const half = m >> 1;
  const c = 1 + countNodes(half, leafSize, memo) + countNodes(m - half, leafSize, memo);
  memo.set(m, c);
  return c;
}

/**
 * Builds the tree.
 * @param data n×d row-major float64 (not modified; the tree keeps a permuted copy)
 * @param leafSize points per leaf bucket (default 16: a leaf scan is cheaper than more levels in ≥ 5 dimensions)
 */
export function buildKdTree(data: Float64Array, n: number, d: number, leafSize = 16): KdTree {
  if (!(Number.isInteger(n) && n >= 1)) throw new InfonceError("E_ARG", `kd-tree needs n ≥ 1 points, got ${n}`);
  if (!(Number.isInteger(d) && d >= 1)) throw new InfonceError("E_ARG", `kd-tree needs d ≥ 1 dimensions, got ${d}`);
  if (data.length !== n * d) {
    throw new InfonceError("E_SHAPE", `kd-tree data has length ${data.length}, expected n·d = ${n}·${d} = ${n * d}`);
  }
  if (!(Number.isInteger(leafSize) && leafSize >= 1)) {
    throw new InfonceError("E_ARG", `leafSize must be an integer ≥ 1, got ${leafSize}`);
  }
  const memo = new Map<number, number>();
  const nodeCount = countNodes(n, leafSize, memo);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const nodeStart = new Int32Array(nodeCount);
  const nodeEnd = new Int32Array(nodeCount);
  const nodeLeft = new Int32Array(nodeCount).fill(-1);
  const nodeRight = new Int32Array(nodeCount).fill(-1);
  const lo = new Float64Array(nodeCount * d);
  const hi = new Float64Array(nodeCount * d);

  // Explicit stack of (node, start, end). Nodes are numbered in pre-order: the left child of v is v + 1 and
  // the right child follows the left subtree, whose size countNodes knows in advance.
  const stack: number[] = [0, 0, n];
  while (stack.length > 0) {
    const end = stack.pop() as number;
    const start = stack.pop() as number;
    const v = stack.pop() as number;
    nodeStart[v] = start;
    nodeEnd[v] = end;
    // Tight bounding box of the node's points.
    let widest = 0;
    let widestSpan = -1;
    for (let c = 0; c < d; c++) {
      let mn = Number.POSITIVE_INFINITY;
      let mx = Number.NEGATIVE_INFINITY;
      for (let t = start; t < end; t++) {
        const val = data[(idx[t] as number) * d + c] as number;
        if (val < mn) mn = val;
        if (val > mx) mx = val;
      }
      lo[v * d + c] = mn;
      hi[v * d + c] = mx;
      if (mx - mn > widestSpan) {
        widestSpan = mx - mn;
        widest = c;
      }
    }
    const m = end - start;
    if (m <= leafSize || widestSpan === 0) {
      // A leaf; a node of identical points is also a leaf (no split can separate them), which keeps the
      // node count within the preallocated bound since such a node has fewer descendants than planned.
      continue;
    }
    const mid = start + (m >> 1);
    quickselect(idx, data, d, widest, start, end, mid);
    const left = v + 1;
    const right = left + countNodes(mid - start, leafSize, memo);
    nodeLeft[v] = left;
    nodeRight[v] = right;
    stack.push(right, mid, end, left, start, mid);
  }

  const points = new Float64Array(n * d);
  for (let t = 0; t < n; t++) {
    const src = (idx[t] as number) * d;
    for (let c = 0; c < d; c++) points[t * d + c] = data[src + c] as number;
  }
  return { n, d, leafSize, points, order: idx, nodeStart, nodeEnd, nodeLeft, nodeRight, lo, hi, nodeCount };
}

/**
 * Rearranges idx[start, end) so that idx[kth] holds the point whose coordinate c is the kth smallest, with
 * smaller-or-equal coordinates before it and greater-or-equal after (Hoare's selection, median-of-three pivot).
 */
function quickselect(
  idx: Int32Array,
  data: Float64Array,
  d: number,
  c: number,
  start: number,
  end: number,
  kth: number,
): void {
  let l = start;
  let r = end - 1;
  const key = (t: number): number => data[(idx[t] as number) * d + c] as number;
  const swap = (a: number, b: number): void => {
    const tmp = idx[a] as number;
    idx[a] = idx[b] as number;
    idx[b] = tmp;
  };
  while (r > l) {
    const m = (l + r) >> 1;
    // Median of three to the middle position as the pivot.
    if (key(m) < key(l)) swap(m, l);
    if (key(r) < key(l)) swap(r, l);
    if (key(r) < key(m)) swap(r, m);
    const pivot = key(m);
    let i = l;
    let j = r;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (kth <= j) r = j;
    else if (kth >= i) l = i;
    else return;
  }
}
