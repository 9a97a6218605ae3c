export type { ColumnInfo } from "./column-stats.js";
export type { MissingPolicy } from "./missing-values.js";
export type { DataFormat } from "./open-input.js";
export { DATA_FORMATS } from "./open-input.js";
export type { PairedRead, ReadPairedOptions, SetAsideColumn } from "./read-paired-sample.js";
export { readPairedSample } from "./read-paired-sample.js";
export type { SourceColumn } from "./select-columns.js";
export { selectColumns } from "./select-columns.js";
