import { numberEnd, readNumber } from "./scan-number.js";

// Byte codes as module-local constants on purpose: imported from a shared module (as scan-field.ts's would be),
// V8 reads each one through the module binding in the loops below, and readFastRecord ran 3.6× slower
// (200,000 lines of 11 numbers: 170 → 612 ms).
const SPACE = 32;
const TAB = 9;
const CR = 13;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/** A field of the first record: its key as JSON bytes (`"x0"`) and its array width (null for a number). */
export interface JsonlField {
  readonly key: Uint8Array;
  readonly width: number | null;
}

/** The first record's fields in order, for matching later lines byte by byte. */
export function jsonlShape(first: Readonly<Record<string, unknown>>): JsonlField[] {
  const enc = new TextEncoder();
  return Object.entries(first).map(([k, v]) => ({
    key: enc.encode(JSON.stringify(k)),
    width: Array.isArray(v) ? v.length : null,
  }));
}

/** The first index at or after p, before end, that is not a space, tab or CR (end when there is none). */
export function skipSpaces(buf: Uint8Array, p: number, end: number): number {
  while (p < end && (buf[p] === SPACE || buf[p] === TAB || buf[p] === CR)) p++;
  return p;
}

/** Whether [p, q) is a number in JSON's grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? (readNumber is laxer). */
function isJsonNumber(buf: Uint8Array, p: number, q: number): boolean {
  if (buf[p] === MINUS) p++;
  const first = buf[p]!;
  if (first === ZERO) {
    const next = buf[p + 1];
    if (p + 1 < q && next !== undefined && next >= ZERO && next <= ZERO + 9) return false;
  } else if (!(first > ZERO && first <= ZERO + 9)) return false;
  for (let i = p; i < q; i++) {
    if (buf[i] === DOT) {
      const d = buf[i + 1];
      return i + 1 < q && d !== undefined && d >= ZERO && d <= ZERO + 9;
    }
  }
  return true;
}

/** A JSON number at p that readNumber takes exactly: its value, with numberEnd.at after it; else NaN. */
function number(buf: Uint8Array, p: number, end: number): number {
  const v = readNumber(buf, p, end);
  return !Number.isNaN(v) && isJsonNumber(buf, p, numberEnd.at) ? v : Number.NaN;
}

/**
 * The fast path of the JSONL reader: a line [p, end) that is exactly the first record's shape — the same keys in
 * the same order, each a number (or an array of that many numbers) that the exact shortcut of scan-number.ts
 * reads (at most 15 significant digits) — has its values written to `out` in column order (arrays expanded), and true is returned. Any other line
 * (other keys or order, strings, null, escapes, longer numbers such as the 17 digits of a shortest
 * round-trip print) returns false and takes JSON.parse, so every
 * line means what JSON says it means; this only skips building an object per line.
 */
export function readFastRecord(
  buf: Uint8Array,
  p: number,
  end: number,
  fields: readonly JsonlField[],
  out: Float64Array,
): boolean {
  p = skipSpaces(buf, p, end);
  if (buf[p] !== OPEN_BRACE) return false;
  let c = 0;
  for (let f = 0; f < fields.length; f++) {
    const { key, width } = fields[f]!;
    p = skipSpaces(buf, p + 1, end);
    if (p + key.length > end) return false;
    for (let i = 0; i < key.length; i++) if (buf[p + i] !== key[i]) return false;
    p = skipSpaces(buf, p + key.length, end);
    if (buf[p] !== COLON) return false;
    p = skipSpaces(buf, p + 1, end);
    if (width === null) {
      const v = number(buf, p, end);
      if (Number.isNaN(v)) return false;
      out[c++] = v;
      p = numberEnd.at;
    } else {
      if (buf[p] !== OPEN_BRACKET) return false;
      for (let e = 0; e < width; e++) {
        p = skipSpaces(buf, p + 1, end);
        const v = number(buf, p, end);
        if (Number.isNaN(v)) return false;
        out[c++] = v;
        p = skipSpaces(buf, numberEnd.at, end);
        if (buf[p] !== (e === width - 1 ? CLOSE_BRACKET : COMMA)) return false;
      }
      if (width === 0 && buf[skipSpaces(buf, p + 1, end)] !== CLOSE_BRACKET) return false;
      p = width === 0 ? skipSpaces(buf, p + 1, end) + 1 : p + 1;
    }
    p = skipSpaces(buf, p, end);
    if (buf[p] !== (f === fields.length - 1 ? CLOSE_BRACE : COMMA)) return false;
  }
  if (fields.length === 0) {
    p = skipSpaces(buf, p + 1, end);
    if (buf[p] !== CLOSE_BRACE) return false;
  }
  return skipSpaces(buf, p + 1, end) === end;
}
