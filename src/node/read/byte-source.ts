import { open } from "node:fs/promises";

/** Random access to the bytes of a file or an in-memory buffer (stdin is buffered for binary formats). */
export interface ByteSource {
  readonly size: number;
  /** Reads `length` bytes at `offset` (fewer only at the end). The result is a fresh copy the caller may keep. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function fileByteSource(path: string, size: number): Promise<ByteSource> {
  const handle = await open(path, "r");
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await handle.read(buf, got, n - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === n ? buf : buf.subarray(0, got);
    },
    close: () => handle.close(),
  };
}

export function bufferByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.slice(offset, Math.min(bytes.length, offset + length)),
    close: async () => {},
  };
}
