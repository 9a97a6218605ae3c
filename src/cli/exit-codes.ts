import type { ErrorCode } from "../errors.js";

/** A distinct, documented exit code per kind of failure (0 = success). See docs/cli.md. */
export const EXIT_CODES: Readonly<Record<ErrorCode | "E_USAGE", number>> = {
  E_USAGE: 2,
  E_ARG: 2,
  E_UNKNOWN: 3,
  E_IO: 4,
  E_PARSE: 5,
  E_SHAPE: 6,
  E_VALUE: 7,
  E_DATA: 8,
  E_ENGINE: 9,
  E_DEPENDENCY: 10,
  E_INTERNAL: 70,
};

/** Exit code when the user interrupted long work (128 + SIGINT), after printing the partial result. */
export const EXIT_INTERRUPTED = 130;
