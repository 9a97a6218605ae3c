import { labelsAsNumbers } from "./labels-as-numbers.js";
import type { GroupRead } from "./table-read.js";

/** An ISO-8601 date, optionally with a time (`T` or a space) and a zone: what pandas and most exports write. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Year first with slashes, `2015/01/01 01:00:00` (GitHub's and many loggers' exports): unambiguous, ISO once dashed. */
const SLASHED = /^(\d{4})\/(\d{2})\/(\d{2})((?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)$/;

/** A month's English name or its three letters, the day, the year: `Jan 1 2000`, `June 12, 1998` (JavaScript's toDateString). */
const NAMED = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTHS = "january february march april may june july august september october november december".split(" ");

/** A year and month, `2000-01` (ISO 8601's reduced precision; OECD and monthly series): the month's first day. */
const YEAR_MONTH = /^\d{4}-\d{2}$/;

/**
 * A period as R's tsibble, fable and fpp3 write one, the year first: a month `1987 Jan` (also `1987 January`), a
 * quarter `1998 Q1`, an ISO week `2015 W01`; and a month after its name, `Jan 1987`. Each is read as its first day.
 */
const YEAR_MONTH_NAMED = /^(\d{4}) ([A-Za-z]{3,9})$/;
const MONTH_NAMED_YEAR = /^([A-Za-z]{3,9})\.? (\d{4})$/;
const YEAR_QUARTER = /^(\d{4}) ?Q([1-4])$/;
const YEAR_WEEK = /^(\d{4}) ?W(\d{2})$/;

/** 0…11 for a month's English name, its three letters or "Sept" ("Mayday" is none), or −1. */
function monthIndex(word: string): number {
  const name = word.toLowerCase();
  return MONTHS.findIndex((full) => full === name || full.slice(0, name === "sept" ? 4 : 3) === name);
}

/** `YYYY-MM-01` of a year and a month index 0…11. */
const monthStart = (year: string | number, month: number) => `${year}-${String(month + 1).padStart(2, "0")}-01`;

/** The ISO-8601 date of the Monday of ISO week `week` of `year` (week 1 holds January 4th), or null past its weeks. */
function isoWeekMonday(year: number, week: number): string | null {
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  // A year has 52 or 53 weeks: the 53rd exists when its Thursday is still in the year.
  if (week < 1 || new Date(monday + 3 * 86_400_000).getUTCFullYear() !== year) return null;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The ISO-8601 spelling of a period text (a month, quarter or week: its first day), or null. */
function periodText(text: string): string | null {
  const ym = YEAR_MONTH_NAMED.exec(text) ?? MONTH_NAMED_YEAR.exec(text);
  if (ym) {
    const [year, word] = /^\d/.test(text) ? [ym[1] ?? "", ym[2] ?? ""] : [ym[2] ?? "", ym[1] ?? ""];
    const month = monthIndex(word);
    return month < 0 ? null : monthStart(year, month);
  }
  const q = YEAR_QUARTER.exec(text);
  if (q) return monthStart(q[1] ?? "", 3 * (Number(q[2]) - 1));
  const w = YEAR_WEEK.exec(text);
  return w ? isoWeekMonday(Number(w[1]), Number(w[2])) : null;
}

/** The ISO-8601 spelling of a date text in one of the unambiguous spellings above, or null. */
function isoText(text: string): string | null {
  if (ISO_DATE.test(text)) return text;
  if (YEAR_MONTH.test(text)) return `${text}-01`;
  const s = SLASHED.exec(text);
  if (s) return `${s[1]}-${s[2]}-${s[3]}${s[4]}`;
  const m = NAMED.exec(text);
  if (!m) return periodText(text);
  const [, word = "", dayText = "", year = ""] = m;
  // Three letters, "Sept" or the whole name: "Mayday 1 2000" is no date.
  const month = monthIndex(word);
  if (month < 0) return null;
  const day = Number(dayText);
  if (day < 1 || day > 31) return null;
  return `${year}-${String(month + 1).padStart(2, "0")}-${dayText.padStart(2, "0")}`;
}

/** A clock time, `13:08`, `1:20:05 PM`, `9:30am`: hours (any count without AM/PM), minutes, seconds, the half of the day. */
const CLOCK = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?(?: ?([AaPp])\.?[Mm]\.?)?$/;

/** Hours after midnight of a clock text (12 AM is 0, 12 PM is 12), or NaN; the half of the day checked against 1…12. */
function clockHours(text: string): number {
  const c = CLOCK.exec(text);
  if (!c) return Number.NaN;
  let h = Number(c[1]);
  const half = c[4]?.toLowerCase();
  if (half !== undefined) {
    if (h < 1 || h > 12) return Number.NaN;
    h = (h % 12) + (half === "p" ? 12 : 0);
  }
  return h + Number(c[2]) / 60 + Number(c[3] ?? 0) / 3600;
}

/** Month and day as numbers with slashes and a four-digit year, `1/5/2019`, `03/14/2025 1:20 PM`: which comes first is the column's to tell. */
const NUMBERED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](.+))?$/;

/**
 * Days since 1970-01-01 of a column of dates, or null: each label in one of isoText's spellings or as month/day/year
 * or day/month/year numbers (a few ISO cells among US ones: earthquakes-23k.csv). The numbers' order is the one the
 * column's cells allow: a first number over 12 somewhere makes it day-first, a second one over 12 month-first (US
 * exports, pandas' default reading); numbers that allow both orders (every one ≤ 12) or neither leave it text.
 */
function dateDays(labels: readonly string[]): number[] | null {
  const days: number[] = [];
  const numbered: { at: number; a: number; b: number; year: number; hours: number }[] = [];
  let firstOver12 = false;
  let secondOver12 = false;
  for (const t of labels) {
    const text = t.trim();
    const iso = isoText(text);
    if (iso !== null) {
      days.push(isoDays(iso));
      continue;
    }
    const m = NUMBERED.exec(text);
    if (!m) return null;
    const hours = m[4] === undefined ? 0 : clockHours(m[4]);
    if (Number.isNaN(hours) || hours >= 24) return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    firstOver12 ||= a > 12;
    secondOver12 ||= b > 12;
    numbered.push({ at: days.length, a, b, year: Number(m[3]), hours });
    days.push(Number.NaN);
  }
  if (numbered.length > 0 && firstOver12 === secondOver12) return null;
  for (const { at, a, b, year, hours } of numbered) {
    const [month, day] = firstOver12 ? [b, a] : [a, b];
    const ms = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 2/30 over into March: such a cell is no date, and the column stays text.
    if (month < 1 || month > 12 || new Date(ms).getUTCDate() !== day) return null;
    days[at] = ms / 86_400_000 + hours / 24;
  }
  return days.every(Number.isFinite) ? days : null;
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
 * ISO-8601 (a year and month, `2000-01`, as its first day), year-first with slashes (`2015/01/01 01:00:00`), a
 * month's name (`Jan 1 2000`), tsibble's periods (`1987 Jan`, `1998 Q1`, `2015 W01`, and `Jan 1987`, each as its
 * first day: fpp3's monthly and quarterly series were identifiers, one label a row), and month/day/year or
 * day/month/year numbers (`1/5/2019 13:08`) when the column's own cells tell which (dateDays); a column whose
 * cells allow both orders (`01/02/2015`, `02/01/2015`) stays text. A column of clock times alone (`13:08`,
 * `1:20 PM`) is read as the fraction of a day: as text it was an identifier too (supermarket_Sales.csv's Time, 506
 * labels in 1,000 rows). `m:ss` durations read the same way keep their order and spacing.
 *
 * @returns the group (converted columns have no labels) and the indices (within the group) of the converted columns
 */
export function readDateColumns(g: GroupRead): { group: GroupRead; converted: number[] } {
  return labelsAsNumbers(g, (l) => {
    const clock: number[] = [];
    for (const t of l) {
      const h = clockHours(t.trim());
      if (Number.isNaN(h)) break;
      clock.push(h / 24);
    }
    return clock.length === l.length ? clock : dateDays(l);
  });
}
