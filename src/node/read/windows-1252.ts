/** Windows-1252's characters for bytes 0x80–0x9F (Latin-1 has C1 controls there); 0 where the code page has none. */
const HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Bytes [start, stop) of a file read as Windows-1252: Latin-1 with printable 0x80–0x9F (`€`, `’`, `–`), what Excel on
 * Windows and pandas' `encoding="latin-1"` write. For text that is not UTF-8 (see fieldText).
 */
export function windows1252(buf: Uint8Array, start: number, stop: number): string {
  let out = "";
  for (let i = start; i < stop; i++) {
    const b = buf[i]!;
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 && HIGH[b - 0x80] !== 0 ? HIGH[b - 0x80]! : b);
  }
  return out;
}
