/** How many of `codes` (each in 0…levels−1: class labels, category codes) take each value. */
export function codeCounts(codes: ArrayLike<number>, levels: number): Float64Array {
  const counts = new Float64Array(levels);
  for (let i = 0; i < codes.length; i++) counts[codes[i] as number] = (counts[codes[i] as number] as number) + 1;
  return counts;
}
