/**
 * Inserts `dist` into best[0..k), kept ascending, dropping the largest: the running k smallest distances of a
 * neighbour search. The caller only offers a dist below the current k-th (best[k − 1]); returns the new k-th.
 */
export function insertSmallest(best: Float64Array, k: number, dist: number): number {
  let pos = k - 1;
  while (pos > 0 && (best[pos - 1] as number) > dist) {
    best[pos] = best[pos - 1] as number;
    pos--;
  }
  best[pos] = dist;
  return best[k - 1] as number;
}
