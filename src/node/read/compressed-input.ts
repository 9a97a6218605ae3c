import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InfonceError } from "../../errors.js";

/** Bytes of decompressed output per chunk handed to the readers (fewer, larger blocks, as fileChunks reads). */
const GUNZIP_CHUNK = 1 << 18;

/** How many first bytes `sniffContainer` needs to see every magic number it knows. */
export const CONTAINER_HEAD = 512;

const starts = (head: Uint8Array, magic: readonly number[]) =>
  head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** Containers infonce cannot read, by their magic bytes, with what to do instead. */
const REFUSED: readonly { magic: readonly number[]; what: (ext: string) => string; remedy: (ext: string) => string }[] =
  [
    {
      magic: [0x50, 0x4b, 0x03, 0x04],
      what: (ext) => (SHEET.has(ext) ? "a spreadsheet workbook (a zip archive)" : "a zip archive"),
      remedy: (ext) =>
        SHEET.has(ext)
          ? "save the sheet as CSV (Save As › CSV) and give that file"
          : "unzip it first and give the CSV inside",
    },
    {
      magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      what: () => "an Excel 97–2003 workbook",
      remedy: () => "save the sheet as CSV (Save As › CSV) and give that file",
    },
    {
      magic: [0x42, 0x5a, 0x68],
      what: () => "bzip2-compressed",
      remedy: () => "decompress it first (bunzip2 -k FILE)",
    },
    {
      magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
      what: () => "xz-compressed",
      remedy: () => "decompress it first (unxz -k FILE)",
    },
    {
      magic: [0x28, 0xb5, 0x2f, 0xfd],
      what: () => "zstd-compressed",
      remedy: () => "decompress it first (zstd -d FILE)",
    },
  ];
const SHEET = new Set([".xlsx", ".xlsm", ".ods", ".numbers"]);

/**
 * What the first bytes of an input say about its container: "gzip" (read through gunzip), null for plain content,
 * and an E_IO error for a container infonce does not open (zip and workbooks, bzip2, xz, zstd), naming what it is
 * and what to do: read as text, each would have given its compressed bytes as column names.
 *
 * @param ext the file's extension in lower case ("" for stdin), to tell a workbook from another zip archive
 */
export function sniffContainer(head: Uint8Array, name: string, ext: string): "gzip" | null {
  if (starts(head, [0x1f, 0x8b])) return "gzip";
  // A tar archive (also inside gzip: t.tar.gz) says "ustar" at byte 257 of its first 512-byte header.
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === "ustar") {
    const file = name === "stdin" ? "FILE" : name;
    throw new InfonceError(
      "E_IO",
      `${name}: the file is a tar archive, not a table infonce reads; extract it first (tar -xf ${file}) and give the CSV inside`,
    );
  }
  for (const c of REFUSED) {
    // bzip2's "BZh" is followed by the block size digit 1–9: a text file may start with "BZh" too.
    if (!starts(head, c.magic) || (c.magic[0] === 0x42 && !(head[3]! >= 0x31 && head[3]! <= 0x39))) continue;
    const remedy = c.remedy(ext).replace("FILE", name === "stdin" ? "FILE" : name);
    throw new InfonceError("E_IO", `${name}: the file is ${c.what(ext)}, not a table infonce reads; ${remedy}`);
  }
  return null;
}

/**
 * The decompressed bytes of a gzip stream (one or more members, as `gzip` and `cat a.gz b.gz` write) as chunks,
 * streaming: memory stays bounded whatever the size. Damaged or truncated data is an E_PARSE error. Stopping early
 * (the consumer's return()) destroys both streams, which closes the file.
 */
export async function* gunzipChunks(source: Readable, name: string): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  source.on("error", (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof InfonceError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    if ((e as NodeJS.ErrnoException).code?.startsWith("Z_") === true || /unexpected end/i.test(why)) {
      throw new InfonceError(
        "E_PARSE",
        `${name}: the gzip data is damaged (${why}); check it with gzip -t, or decompress what is left first`,
      );
    }
    throw new InfonceError("E_IO", `${name}: cannot read (${why})`);
  } finally {
    source.unpipe(gunzip);
    source.destroy();
    gunzip.destroy();
  }
}

/** The name of a compressed file without its compression extension (`t.csv.gz` → `t.csv`), to find its format. */
export function withoutGzipExtension(path: string): string {
  return path.replace(/\.(gz|gzip)$/i, "");
}
