import { InfonceError } from "../../errors.js";

/** What to do with a row that has a missing cell in a selected column. */
export type MissingPolicy = "drop" | "error";
export const MISSING_POLICIES: readonly MissingPolicy[] = ["drop", "error"];

/**
 * How missing cells are recognised and handled. The empty cell and NaN (as text or as a float in a binary format)
 * are always missing; `words` are the other cell texts that mean missing, compared after trimming.
 */
export interface MissingRule {
  readonly policy: MissingPolicy;
  readonly words: ReadonlySet<string>;
  /** True when `words` are compared case-insensitively (the default list), false for a user's own list. */
  readonly anyCase: boolean;
}

/**
 * The usual markers: NA (R's), N/A, NaN, null, `?` (the UCI repository's) and `#N/A` (Excel's, which pandas reads as
 * missing too), in any case. Not `None`, which pandas reads as missing but R's data write as a category — vcd's
 * Arthritis `Improved` (None, Some, Marked: half its rows), a control group's treatment `none` (Stat2Data's
 * FruitFlies, carData's Adler), an education or a sewer of `none` — where reading it as missing dropped the whole
 * class; in a column of numbers a few `None` cells are still missing, as any stray text (column-decoder.ts).
 */
export const DEFAULT_MISSING_WORDS: readonly string[] = ["na", "n/a", "nan", "null", "?", "#n/a"];

/**
 * The rule from the `--missing` and `--na-values` flags. A user's list replaces the default words and is
 * compared exactly (so a label such as `None` can stay a category); the empty cell and NaN stay missing.
 */
export function missingRule(policy: MissingPolicy = "drop", naValues?: string): MissingRule {
  if (naValues === undefined) return { policy, words: new Set(DEFAULT_MISSING_WORDS), anyCase: true };
  const words = naValues.split(",").map((w) => w.trim());
  if (words.some((w) => w === "")) {
    throw new InfonceError(
      "E_ARG",
      `--na-values is a comma-separated list of cell texts, e.g. 'NA,-999'; got '${naValues}' (the empty cell is always missing)`,
    );
  }
  return { policy, words: new Set(words), anyCase: false };
}

const NAN_TEXT = /^[+-]?nan$/i;

/** Whether a trimmed cell text means a missing value under `rule`. */
export function isMissingText(t: string, rule: MissingRule): boolean {
  if (t === "" || NAN_TEXT.test(t)) return true;
  return rule.words.has(rule.anyCase ? t.toLowerCase() : t);
}
