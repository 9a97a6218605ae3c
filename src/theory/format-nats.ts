/** A value in nats with 3 decimals, as every theory table prints it; −0.000 (a tiny negative) prints as 0.000. */
export function formatNats(x: number): string {
  const s = x.toFixed(3);
  return s === "-0.000" ? "0.000" : s;
}

/** "mean ± se" with formatNats. */
export function formatMeanSe(m: { readonly mean: number; readonly se: number }): string {
  return `${formatNats(m.mean)} ± ${formatNats(m.se)}`;
}
