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
// Number() also accepts "0x1f", "0b1", "0o7" and "" (as 0): data files never mean those, so they are refused.
const RADIX_PREFIX = /^[+-]?0[xob]/i;

export function placeText(p: CellPlace): string {
  const line = p.line === undefined ? "" : ` (line ${p.line})`;
  return `${p.file}: row ${p.row}${line}, column '${p.column}'`;
}

/**
 * Parses one text cell as a finite number, strictly, or returns NaN when it is not one (then `failCell` says why).
 * `Number()` alone would turn "" into 0 and "0x10" into 16.
 */
export function parseCell(text: string): number {
  const v = Number(text);
  if (Number.isFinite(v)) {
    const t = text.trim();
    if (t !== "" && !RADIX_PREFIX.test(t)) return v;
  }
  return Number.NaN;
}

/** Throws the error that explains why `text` is not a usable number. */
export function failCell(text: string, place: CellPlace): never {
  const t = text.trim();
  if (t === "") {
    throw new InfonceError("E_VALUE", `${placeText(place)}: empty cell (missing value); remove the row or impute it`);
  }
  if (NAN_WORDS.test(t)) {
    throw new InfonceError("E_VALUE", `${placeText(place)}: '${t}' (missing value); remove the row or impute it`);
  }
  if (INF_WORDS.test(t) || (Number.isNaN(Number(t)) === false && !Number.isFinite(Number(t)))) {
    throw new InfonceError("E_VALUE", `${placeText(place)}: '${t}' is infinite; MI needs finite values`);
  }
  const shown = t.length > 40 ? `${t.slice(0, 37)}...` : t;
  throw new InfonceError(
    "E_PARSE",
    `${placeText(place)}: '${shown}' is not a number; select numeric columns with --x/--y or encode categories as integers`,
  );
}

/** Throws for a non-finite value from a binary format (NPY, Parquet, JSON), naming the place. */
export function failNonFinite(v: number, p: CellPlace): never {
  if (Number.isNaN(v)) {
    throw new InfonceError("E_VALUE", `${placeText(p)}: NaN (missing value); remove the row or impute it`);
  }
  throw new InfonceError("E_VALUE", `${placeText(p)}: ${v} is infinite; MI needs finite values`);
}

/** True when a cell looks like a number (used to tell a header row from data). */
export function looksNumeric(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  return (Number.isFinite(Number(t)) && !RADIX_PREFIX.test(t)) || NAN_WORDS.test(t) || INF_WORDS.test(t);
}
