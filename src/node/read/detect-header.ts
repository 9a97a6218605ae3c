import { isMissingText, type MissingRule } from "./missing-values.js";
import { looksNumeric } from "./parse-cell.js";

/**
 * Whether the first record is a header, from the first two (as Python's csv.Sniffer reasons): yes when a column
 * holds text in the first record and a number in the second, or when the second holds no number at all (a table
 * of labels); no when the first record looks like data (headerless files such as UCI's iris.data, whose label
 * column is text in every row). A missing marker (`?`, `NA`) in the first record counts as data.
 */
export function detectHeader(first: readonly string[], second: readonly string[] | undefined, rule: MissingRule) {
  const dataLike = (t: string) => looksNumeric(t) || isMissingText(t.trim(), rule);
  if (second !== undefined && positionalHeader(first, second)) return true;
  if (first.every(dataLike)) return false;
  if (second === undefined) return true;
  if (first.some((t, c) => !dataLike(t) && looksNumeric(second[c] ?? ""))) return true;
  return !second.some(looksNumeric);
}

/**
 * Whether the first record is the header pandas writes for a DataFrame made from an array: the column numbers
 * 0, 1, 2, … (after an empty cell when the index was written, `df.to_csv(path)`), then any named columns added
 * to it (`df["classes"] = y`: plotly/datasets simple_feature_dataframe.csv, `0,…,9,classes`). Read as data it
 * added a row of column numbers, and with the index it shifted every column by one, so `--x 0 --y 2` paired the
 * index with column 1. It counts as a header when the index's empty cell is there or the next record holds a
 * non-integer number (a data row 0, 1, 2, … of integer counts stays data).
 */
function positionalHeader(first: readonly string[], second: readonly string[]): boolean {
  const index = first[0]?.trim() === "";
  const names = index ? first.slice(1) : first;
  let numbered = 0;
  while (numbered < names.length && names[numbered]!.trim() === String(numbered)) numbered++;
  if (numbered < 2 || names.slice(numbered).some(looksNumeric)) return false;
  return index || second.some((t) => looksNumeric(t) && !Number.isInteger(Number(t)));
}
