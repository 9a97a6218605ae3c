import type { Matrix } from "../../types.js";
import type { MissingRule } from "./missing-values.js";
import type { SourceColumn } from "./select-columns.js";

/** What every format reader is asked: which columns to keep, once it knows the file's columns. */
export interface TableRequest {
  /**
   * Called once the file's columns are known (after the header, first line or metadata). Returns the indices of
   * the columns of each group, e.g. [xIndices, yIndices], or one group when X and Y come from two files.
   */
  select(columns: readonly SourceColumn[]): number[][];
  /** Field delimiter of text files; undefined = from the extension, else sniffed from the first line. */
  readonly delimiter?: string;
  /** Whether a text file's first row is a header; undefined = detected. */
  readonly header?: boolean;
  /** Which cells are missing and what to do with them. */
  readonly missing: MissingRule;
}

/**
 * One group of selected columns read into a row-major float64 matrix. Missing cells are NaN (their rows are
 * dropped after reading); a categorical column holds provisional codes indexing `labels[j]` (see
 * encode-categories.ts for the final codes).
 */
export interface GroupRead {
  readonly indices: readonly number[];
  readonly matrix: Matrix<Float64Array>;
  readonly labels: readonly (readonly string[] | undefined)[];
  /** How many missing (NaN) cells the matrix holds. */
  readonly missingCells: number;
  /** What the reader changed for the user to know (stray texts read as missing), as warnings. */
  readonly notes?: readonly string[];
}

/** What a format reader returns. */
export interface TableRead {
  readonly columns: readonly SourceColumn[];
  readonly groups: readonly GroupRead[];
  readonly rows: number;
  /** How the file was read (delimiter, header, dtype, …) for the settings record. */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}
