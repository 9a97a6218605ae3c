import { type MissingPolicy, missingRule } from "./missing-values.js";
import { type DataFormat, type OpenedInput, openInput } from "./open-input.js";
import type { SourceColumn } from "./select-columns.js";
import type { TableRequest } from "./table-read.js";

/** How to read a data file, whichever columns are then taken from it (paired X/Y, or a rank/matrix table). */
export interface FileReadOptions {
  readonly format?: DataFormat;
  readonly delimiter?: string;
  readonly header?: boolean;
  /** Rows with a missing cell in a selected column: dropped with a warning (default) or refused. */
  readonly missing?: MissingPolicy;
  /** Comma-separated cell texts that mean missing, replacing the default ones (DEFAULT_MISSING_WORDS). */
  readonly naValues?: string;
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream;
}

/** Opens `path` ("-" is stdin) as the options say: relative to cwd, in the given format or the one detected. */
export function openFile(path: string, options: FileReadOptions): Promise<OpenedInput> {
  return openInput(path, {
    cwd: options.cwd,
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
}

/** The reader's request for the columns `select` picks, with the options' missing-cell rule, delimiter and header. */
export function tableRequest(
  options: FileReadOptions,
  select: (columns: readonly SourceColumn[]) => number[][],
): TableRequest {
  return {
    select,
    missing: missingRule(options.missing, options.naValues),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.header === undefined ? {} : { header: options.header }),
  };
}
