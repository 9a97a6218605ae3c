import { type ParsedElementInfo, type ParsedTokenInfo, TokenType } from "@streamparser/json";
import { InfonceError } from "../../errors.js";
import type { TableRead } from "./table-read.js";

const NL = 10;

/** What a JSON document's values go to: one sink per top-level shape. */
export interface JsonSink {
  /** A value at the parser's path: an element of the top array, or a value two levels into the top object. */
  value(info: ParsedElementInfo): void;
  /** Bytes read so far (before the next chunk is parsed). */
  consumed(bytes: number): void;
  finish(): TableRead;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A JSON value in a few words, for messages. */
export function describeJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const shown = JSON.stringify(v).slice(0, 30);
  return `the ${typeof v} ${shown}`;
}

/**
 * Line and column of a byte offset in a stream fed chunk by chunk: newlines are counted in each chunk once it has
 * been parsed (one indexOf pass), so the place of an error in the current chunk is exact. Chunks hold the stream's
 * bytes; the parser's offsets leave out a BOM, whose length is `shift`. Columns count bytes.
 */
export class ChunkLines {
  private start = 0;
  private lines = 0;
  private lastNewline = -1;
  private chunk: Uint8Array = new Uint8Array(0);

  constructor(private readonly shift: number) {}

  /** The chunk about to be parsed (the one before it is done). */
  next(chunk: Uint8Array): void {
    for (let i = this.chunk.indexOf(NL); i >= 0; i = this.chunk.indexOf(NL, i + 1)) {
      this.lines++;
      this.lastNewline = this.start + i;
    }
    this.start += this.chunk.length;
    this.chunk = chunk;
  }

  /** "line L, column C" of a parser offset (1-based), or "byte B" when it lies before the current chunk. */
  where(offset: number): string {
    const pos = offset + this.shift;
    const at = pos - this.start;
    if (at < 0 || at > this.chunk.length) return `byte ${pos}`;
    let line = this.lines + 1;
    let lineStart = this.lastNewline + 1;
    for (let i = this.chunk.indexOf(NL); i >= 0 && i < at; i = this.chunk.indexOf(NL, i + 1)) {
      line++;
      lineStart = this.start + i + 1;
    }
    return `line ${line}, column ${pos - lineStart + 1}`;
  }
}

/**
 * Follows the tokens of one JSON document: its depth, the offset of the last token and of the first token of the
 * current top-level member (an element of the top array, or a key of the top object, whose name it keeps). In a
 * top-level object every member must be an object or an array (a column): a scalar there is an E_PARSE error, as is
 * any token after the document has closed.
 */
export class JsonCursor {
  offset = 0;
  memberStart = 0;
  key: string | undefined;
  private depth = 0;
  private objectTop = false;
  private fresh = false;
  private afterColon = false;
  private ended = false;

  constructor(
    private readonly file: string,
    private readonly lines: ChunkLines,
  ) {}

  where(offset = this.offset): string {
    return this.lines.where(offset);
  }

  see(t: ParsedTokenInfo): void {
    this.offset = t.offset;
    const tok = t.token;
    if (this.ended) {
      throw new InfonceError(
        "E_PARSE",
        `${this.file}: text after the end of the JSON document at ${this.where()}; a .json file holds one value (one object per line is JSON Lines: name it .jsonl)`,
      );
    }
    const open = tok === TokenType.LEFT_BRACE || tok === TokenType.LEFT_BRACKET;
    const close = tok === TokenType.RIGHT_BRACE || tok === TokenType.RIGHT_BRACKET;
    if (this.depth === 1) {
      if (tok === TokenType.COMMA) this.fresh = true;
      else if (tok === TokenType.COLON) this.afterColon = true;
      else if (!close) {
        if (this.fresh) {
          this.memberStart = t.offset;
          this.fresh = false;
          if (this.objectTop) this.key = String(t.value);
        } else if (this.objectTop && this.afterColon) {
          this.afterColon = false;
          if (!open) this.scalarMember();
        }
      }
    }
    if (open) {
      if (this.depth === 0) {
        this.objectTop = tok === TokenType.LEFT_BRACE;
        this.fresh = true;
      }
      this.depth++;
    } else if (close && --this.depth === 0) this.ended = true;
  }

  private scalarMember(): never {
    throw new InfonceError(
      "E_PARSE",
      `${this.file}: '${this.key}' at ${this.where(this.memberStart)} holds one value, not a column; a JSON table is an array of records or a DataFrame's to_json() (one record or a pandas Series is no table: write the DataFrame with orient='records')`,
    );
  }
}
