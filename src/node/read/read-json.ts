import { type ParsedElementInfo, Tokenizer, TokenizerError, TokenParser, TokenParserError } from "@streamparser/json";
import { InfonceError } from "../../errors.js";
import { ChunkLines, describeJson, isRecord, JsonCursor, type JsonSink } from "./json-cursor.js";
import { ObjectSink } from "./json-object-table.js";
import { afterBom, jsonTextKind } from "./json-sniff.js";
import type { OpenedInput } from "./open-input.js";
import { readJsonl } from "./read-jsonl.js";
import { RecordTable } from "./record-table.js";
import type { TableRead, TableRequest } from "./table-read.js";

type Rec = Record<string, unknown>;

/** How many bytes of a column-oriented JSON table (held whole to pivot it) are read at most. */
export const JSON_WHOLE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a JSON document as a table (see readJsonWithin), holding a column-oriented one whole up to JSON_WHOLE_BYTES.
 */
export function readJson(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  return readJsonWithin(input, request, JSON_WHOLE_BYTES);
}

/**
 * Reads a JSON table as pandas writes one (`df.to_json`), in one pass through a streaming parser
 * (@streamparser/json), never holding the text: an array of records (orient='records') or of rows
 * (orient='values', columns named 0, 1, …) goes element by element into the RecordTable of the JSONL reader, so cells
 * follow the one rule (numbers kept, strings and booleans categories, null missing, arrays embeddings). A top-level
 * object is orient='split' or 'table' (rows streamed from its `data`), else orient='columns' or 'index' (or a dict of
 * lists), which is pivoted and so held whole: more than `limit` bytes of it is an E_DATA error. A written index is a
 * leading column named `index`, marked so the default selection leaves it out. Text that is JSON Lines (one flat
 * object per line, as `lines=True` writes) goes to the JSONL reader. Malformed JSON, a scalar, records that are not
 * objects: one-line E_PARSE errors with the line and column.
 */
export async function readJsonWithin(input: OpenedInput, request: TableRequest, limit: number): Promise<TableRead> {
  const it = input.stream()[Symbol.asyncIterator]();
  // The first bytes, enough to tell JSON Lines (jsonTextKind): past the first newline, or 1 MiB, or all.
  const firsts: Buffer[] = [];
  let length = 0;
  let complete = false;
  try {
    while (length < 1 << 20) {
      const r = await it.next();
      if (r.done === true) {
        complete = true;
        break;
      }
      const b = Buffer.from(r.value); // a copy: the reader's chunks are reused buffers
      firsts.push(b);
      length += b.length;
      const nl = b.indexOf(10);
      if (nl >= 0 && nl < b.length - 1) break;
    }
  } catch (e) {
    await it.return?.(undefined);
    throw e;
  }
  const replay = async function* (): AsyncGenerator<Buffer> {
    try {
      yield* firsts;
      for (let r = await it.next(); r.done !== true; r = await it.next()) yield toBytes(r.value);
    } finally {
      await it.return?.(undefined);
    }
  };
  const head = Buffer.concat(firsts);
  const kind = jsonTextKind(head, complete, "json");
  if (kind === undefined) {
    await it.return?.(undefined);
    throw notJson(input.name, head);
  }
  if (kind === "jsonl") return readJsonl({ ...input, format: "jsonl", stream: replay }, request);
  const bom = afterBom(head);
  const lines = new ChunkLines(bom);
  const cursor = new JsonCursor(input.name, lines);
  const array = head[skipSpaces(head, bom)] === 0x5b;
  const sink = array ? new ArraySink(input, request, cursor) : new ObjectSink(input, request, cursor, limit);
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: [array ? "$.*" : "$.*.*"], keepStack: false });
  tokenizer.onToken = (t) => {
    cursor.see(t);
    parser.write(t);
  };
  parser.onValue = (info) => sink.value(info);
  let bytes = 0;
  try {
    for await (const chunk of replay()) {
      bytes += chunk.length;
      sink.consumed(bytes);
      lines.next(chunk);
      tokenizer.write(chunk);
    }
    tokenizer.end();
    if (!parser.isEnded) parser.end();
  } catch (e) {
    throw parseError(e, input.name, cursor, bom);
  }
  return sink.finish();
}

/** The parser's errors as one-line E_PARSE errors with the place; any other error unchanged. */
function parseError(e: unknown, file: string, cursor: JsonCursor, bom: number): unknown {
  if (!(e instanceof Error) || e instanceof InfonceError) return e;
  const message = e.message;
  if (/ended in (the middle of a token|mid-parsing)/.test(message)) {
    return new InfonceError(
      "E_PARSE",
      `${file}: the JSON ends before its value closes (last token at ${cursor.where()}); the file may be cut short`,
    );
  }
  const byTokenizer = /Unexpected "(.*)" at chunk position "\d+" \(absolute position "(\d+)"\)/s.exec(message);
  if (byTokenizer !== null) {
    const at = cursor.where(Number(byTokenizer[2]) - bom);
    const c = byTokenizer[1]!;
    // Python's json.dump writes a float NaN or inf as the bare words NaN, Infinity (pandas' to_json writes null).
    const hint =
      c === "N" || c === "I"
        ? " (NaN and Infinity are not JSON: write null for a missing value, as df.to_json does)"
        : "";
    return new InfonceError("E_PARSE", `${file}: not valid JSON at ${at}: unexpected ${JSON.stringify(c)}${hint}`);
  }
  const byParser = /^Unexpected \w+ \((.*)\) in state/s.exec(message);
  if (byParser !== null) {
    return new InfonceError("E_PARSE", `${file}: not valid JSON at ${cursor.where()}: unexpected ${byParser[1]}`);
  }
  if (e instanceof TokenizerError || e instanceof TokenParserError) {
    return new InfonceError("E_PARSE", `${file}: not valid JSON (${message.split("\n")[0]})`);
  }
  return e;
}

function notJson(file: string, head: Uint8Array): InfonceError {
  const text = new TextDecoder().decode(head.subarray(afterBom(head))).trim();
  const c = text[0];
  const what =
    c === undefined
      ? "holds no JSON value"
      : c === '"' || c === "-" || (c >= "0" && c <= "9") || /^(true|false|null)\b/.test(text)
        ? `holds a single value (${text.slice(0, 20)}), not a table`
        : `is not JSON (it starts with ${JSON.stringify(text.slice(0, 20))})`;
  return new InfonceError(
    "E_PARSE",
    `${file}: ${what}; a JSON table is an array of records [{"x": …}, …] or a DataFrame's to_json(); for CSV text give --format csv`,
  );
}

function skipSpaces(b: Uint8Array, p: number): number {
  while (p < b.length && (b[p] === 32 || b[p] === 9 || b[p] === 10 || b[p] === 13)) p++;
  return p;
}

function toBytes(c: Buffer | string): Buffer {
  return typeof c === "string" ? Buffer.from(c) : c;
}

/** A top-level array: records (orient='records') or rows (orient='values'), streamed into a RecordTable. */
class ArraySink implements JsonSink {
  private table: RecordTable | undefined;
  private rows = false;
  private width = 0;

  constructor(
    private readonly input: OpenedInput,
    private readonly request: TableRequest,
    private readonly cursor: JsonCursor,
  ) {}

  consumed(): void {}

  value(info: ParsedElementInfo): void {
    const v = info.value;
    const table = this.table ?? this.start(v);
    if (this.rows) {
      if (!Array.isArray(v)) throw this.unlike(v);
      if (v.length !== this.width) {
        throw new InfonceError(
          "E_PARSE",
          `${this.input.name}: element ${info.key} of the top-level array (${this.cursor.where(this.cursor.memberStart)}) has ${v.length} values, but the first has ${this.width}; every row needs the same number`,
        );
      }
      table.add({ ...v });
    } else {
      if (!isRecord(v)) throw this.unlike(v);
      table.add(v);
    }
  }

  private start(v: unknown): RecordTable {
    let first: Rec;
    if (isRecord(v)) first = v;
    else if (Array.isArray(v)) {
      this.rows = true;
      this.width = v.length;
      first = { ...v };
    } else throw this.unlike(v);
    const table = new RecordTable(this.input.name, first, this.request.missing);
    const { size } = this.input;
    // A row-count hint from the first element's length (more rows only grow the buffers).
    const per = this.cursor.offset - this.cursor.memberStart + 2;
    table.select(
      this.request.select(table.columns),
      size === undefined ? undefined : Math.ceil((1.25 * size) / per) + 16,
    );
    this.table = table;
    return table;
  }

  private unlike(v: unknown): InfonceError {
    const n = this.table === undefined ? 0 : this.table.rows;
    const want = this.rows ? "a row [...] like the first element" : 'a record {"field": …}';
    return new InfonceError(
      "E_PARSE",
      `${this.input.name}: element ${n} of the top-level array (${this.cursor.where(this.cursor.memberStart)}) is ${describeJson(v)}, not ${want}; a JSON table is an array of records (orient='records') or of rows (orient='values')`,
    );
  }

  finish(): TableRead {
    const table = this.table;
    if (table === undefined) throw new InfonceError("E_DATA", `${this.input.name}: an empty JSON array; no rows`);
    const orient = this.rows ? "values" : "records";
    return { columns: table.columns, groups: table.finish(), rows: table.rows, details: { format: "json", orient } };
  }
}
