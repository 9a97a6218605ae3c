import { createInterface } from "node:readline";
import { InfonceError } from "../../errors.js";
import type { OpenedInput } from "./open-input.js";
import { RecordTable } from "./record-table.js";
import type { TableRead, TableRequest } from "./table-read.js";

/**
 * Reads JSON Lines (one object per line) in one streaming pass. Scalar fields are columns; array fields are
 * embeddings, one column per element (`--x emb_img` selects the whole array). Blank lines are skipped.
 */
export async function readJsonl(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const lines = createInterface({ input: input.stream(), crlfDelay: Number.POSITIVE_INFINITY });
  let table: RecordTable | undefined;
  let n = 0;
  for await (const raw of lines) {
    n++;
    const t = raw.trim();
    if (t === "") continue;
    let rec: unknown;
    try {
      rec = JSON.parse(t);
    } catch (e) {
      throw new InfonceError("E_PARSE", `${input.name}: line ${n} is not valid JSON (${(e as Error).message})`);
    }
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) {
      throw new InfonceError("E_PARSE", `${input.name}: line ${n} is not a JSON object; each line needs {"field": …}`);
    }
    if (table === undefined) {
      table = new RecordTable(input.name, rec as Record<string, unknown>, request.missing);
      table.select(request.select(table.columns));
    }
    table.add(rec as Record<string, unknown>, n);
  }
  if (table === undefined) throw new InfonceError("E_DATA", `${input.name}: no rows (only blank lines)`);
  return { columns: table.columns, groups: table.finish(), rows: table.rows, details: { format: "jsonl" } };
}
