import { looksNumeric } from "./parse-cell.js";

/** The name of the whitespace delimiter (runs of spaces and tabs), as --delimiter takes it. */
export const WHITESPACE = "whitespace";

/** Names a delimiter for messages and settings. */
export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === " " || d === WHITESPACE ? WHITESPACE : d;
}

/**
 * Picks the delimiter from the first data line: tab, then comma, then semicolon, else runs of whitespace
 * (numpy.savetxt's default). Comment lines (#) are skipped. A tab among runs of spaces between numbers, on the first
 * line or the next (after a header), is whitespace too (UCI's auto-mpg.data: `18.0   8   307.0 … 70  1\t"chevrolet
 * chevelle malibu"`, read as two columns by the tab, the first a text of eight numbers).
 */
export function sniffDelimiter(firstLine: string, nextLine?: string): string {
  if (firstLine.includes("\t")) {
    const spaced = numbersAmongBlanks(firstLine) || (nextLine !== undefined && numbersAmongBlanks(nextLine));
    return spaced ? WHITESPACE : "\t";
  }
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  return WHITESPACE;
}

/**
 * Whether a line's text outside quotes is numbers (or `?`) separated by blanks, with spaces inside some of its tab
 * fields: whitespace-separated, whatever tabs it holds. A tab-separated line of text with spaces ("New York") is not.
 */
function numbersAmongBlanks(line: string): boolean {
  const bare = line.replace(/"[^"]*"/g, "");
  const spaced = bare.split("\t").some((f) => /\S\s+\S/.test(f));
  return spaced && bare.split(/\s+/).every((t) => t === "" || t === "?" || looksNumeric(t));
}

/**
 * The delimiter a file's extension implies, unless the first line has none of it outside quotes but has a
 * semicolon or a tab: Excel in locales whose decimal mark is a comma saves ".csv" with semicolons, and pandas'
 * `to_csv(sep=";")` keeps the extension.
 */
export function delimiterFromExtension(firstLine: string, implied: string): string {
  const bare = firstLine.replace(/"[^"]*"/g, "");
  if (bare.includes(implied)) return implied;
  const sniffed = sniffDelimiter(bare);
  return sniffed === "\t" || sniffed === ";" ? sniffed : implied;
}
