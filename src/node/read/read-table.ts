import { InfonceError } from "../../errors.js";
import type { DataFormat, OpenedInput } from "./open-input.js";
import { readCsv } from "./read-csv.js";
import { readJson } from "./read-json.js";
import { readJsonl } from "./read-jsonl.js";
import { readNpy } from "./read-npy.js";
import { readParquet } from "./read-parquet.js";
import type { TableRead, TableRequest } from "./table-read.js";

const READERS: Readonly<Record<DataFormat, (input: OpenedInput, request: TableRequest) => Promise<TableRead>>> = {
  csv: readCsv,
  npy: readNpy,
  parquet: readParquet,
  jsonl: readJsonl,
  json: readJson,
};

/** Reads an opened input with the reader of its format. */
export function readTable(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const reader = READERS[input.format];
  if (reader === undefined) throw new InfonceError("E_ARG", `${input.name}: unknown format '${input.format}'`);
  return reader(input, request);
}
