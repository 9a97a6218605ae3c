// Node entry: the whole browser-safe core plus the Node-only parts (file readers, native engine, plots to files).
export * from "../index.js";
export type { LoadEngineOptions } from "./load-engine.js";
export { loadEngine } from "./load-engine.js";
export { loadNativeKernel } from "./native-kernel.js";
