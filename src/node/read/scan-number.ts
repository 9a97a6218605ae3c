/** 10^0 … 10^22: every one is exact in float64. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Where readNumber stopped: the index just after the number's last byte. Read it right after the call. */
export const numberEnd = { at: 0 };

/**
 * Parses a plain decimal number (`-0.25`, `+3`, `.5`, `5.`, `1e-5`, `-0`) straight from the file's bytes at
 * `from` (leading spaces skipped), stopping at the first byte that cannot continue it (its index goes to
 * `numberEnd.at`; the caller checks that a delimiter or the line's end follows). Returns NaN when the bytes are
 * not such a number or when this shortcut could round differently from `Number()`: then the caller takes the
 * exact text path. Exact by Clinger's fast path (Clinger 1990, "How to
 * read floating point numbers accurately"): with at most 15 significant digits the digits form an exact integer
 * m < 2^53 and 10^|e| ≤ 10^22 is exact, so one IEEE multiplication or division rounds m·10^e correctly.
 */
export function readNumber(buf: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && buf[i] === 32) i++;
  let neg = false;
  const b = buf[i];
  if (b === 45) {
    neg = true;
    i++;
  } else if (b === 43) i++;
  let m = 0;
  let sig = 0;
  let digits = 0;
  let exp = 0;
  for (; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    digits++;
    if (m !== 0 || d !== 0) {
      m = m * 10 + d;
      sig++;
    }
  }
  if (i < to && buf[i] === 46) {
    for (i++; i < to; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      digits++;
      exp--;
      if (m !== 0 || d !== 0) {
        m = m * 10 + d;
        sig++;
      }
    }
  }
  if (digits === 0 || sig > 15) return Number.NaN;
  if (i < to && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (buf[i] === 45) {
      eneg = true;
      i++;
    } else if (buf[i] === 43) i++;
    let e = 0;
    const start = i;
    for (; i < to; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9 || e > 1e6) break;
      e = e * 10 + d;
    }
    if (i === start) return Number.NaN;
    exp += eneg ? -e : e;
  }
  numberEnd.at = i;
  let v: number;
  if (m === 0) v = 0;
  else if (exp >= 0 && exp <= 22) v = m * POW10[exp]!;
  else if (exp < 0 && exp >= -22) v = m / POW10[-exp]!;
  else return Number.NaN;
  return neg ? -v : v;
}
