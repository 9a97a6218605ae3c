import { isUtf8 } from "node:buffer";
import { InfonceError } from "../../errors.js";
import { windows1252 } from "./windows-1252.js";

export const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
export const QUOTE = 34;
export const HASH = 35;
/** The delimiter code of whitespace-separated text (runs of spaces and tabs). */
export const WHITESPACE_DELIM = -1;

/**
 * Where the field scanned last lies, written by scanField (one object reused: no allocation per cell).
 * [start, stop) is the field's text without padding or quotes; `next` is where the next field starts, or the
 * newline (or block end) when `last`.
 */
export interface FieldScan {
  start: number;
  stop: number;
  next: number;
  last: boolean;
  quoted: boolean;
  /** A quoted field holding doubled quotes ("") to undo. */
  escapes: boolean;
  /** The 1-based line the scan is on (quoted fields may span lines). */
  line: number;
  /** The file, for messages. */
  readonly file: string;
  /** Set once a field's bytes were not UTF-8 and were read as Windows-1252 (fieldText). */
  legacy?: boolean;
}

export function isPad(b: number, delim: number): boolean {
  return b === SPACE || b === CR || (b === TAB && delim !== TAB);
}

/**
 * Whether the `#` line at q is a record: `#` then no blank, and the delimiter on the line (`#DIV/0!,3`, `#N/A,1`,
 * `#ff0000,2`). Excel's error values and hex colours start so; skipped as comments, their rows vanished unwarned.
 */
export function hashRecord(buf: Buffer, q: number, end: number, delim: number): boolean {
  const next = q + 1 < end ? buf[q + 1]! : NL;
  if (next === NL || next === HASH || isPad(next, delim) || next === SPACE || next === TAB) return false;
  const nl = buf.indexOf(NL, q);
  const line = buf.subarray(q, nl < 0 || nl > end ? end : nl);
  return delim === WHITESPACE_DELIM ? line.includes(SPACE) || line.includes(TAB) : line.includes(delim);
}

/**
 * Scans one field at `p` in [p, end): RFC 4180 quoting (a field that starts with `"` runs to the closing quote,
 * `""` is a quote, newlines may occur inside), spaces around fields trimmed, a CR before the newline ignored.
 * In whitespace mode a field is a run of non-blank bytes, or a quoted field as above followed by blanks or the line's
 * end, as pandas' `sep=r"\s+"` reads it: UCI's auto-mpg.data ends each record with a quoted car name of one to five
 * words (`… 70  1\t"chevrolet chevelle malibu"`), which split at its spaces gave rows of unequal length. Returns false
 * when the block ends inside a quoted field (the caller reads more and retries from the record's start).
 */
export function scanField(buf: Uint8Array, p: number, end: number, delim: number, st: FieldScan): boolean {
  while (p < end && isPad(buf[p]!, delim)) p++;
  if (delim === WHITESPACE_DELIM && !(p < end && buf[p] === QUOTE)) {
    const s = p;
    while (p < end) {
      const b = buf[p]!;
      if (b === SPACE || b === TAB || b === CR || b === NL) break;
      p++;
    }
    st.start = s;
    st.stop = p;
    st.quoted = false;
    while (p < end && isPad(buf[p]!, delim)) p++;
    st.next = p;
    st.last = p >= end || buf[p] === NL;
    return true;
  }
  if (p < end && buf[p] === QUOTE) {
    let q = p + 1;
    let escapes = false;
    let lines = 0;
    for (;;) {
      while (q < end && buf[q] !== QUOTE) {
        if (buf[q] === NL) lines++;
        q++;
      }
      if (q >= end) return false;
      if (q + 1 < end && buf[q + 1] === QUOTE) {
        escapes = true;
        q += 2;
        continue;
      }
      // Blocks end at a newline (but the file's last), so a quote that is a block's last byte closes its field.
      break;
    }
    st.start = p + 1;
    st.stop = q;
    st.quoted = true;
    st.escapes = escapes;
    st.line += lines;
    p = q + 1;
    const closed = p;
    while (p < end && isPad(buf[p]!, delim)) p++;
    if (delim === WHITESPACE_DELIM && (p > closed || p >= end || buf[p] === NL)) {
      st.next = p;
      st.last = p >= end || buf[p] === NL;
      return true;
    }
    if (p < end && buf[p] !== delim && buf[p] !== NL) {
      throw new InfonceError(
        "E_PARSE",
        `${st.file}: line ${st.line}: text after a closing quote; a quote inside a quoted field must be doubled ("")`,
      );
    }
  } else {
    const s = p;
    while (p < end) {
      const b = buf[p]!;
      if (b === delim || b === NL) break;
      p++;
    }
    let stop = p;
    while (stop > s && isPad(buf[stop - 1]!, delim)) stop--;
    st.start = s;
    st.stop = stop;
    st.quoted = false;
  }
  if (p < end && buf[p] === delim) {
    st.next = p + 1;
    st.last = false;
  } else {
    st.next = p;
    st.last = true;
  }
  return true;
}

/**
 * The text of the field scanned last (doubled quotes undone): UTF-8, or Windows-1252 when its bytes are not UTF-8
 * (a lone `é` byte 0xE9): read as UTF-8 each such byte became U+FFFD, so `Café` and `Cafè` were one label and a
 * header name could not be typed. Such a field sets `st.legacy`, for a warning.
 */
export function fieldText(buf: Buffer, st: FieldScan): string {
  let t = buf.toString("utf8", st.start, st.stop);
  if (t.includes("\uFFFD") && !isUtf8(buf.subarray(st.start, st.stop))) {
    t = windows1252(buf, st.start, st.stop);
    st.legacy = true;
  }
  return st.quoted && st.escapes ? t.replaceAll('""', '"') : t;
}
