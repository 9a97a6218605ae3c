/** How many of `codes` (each in 0…levels−1: class labels, category codes) take each value. */
export function codeCounts(codes: ArrayLike<number>, levels: number): Float64Array {
  const counts = new Float64Array(levels);
  for (let i = 0; i < codes.length; i++) counts[codes[i] as number] = (counts[codes[i] as number] as number) + 1;
  return counts;
}

/** The code with the most rows (the first of equals): a column's reference level, a target's point mass. */
export function mostFrequentCode(counts: ArrayLike<number>): number {
  let best = 0;
  for (let l = 1; l < counts.length; l++) if ((counts[l] as number) > (counts[best] as number)) best = l;
  return best;
}
