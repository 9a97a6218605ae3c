/** Edit distance (Levenshtein 1966): insertions, deletions and substitutions, each of cost 1. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The one "did you mean" of the library (unknown bounds, tasks, estimators, columns and CLI flags).
 * The candidates closest to a mistyped name, best first: those containing it (or contained in it) and those within
 * an edit distance of ⌊length/3⌋ + 1, at most `max` of them, each once. Case-insensitive.
 */
export function closeNames(name: string, candidates: readonly string[], max = 5): string[] {
  const q = name.toLowerCase();
  const scored: { c: string; score: number }[] = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    const d = editDistance(q, lc);
    const contains = q.length >= 2 && (lc.includes(q) || q.includes(lc));
    if (contains || d <= Math.floor(q.length / 3) + 1) scored.push({ c, score: contains ? d / 100 : d });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}
