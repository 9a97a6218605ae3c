// Public, browser-safe API of infonce: re-exports only. Node-only features live in ./node/index.ts.

export type { ErrorCode } from "./errors.js";
export { InfonceError, isInfonceError } from "./errors.js";
export type * from "./types.js";
