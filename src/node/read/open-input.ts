import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { Readable } from "node:stream";
import { InfonceError } from "../../errors.js";
import { type ByteSource, bufferByteSource, fileByteSource } from "./byte-source.js";
import { CONTAINER_HEAD, gunzipChunks, sniffContainer, withoutGzipExtension } from "./compressed-input.js";
import { fileChunks } from "./file-chunks.js";
import { jsonTextKind } from "./json-sniff.js";
import { utf8FromUtf16, utf16Bom } from "./utf16-text.js";

/** File formats infonce reads. `csv` covers any delimiter (comma, tab, semicolon, whitespace). */
export type DataFormat = "csv" | "npy" | "parquet" | "jsonl" | "json";
export const DATA_FORMATS: readonly DataFormat[] = ["csv", "npy", "parquet", "jsonl", "json"];

const BY_EXTENSION: Readonly<Record<string, { format: DataFormat; delimiter?: string }>> = {
  ".csv": { format: "csv", delimiter: "," },
  ".tsv": { format: "csv", delimiter: "\t" },
  ".tab": { format: "csv", delimiter: "\t" },
  ".txt": { format: "csv" },
  ".dat": { format: "csv" },
  ".npy": { format: "npy" },
  ".parquet": { format: "parquet" },
  ".pq": { format: "parquet" },
  ".jsonl": { format: "jsonl" },
  ".ndjson": { format: "jsonl" },
  ".json": { format: "json" },
};

/** An input opened for reading: a file or stdin, with its format decided. */
export interface OpenedInput {
  /** For messages: the path as the user wrote it, or "stdin". */
  readonly name: string;
  readonly format: DataFormat;
  /** Size in bytes, when known (files; not stdin): readers bound their row count by it. */
  readonly size?: number;
  /** Delimiter implied by the extension (.csv → ",", .tsv → tab); undefined = sniff. */
  readonly delimiter?: string;
  /** The content as chunks of bytes (text formats, read once; see LineBlocks for how long a chunk stays valid). */
  stream(): AsyncIterable<Buffer | string>;
  /** Random access (binary formats). */
  bytes(): Promise<ByteSource>;
}

/**
 * Sniffs a format from the first bytes: NPY and Parquet have magic numbers; text starting with `[` or `{` is JSON,
 * or JSON Lines when its first line is a flat object (jsonTextKind); other text is CSV.
 */
export function sniffFormat(head: Uint8Array): DataFormat {
  if (head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === "NUMPY") return "npy";
  if (String.fromCharCode(...head.subarray(0, 4)) === "PAR1") return "parquet";
  return jsonTextKind(head.subarray(0, 256)) ?? "csv";
}

/**
 * Opens `path` (or stdin for "-"), checking that it exists, is a file and is not empty, and decides its format
 * from `format`, else the extension, else the first bytes. Gzip content (found by its magic bytes, whatever the
 * name) is read through gunzip, its format from the name without `.gz`; other containers are refused with a remedy.
 * Text with a UTF-16 byte-order mark is read as UTF-8.
 */
export async function openInput(
  path: string,
  options: { cwd: string; format?: DataFormat; stdin?: NodeJS.ReadableStream },
): Promise<OpenedInput> {
  if (path === "-") return openStdin(options.stdin, options.format);
  const full = resolve(options.cwd, path);
  let size: number;
  try {
    const s = await stat(full);
    if (s.isDirectory()) throw new InfonceError("E_IO", `${path}: is a directory; give a data file`);
    size = s.size;
  } catch (e) {
    if (e instanceof InfonceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InfonceError("E_IO", `${path}: no such file (looked in ${options.cwd})`);
    throw new InfonceError("E_IO", `${path}: cannot read (${code ?? String(e)})`);
  }
  if (size === 0) throw new InfonceError("E_DATA", `${path}: the file is empty; it needs a header and rows of numbers`);
  const src = await fileByteSource(full, size);
  let head: Uint8Array;
  try {
    head = await src.read(0, CONTAINER_HEAD);
  } finally {
    await src.close();
  }
  const gzip = sniffContainer(head, path, extname(path).toLowerCase()) === "gzip";
  if (gzip) {
    const chunks = () => gunzipChunks(createReadStream(full, { highWaterMark: 1 << 20 }), path);
    return unpacked(path, withoutGzipExtension(path), options.format, chunks);
  }
  const utf16 = utf16Bom(head);
  if (utf16 !== null) return unpacked(path, path, options.format, () => utf8FromUtf16(fileChunks(full), utf16));
  const known = BY_EXTENSION[extname(path).toLowerCase()];
  const format = options.format ?? known?.format ?? sniffFormat(head);
  const delimiter = options.format === undefined || options.format === known?.format ? known?.delimiter : undefined;
  return {
    name: path,
    format,
    size,
    ...(delimiter === undefined ? {} : { delimiter }),
    stream: () => fileChunks(full),
    bytes: () => fileByteSource(full, size),
  };
}

/**
 * An input whose bytes come from `chunks` (decompressed, or stdin), read once per call: its format from `format`,
 * else the extension of `inner`, else the first chunk; its size unknown; random access by buffering it whole.
 */
async function unpacked(
  name: string,
  inner: string,
  format: DataFormat | undefined,
  chunks: () => AsyncGenerator<Buffer>,
): Promise<OpenedInput> {
  const known = BY_EXTENSION[extname(inner).toLowerCase()];
  let decided = format ?? known?.format;
  if (decided === undefined) {
    const it = chunks();
    try {
      const first = await it.next();
      if (first.done === true || first.value.length === 0) throw new InfonceError("E_DATA", `${name}: no data inside`);
      sniffContainer(first.value, name, "");
      decided = sniffFormat(first.value);
    } finally {
      await it.return(undefined);
    }
  }
  const delimiter = format === undefined || format === known?.format ? known?.delimiter : undefined;
  return {
    name,
    format: decided,
    ...(delimiter === undefined ? {} : { delimiter }),
    stream: chunks,
    async bytes() {
      const parts: Buffer[] = [];
      for await (const c of chunks()) parts.push(c);
      return bufferByteSource(Buffer.concat(parts));
    },
  };
}

async function openStdin(stdin: NodeJS.ReadableStream | undefined, format: DataFormat | undefined) {
  if (stdin === undefined) throw new InfonceError("E_IO", "stdin: no standard input to read '-' from");
  const it = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  // Enough first bytes for the magic numbers (a pipe may hand over fewer in its first chunk).
  const firsts: Uint8Array[] = [];
  let length = 0;
  while (length < 8) {
    const r = await it.next();
    if (r.done === true) break;
    const b = toBytes(r.value);
    firsts.push(b);
    length += b.length;
  }
  const head = Buffer.concat(firsts);
  if (head.length === 0) throw new InfonceError("E_DATA", "stdin: no data on standard input");
  let used = false;
  const raw = (): Readable => {
    if (used) throw new InfonceError("E_INTERNAL", "stdin can be read only once");
    used = true;
    return Readable.from(
      (async function* () {
        yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield toBytes(r.value);
      })(),
    );
  };
  if (sniffContainer(head, "stdin", "") === "gzip") {
    // One pass over stdin: the decompressed chunk looked at for the format is handed out again first.
    const inner = gunzipChunks(raw(), "stdin");
    let peeked: Buffer | undefined;
    let taken = false;
    const once = async function* () {
      if (taken) throw new InfonceError("E_INTERNAL", "stdin can be read only once");
      taken = true;
      if (peeked !== undefined) yield peeked;
      yield* inner;
    };
    if (format === undefined) {
      const first = await inner.next();
      if (first.done === true) throw new InfonceError("E_DATA", "stdin: no data inside the gzip stream");
      peeked = first.value;
      sniffContainer(peeked, "stdin", "");
    }
    return unpacked("stdin", "", format ?? sniffFormat(peeked!), once);
  }
  return {
    name: "stdin",
    format: format ?? sniffFormat(head),
    stream: raw,
    async bytes() {
      const parts: Uint8Array[] = [];
      for await (const c of raw()) parts.push(c as Uint8Array);
      return bufferByteSource(Buffer.concat(parts));
    },
  } satisfies OpenedInput;
}

function toBytes(c: Buffer | string): Uint8Array {
  return typeof c === "string" ? Buffer.from(c) : c;
}
