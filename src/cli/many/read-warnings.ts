/**
 * The warnings of reading a rank or matrix table (dropped rows, set-aside columns), carried in the run's context
 * (which a shard's part keeps for merge) so that the JSON states them as the text output does on stderr.
 */
export function readWarnings(context: Readonly<Record<string, unknown>>): string[] {
  const w = context.readWarnings;
  return Array.isArray(w) ? w.filter((x): x is string => typeof x === "string") : [];
}
