const SPACE = 32;
const TAB = 9;
const CR = 13;
const NL = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

/** The index of the first byte at or after p that is no space, tab or CR (nor a newline when `newlines`). */
function skip(head: Uint8Array, p: number, newlines: boolean): number {
  while (p < head.length) {
    const c = head[p]!;
    if (c !== SPACE && c !== TAB && c !== CR && !(newlines && c === NL)) break;
    p++;
  }
  return p;
}

/** The index of the first byte after a UTF-8 BOM (0 when there is none). */
export function afterBom(head: Uint8Array): number {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/**
 * Whether text that starts with `head` is one JSON document ("json": a records array `[{…}, …]`, pandas'
 * `{"x":{"0":…}}`, `{"columns":[…], …}`, a dict of lists, a pretty-printed object) or JSON Lines ("jsonl": one
 * flat object per line); undefined when its first non-space byte is neither `[` nor `{`. An object is one document
 * when its first line ends before its first key, or its first value is an object (a column of pandas'
 * orient='columns' or 'index', a table's schema), or its first key is `columns` holding an array
 * (orient='split'), or its first line is followed by anything but another `{` (or by nothing, when `complete`: the
 * head is the whole text). When the head ends inside the first line, or first key, it cannot tell: `unsure`.
 */
export function jsonTextKind(head: Uint8Array, complete = false, unsure: "json" | "jsonl" = "jsonl") {
  let p = skip(head, afterBom(head), true);
  if (head[p] === OPEN_BRACKET) return "json";
  if (head[p] !== OPEN_BRACE) return undefined;
  p = skip(head, p + 1, false);
  if (head[p] === NL) return "json";
  if (head[p] === QUOTE) {
    const start = p + 1;
    for (p = start; p < head.length && head[p] !== QUOTE; p++) if (head[p] === BACKSLASH) p++;
    if (p >= head.length) return unsure;
    const key = new TextDecoder().decode(head.subarray(start, p));
    p = skip(head, p + 1, false);
    if (head[p] === NL) return "json";
    if (head[p] === COLON) {
      p = skip(head, p + 1, false);
      if (head[p] === NL || head[p] === OPEN_BRACE) return "json";
      if (key === "columns" && head[p] === OPEN_BRACKET) return "json";
    }
  }
  const nl = head.indexOf(NL, p);
  if (nl < 0) return complete ? "json" : unsure;
  const next = skip(head, nl + 1, true);
  if (next < head.length) return head[next] === OPEN_BRACE ? "jsonl" : "json";
  return complete ? "json" : unsure;
}
