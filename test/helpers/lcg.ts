/** A small seeded generator (a 32-bit LCG) returning numbers in [0, 1), so fixtures are the same bytes on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
