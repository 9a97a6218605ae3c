/**
 * Every failure infonce reports on purpose is an InfonceError with a stable code, so callers (and the CLI's
 * exit codes) can tell bad input from a bug. Messages name the argument, the bad value and what would be right.
 */
export type ErrorCode =
  | "E_SHAPE" // dimensions that do not fit together
  | "E_VALUE" // a NaN, an Inf, or a number outside its allowed range
  | "E_ARG" // a bad option or argument
  | "E_UNKNOWN" // an unknown name: task, estimator, bound, column
  | "E_DATA" // data that cannot give an answer (too few rows, constant columns, …)
  | "E_IO" // a file that cannot be read or written
  | "E_PARSE" // a file whose content is malformed
  | "E_ENGINE" // a numeric engine that was forced but cannot load
  | "E_DEPENDENCY" // an optional package a feature needs is not installed (e.g. the plotting stack)
  | "E_INTERNAL"; // a bug: should never happen

export class InfonceError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "InfonceError";
    this.code = code;
  }
}

/** True for an InfonceError (also across realms/bundles, where instanceof can fail). */
export function isInfonceError(e: unknown): e is InfonceError {
  return e instanceof InfonceError || (e instanceof Error && e.name === "InfonceError" && "code" in e);
}
