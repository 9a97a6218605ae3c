/**
 * Encodes columns as CSV text with a header. Numbers are written with the shortest text that reads back to the
 * same float64 (JavaScript's number → string), so a round trip is exact.
 * @param data row-major rows×names.length
 */
export function encodeCsv(names: readonly string[], data: Float64Array, rows: number, delimiter = ","): string {
  const cols = names.length;
  const lines: string[] = [names.join(delimiter)];
  const cells: string[] = new Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) cells[j] = String(data[r * cols + j]);
    lines.push(cells.join(delimiter));
  }
  return `${lines.join("\n")}\n`;
}
