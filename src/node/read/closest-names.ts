/** Levenshtein distance (insert, delete, substitute; unit costs), O(|a|·|b|) time and O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` candidates closest to `name` (case-insensitive), only those plausibly meant (distance ≤ ⅓ length + 1). */
export function closestNames(name: string, candidates: readonly string[], max = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.floor(name.length / 3) + 1;
  return [...new Set(candidates)]
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter((e) => e.d <= limit)
    .sort((p, q) => p.d - q.d || p.c.localeCompare(q.c))
    .slice(0, max)
    .map((e) => e.c);
}
