export type { ColumnInfo } from "./ColumnStats.js";
export type { DataFormat } from "./openInput.js";
export { DATA_FORMATS } from "./openInput.js";
export type { PairedRead, ReadPairedOptions, SetAsideColumn } from "./readPairedSample.js";
export { readPairedSample } from "./readPairedSample.js";
export type { SourceColumn } from "./selectColumns.js";
export { selectColumns } from "./selectColumns.js";
