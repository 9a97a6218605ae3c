import { InfonceError } from "../../errors.js";
import { MAX_CATEGORIES } from "../../estimators/categorical.js";
import { formattedValue } from "./formatted-numbers.js";
import { isMissingText, type MissingRule } from "./missing-values.js";
import { type CellPlace, failInfinite, failMissing, parseCell, placeText } from "./parse-cell.js";

/** The most distinct texts a column of numbers may carry as missing markers beyond a tenth of its cells. */
const MAX_MISSING_MARKERS = 3;

/**
 * The one rule every reader applies to a cell of a selected column (CSV/TSV text, JSON and Parquet values, NPY
 * floats): a finite number is kept; a missing cell (empty, a missing word, NaN, null) becomes NaN, the marker
 * that drops its row later, or an E_VALUE error under `--missing error`; ±Inf is an E_VALUE error; any other text
 * or a boolean makes the whole column categorical. A categorical column stores provisional integer codes (order
 * of first appearance) with its labels; numbers seen before the first label become labels of their value
 * (String(v)), and later numbers are labels of their text.
 */
export class ColumnDecoder {
  /** Labels in provisional-code order, or null while the column is numeric. */
  labels: string[] | null = null;
  /** Missing cells seen (their rows are dropped later; 0 lets the reader skip looking for them). */
  missingCells = 0;
  private codes: Map<string, number> | null = null;
  /** Cells per label, by provisional code. */
  private counts: number[] = [];
  /** The first label that is no number in any form (plain or formatted), where it was: the first stray text. */
  private firstText: { text: string; place: CellPlace } | null = null;

  constructor(
    private readonly rule: MissingRule,
    /** Rewrites the values stored so far in this column (when it turns categorical). */
    private readonly relabel: (f: (v: number) => number) => void,
  ) {}

  get categorical(): boolean {
    return this.labels !== null;
  }

  /** A text cell (untrimmed). */
  text(raw: string, place: () => CellPlace): number {
    const t = raw.trim();
    if (isMissingText(t, this.rule)) return this.missing(t === "" ? "empty cell" : `'${t}'`, place);
    const v = parseCell(t);
    if (Number.isFinite(v)) return this.labels === null ? this.number(v, place) : this.code(t);
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) return failInfinite(`'${t}'`, place());
    return this.label(t, place);
  }

  /** A number from a binary format or the fast text path. */
  number(v: number, place: () => CellPlace): number {
    if (Number.isNaN(v)) return this.missing("NaN", place);
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) return failInfinite(String(v), place());
    // Numbers of a still-numeric column become labels when it turns categorical (the fast CSV path skips this call).
    return this.labels === null ? v : this.code(String(v));
  }

  /** A JSON or Parquet value: number, bigint, boolean, string or null. */
  value(v: unknown, place: () => CellPlace): number {
    if (typeof v === "number") return this.number(v, place);
    if (typeof v === "string") return this.text(v, place);
    if (typeof v === "boolean") return this.label(String(v), place);
    if (typeof v === "bigint") return this.number(Number(v), place);
    if (v === null || v === undefined) return this.missing("missing value", place);
    const shown = JSON.stringify(v)?.slice(0, 40) ?? String(v);
    throw new InfonceError(
      "E_PARSE",
      `${placeText(place())}: ${shown} is neither a number nor a label; select scalar columns with --x/--y`,
    );
  }

  private missing(shown: string, place: () => CellPlace): number {
    if (this.rule.policy === "error") failMissing(shown, place());
    this.missingCells++;
    return Number.NaN;
  }

  /** A label: turns the column categorical on the first one. */
  private label(t: string, place: () => CellPlace): number {
    if (this.labels === null) {
      this.labels = [];
      this.codes = new Map();
      this.relabel((v) => (Number.isNaN(v) ? v : this.code(String(v))));
    }
    // A new label's first cell: the first stray text, unless the label is a formatted number (`1,234`, `(5.00)`).
    if (this.firstText === null && !this.codes!.has(t) && formattedValue(t) === null) {
      this.firstText = { text: t, place: place() };
    }
    return this.code(t);
  }

  private code(t: string): number {
    let c = this.codes!.get(t);
    if (c === undefined) {
      c = this.labels!.length;
      this.labels!.push(t);
      this.codes!.set(t, c);
      this.counts.push(0);
    }
    this.counts[c]!++;
    return c;
  }

  /**
   * A column of numbers with a few stray texts (`#DIV/0!`, `-`, `unknown`: 90% or more of its cells numbers, plain
   * or formatted as formatted-numbers.ts reads them) whose numbers are real (some fractional) or integers of more
   * distinct values than category codes have (over MAX_CATEGORIES, e.g. counts 0…99): taken as categorical it would
   * have as many labels as values, with no order. Its stray cells are missing values, like an empty cell: under
   * `--missing error` the first is refused (E_PARSE, naming it); else each stray cell is NaN (its row dropped
   * later), the return value says which texts, for a warning, and the column turns numeric again — or, holding
   * formatted numbers (`1,234` among plain ones), keeps its number labels for readFormattedNumbers. Integer codes of
   * a few values with a label among them (`1`…`5` and `refused`) stay categorical, as does any column whose stray
   * texts are more than a tenth of its cells — unless those are a few markers (at most MAX_MISSING_MARKERS distinct
   * texts, fewer cells than the numbers: SPSS's `#NULL!`, the World Bank's `..`, `unknown`), which a column of
   * numbers carries however often a value is missing (hofstede-cultural-dimensions.csv: 33 of 111 cells `#NULL!`
   * made 50 number labels of a real column). Returns null when nothing changed.
   *
   * @param column the column's name, for the warning
   */
  settleStrayTexts(column: string): string | null {
    if (this.firstText === null) return null;
    const labels = this.labels!;
    let cells = 0;
    for (const n of this.counts) cells += n;
    // Each label's number (plain, else formatted; NaN for a stray text), stopping once strays pass a tenth of the
    // cells: a column of words stops at its first labels.
    const plain: number[] = [];
    const values: number[] = [];
    let strayCells = 0;
    let strayLabels = 0;
    for (let c = 0; c < labels.length; c++) {
      plain.push(parseCell(labels[c]!));
      values.push(Number.isFinite(plain[c]!) ? plain[c]! : (formattedValue(labels[c]!)?.value ?? Number.NaN));
      if (Number.isNaN(values[c]!)) {
        strayCells += this.counts[c]!;
        strayLabels++;
      }
      const markers = strayLabels <= MAX_MISSING_MARKERS && 2 * strayCells < cells;
      if (10 * strayCells > cells && !markers) return null;
    }
    const numbers = cells - strayCells;
    const fractional = values.some((v) => Number.isFinite(v) && !Number.isInteger(v));
    if (!fractional && values.filter(Number.isFinite).length <= MAX_CATEGORIES) return null;
    const { text, place } = this.firstText;
    const share = ((100 * numbers) / cells).toFixed(1);
    if (this.rule.policy === "error") {
      throw new InfonceError(
        "E_PARSE",
        `${placeText(place)}: '${text}' is not a number, but ${share}% of the column's cells are; if it marks a missing value add it to --na-values, else fix the cell (or leave --missing error out to drop such rows)`,
      );
    }
    const stray = labels.filter((_, c) => Number.isNaN(values[c]!));
    if (values.every((v, c) => Number.isNaN(v) || Number.isFinite(plain[c]!))) {
      this.relabel((code) => (Number.isNaN(code) ? code : values[code]!));
      this.labels = null;
      this.codes = null;
    } else {
      // Formatted numbers among the labels: keep the number labels (new codes), the stray ones gone.
      const kept = labels.filter((_, c) => !Number.isNaN(values[c]!));
      let next = 0;
      const recode = values.map((v) => (Number.isNaN(v) ? Number.NaN : next++));
      this.relabel((code) => (Number.isNaN(code) ? code : recode[code]!));
      this.labels = kept;
      this.codes = new Map(kept.map((t, c) => [t, c]));
      this.counts = this.counts.filter((_, c) => !Number.isNaN(values[c]!));
    }
    this.missingCells += strayCells;
    const shown =
      stray
        .slice(0, 3)
        .map((t) => `'${t}'`)
        .join(", ") + (stray.length > 3 ? ", …" : "");
    return `column '${column}': ${strayCells} cells are not numbers (${shown}) where ${numbers} are; read as missing values (--na-values names such markers, --missing error refuses them)`;
  }
}
