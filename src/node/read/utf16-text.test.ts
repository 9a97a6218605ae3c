import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { readPairedSample } from "./read-paired-sample.js";
import { utf8FromUtf16 } from "./utf16-text.js";

const { dir, write } = tempDir();

/** UTF-16 bytes with their byte-order mark, from Node's own encoder (the oracle); BE by swapping each pair. */
function utf16(text: string, order: "le" | "be"): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return order === "le" ? le : le.swap16();
}

const towns = ["Café", "Zürich", "Kraków", "東京", "𝔘nicode"];
const rows = Array.from({ length: 30 }, (_, i) => `${towns[i % 5]}\t${i * 0.5}`);
const text = `Stadt\twert\r\n${rows.join("\r\n")}\r\n`;

describe("text with a UTF-16 byte-order mark is read (Excel's Unicode Text, pandas encoding='utf-16')", () => {
  for (const order of ["le", "be"] as const) {
    it(`UTF-16${order.toUpperCase()}: names, labels and numbers as written`, async () => {
      const r = await readPairedSample({
        files: [write(`u16${order}.txt`, utf16(text, order))],
        cwd: dir,
        x: "Stadt",
        y: "wert",
      });
      expect(r.xColumns[0]!.categories).toEqual([...towns].sort());
      expect(Array.from(r.sample.y.data)).toEqual(rows.map((_, i) => i * 0.5));
    });
  }
  it("a code unit or a surrogate pair split between chunks decodes whole", async () => {
    const bytes = utf16(text, "le");
    const parts = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const out: Buffer[] = [];
    const source = (async function* () {
      yield* parts;
    })();
    for await (const c of utf8FromUtf16(source, "utf-16le")) out.push(c);
    expect(Buffer.concat(out).toString("utf8")).toBe(text);
  });
});
