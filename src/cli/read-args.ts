import type { FileReadOptions } from "../node/read/file-read-options.js";
import type { MissingPolicy, PairedRead } from "../node/read/index.js";
import { DATA_FORMATS } from "../node/read/open-input.js";
import { choiceArg, delimiterArg } from "./common-args.js";
import type { CliIO } from "./io.js";

const MISSING: readonly MissingPolicy[] = ["drop", "error"];

/** The parsed input flags (--x, --y, --format, --delimiter, --header, --missing, --na-values) shared by estimate, loss and inspect. */
export interface InputFlags extends Omit<FileReadOptions, "cwd" | "stdin"> {
  readonly files: string[];
  readonly x?: string;
  readonly y?: string;
}

/** Parses the input flags eagerly (so a bad --format fails before anything is read). */
export function inputFlags(args: Record<string, unknown>): InputFlags {
  const format = choiceArg(args.format, "format", DATA_FORMATS);
  const delimiter = delimiterArg(args.delimiter);
  const missing = choiceArg(args.missing, "missing", MISSING);
  return {
    files: [String(args.file), ...(typeof args.yfile === "string" ? [args.yfile] : [])],
    ...(typeof args.x === "string" ? { x: args.x } : {}),
    ...(typeof args.y === "string" ? { y: args.y } : {}),
    ...(format === undefined ? {} : { format }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(typeof args.header === "boolean" ? { header: args.header } : {}),
    ...(missing === undefined ? {} : { missing }),
    ...(typeof args["na-values"] === "string" ? { naValues: args["na-values"] } : {}),
  };
}

/** Reads the paired sample the flags describe; `minRows` with its reason (e.g. "--batch 256"). */
export async function readInput(
  io: CliIO,
  flags: InputFlags,
  minRows?: { rows: number; reason: string },
): Promise<PairedRead> {
  const { readPairedSample } = await import("../node/read/index.js");
  return readPairedSample({
    ...flags,
    cwd: io.cwd,
    ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
    ...(minRows === undefined ? {} : { minRows: minRows.rows, minRowsReason: minRows.reason }),
  });
}
