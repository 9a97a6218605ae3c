/** The UTF-16 encoding a byte-order mark declares (FF FE little-endian, FE FF big-endian), else null. */
export function utf16Bom(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return null;
}

/**
 * UTF-16 text (Excel's "Unicode Text" export, pandas' `encoding="utf-16"`) as chunks of UTF-8 bytes, the mark
 * dropped, streaming (a code unit split between two chunks waits in the decoder): the text readers parse UTF-8
 * bytes, and read as such every other byte was a NUL and the names came out spaced (`P a s s e n g e r`).
 */
export async function* utf8FromUtf16(
  chunks: AsyncIterable<Buffer | string>,
  encoding: "utf-16le" | "utf-16be",
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const c of chunks) {
    const text = decoder.decode(typeof c === "string" ? Buffer.from(c) : c, { stream: true });
    if (text !== "") yield Buffer.from(text, "utf8");
  }
  const tail = decoder.decode();
  if (tail !== "") yield Buffer.from(tail, "utf8");
}
