// Node entry: the whole browser-safe core plus the Node-only parts (file readers, native engine, plots to files).
export * from "../index.js";
