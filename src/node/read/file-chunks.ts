import { open } from "node:fs/promises";

/** Bytes per read: fewer, larger blocks for the text readers (a callback per 64 KiB costs more). */
const CHUNK_BYTES = 1 << 20;
/** Buffers in the ring: the chunk handed out, the one being read ahead, and two the consumer may still hold. */
const RING = 4;

/**
 * The bytes of a file as chunks read into a ring of RING reused buffers, one read always in flight ahead of the
 * consumer. A chunk stays valid until two more have been pulled after it (LineBlocks copies what it keeps longer).
 *
 * Why not createReadStream: it reads each MiB into a fresh allocation, and on this kind of machine first-touching
 * fresh pages is the expensive part — reading a 181 MB CSV through the stream took 250–290 ms of CPU, through
 * this ring 35–50 ms (bench/e2e-read.ts's file, page cache warm). The handle is closed at the end, on an error,
 * and when the consumer stops early (return()).
 */
export async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  const ring = Array.from({ length: RING }, () => Buffer.allocUnsafe(CHUNK_BYTES));
  let position = 0;
  let k = 0;
  const readInto = (buf: Buffer) => handle.read(buf, 0, buf.length, position);
  let pending = readInto(ring[0]!);
  try {
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      k = (k + 1) % RING;
      pending = readInto(ring[k]!);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // The read ahead may still be in flight (the consumer stopped early): let it finish before the handle goes.
    await pending.catch(() => undefined);
    await handle.close();
  }
}
