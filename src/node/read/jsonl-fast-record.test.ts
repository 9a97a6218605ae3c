import { describe, expect, it } from "vitest";
import { jsonlShape, readFastRecord } from "./jsonl-fast-record.js";

const enc = new TextEncoder();
const FIRST = { a: 1, emb: [1, 2, 3], 'k"q': 2 };
const fields = jsonlShape(FIRST);

/** The oracle: JSON.parse, then the values in the first record's column order when the line has its shape. */
function oracle(line: string): number[] | null {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    return null;
  }
  if (rec === null || typeof rec !== "object" || Array.isArray(rec)) return null;
  const r = rec as Record<string, unknown>;
  if (Object.keys(r).join("\u0000") !== Object.keys(FIRST).join("\u0000")) return null;
  const out: number[] = [];
  for (const [k, v] of Object.entries(r)) {
    const w = (FIRST as Record<string, unknown>)[k];
    if (Array.isArray(w)) {
      if (!Array.isArray(v) || v.length !== w.length || !v.every((e) => typeof e === "number")) return null;
      out.push(...(v as number[]));
    } else if (typeof v === "number") out.push(v);
    else return null;
  }
  return out.every(Number.isFinite) ? out : null;
}

function fast(line: string): number[] | null {
  const buf = enc.encode(line);
  const out = new Float64Array(5);
  return readFastRecord(buf, 0, buf.length, fields, out) ? Array.from(out) : null;
}

describe("the JSONL fast path reads a line exactly as JSON.parse does, or declines it", () => {
  const numbers = [
    "0",
    "-0",
    "1",
    "-2.5",
    "0.1",
    "1e5",
    "1E-7",
    "2.5e+3",
    "0.12177618600477014",
    "123456789012345678",
    "1e400",
    "+1",
    ".5",
    "1.",
    "01",
    "-",
    "1e",
    "0x1",
    "NaN",
    '"3"',
    "null",
    "1.5e-320",
    "9007199254740993",
  ];
  it("every number form, in scalars and arrays, with and without spaces", () => {
    let taken = 0;
    for (const a of numbers) {
      for (const e of numbers) {
        for (const sp of ["", " ", "\t"]) {
          const line = `{${sp}"a"${sp}:${sp}${a},"emb":[${e},${sp}2${sp},3],${sp}"k\\"q":${e}${sp}}${sp}\r`;
          const want = oracle(line);
          const got = fast(line);
          // Taken lines read exactly as JSON.parse; declined ones go to JSON.parse. Lines JSON rejects are declined,
          // and so are numbers beyond the exact shortcut (more than 15 significant digits, |exponent| > 22).
          if (got !== null) taken++;
          if (got !== null || want === null) expect(got, line).toEqual(want);
          const long = [a, e].some(
            (t) =>
              t
                .replace(/^-|e.*$/i, "")
                .replace(".", "")
                .replace(/^0+/, "").length > 15 || Math.abs(Number(/e([+-]?\d+)$/i.exec(t)?.[1] ?? 0)) > 22,
          );
          if (want !== null && !long) expect(got, line).not.toBeNull();
        }
      }
    }
    expect(taken).toBeGreaterThan(150);
  });
  it("declines other shapes: order, missing or extra keys, widths, nesting, escapes, trailing text", () => {
    for (const line of [
      '{"emb":[1,2,3],"a":1,"k\\"q":2}',
      '{"a":1,"emb":[1,2,3]}',
      '{"a":1,"emb":[1,2,3],"k\\"q":2,"z":3}',
      '{"a":1,"emb":[1,2],"k\\"q":2}',
      '{"a":1,"emb":[1,[2],3],"k\\"q":2}',
      '{"\\u0061":1,"emb":[1,2,3],"k\\"q":2}',
      '{"a":1,"emb":[1,2,3],"k\\"q":2} x',
      '{"a":1,"emb":[1,2,3],"k\\"q":2',
      '{"a":1,"emb":[1,2,3,],"k\\"q":2}',
    ]) {
      expect(fast(line), line).toBeNull();
    }
    expect(fast('{"a":1,"emb":[1,2,3],"k\\"q":2}')).toEqual([1, 1, 2, 3, 2]);
  });
});
