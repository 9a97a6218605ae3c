import { InfonceError } from "../../errors.js";
import { ColumnDecoder } from "./column-decoder.js";
import { type NpyHeader, parseNpyHeader } from "./npy-header.js";
import type { OpenedInput } from "./open-input.js";
import type { SourceColumn } from "./select-columns.js";
import type { TableRead, TableRequest } from "./table-read.js";

type Getter = (view: DataView, offset: number) => number;

/** IEEE 754 binary16 → number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function getter(h: NpyHeader): Getter {
  const le = h.littleEndian;
  switch (h.kind) {
    case "f8":
      return (v, o) => v.getFloat64(o, le);
    case "f4":
      return (v, o) => v.getFloat32(o, le);
    case "f2":
      return (v, o) => halfToNumber(v.getUint16(o, le));
    case "i1":
      return (v, o) => v.getInt8(o);
    case "u1":
    case "b1":
      return (v, o) => v.getUint8(o);
    case "i2":
      return (v, o) => v.getInt16(o, le);
    case "u2":
      return (v, o) => v.getUint16(o, le);
    case "i4":
      return (v, o) => v.getInt32(o, le);
    case "u4":
      return (v, o) => v.getUint32(o, le);
    // 64-bit integers become the nearest double (exact below 2^53).
    case "i8":
      return (v, o) => Number(v.getBigInt64(o, le));
    case "u8":
      return (v, o) => Number(v.getBigUint64(o, le));
    default:
      throw new InfonceError("E_INTERNAL", `no reader for npy kind ${h.kind}`);
  }
}

const BLOCK_BYTES = 4 << 20;

/**
 * Reads a .npy array (any numeric dtype, C or Fortran order, either byte order) as a table: axis 0 is rows, the
 * remaining axes flatten (C order) into columns named "0", "1", …. Only the selected columns are converted, in
 * 4 MiB blocks; integers and floats become float64.
 */
export async function readNpy(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const src = await input.bytes();
  try {
    let parsed = parseNpyHeader(await src.read(0, 4096), input.name);
    if ("needed" in parsed) parsed = parseNpyHeader(await src.read(0, parsed.needed), input.name);
    if ("needed" in parsed) throw new InfonceError("E_PARSE", `${input.name}: .npy header is truncated`);
    const h = parsed;
    if (h.shape.length === 0) {
      throw new InfonceError("E_SHAPE", `${input.name}: holds a single number (shape ()); it needs rows of samples`);
    }
    const rows = h.shape[0]!;
    const cols = h.shape.slice(1).reduce((a, b) => a * b, 1);
    const need = h.dataOffset + rows * cols * h.itemSize;
    if (src.size < need) {
      throw new InfonceError(
        "E_PARSE",
        `${input.name}: truncated: shape (${h.shape.join(", ")}) of ${h.descr} needs ${need} bytes but the file has ${src.size}`,
      );
    }
    const columns: SourceColumn[] = Array.from({ length: cols }, (_, j) => ({ name: String(j), field: String(j) }));
    const selected = request.select(columns);
    const get = getter(h);
    // Finite values are stored as they are; NaN (missing) and ±Inf go through the shared cell rule.
    const decoder = new ColumnDecoder(request.missing, () => {});
    const groups = selected.map((indices) => ({ indices, data: new Float64Array(rows * indices.length) }));
    const cell = (v: number, row: number, col: number): number =>
      decoder.number(v, () => ({ file: input.name, row: row + 1, column: String(col) }));
    if (!h.fortranOrder) {
      const rowBytes = cols * h.itemSize;
      const blockRows = Math.max(1, Math.floor(BLOCK_BYTES / Math.max(1, rowBytes)));
      for (let r0 = 0; r0 < rows; r0 += blockRows) {
        const nr = Math.min(blockRows, rows - r0);
        const buf = await src.read(h.dataOffset + r0 * rowBytes, nr * rowBytes);
        const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
        for (let r = 0; r < nr; r++) {
          for (const g of groups) {
            const k = g.indices.length;
            for (let j = 0; j < k; j++) {
              const c = g.indices[j]!;
              const v = get(view, r * rowBytes + c * h.itemSize);
              g.data[(r0 + r) * k + j] = Number.isFinite(v) ? v : cell(v, r0 + r, c);
            }
          }
        }
      }
    } else {
      // Fortran order: each column is contiguous, so only the selected columns are read at all.
      const blockRows = Math.max(1, Math.floor(BLOCK_BYTES / h.itemSize));
      for (const g of groups) {
        const k = g.indices.length;
        for (let j = 0; j < k; j++) {
          const c = g.indices[j]!;
          for (let r0 = 0; r0 < rows; r0 += blockRows) {
            const nr = Math.min(blockRows, rows - r0);
            const buf = await src.read(h.dataOffset + (c * rows + r0) * h.itemSize, nr * h.itemSize);
            const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
            for (let r = 0; r < nr; r++) {
              const v = get(view, r * h.itemSize);
              g.data[(r0 + r) * k + j] = Number.isFinite(v) ? v : cell(v, r0 + r, c);
            }
          }
        }
      }
    }
    return {
      columns,
      groups: groups.map((g) => ({
        indices: g.indices,
        matrix: { rows, cols: g.indices.length, data: g.data },
        labels: g.indices.map(() => undefined),
        missingCells: decoder.missingCells,
      })),
      rows,
      details: { format: "npy", dtype: h.descr, fortranOrder: h.fortranOrder, shape: `(${h.shape.join(", ")})` },
    };
  } finally {
    await src.close();
  }
}
