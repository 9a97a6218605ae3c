import { ascendingOrder } from "./ascending-order.js";

/**
 * Each value's rank among the distinct values of its column (0, 1, …; equal values share one), the form Kendall's
 * τ is computed on: small integers, so a pair of columns sorts by one number.
 */
export function denseRanks(values: Float64Array): Int32Array {
  const order = ascendingOrder(values);
  const ranks = new Int32Array(values.length);
  let rank = -1;
  let previous = Number.NaN;
  for (const i of order) {
    const v = values[i] as number;
    if (v !== previous) rank++;
    previous = v;
    ranks[i] = rank;
  }
  return ranks;
}

/** A column prepared for τ_b against others: its dense ranks, their count, its tied pairs, its order when untied. */
interface KendallColumn {
  readonly ranks: Int32Array;
  readonly distinct: number;
  readonly tiedPairs: number;
  /** The rows in ascending order, where no two are tied (then it is the order of any pair sorted by this column). */
  readonly order: Int32Array | null;
}

function kendallColumn(ranks: Int32Array): KendallColumn {
  const n = ranks.length;
  let distinct = 0;
  for (let i = 0; i < n; i++) distinct = Math.max(distinct, (ranks[i] as number) + 1);
  const counts = new Int32Array(distinct);
  for (let i = 0; i < n; i++) counts[ranks[i] as number] = (counts[ranks[i] as number] as number) + 1;
  let tiedPairs = 0;
  for (const c of counts) tiedPairs += (c * (c - 1)) / 2;
  let order: Int32Array | null = null;
  if (distinct === n) {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[ranks[i] as number] = i;
  }
  return { ranks, distinct, tiedPairs, order };
}

/**
 * Kendall's τ_b in O(n log n) (Knight 1966): rows sorted by (a, b) (counting sorts of the ranks), the discordant pairs are the inversions left in
 * b, counted by a Fenwick tree over b's ranks; ties from the columns' run lengths. τ_b = (n₀ − n₁ − n₂ + n₃ −
 * 2·discordant) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n − 1)/2, n₁ and n₂ the pairs tied in a and in b, n₃ in both
 * (scipy.stats.kendalltau's default). NaN when a column is constant.
 * @param tree scratch of at least b.distinct + 1 entries
 */
function tauB(a: KendallColumn, b: KendallColumn, tree: Int32Array): number {
  const n = a.ranks.length;
  let order = a.order;
  let bothTied = 0;
  if (order === null) {
    order = orderByPair(a, b);
    let run = 1;
    for (let i = 1; i <= n; i++) {
      const same =
        i < n &&
        a.ranks[order[i] as number] === a.ranks[order[i - 1] as number] &&
        b.ranks[order[i] as number] === b.ranks[order[i - 1] as number];
      if (same) run++;
      else {
        bothTied += (run * (run - 1)) / 2;
        run = 1;
      }
    }
  }
  // Inversions of b in that order: for each row, the earlier rows of larger b (equal b is no inversion).
  const size = b.distinct;
  tree.fill(0, 0, size + 1);
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    const r = (b.ranks[order[i] as number] as number) + 1;
    let atMost = 0;
    for (let k = r; k > 0; k -= k & -k) atMost += tree[k] as number;
    discordant += i - atMost;
    for (let k = r; k <= size; k += k & -k) tree[k] = (tree[k] as number) + 1;
  }
  const n0 = (n * (n - 1)) / 2;
  return (
    (n0 - a.tiedPairs - b.tiedPairs + bothTied - 2 * discordant) / Math.sqrt((n0 - a.tiedPairs) * (n0 - b.tiedPairs))
  );
}

/** The rows sorted by (a, b): a counting sort by b's ranks, then a stable one by a's (O(n), both ranks dense). */
function orderByPair(a: KendallColumn, b: KendallColumn): Int32Array {
  const byB = countingSort(b.ranks, b.distinct, null);
  return countingSort(a.ranks, a.distinct, byB);
}

/** `rows` (all rows when null) stably sorted by their rank, ranks in [0, distinct). */
function countingSort(ranks: Int32Array, distinct: number, rows: Int32Array | null): Int32Array {
  const n = ranks.length;
  const start = new Int32Array(distinct + 1);
  for (let i = 0; i < n; i++) start[(ranks[i] as number) + 1] = (start[(ranks[i] as number) + 1] as number) + 1;
  for (let k = 0; k < distinct; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows === null ? i : (rows[i] as number);
    const k = ranks[row] as number;
    out[start[k] as number] = row;
    start[k] = (start[k] as number) + 1;
  }
  return out;
}

/** Kendall's τ_b of two columns given as dense ranks (denseRanks). */
export function kendallTauB(a: Int32Array, b: Int32Array): number {
  const cb = kendallColumn(b);
  return tauB(kendallColumn(a), cb, new Int32Array(cb.distinct + 1));
}

/**
 * τ_b of every pair of columns, d×d row-major (1 on the diagonal, NaN beside a constant column). A column without
 * ties is sorted once for all its pairs.
 */
export function kendallTauMatrix(columns: readonly Float64Array[]): Float64Array {
  const d = columns.length;
  const prepared = columns.map((c) => kendallColumn(denseRanks(c)));
  const tree = new Int32Array((columns[0]?.length ?? 0) + 1);
  const tau = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    tau[a * d + a] = 1;
    for (let b = 0; b < a; b++) {
      const [p, q] = [prepared[a] as KendallColumn, prepared[b] as KendallColumn];
      // τ is symmetric: sort by the column without ties where one has none.
      const v = p.order === null && q.order !== null ? tauB(q, p, tree) : tauB(p, q, tree);
      tau[a * d + b] = v;
      tau[b * d + a] = v;
    }
  }
  return tau;
}
