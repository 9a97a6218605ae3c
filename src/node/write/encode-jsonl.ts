/**
 * Encodes paired rows as JSON Lines with two array fields, the embedding layout `infonce loss` and `estimate`
 * read with `--x <xField> --y <yField>`: {"x":[…],"y":[…]} per line. Numbers round-trip exactly.
 * @param x row-major rows×xCols; @param y row-major rows×yCols
 */
export function encodeJsonl(
  x: { readonly cols: number; readonly data: Float64Array },
  y: { readonly cols: number; readonly data: Float64Array },
  rows: number,
  fields: readonly [string, string] = ["x", "y"],
): string {
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const rec = {
      [fields[0]]: Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols)),
      [fields[1]]: Array.from(y.data.subarray(r * y.cols, (r + 1) * y.cols)),
    };
    lines.push(JSON.stringify(rec));
  }
  return `${lines.join("\n")}\n`;
}
