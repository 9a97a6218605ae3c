import { labelsAsNumbers } from "./labels-as-numbers.js";
import type { GroupRead } from "./table-read.js";

/**
 * A number as spreadsheets and `f"{v:,.2f}"` format it: a sign, a currency symbol ($ € £ ¥) before or after the
 * digits, digits grouped in threes by commas, a decimal point, and a percent sign; the sign may also follow the
 * symbol (`$-3.50`). Groups of exactly three digits keep a decimal comma ("2,5") from passing for a thousands
 * separator.
 */
const FORMATTED = /^([+-]?)([$€£¥]?) ?([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d*)?(?: ?([$€£¥]))?(%?)$/;
/** Accounting's negative: the number in parentheses, the symbol inside or before them (`(1,021.77)`, `$(5.00)`). */
const PARENTHESISED = /^([$€£¥]?)\((.+)\)$/;

/** The value of a formatted number, and its unit (the symbol and percent sign it carries); null if not one. */
export function formattedValue(text: string): { value: number; unit: string } | null {
  let t = text.trim();
  const p = PARENTHESISED.exec(t);
  if (p !== null) t = `${p[1]}${p[2]}`;
  const m = FORMATTED.exec(t);
  if (m === null) return null;
  const [, sign1, before, sign2, digits, fraction, after, percent] = m as unknown as string[];
  // One sign at most, and none inside parentheses; one symbol, before or after.
  if ((sign1 !== "" ? 1 : 0) + (sign2 !== "" ? 1 : 0) + (p !== null ? 1 : 0) > 1) return null;
  if (before !== "" && after !== undefined) return null;
  const magnitude = Number(`${sign1}${sign2}${digits!.replaceAll(",", "")}${fraction ?? ""}`);
  const value = p === null ? magnitude : -magnitude;
  return Number.isFinite(value) ? { value, unit: `${before}${after ?? ""}${percent}` } : null;
}

/**
 * Text columns whose every label is a number written with a currency symbol, thousands separators, a percent sign
 * or accounting's parentheses (`$1,234.50`, `12,345`, `42.5%`, `(1,021.77)` for −1021.77), all in the same unit,
 * read as those numbers (`42.5%` as 42.5: MI does not see the scale) in place of their category codes. pandas and spreadsheets export formatted columns so, and read as text
 * each was an identifier (one label a row) and set aside, or a category of hundreds of levels with no order. A label
 * column that merely holds plain numbers among its texts (`1`, `2`, `other`) is left alone: one label is not a number.
 *
 * @returns the group (converted columns have no labels) and the indices (within the group) of the converted columns
 */
export function readFormattedNumbers(g: GroupRead): { group: GroupRead; converted: number[] } {
  return labelsAsNumbers(g, (l) => {
    const parsed = l.map(formattedValue);
    const units = new Set(parsed.map((p) => p?.unit));
    if (parsed.some((p) => p === null) || units.size !== 1) return null;
    // Plain numbers alone are labels of a column that turned categorical for another reason (a missing marker).
    if (!l.some((t) => /[,$€£¥%(]/.test(t))) return null;
    return parsed.map((p) => p!.value);
  });
}
