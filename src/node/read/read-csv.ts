import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { InfonceError } from "../../errors.js";
import { MatrixBuilder } from "./matrix-builder.js";
import type { OpenedInput } from "./open-input.js";
import { failCell, looksNumeric, parseCell } from "./parse-cell.js";
import type { SourceColumn } from "./select-columns.js";
import type { TableRead, TableRequest } from "./table-read.js";

/** One record of a text table: its fields and the 1-based line where it starts. */
interface TextRecord {
  readonly fields: string[];
  readonly line: number;
}

const WHITESPACE = "whitespace";

/** Names a delimiter for messages and settings. */
function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === " " || d === WHITESPACE ? WHITESPACE : d;
}

/**
 * Picks the delimiter from the first data line: tab, then comma, then semicolon, else runs of whitespace
 * (numpy.savetxt's default). Comment lines (#) are skipped.
 */
export function sniffDelimiter(firstLine: string): string {
  if (firstLine.includes("\t")) return "\t";
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  return WHITESPACE;
}

/**
 * Reads chunks until the first non-comment line is complete, and returns a stream that replays those chunks then
 * goes on with the rest (a for-await loop would destroy the stream on break, so the iterator is driven by hand).
 */
async function peekFirstLine(stream: Readable): Promise<{ line: string; stream: Readable }> {
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const replay: Buffer[] = [];
  let text = "";
  let line: string | undefined;
  while (line === undefined) {
    const r = await it.next();
    if (r.done) break;
    const b = typeof r.value === "string" ? Buffer.from(r.value) : r.value;
    replay.push(b);
    text += b.toString("utf8");
    const lines = text.split(/\r?\n/);
    line = lines.slice(0, -1).find((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
    if (text.length > 1 << 20) break; // a first line over 1 MiB: sniff on what we have
  }
  line ??= text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.trimStart().startsWith("#")) ?? "";
  const rest = Readable.from(
    (async function* () {
      yield* replay;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    })(),
  );
  return { line, stream: rest };
}

async function* csvRecords(stream: Readable, delimiter: string): AsyncGenerator<TextRecord> {
  const parser = stream.pipe(
    parse({
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      comment: "#",
      comment_no_infix: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }),
  );
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: r.record, line: r.info.lines };
    }
  } catch (e) {
    if (e instanceof InfonceError) throw e;
    throw new InfonceError("E_PARSE", `malformed text table: ${(e as Error).message}`);
  }
}

async function* whitespaceRecords(stream: Readable): AsyncGenerator<TextRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) continue;
    yield { fields: t.split(/\s+/), line: n };
  }
}

/**
 * Reads a delimited text table (CSV, TSV, semicolon or whitespace separated) in one streaming pass: only the
 * selected columns are parsed, straight into float64 matrices; no row is kept as text.
 */
export async function readCsv(input: OpenedInput, request: TableRequest): Promise<TableRead> {
  let stream = input.stream();
  let delimiter = request.delimiter ?? input.delimiter;
  if (delimiter === undefined) {
    const peek = await peekFirstLine(stream);
    delimiter = sniffDelimiter(peek.line);
    stream = peek.stream;
  }
  const records =
    delimiter === WHITESPACE || delimiter === " " ? whitespaceRecords(stream) : csvRecords(stream, delimiter);

  let columns: SourceColumn[] = [];
  let groups: { indices: number[]; builder: MatrixBuilder }[] = [];
  let header = false;
  let rows = 0;
  for await (const rec of records) {
    if (columns.length === 0) {
      header = request.header ?? rec.fields.some((f) => !looksNumeric(f));
      columns = header
        ? rec.fields.map((f, i) => {
            const name = f === "" ? String(i) : f;
            return { name, field: name };
          })
        : rec.fields.map((_, i) => ({ name: String(i), field: String(i) }));
      const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
      if (dup !== undefined) {
        throw new InfonceError("E_PARSE", `${input.name}: the header names column '${dup.name}' twice; rename one`);
      }
      groups = request.select(columns).map((indices) => ({ indices, builder: new MatrixBuilder(indices.length) }));
      if (header) continue;
    }
    if (rec.fields.length !== columns.length) {
      const what = header ? "the header has" : "the first row has";
      throw new InfonceError(
        "E_PARSE",
        `${input.name}: row ${rows + 1} (line ${rec.line}) has ${rec.fields.length} fields but ${what} ${columns.length}; every row needs the same number of fields (delimiter: ${delimiterName(delimiter)})`,
      );
    }
    rows++;
    for (const g of groups) {
      for (let j = 0; j < g.indices.length; j++) {
        const c = g.indices[j]!;
        const text = rec.fields[c]!;
        const v = parseCell(text);
        if (Number.isNaN(v)) failCell(text, { file: input.name, row: rows, line: rec.line, column: columns[c]!.name });
        g.builder.push(v, j);
      }
    }
  }
  if (columns.length === 0) {
    throw new InfonceError("E_DATA", `${input.name}: no rows (only blank or comment lines)`);
  }
  return {
    columns,
    groups: groups.map((g) => ({ indices: g.indices, matrix: g.builder.finish(), stats: g.builder.stats })),
    rows,
    details: { format: "csv", delimiter: delimiterName(delimiter), header },
  };
}
