/**
 * Encodes columns as a Parquet file (DOUBLE columns, snappy) with hyparquet-writer.
 * @param data row-major rows×names.length
 */
export async function encodeParquet(names: readonly string[], data: Float64Array, rows: number): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import("hyparquet-writer");
  const cols = names.length;
  const columnData = names.map((name, j) => {
    const col = new Float64Array(rows);
    for (let r = 0; r < rows; r++) col[r] = data[r * cols + j]!;
    return { name, data: col, type: "DOUBLE" as const, nullable: false };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
