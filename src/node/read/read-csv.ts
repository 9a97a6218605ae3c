import { InfonceError } from "../../errors.js";
import { threadSetting } from "../thread-setting.js";
import { readDecimalCommas } from "./decimal-comma.js";
import { detectHeader } from "./detect-header.js";
import { GroupBuilder } from "./group-builder.js";
import { selectWithHeader } from "./header-columns.js";
import { LineBlocks } from "./line-blocks.js";
import { type CsvScanner, nativeCsvScanner } from "./native-scan.js";
import type { OpenedInput } from "./open-input.js";
import { type FieldScan, fieldText, HASH, hashRecord, isPad, NL, scanField, WHITESPACE_DELIM } from "./scan-field.js";
import { numberEnd, readNumber } from "./scan-number.js";
import type { SourceColumn } from "./select-columns.js";
import { delimiterFromExtension, delimiterName, sniffDelimiter, WHITESPACE } from "./sniff-delimiter.js";
import type { TableRead, TableRequest } from "./table-read.js";

/**
 * Skips blank and comment (#) lines from p; returns the start of the next record, or `end`. Once records have begun
 * (`inData`), a `#` line that hashRecord takes for a record is one.
 */
function skipBlankLines(buf: Buffer, p: number, end: number, delim: number, st: FieldScan, inData: boolean): number {
  for (;;) {
    let q = p;
    while (q < end && isPad(buf[q]!, delim)) q++;
    if (q >= end) return end;
    const b = buf[q]!;
    if (b === NL) {
      p = q + 1;
      st.line++;
    } else if (b === HASH && !(inData && hashRecord(buf, q, end, delim))) {
      const nl = buf.indexOf(NL, q);
      if (nl < 0 || nl >= end) return end;
      p = nl + 1;
      st.line++;
    } else return p;
  }
}

interface Target {
  readonly builder: GroupBuilder;
  readonly j: number;
}

/**
 * Reads a delimited text table (CSV, TSV, semicolon or whitespace separated) in one streaming pass over line-
 * aligned blocks of bytes. Plain numbers of numeric columns are parsed from the bytes straight into the float64
 * matrices (scan-number.ts); every other cell (quoted, exotic numbers, labels, missing markers) takes the shared
 * text rule (column-decoder.ts). Unselected columns are skipped, no row is kept as text: time and memory are
 * linear in the file, and a row with too many fields fails at its first extra field.
 */
export async function readCsv(
  input: OpenedInput,
  request: TableRequest,
  scanner: CsvScanner | null = nativeCsvScanner(),
  threads: number = threadSetting() ?? 0,
): Promise<TableRead> {
  const blocks = new LineBlocks(input.stream());
  const st: FieldScan = {
    start: 0,
    stop: 0,
    next: 0,
    last: false,
    quoted: false,
    escapes: false,
    line: 1,
    file: input.name,
  };
  let delimText = request.delimiter;
  let delim = 0;
  let columns: SourceColumn[] = [];
  let header = false;
  let targets: (Target | undefined)[] = [];
  let fast = new Uint8Array(0);
  // Per field, its group and column within the group (the hot loop writes data[base[group] + column]).
  let fieldGroup = new Int32Array(0);
  let fieldColumn = new Int32Array(0);
  let datas: Float64Array[] = [];
  let bases = new Float64Array(0);
  // The C fast path (native-scan.ts): per field -1 (skipped) or group·2^20 + column; off once a column is
  // categorical, and after many records in a row that it could not take (then it would only cost a call each).
  let native = false;
  let nativeTarget = new Int32Array(0);
  let nativeMisses = 0;
  const nativeResult = new Float64Array(2);
  let builders: GroupBuilder[] = [];
  let rows = 0;
  let recordLine = 1;
  const early: { fields: string[]; line: number }[] = [];
  const renamed: string[] = [];
  let headerTrailingDelimiter = false;

  const fail = (count: number, line: number): never => {
    const what = header ? "the header has" : "the first row has";
    const name = delimiterName(delimText ?? input.delimiter ?? ",");
    // UCI's seeds_dataset.txt separates a few fields by two tabs: pandas' sep="\t" refuses it as this does, and
    // sep=r"\s+" reads it.
    const remedy =
      name === "tab"
        ? "; --delimiter whitespace reads a run of tabs and spaces as one"
        : name === WHITESPACE
          ? ""
          : `; a field holding '${name}' must be quoted`;
    throw new InfonceError(
      "E_PARSE",
      `${input.name}: row ${rows + 1} (line ${line}) has ${count} fields but ${what} ${columns.length}; every row needs the same number of fields (delimiter: ${name}${remedy})`,
    );
  };

  /** Decides header and columns from the first records, then feeds the data among them to the builders. */
  const start = () => {
    const [a, b] = early;
    if (a === undefined) return;
    const named = detectHeader(a.fields, b?.fields, request.missing);
    // A header that alone ends in a delimiter (the Kaggle copy of the Wisconsin breast-cancer data, data.csv: 33
    // names, the last empty, over rows of 32 fields) names no column: pandas reads an empty 'Unnamed: 32' there.
    if (named && b !== undefined && b.fields.length === a.fields.length - 1 && a.fields.at(-1)?.trim() === "") {
      a.fields.pop();
      headerTrailingDelimiter = true;
    }
    const chosen = selectWithHeader(a.fields, named, request, renamed);
    header = chosen.header;
    columns = chosen.columns;
    const groups = chosen.groups;
    const F = columns.length;
    // A row needs at least one byte per field (delimiters and the newline), which bounds the row count.
    const capacity = input.size === undefined ? undefined : Math.ceil(input.size / F) + 2;
    targets = new Array<Target | undefined>(F).fill(undefined);
    builders = groups.map((indices) => {
      const builder = new GroupBuilder(
        indices,
        request.missing,
        (j) => ({ file: input.name, row: rows + 1, line: recordLine, column: columns[indices[j]!]!.name }),
        capacity,
      );
      indices.forEach((c, j) => {
        targets[c] = { builder, j };
      });
      return builder;
    });
    for (const rec of header ? early.slice(1) : early) {
      recordLine = rec.line;
      if (rec.fields.length !== F) fail(rec.fields.length, rec.line);
      for (const g of builders) g.ensureRow();
      rec.fields.forEach((text, c) => {
        const t = targets[c];
        if (t !== undefined) t.builder.text(t.j, text);
      });
      for (const g of builders) g.endRow();
      rows++;
    }
    // Per field: 0 skipped, 1 numeric (fast path first), 2 categorical (text path).
    fast = Uint8Array.from(targets, (t) => (t === undefined ? 0 : t.builder.decoders[t.j]!.labels === null ? 1 : 2));
    fieldGroup = Int32Array.from(targets, (t) => (t === undefined ? -1 : builders.indexOf(t.builder)));
    fieldColumn = Int32Array.from(targets, (t) => t?.j ?? -1);
    datas = builders.map((g) => g.data);
    bases = new Float64Array(builders.length);
    nativeTarget = Int32Array.from(targets, (t) =>
      t === undefined ? -1 : builders.indexOf(t.builder) * 2 ** 20 + t.j,
    );
    native = scanner !== null && builders.length <= 2 && builders.every((b) => b.cols < 2 ** 20) && !fast.includes(2);
  };

  /** Runs the C fast path from p; returns where it stopped (p when it took no record). */
  const scanNative = (buf: Buffer, p: number, end: number): number => {
    const [b0, b1] = builders as [GroupBuilder, GroupBuilder | undefined];
    let room = Math.min(...builders.map((b) => b.data.length / b.cols - b.rows));
    if (room < 1) {
      for (const b of builders) b.ensureRow();
      room = Math.min(...builders.map((b) => b.data.length / b.cols - b.rows));
    }
    scanner!.scan(
      buf,
      p,
      end,
      delim,
      nativeTarget,
      b0.data,
      b0.cols,
      b1?.data ?? null,
      b1?.cols ?? 0,
      b0.rows,
      room,
      nativeResult,
      threads,
    );
    const n = nativeResult[1]!;
    if (n === 0) {
      if (++nativeMisses > 64) native = false;
      return p;
    }
    nativeMisses = 0;
    for (const b of builders) b.rows += n;
    rows += n;
    st.line += n;
    return nativeResult[0]!;
  };

  /** Parses the records of buf[p, end); returns where it stopped (end, or the start of an unfinished record). */
  const parse = (buf: Buffer, p: number, end: number, final: boolean): number => {
    for (;;) {
      p = skipBlankLines(buf, p, end, delim, st, early.length > 0);
      if (p >= end) return end;
      if (native) {
        const q = scanNative(buf, p, end);
        if (q !== p) {
          p = q;
          continue;
        }
      }
      const recStart = p;
      recordLine = st.line;
      if (early.length < 2 && columns.length === 0) {
        if (delimText === undefined) {
          const nl = buf.indexOf(NL, p);
          const firstLine = buf.toString("utf8", p, nl < 0 || nl > end ? end : nl);
          if (input.delimiter === undefined) {
            // The sniff reads two whole lines, whatever the reads' sizes: more is read first, unless the file ends.
            const nl2 = nl < 0 || nl >= end ? -1 : buf.indexOf(NL, nl + 1);
            if ((nl2 < 0 || nl2 > end) && !final) return unfinished(recStart, final);
            delimText = sniffDelimiter(firstLine, nl2 < 0 || nl2 > end ? undefined : buf.toString("utf8", nl + 1, nl2));
          } else delimText = delimiterFromExtension(firstLine, input.delimiter);
        }
        delim = delimText === WHITESPACE || delimText === " " ? WHITESPACE_DELIM : delimText.charCodeAt(0);
        const fields: string[] = [];
        for (;;) {
          if (!scanField(buf, p, end, delim, st)) return unfinished(recStart, final);
          fields.push(fieldText(buf, st));
          p = st.next;
          if (st.last) break;
        }
        early.push({ fields, line: recordLine });
      } else {
        const F = columns.length;
        for (let g = 0; g < builders.length; g++) {
          const b = builders[g]!;
          b.ensureRow();
          datas[g] = b.data;
          bases[g] = b.rows * b.cols;
        }
        let f = 0;
        for (;;) {
          if (f >= F) {
            if (!scanField(buf, p, end, delim, st)) return unfinished(recStart, final);
            fail(countFields(buf, end, f), recordLine);
          }
          const kind = fast[f];
          if (kind === 1) {
            // The fast path: a plain number parsed in place, followed by the delimiter or the line's end.
            const v = readNumber(buf, p, end);
            if (!Number.isNaN(v)) {
              let q = numberEnd.at;
              const stop = q;
              while (q < end && isPad(buf[q]!, delim)) q++;
              const b = q < end ? buf[q]! : NL;
              const ws = delim === WHITESPACE_DELIM;
              if (b === delim || b === NL || (ws && q > stop)) {
                const g = fieldGroup[f]!;
                datas[g]![bases[g]! + fieldColumn[f]!] = v;
                f++;
                if (b === delim) p = q + 1;
                else {
                  p = q;
                  if (b === NL) break;
                }
                continue;
              }
            }
          }
          if (!scanField(buf, p, end, delim, st)) return unfinished(recStart, final);
          if (kind !== 0) {
            const t = targets[f]!;
            t.builder.text(t.j, fieldText(buf, st));
            if (kind === 1 && t.builder.decoders[t.j]!.labels !== null) {
              fast[f] = 2;
              native = false;
            }
          }
          f++;
          p = st.next;
          if (st.last) break;
        }
        if (f !== F) fail(f, recordLine);
        for (const g of builders) g.endRow();
        rows++;
      }
      if (p < end) {
        p++;
        st.line++;
      }
      if (early.length === 2 && columns.length === 0) start();
    }
  };
  const unfinished = (recStart: number, final: boolean): number => {
    if (final) {
      throw new InfonceError(
        "E_PARSE",
        `${input.name}: a quoted field opened on line ${recordLine} is never closed; close the quote or remove it`,
      );
    }
    st.line = recordLine;
    return recStart;
  };
  /** Fields of the current record, field f being scanned last (for the message about a row with too many). */
  const countFields = (buf: Buffer, end: number, f: number): number => {
    let n = f + 1;
    const probe = { ...st };
    while (!probe.last && scanField(buf, probe.next, end, delim, probe)) n++;
    return n;
  };

  let first = true;
  try {
    for (let b = await blocks.next(); b !== null; b = await blocks.next()) {
      // A UTF-8 byte-order mark (Excel's CSV) is not part of the first name.
      const bom = first && b.buf[0] === 0xef && b.buf[1] === 0xbb && b.buf[2] === 0xbf ? 3 : 0;
      first = false;
      blocks.giveBack(b.buf, parse(b.buf, bom, b.buf.length, b.final));
    }
  } finally {
    // A file refused part-way (a bad row fails fast) has its handle closed now, not at garbage collection.
    await blocks.close();
  }
  if (columns.length === 0) start();
  if (columns.length === 0) {
    throw new InfonceError("E_DATA", `${input.name}: no rows (only blank or comment lines)`);
  }
  const delimiter = delimiterName(delimText ?? input.delimiter ?? ",");
  const finished = builders.map((g) => g.finish());
  const decimal = delimiter === ";" || delimiter === "tab" ? readDecimalCommas(finished) : null;
  return {
    columns,
    groups: decimal?.groups ?? finished,
    rows,
    details: {
      format: "csv",
      delimiter,
      header,
      ...(decimal !== null && decimal.converted > 0 ? { decimalComma: true } : {}),
      ...(renamed.length > 0 ? { renamed: renamed.join(", ") } : {}),
      ...(headerTrailingDelimiter ? { headerTrailingDelimiter: true } : {}),
      ...(st.legacy === true ? { encoding: "windows-1252" } : {}),
    },
  };
}
