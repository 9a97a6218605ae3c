import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { Readable } from "node:stream";
import { InfonceError } from "../../errors.js";
import { type ByteSource, bufferByteSource, fileByteSource } from "./byte-source.js";
import { fileChunks } from "./file-chunks.js";

/** File formats infonce reads. `csv` covers any delimiter (comma, tab, semicolon, whitespace). */
export type DataFormat = "csv" | "npy" | "parquet" | "jsonl";
export const DATA_FORMATS: readonly DataFormat[] = ["csv", "npy", "parquet", "jsonl"];

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

/** Sniffs a format from the first bytes: NPY and Parquet have magic numbers, JSONL starts with `{`. */
export function sniffFormat(head: Uint8Array): DataFormat {
  if (head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === "NUMPY") return "npy";
  if (String.fromCharCode(...head.subarray(0, 4)) === "PAR1") return "parquet";
  const text = new TextDecoder().decode(head.subarray(0, 256)).trimStart();
  return text.startsWith("{") ? "jsonl" : "csv";
}

/**
 * Opens `path` (or stdin for "-"), checking that it exists, is a file and is not empty, and decides its format
 * from `format`, else the extension, else the first bytes.
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
  const known = BY_EXTENSION[extname(path).toLowerCase()];
  let format = options.format ?? known?.format;
  if (format === undefined) {
    const src = await fileByteSource(full, size);
    try {
      format = sniffFormat(await src.read(0, 256));
    } finally {
      await src.close();
    }
  }
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

async function openStdin(stdin: NodeJS.ReadableStream | undefined, format: DataFormat | undefined) {
  if (stdin === undefined) throw new InfonceError("E_IO", "stdin: no standard input to read '-' from");
  const it = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : toBytes(first.value);
  if (head.length === 0) throw new InfonceError("E_DATA", "stdin: no data on standard input");
  let used = false;
  const stream = (): Readable => {
    if (used) throw new InfonceError("E_INTERNAL", "stdin can be read only once");
    used = true;
    return Readable.from(
      (async function* () {
        yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield toBytes(r.value);
      })(),
    );
  };
  return {
    name: "stdin",
    format: format ?? sniffFormat(head),
    stream,
    async bytes() {
      const parts: Uint8Array[] = [];
      for await (const c of stream()) parts.push(c as Uint8Array);
      return bufferByteSource(Buffer.concat(parts));
    },
  } satisfies OpenedInput;
}

function toBytes(c: Buffer | string): Uint8Array {
  return typeof c === "string" ? Buffer.from(c) : c;
}
