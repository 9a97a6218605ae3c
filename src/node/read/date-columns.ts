import { labelsAsNumbers } from "./labels-as-numbers.js";
import type { GroupRead } from "./table-read.js";

/** An ISO-8601 date, optionally with a time (`T` or a space) and a zone: what pandas and most exports write. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Year first with slashes, `2015/01/01 01:00:00` (GitHub's and many loggers' exports): unambiguous, ISO once dashed. */
const SLASHED = /^(\d{4})\/(\d{2})\/(\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)$/;

/** A month's English name or its three letters, the day, the year: `Jan 1 2000`, `June 12, 1998` (JavaScript's toDateString). */
const NAMED = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTHS = "january february march april may june july august september october november december".split(" ");

/** The ISO-8601 spelling of a date text in one of the unambiguous spellings above, or null. */
function isoText(text: string): string | null {
  if (ISO_DATE.test(text)) return text;
  const s = SLASHED.exec(text);
  if (s) return `${s[1]}-${s[2]}-${s[3]}${s[4]}`;
  const m = NAMED.exec(text);
  if (!m) return null;
  const [, word = "", dayText = "", year = ""] = m;
  const name = word.toLowerCase();
  // Three letters, "Sept" or the whole name: "Mayday 1 2000" is no date.
  const month = MONTHS.findIndex((full) => full === name || full.slice(0, name === "sept" ? 4 : 3) === name);
  if (month < 0) return null;
  const day = Number(dayText);
  if (day < 1 || day > 31) return null;
  return `${year}-${String(month + 1).padStart(2, "0")}-${dayText.padStart(2, "0")}`;
}

/** Days since 1970-01-01 UTC of an ISO date text (a time without a zone read as UTC, so every machine agrees). */
function isoDays(text: string): number {
  const t = text.replace(" ", "T");
  const zoned = t.length <= 10 || /(?:Z|[+-]\d{2}:?\d{2})$/.test(t.slice(10));
  return Date.parse(zoned ? t : `${t}Z`) / 86_400_000;
}

/**
 * Text columns whose every label is a date or date-time, read as days since 1970-01-01 (UTC) in place of their
 * category codes: a date is a time, ordered and spaced, and as text an hourly timestamp column was an identifier
 * (one label a row) and set aside. MI is unchanged by the choice of epoch and unit (an increasing map). Read are
 * ISO-8601, year-first with slashes (`2015/01/01 01:00:00`) and a month's name (`Jan 1 2000`); day-first and
 * month-first numbers (`01/02/2015`) are ambiguous and stay text.
 *
 * @returns the group (converted columns have no labels) and the indices (within the group) of the converted columns
 */
export function readDateColumns(g: GroupRead): { group: GroupRead; converted: number[] } {
  return labelsAsNumbers(g, (l) => {
    const iso: string[] = [];
    for (const t of l) {
      const i = isoText(t.trim());
      if (i === null) return null;
      iso.push(i);
    }
    const values = iso.map(isoDays);
    return values.every(Number.isFinite) ? values : null;
  });
}
