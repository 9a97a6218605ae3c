import type { GroupRead } from "./table-read.js";

/**
 * A number written with a decimal comma (`-0,345`, `12,5e-3`), with dots or spaces (plain, no-break or narrow
 * no-break, as French locales write them) between groups of three digits as thousands separators (`-5.111,33`,
 * `1 234,5`: Excel's export where the decimal mark is a comma), or an integer: all a decimal-comma column holds.
 */
const DECIMAL_COMMA = /^[+-]?((\d{1,3}([. \u00a0\u202f]\d{3})+|\d+)(,\d*)?|,\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /[. \u00a0\u202f]/g;

/**
 * Text columns of a semicolon- or tab-delimited file whose every label is a number with a decimal comma, read as
 * those numbers, in place of their category codes: Excel in locales whose decimal mark is a comma, and pandas'
 * `to_csv(sep=";", decimal=",")`, write them so, and read as text every such column was an identifier (one label a
 * row) and set aside. Comma-delimited files are left alone: there a quoted "1,234" may be a thousands separator.
 *
 * @returns the groups (converted columns have no labels) and how many columns were converted
 */
export function readDecimalCommas(groups: readonly GroupRead[]): { groups: GroupRead[]; converted: number } {
  let converted = 0;
  const out = groups.map((g) => {
    const { rows, cols, data } = g.matrix;
    const labels = g.labels.map((l, j) => {
      if (
        l === undefined ||
        l.length === 0 ||
        !l.every((t) => DECIMAL_COMMA.test(t)) ||
        !l.some((t) => t.includes(","))
      ) {
        return l;
      }
      const values = l.map((t) => Number(t.replace(THOUSANDS, "").replace(",", ".")));
      for (let r = 0; r < rows; r++) {
        const code = data[r * cols + j] as number;
        if (!Number.isNaN(code)) data[r * cols + j] = values[code] as number;
      }
      converted++;
      return undefined;
    });
    return { ...g, labels };
  });
  return { groups: out, converted };
}
