/** Fixed-decimal text for a number in nats/bits; "—" for a value that cannot be computed. */
export function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "—" : v.toFixed(digits);
}

/**
 * A plain-text table with a header row and aligned columns: numbers right-aligned, text left-aligned.
 * @param rows each row has header.length cells
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const numeric = header.map(
    (_, j) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.—[\],\s±%×e]*$/.test(r[j] ?? "")),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
