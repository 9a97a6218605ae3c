import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { readPairedSample } from "./read-paired-sample.js";

const { dir, write } = tempDir();

/** Windows-1252 bytes of a string (what Excel on Windows and pandas' encoding="cp1252" write); the oracle. */
const CP1252: Record<string, number> = { "€": 0x80, "’": 0x92, "–": 0x96 };
const bytes = (s: string) => Buffer.from([...s].map((c) => CP1252[c] ?? c.charCodeAt(0)));

describe("text that is not UTF-8 is read as Windows-1252", () => {
  const cities = ["Café", "Cafè", "Zürich", "Málaga", "O’Brien – 5 €"];
  const rows = Array.from({ length: 40 }, (_, i) => `${cities[i % 5]},${i % 5 === 1 ? i + 0.5 : i}`);
  it("distinct labels (Café is not Cafè), a header name that can be typed, and a warning", async () => {
    const file = write("latin1.csv", bytes(`Stadt in Straße,wert\n${rows.join("\n")}\n`));
    const r = await readPairedSample({ files: [file], cwd: dir, x: "Stadt in Straße", y: "wert" });
    expect(r.xColumns[0]!.categories).toEqual([...cities].sort());
    expect(r.source).toMatchObject({ encoding: "windows-1252" });
    expect(r.warnings).toContain(
      `${file}: not UTF-8; its texts were read as Windows-1252 (Latin-1), as Excel on Windows writes them`,
    );
  });
  it("UTF-8, even holding U+FFFD itself, is read as UTF-8 without a warning", async () => {
    const file = write("utf8.csv", Buffer.from(`city,v\n${[...rows, "\uFFFD,99"].join("\n")}\n`, "utf8"));
    const r = await readPairedSample({ files: [file], cwd: dir, x: "city", y: "v" });
    expect(r.xColumns[0]!.categories).toEqual([...cities, "\uFFFD"].sort());
    expect(r.source).not.toHaveProperty("encoding");
    expect(r.warnings.join(" ")).not.toContain("UTF-8");
  });
});
