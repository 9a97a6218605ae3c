import type { AsyncBuffer } from "hyparquet";
import { InfonceError } from "../../errors.js";
import type { ByteSource } from "./byte-source.js";
import type { OpenedInput } from "./open-input.js";
import { RecordTable } from "./record-table.js";
import type { TableRead, TableRequest } from "./table-read.js";

function asyncBuffer(src: ByteSource): AsyncBuffer {
  return {
    byteLength: src.size,
    slice: async (start, end) => {
      const b = await src.read(start, (end ?? src.size) - start);
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
  };
}

/**
 * Reads a Parquet file with hyparquet, one row group at a time and only the selected columns, column-wise: each
 * decoded column chunk (a typed array for numeric columns) goes straight into the float64 matrices, no object per
 * row. Numeric columns (int, float, double, bool), strings (categorical) and list columns of numbers (embeddings,
 * one column per element) are supported.
 */
export async function readParquet(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const { parquetMetadataAsync, parquetRead, parquetReadObjects } = await import("hyparquet");
  const src = await input.bytes();
  try {
    const file = asyncBuffer(src);
    let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      throw new InfonceError("E_PARSE", `${input.name}: not a readable Parquet file (${(e as Error).message})`);
    }
    const total = Number(metadata.num_rows);
    if (total === 0) throw new InfonceError("E_DATA", `${input.name}: the Parquet file has no rows`);
    const [first] = await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd: 1 });
    const table = new RecordTable(input.name, first ?? {}, request.missing);
    table.select(request.select(table.columns), total);
    let start = 0;
    for (const rg of metadata.row_groups) {
      const end = start + Number(rg.num_rows);
      // hyparquet calls onChunk from its own promises, where a throw would be lost: keep the chunks (one row group's
      // selected columns), then add them here, in row order per column.
      const chunks: { key: string; from: number; values: ArrayLike<unknown> }[] = [];
      await parquetRead({
        file,
        metadata,
        columns: table.selectedKeys,
        rowStart: start,
        rowEnd: end,
        onChunk: ({ columnName, columnData, rowStart }) => {
          // A chunk may reach outside the group asked for: keep [start, end) only.
          const lo = Math.max(start, rowStart);
          const hi = Math.min(end, rowStart + columnData.length);
          if (hi <= lo) return;
          const inside = lo === rowStart && hi === rowStart + columnData.length;
          chunks.push({
            key: columnName,
            from: lo,
            values: inside ? columnData : columnData.slice(lo - rowStart, hi - rowStart),
          });
        },
      });
      table.beginRows(start, end);
      chunks.sort((a, b) => a.from - b.from);
      for (const c of chunks) table.addColumnChunk(c.key, c.from, c.values);
      table.endRows(end);
      start = end;
    }
    return { columns: table.columns, groups: table.finish(), rows: table.rows, details: { format: "parquet" } };
  } finally {
    await src.close();
  }
}
