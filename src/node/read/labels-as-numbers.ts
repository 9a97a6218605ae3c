import type { GroupRead } from "./table-read.js";

/**
 * The text columns of a group whose labels `valuesOf` reads as numbers (one per label, by category code) take those
 * numbers in place of their codes; the others stay categorical. Dates and formatted numbers (date-columns.ts,
 * formatted-numbers.ts) are two such readings.
 *
 * @param valuesOf the numbers of a column's labels, or null to leave the column categorical
 * @returns the group (converted columns have no labels) and the indices (within the group) of the converted columns
 */
export function labelsAsNumbers(
  g: GroupRead,
  valuesOf: (labels: readonly string[]) => readonly number[] | null,
): { group: GroupRead; converted: number[] } {
  const { rows, cols, data } = g.matrix;
  const converted: number[] = [];
  const labels = g.labels.map((l, j) => {
    if (l === undefined || l.length === 0) return l;
    const values = valuesOf(l);
    if (values === null) return l;
    for (let r = 0; r < rows; r++) {
      const code = data[r * cols + j] as number;
      if (!Number.isNaN(code)) data[r * cols + j] = values[code] as number;
    }
    converted.push(j);
    return undefined;
  });
  return { group: { ...g, labels }, converted };
}
