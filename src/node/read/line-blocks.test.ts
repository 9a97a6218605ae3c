import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileChunks } from "./file-chunks.js";
import { LineBlocks } from "./line-blocks.js";

const dir = mkdtempSync(join(tmpdir(), "infonce-line-blocks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A source that keeps only the promise LineBlocks relies on: a chunk is overwritten (with 0xff, which is not in
 * the text) as soon as two more have been pulled after it. A block that leaned on a chunk longer shows as 0xff.
 */
async function* reusing(text: Buffer, size: number): AsyncGenerator<Buffer> {
  const ring = [Buffer.alloc(size), Buffer.alloc(size), Buffer.alloc(size)];
  for (let at = 0, k = 0; at < text.length; at += size, k++) {
    const buf = ring[k % 3]!;
    buf.fill(0xff);
    const n = text.copy(buf, 0, at, Math.min(at + size, text.length));
    yield buf.subarray(0, n);
  }
}

/** Every block, copied as it comes; what the parser gives back is the unfinished last line (as a quoted field). */
async function drain(blocks: LineBlocks, giveBackLast: boolean): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let b = await blocks.next(); b !== null; b = await blocks.next()) {
    const nl = b.buf.lastIndexOf(10, b.buf.length - 2);
    const used = giveBackLast && !b.final && nl >= 0 ? nl + 1 : b.buf.length;
    out.push(Buffer.from(b.buf.subarray(0, used)));
    blocks.giveBack(b.buf, used);
  }
  return out;
}

describe("LineBlocks over a source that reuses its buffers", () => {
  // Short lines, then lines of 2.5 and 7 chunk lengths (gathered over several pulls), then short ones again.
  const line = (n: number, c: string) => `${c.repeat(n)}\n`;
  const text = Buffer.from(
    [
      ...Array.from({ length: 40 }, (_, i) => line(3 + (i % 5), "a")),
      line(250, "b"),
      line(9, "c"),
      line(700, "d"),
      ...Array.from({ length: 40 }, (_, i) => line(1 + (i % 7), "e")),
      "no final newline",
    ].join(""),
  );

  it("hands out every byte once, in order, each block ending at a newline", async () => {
    const blocks = await drain(new LineBlocks(reusing(text, 100)), false);
    expect(Buffer.concat(blocks).equals(text)).toBe(true);
    for (const b of blocks.slice(0, -1)) expect(b[b.length - 1]).toBe(10);
  });

  it("keeps a given-back tail intact across the pulls that follow", async () => {
    const blocks = await drain(new LineBlocks(reusing(text, 100)), true);
    expect(Buffer.concat(blocks).equals(text)).toBe(true);
  });

  it("reads a file through fileChunks byte for byte, past the ring's length, and closes it when stopped early", async () => {
    const big = Buffer.from(
      Array.from({ length: 120_000 }, (_, i) => `${i},${(i * 0.37).toFixed(5)},${"z".repeat(i % 97)}\n`).join(""),
    );
    const path = join(dir, "big.csv");
    writeFileSync(path, big);
    expect(big.length).toBeGreaterThan(5 * 2 ** 20);
    expect(Buffer.concat(await drain(new LineBlocks(fileChunks(path)), true)).equals(big)).toBe(true);
    // Stopped after its first block: what it still hands out is what it had in hand (under two reads), no more.
    const early = new LineBlocks(fileChunks(path));
    const head = (await early.next())?.buf.length ?? 0;
    await early.close();
    const rest = await drain(early, false);
    expect(head).toBeGreaterThan(0);
    expect(head + Buffer.concat(rest).length).toBeLessThan(2 * 2 ** 20);
  });
});
