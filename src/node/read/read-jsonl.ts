import { InfonceError } from "../../errors.js";
import { type JsonlField, jsonlShape, readFastRecord, skipSpaces } from "./jsonl-fast-record.js";
import { LineBlocks } from "./line-blocks.js";
import type { OpenedInput } from "./open-input.js";
import { RecordTable } from "./record-table.js";
import type { TableRead, TableRequest } from "./table-read.js";

const NL = 10;
const utf8 = new TextDecoder();

/**
 * Reads JSON Lines (one object per line) in one streaming pass over line-aligned blocks of bytes. Scalar fields are
 * columns; array fields are embeddings, one column per element (`--x emb_img` selects the whole array). Blank
 * lines are skipped. A line shaped like the first (same keys in order, numbers) is read from its bytes without an
 * object (jsonl-fast-record.ts); any other line is JSON.parse'd, so both mean what JSON says.
 */
export async function readJsonl(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const blocks = new LineBlocks(input.stream());
  let table: RecordTable | undefined;
  let fields: JsonlField[] = [];
  let values = new Float64Array(0);
  let n = 0;
  const slow = (buf: Uint8Array, p: number, end: number): void => {
    let rec: unknown;
    try {
      rec = JSON.parse(utf8.decode(buf.subarray(p, end)));
    } catch (e) {
      throw new InfonceError("E_PARSE", `${input.name}: line ${n} is not valid JSON (${(e as Error).message})`);
    }
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
      throw new InfonceError("E_PARSE", `${input.name}: line ${n} is not a JSON object; each line needs {"field": …}`);
    }
    if (table === undefined) {
      const first = rec as Record<string, unknown>;
      table = new RecordTable(input.name, first, request.missing);
      // A row-count hint from the first line's length (more rows only grow the buffers).
      const hint = input.size === undefined ? undefined : Math.ceil((1.25 * input.size) / (end - p + 1)) + 16;
      table.select(request.select(table.columns), hint);
      fields = jsonlShape(first);
      values = new Float64Array(table.columns.length);
    }
    table.add(rec as Record<string, unknown>, n);
  };
  try {
    for (let b = await blocks.next(); b !== null; b = await blocks.next()) {
      const { buf } = b;
      let p = n === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      while (p < buf.length) {
        let end = buf.indexOf(NL, p);
        if (end < 0) end = buf.length;
        n++;
        if (skipSpaces(buf, p, end) !== end) {
          if (table !== undefined && readFastRecord(buf, p, end, fields, values)) table.addNumbers(values, n);
          else slow(buf, p, end);
        }
        p = end + 1;
      }
      blocks.giveBack(buf, buf.length);
    }
  } finally {
    await blocks.close();
  }
  if (table === undefined) throw new InfonceError("E_DATA", `${input.name}: no rows (only blank lines)`);
  return { columns: table.columns, groups: table.finish(), rows: table.rows, details: { format: "jsonl" } };
}
