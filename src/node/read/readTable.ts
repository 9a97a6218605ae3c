import { InfonceError } from "../../errors.js";
import type { DataFormat, OpenedInput } from "./openInput.js";
import { readCsv } from "./readCsv.js";
import { readJsonl } from "./readJsonl.js";
import { readNpy } from "./readNpy.js";
import { readParquet } from "./readParquet.js";
import type { TableRead, TableRequest } from "./TableRead.js";

const READERS: Readonly<Record<DataFormat, (input: OpenedInput, request: TableRequest) => Promise<TableRead>>> = {
  csv: readCsv,
  npy: readNpy,
  parquet: readParquet,
  jsonl: readJsonl,
};

/** Reads an opened input with the reader of its format. */
export function readTable(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  const reader = READERS[input.format];
  if (reader === undefined) throw new InfonceError("E_ARG", `${input.name}: unknown format '${input.format}'`);
  return reader(input, request);
}
