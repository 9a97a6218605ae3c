import { labelsAsNumbers } from "./labels-as-numbers.js";
import type { GroupRead } from "./table-read.js";

/** An ISO-8601 date, optionally with a time (`T` or a space) and a zone: what pandas and most exports write. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days since 1970-01-01 UTC of an ISO date text (a time without a zone read as UTC, so every machine agrees). */
function isoDays(text: string): number {
  const t = text.replace(" ", "T");
  const zoned = t.length <= 10 || /(?:Z|[+-]\d{2}:?\d{2})$/.test(t.slice(10));
  return Date.parse(zoned ? t : `${t}Z`) / 86_400_000;
}

/**
 * Text columns whose every label is an ISO-8601 date or date-time, read as days since 1970-01-01 (UTC) in place
 * of their category codes: a date is a time, ordered and spaced, and as text an hourly timestamp column was an
 * identifier (one label a row) and set aside. MI is unchanged by the choice of epoch and unit (an increasing map).
 *
 * @returns the group (converted columns have no labels) and the indices (within the group) of the converted columns
 */
export function readDateColumns(g: GroupRead): { group: GroupRead; converted: number[] } {
  return labelsAsNumbers(g, (l) => {
    if (!l.every((t) => ISO_DATE.test(t.trim()))) return null;
    const values = l.map((t) => isoDays(t.trim()));
    return values.every(Number.isFinite) ? values : null;
  });
}
