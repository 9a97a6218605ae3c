import { InfonceError } from "../../errors.js";

/** Where a cell sits, for error messages: the file, the 1-based data row, the column name and the text line. */
export interface CellPlace {
  readonly file: string;
  readonly row: number;
  readonly column: string;
  readonly line?: number;
}

const NAN_WORDS = /^[+-]?(nan|na|n\/a|null|none)$/i;
const INF_WORDS = /^[+-]?(inf|infinity)$/i;
// Number() also accepts "0x1f", "0b1", "0o7" and "" (as 0): data files never mean those, so they are not numbers.
const RADIX_PREFIX = /^[+-]?0[xob]/i;

export function placeText(p: CellPlace): string {
  const line = p.line === undefined ? "" : ` (line ${p.line})`;
  return `${p.file}: row ${p.row}${line}, column '${p.column}'`;
}

/**
 * Parses one trimmed text cell as a number, strictly: a finite number, ±Infinity for an infinite one (`inf`,
 * `1e999`), NaN when it is not a number at all. `Number()` alone would turn "" into 0 and "0x10" into 16.
 */
export function parseCell(t: string): number {
  if (t === "" || RADIX_PREFIX.test(t)) return Number.NaN;
  const v = Number(t);
  if (!Number.isNaN(v)) return v;
  return INF_WORDS.test(t) ? (t.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : v;
}

/** Throws the E_VALUE error for a missing cell when the policy is to refuse them. */
export function failMissing(shown: string, place: CellPlace): never {
  throw new InfonceError(
    "E_VALUE",
    `${placeText(place)}: ${shown} (missing value); impute it, or drop such rows with --missing drop`,
  );
}

/** Throws the E_VALUE error for an infinite cell: MI needs finite values whatever the missing policy. */
export function failInfinite(shown: string, place: CellPlace): never {
  throw new InfonceError("E_VALUE", `${placeText(place)}: ${shown} is infinite; MI needs finite values`);
}

/** True when a cell looks like a number (used to tell a header row from data). */
export function looksNumeric(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  return (Number.isFinite(Number(t)) && !RADIX_PREFIX.test(t)) || NAN_WORDS.test(t) || INF_WORDS.test(t);
}
