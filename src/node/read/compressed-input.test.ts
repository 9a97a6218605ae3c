import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { expectCodeAsync } from "../../../test/helpers/expect-code.js";
import { tempDir } from "../../../test/helpers/temp-dir.js";
import { readPairedSample } from "./read-paired-sample.js";

const { dir, write } = tempDir();

/** A table with a string label; the numbers and labels written are the oracle. */
const xs = Array.from({ length: 400 }, (_, i) => Math.round(((i * 7919) % 1009) * 1.37) / 100);
const labels = xs.map((v, i) => (v > 6 || i % 7 === 0 ? "yes" : "no"));
const csv = `score,label\n${xs.map((v, i) => `${v},${labels[i]}`).join("\n")}\n`;
const codes = labels.map((l) => (l === "no" ? 0 : 1));

const readOne = (file: string, more: { stdin?: NodeJS.ReadableStream } = {}) =>
  readPairedSample({ files: [file], cwd: dir, x: "score", y: "label", ...more });

describe("gzip content is read through gunzip, found by its magic bytes", () => {
  it("t.csv.gz: the columns and values written, not the compressed bytes", async () => {
    const r = await readOne(write("t.csv.gz", gzipSync(csv)));
    expect(Array.from(r.sample.x.data)).toEqual(xs);
    expect(Array.from(r.sample.y.data)).toEqual(codes);
  });
  it("without a .gz name, in two gzip members (cat a.gz b.gz), and a tab file's delimiter from t.tsv.gz", async () => {
    const half = csv.indexOf("\n", csv.length >> 1) + 1;
    const r = await readOne(write("t.data", Buffer.concat([gzipSync(csv.slice(0, half)), gzipSync(csv.slice(half))])));
    expect(Array.from(r.sample.x.data)).toEqual(xs);
    const tsv = await readOne(write("t.tsv.gz", gzipSync(csv.replaceAll(",", "\t"))));
    expect(tsv.source).toMatchObject({ delimiter: "tab" });
    expect(Array.from(tsv.sample.y.data)).toEqual(codes);
  });
  it("gzip on stdin, in small chunks", async () => {
    const gz = gzipSync(csv);
    const parts = Array.from({ length: Math.ceil(gz.length / 5) }, (_, i) => gz.subarray(5 * i, 5 * i + 5));
    const r = await readOne("-", { stdin: Readable.from(parts) });
    expect(Array.from(r.sample.x.data)).toEqual(xs);
  });
  it("truncated gzip data is an E_PARSE error, not a short table", async () => {
    const gz = gzipSync(csv);
    await expectCodeAsync(
      readOne(write("cut.csv.gz", gz.subarray(0, gz.length >> 1))),
      "E_PARSE",
      /gzip data is damaged/,
    );
  });
});

describe("other containers are refused with a remedy, never read as text", () => {
  const cases: [string, number[], RegExp][] = [
    ["t.zip", [0x50, 0x4b, 0x03, 0x04], /a zip archive.*unzip it first/],
    ["t.xlsx", [0x50, 0x4b, 0x03, 0x04], /spreadsheet workbook.*save the sheet as CSV/],
    ["t.xls", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], /Excel 97–2003 workbook.*save the sheet as CSV/],
    ["t.csv.bz2", [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26], /bzip2-compressed.*bunzip2 -k .*t\.csv\.bz2/],
    ["t.csv.xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04], /xz-compressed.*decompress it first/],
    ["t.csv.zst", [0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00, 0x01, 0x02], /zstd-compressed.*decompress it first/],
  ];
  for (const [name, magic, message] of cases) {
    it(name, async () => {
      const bytes = Buffer.concat([Buffer.from(magic), Buffer.from(csv)]);
      await expectCodeAsync(readOne(write(name, bytes)), "E_IO", message);
    });
  }
  it("a tar archive, plain or gzipped (t.tar.gz): 'ustar' at byte 257 of its first header", async () => {
    const header = Buffer.alloc(512);
    header.write("t.csv", 0);
    header.write("ustar", 257);
    const tar = Buffer.concat([header, Buffer.from(csv), Buffer.alloc(512)]);
    await expectCodeAsync(readOne(write("t.tar", tar)), "E_IO", /a tar archive.*tar -xf .*t\.tar\) and give/);
    await expectCodeAsync(readOne(write("t.tar.gz", gzipSync(tar))), "E_IO", /a tar archive.*tar -xf .*t\.tar\.gz/);
  });
  it("a text file that merely starts with 'BZh' is read", async () => {
    const r = await readPairedSample({ files: [write("bzh.csv", "BZhours,y\n1,2\n3,5\n4,4\n")], cwd: dir });
    expect(Array.from(r.sample.x.data)).toEqual([1, 3, 4]);
  });
});
