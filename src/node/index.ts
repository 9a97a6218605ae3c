// Node entry: the whole browser-safe core plus the Node-only parts (file readers and writers, the native engine
// loader, KSG and the classifier's folds on worker threads).
export * from "../index.js";

// For its effect: the fastest engine is loaded on first use (src/node/lazy-engine.ts).
import "./lazy-engine.js";

export type { FoldThreads } from "./classifier-fold-threads.js";
export { createFoldThreads } from "./classifier-fold-threads.js";
export type { KsgThreads } from "./ksg-threads.js";
export { createKsgThreads } from "./ksg-threads.js";
export type { LoadEngineOptions } from "./load-engine.js";
export { loadEngine } from "./load-engine.js";
export type {
  ColumnInfo,
  DataFormat,
  PairedRead,
  ReadPairedOptions,
  SetAsideColumn,
  SourceColumn,
} from "./read/index.js";
export { DATA_FORMATS, readPairedSample, selectColumns } from "./read/index.js";
export { encodeCsv } from "./write/encode-csv.js";
export { encodeJsonl } from "./write/encode-jsonl.js";
export { encodeNpy } from "./write/encode-npy.js";
export { encodeParquet } from "./write/encode-parquet.js";
