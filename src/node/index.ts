// Node entry: the whole browser-safe core plus the Node-only parts (file readers, native engine, plots to files).
export * from "../index.js";
export type { LoadEngineOptions } from "./load-engine.js";
export { loadEngine } from "./load-engine.js";
export { loadNativeKernel } from "./native-kernel.js";
export { specToSvg } from "./plot/specToSvg.js";
export { svgToPng } from "./plot/svgToPng.js";
export type {
  ColumnInfo,
  DataFormat,
  PairedRead,
  ReadPairedOptions,
  SetAsideColumn,
  SourceColumn,
} from "./read/index.js";
export { DATA_FORMATS, readPairedSample, selectColumns } from "./read/index.js";
export type { ReportContent } from "./report/renderReport.js";
export { renderReport } from "./report/renderReport.js";
export { encodeCsv } from "./write/encodeCsv.js";
export { encodeJsonl } from "./write/encodeJsonl.js";
export { encodeNpy } from "./write/encodeNpy.js";
export { encodeParquet } from "./write/encodeParquet.js";
