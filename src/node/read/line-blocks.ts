/**
 * Cuts a byte stream into blocks that end at a newline (the last block at the end of the stream), so a parser
 * never sees half a line. A parser that stops inside a record (a quoted field running past the block) gives the
 * rest back; it is retried only once at least twice as many bytes are at hand, so a record spanning many reads
 * is re-scanned a bounded number of times: reading stays linear in the file size whatever the line lengths.
 * The line cut between two reads is joined in a small "bridge" block, so the bulk of each read is parsed where it
 * lies, never copied.
 *
 * A chunk from the source need only stay valid until two more have been pulled (fileChunks reuses its buffers):
 * a chunk kept longer — a line longer than a read, gathered over several pulls — is copied as it is kept.
 */
export class LineBlocks {
  private readonly it: AsyncIterator<Buffer | string>;
  /** carry is a view of a source chunk (not yet copied). */
  private carryIsView = false;
  private carry: Buffer | null = null;
  /** The rest of a read whose first line went out in a bridge block. */
  private queued: Buffer | null = null;
  private minLength = 0;
  private ended = false;

  constructor(chunks: AsyncIterable<Buffer | string>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  /** Stops the source early (its file handle closes); the blocks handed out are not to be used after. */
  async close(): Promise<void> {
    await this.it.return?.();
  }

  /** The next block and whether it is the last; null when the stream is done. */
  async next(): Promise<{ readonly buf: Buffer; readonly final: boolean } | null> {
    if (this.queued !== null) {
      const buf = this.queued;
      this.queued = null;
      return { buf, final: false };
    }
    const parts: Buffer[] = this.carry === null ? [] : [this.carry];
    let length = this.carry?.length ?? 0;
    let firstIsView = this.carry !== null && this.carryIsView;
    this.carry = null;
    while (!this.ended) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      const c = typeof r.value === "string" ? Buffer.from(r.value) : r.value;
      const k = c.lastIndexOf(10);
      if (k < 0 || length + k + 1 < this.minLength) {
        // Kept over more pulls than the source guarantees: copied (each byte once).
        if (firstIsView) {
          parts[0] = Buffer.from(parts[0]!);
          firstIsView = false;
        }
        parts.push(typeof r.value === "string" ? c : Buffer.from(c));
        length += c.length;
        continue;
      }
      if (k + 1 < c.length) {
        this.carry = c.subarray(k + 1);
        this.carryIsView = true;
      }
      if (parts.length === 0) return { buf: c.subarray(0, k + 1), final: false };
      const first = c.indexOf(10);
      if (first < k) this.queued = c.subarray(first + 1, k + 1);
      return { buf: Buffer.concat([...parts, c.subarray(0, first + 1)]), final: false };
    }
    if (length === 0) return null;
    return { buf: parts.length === 1 ? parts[0]! : Buffer.concat(parts), final: true };
  }

  /** Gives back the unparsed end of the last block (from `used`): it comes first in the next block. */
  giveBack(buf: Buffer, used: number): void {
    if (used >= buf.length) {
      this.minLength = 0;
      return;
    }
    const rest = [buf.subarray(used), this.queued, this.carry].filter((b): b is Buffer => b !== null);
    this.queued = null;
    this.carry = Buffer.concat(rest);
    this.carryIsView = false;
    this.minLength = 2 * rest.length;
  }
}
