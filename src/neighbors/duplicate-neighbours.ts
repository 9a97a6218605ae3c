/**
 * The k nearest neighbours of points with at least k exact duplicates, without a search. A max-norm search
 * (selfKnnMaxNorm) visits every point at the current k-th distance, so a point among g identical ones costs O(g)
 * however small k is, and a table of few distinct rows (a binary column: g = n/2) costs O(n²). Such a point's k
 * nearest are k of its duplicates, at distance 0, and selfKnnMaxNorm breaks ties by the smaller original index: they
 * are its k lowest-index duplicates, which one sort of the rows gives for all of them.
 */

/**
 * For each of the n points (row-major, d coordinates) with at least k exact duplicates, writes its k nearest other
 * points to outIdx (row i: i·k … i·k + k − 1, ascending original index, as selfKnnMaxNorm orders equal distances) and
 * 0 to outDist; returns the flags (1: answered here) to pass to selfKnnMaxNorm as `skip`.
 */
export function duplicateNeighbours(
  points: Float64Array,
  n: number,
  d: number,
  k: number,
  outDist: Float64Array,
  outIdx: Int32Array,
): Uint8Array {
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  // Lexicographic on the coordinates, then by index: identical points form runs in ascending index.
  rows.sort((a, b) => {
    for (let c = 0; c < d; c++) {
      const u = points[a * d + c] as number;
      const v = points[b * d + c] as number;
      if (u !== v) return u < v ? -1 : 1;
    }
    return a - b;
  });
  const answered = new Uint8Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && same(points, d, rows[start] as number, rows[end] as number)) end++;
    if (end - start > k) {
      for (let p = start; p < end; p++) {
        const i = rows[p] as number;
        let filled = 0;
        for (let q = start; filled < k; q++) {
          if (q === p) continue;
          outIdx[i * k + filled++] = rows[q] as number;
        }
        outDist[i] = 0;
        answered[i] = 1;
      }
    }
    start = end;
  }
  return answered;
}

function same(points: Float64Array, d: number, a: number, b: number): boolean {
  for (let c = 0; c < d; c++) if (points[a * d + c] !== points[b * d + c]) return false;
  return true;
}
